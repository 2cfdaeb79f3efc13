package dev.quarry.cli;

import dev.quarry.core.Matter;
import dev.quarry.core.QuarryException;
import java.io.Console;
import java.nio.file.Path;

/** Passwords come from an environment variable or a prompt, never from the command line itself. */
final class Passwords {
    private Passwords() {}

    static char[] fromEnv(String var) {
        if (var == null) return null;
        String v = System.getenv(var);
        if (v == null || v.isEmpty()) {
            throw new QuarryException("The environment variable " + var + " holds no password.");
        }
        return v.toCharArray();
    }

    /** The password for an existing matter: from --password-env, else asked on the terminal when it is encrypted. */
    static char[] forMatter(Path dir, String envVar) {
        if (envVar != null) return fromEnv(envVar);
        if (!Matter.isMatter(dir) || !Matter.isEncrypted(dir)) return null;
        Console console = System.console();
        if (console == null) {
            throw new QuarryException("This matter is encrypted; pass --password-env VAR with the password in VAR.");
        }
        return console.readPassword("Password for %s: ", dir);
    }

    static Matter open(Path dir, String envVar) {
        return Matter.open(dir, forMatter(dir, envVar));
    }
}
