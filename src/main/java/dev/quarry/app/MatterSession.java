package dev.quarry.app;

import dev.quarry.core.Matter;
import dev.quarry.core.Settings;
import dev.quarry.documents.DocumentRepository;
import dev.quarry.documents.ImportService;
import dev.quarry.documents.Importers;
import dev.quarry.retrieval.HfTokenCounter;
import dev.quarry.retrieval.ModelManifest;
import dev.quarry.retrieval.Retrieval;

/**
 * Everything wired for one open matter: the composition root that the desktop app and the command line
 * share. Built with constructors only; closing it closes the matter and releases the model.
 */
public final class MatterSession implements AutoCloseable {
    private final Matter matter;
    private final ModelManifest model;
    private final HfTokenCounter tokens;
    private final ImportService imports;
    private final DocumentRepository documents;
    private Retrieval retrieval;

    public MatterSession(Matter matter) {
        this.matter = matter;
        this.model = ModelManifest.load(matter.settings().get(Settings.EMBEDDING_MODEL));
        this.model.verify();
        this.tokens = new HfTokenCounter(model);
        this.imports = new ImportService(matter, Importers.defaults(), tokens, importThreads());
        this.documents = new DocumentRepository(matter.db());
    }

    /** Parsing threads: all cores but keep one for the writer and the UI on small machines. */
    public static int importThreads() {
        String env = System.getenv("QUARRY_IMPORT_THREADS");
        if (env != null && env.matches("\\d+")) return Math.max(1, Integer.parseInt(env));
        return Math.max(1, Runtime.getRuntime().availableProcessors());
    }

    public Matter matter() { return matter; }
    public ModelManifest model() { return model; }
    public HfTokenCounter tokens() { return tokens; }
    public ImportService imports() { return imports; }
    public DocumentRepository documents() { return documents; }

    /**
     * Deficiency review of this matter, judging documents with the shared evidence engine (retrieval and the
     * typed parsers offline; the model through {@code gateway} when the analysis is not offline).
     */
    public dev.quarry.deficiency.DeficiencyService deficiency(dev.quarry.llm.LlmGateway gateway) {
        return new dev.quarry.deficiency.DeficiencyService(matter.db(), documents,
                new dev.quarry.evidence.EvidenceEngine(matter, retrieval(), gateway));
    }

    /** Search and embedding for this matter; the model and indexes are loaded on first use. */
    public synchronized Retrieval retrieval() {
        if (retrieval == null) retrieval = new Retrieval(matter, model);
        return retrieval;
    }

    @Override
    public void close() {
        try {
            synchronized (this) {
                if (retrieval != null) retrieval.close();
            }
            tokens.close();
        } finally {
            matter.close();
        }
    }
}
