package dev.quarry.qa;

import java.util.Locale;

/**
 * Seed 001's answer types plus extractive (answered from quoted passages, no model) and reviewed (the answer a
 * reviewer recorded for the same question, given again instead of asking anew).
 */
public enum AnswerType {
    GROUNDED, EXTRACTIVE, INSUFFICIENT_EVIDENCE, ERROR, REVIEWED;

    public String db() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static AnswerType of(String s) {
        return valueOf(s.toUpperCase(Locale.ROOT));
    }
}
