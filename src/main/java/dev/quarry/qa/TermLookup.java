package dev.quarry.qa;

/** Whether a word or phrase occurs anywhere in the matter (for the answerability check, seed 003). */
public interface TermLookup {
    boolean occurs(String termOrPhrase);
}
