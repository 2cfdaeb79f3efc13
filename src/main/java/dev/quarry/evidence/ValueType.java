package dev.quarry.evidence;

/** What kind of value a criterion asks for; it picks the typed parser and how the value is normalised. */
public enum ValueType {
    /** Free text, kept as found (governing law normalises to the jurisdiction's name). */
    TEXT,
    /** A number, with its unit when the text gives one ("thirty (30) days" is 30 days); money keeps its currency. */
    NUMBER,
    /** A date, normalised to ISO 8601 (yyyy-MM-dd). */
    DATE,
    /** One of the criterion's categories (or several when it allows multiple; "other" when it allows other). */
    CATEGORY,
    /** Yes or no: does the document say it. */
    BOOLEAN
}
