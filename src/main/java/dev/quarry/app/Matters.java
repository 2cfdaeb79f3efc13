package dev.quarry.app;

import dev.quarry.core.Matter;
import java.nio.file.Path;

/**
 * Creates and opens matters into ready {@link MatterSession}s. Every call touches disk (and loads the
 * tokenizer): run it through the {@link TaskRunner}.
 */
public class Matters {

    public boolean isMatter(Path dir) {
        return Matter.isMatter(dir);
    }

    public boolean isEncrypted(Path dir) {
        return Matter.isEncrypted(dir);
    }

    public MatterSession create(Path dir, String name, char[] password, String embeddingModel) {
        Matter m = Matter.create(dir, name, password, embeddingModel);
        return session(m);
    }

    public MatterSession open(Path dir, char[] password) {
        return session(Matter.open(dir, password));
    }

    private static MatterSession session(Matter m) {
        try {
            return new MatterSession(m);
        } catch (RuntimeException e) {
            m.close();
            throw e;
        }
    }
}
