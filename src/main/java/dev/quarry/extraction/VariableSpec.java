package dev.quarry.extraction;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.quarry.core.QuarryException;
import dev.quarry.evidence.ValueType;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A variable as the user defines it (one entry of VARS.json). The seed's rules: the name is a valid
 * identifier of 1–255 characters (letters, digits, underscores, not starting with a digit), the
 * instructions are 10–5,000 characters, categories are given for a CATEGORY variable and only for it.
 */
public record VariableSpec(@JsonProperty("name") String name, @JsonProperty("type") ValueType type,
                           @JsonProperty("instructions") String instructions,
                           @JsonProperty("categories") List<String> categories,
                           @JsonProperty("allow_multiple") boolean allowMultiple,
                           @JsonProperty("allow_other") boolean allowOther) {
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    public static final int MIN_INSTRUCTIONS = 10;
    public static final int MAX_INSTRUCTIONS = 5000;

    public VariableSpec {
        name = name == null ? null : name.strip();
        instructions = instructions == null ? null : instructions.strip();
        categories = categories == null ? List.of()
                : List.copyOf(new LinkedHashSet<>(categories.stream().filter(c -> c != null && !c.isBlank()).map(String::strip).toList()));
    }

    /** Every rule this definition breaks, as sentences; empty when it is valid. */
    public List<String> problems() {
        List<String> out = new ArrayList<>();
        String who = name == null || name.isEmpty() ? "A variable" : "Variable '" + name + "'";
        if (name == null || name.isEmpty()) out.add("A variable has no name.");
        else if (name.length() > 255) out.add(who + ": the name is longer than 255 characters.");
        else if (!IDENTIFIER.matcher(name).matches()) {
            out.add(who + ": the name must be an identifier (letters, digits and underscores, not starting with a digit), e.g. governing_law.");
        }
        if (type == null) out.add(who + ": the type must be one of TEXT, NUMBER, DATE, CATEGORY, BOOLEAN.");
        int n = instructions == null ? 0 : instructions.length();
        if (n < MIN_INSTRUCTIONS || n > MAX_INSTRUCTIONS) {
            out.add(who + ": the instructions must be 10 to 5,000 characters (they are " + n + ").");
        }
        if (type == ValueType.CATEGORY && categories.isEmpty()) out.add(who + ": a CATEGORY variable needs its categories.");
        if (type != null && type != ValueType.CATEGORY && (!categories.isEmpty() || allowMultiple || allowOther)) {
            out.add(who + ": only a CATEGORY variable has categories, allow_multiple or allow_other.");
        }
        return out;
    }

    public VariableSpec validated() {
        List<String> p = problems();
        if (!p.isEmpty()) throw new QuarryException(String.join(" ", p));
        return this;
    }

    /** Checks a whole schema: each variable, and names unique (case-insensitively, since Stata and R fold them). */
    public static List<VariableSpec> validateAll(List<VariableSpec> specs) {
        if (specs == null || specs.isEmpty()) throw new QuarryException("The variables list is empty: define at least one variable.");
        List<String> problems = new ArrayList<>();
        LinkedHashSet<String> seen = new LinkedHashSet<>();
        for (VariableSpec s : specs) {
            if (s == null) {
                problems.add("A variable is null.");
                continue;
            }
            problems.addAll(s.problems());
            if (s.name() != null && !seen.add(s.name().toLowerCase())) problems.add("Variable '" + s.name() + "' is defined twice.");
        }
        if (!problems.isEmpty()) throw new QuarryException(String.join(" ", problems));
        return List.copyOf(specs);
    }
}
