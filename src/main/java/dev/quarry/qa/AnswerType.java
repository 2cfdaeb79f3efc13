package dev.quarry.qa;

import java.util.Locale;

/** Seed 001's answer types plus extractive (answered from quoted passages, no model). */
public enum AnswerType {
    GROUNDED, EXTRACTIVE, INSUFFICIENT_EVIDENCE, ERROR;

    public String db() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static AnswerType of(String s) {
        return valueOf(s.toUpperCase(Locale.ROOT));
    }
}
