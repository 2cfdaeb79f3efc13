package dev.quarry.deficiency;

import dev.quarry.core.QuarryException;

/** A requests or responses document that could not be parsed: the message names the part that failed. */
public final class ParseFailure extends QuarryException {
    private final String part;

    public ParseFailure(String file, String part, String why) {
        super("Could not read the " + part + " of " + file + ": " + why);
        this.part = part;
    }

    /** Which part failed: caption, definitions, instructions, requests, responses, general objections. */
    public String part() {
        return part;
    }
}
