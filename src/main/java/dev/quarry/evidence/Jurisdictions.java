package dev.quarry.evidence;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Governing law normalised to the jurisdiction's name: "the laws of the State of New York" is New York,
 * "Province of Ontario, Canada" Ontario, "English law" and "England; Wales" England and Wales, "the PRC"
 * China. A state or province is more specific than its country and wins over it; otherwise the first named.
 */
public final class Jurisdictions {
    private Jurisdictions() {}

    /** One jurisdiction named in a text. {@code level}: 2 a state/province/territory, 1 a country. */
    public record Found(String name, int level, int start, int end) {}

    private static final Map<String, String> SUBNATIONAL = new LinkedHashMap<>();
    private static final Map<String, String> COUNTRIES = new LinkedHashMap<>();

    static {
        for (String s : List.of("Alabama", "Alaska", "Arizona", "Arkansas", "California", "Colorado", "Connecticut", "Delaware",
                "Florida", "Georgia", "Hawaii", "Idaho", "Illinois", "Indiana", "Iowa", "Kansas", "Kentucky", "Louisiana", "Maine",
                "Maryland", "Massachusetts", "Michigan", "Minnesota", "Mississippi", "Missouri", "Montana", "Nebraska", "Nevada",
                "New Hampshire", "New Jersey", "New Mexico", "New York", "North Carolina", "North Dakota", "Ohio", "Oklahoma",
                "Oregon", "Pennsylvania", "Rhode Island", "South Carolina", "South Dakota", "Tennessee", "Texas", "Utah",
                "Vermont", "Virginia", "Washington", "West Virginia", "Wisconsin", "Wyoming", "District of Columbia", "Puerto Rico",
                // Canada
                "Ontario", "Quebec", "British Columbia", "Alberta", "Manitoba", "Saskatchewan", "Nova Scotia", "New Brunswick",
                "Newfoundland and Labrador", "Prince Edward Island", "Yukon",
                // Australia
                "New South Wales", "Victoria", "Queensland", "Western Australia", "South Australia", "Tasmania",
                // elsewhere
                "Hong Kong", "Macau", "Scotland", "Northern Ireland", "Bermuda", "Cayman Islands", "British Virgin Islands")) {
            SUBNATIONAL.put(s.toLowerCase(Locale.ROOT), s);
        }
        SUBNATIONAL.put("washington, d.c.", "District of Columbia");
        SUBNATIONAL.put("washington d.c.", "District of Columbia");
        SUBNATIONAL.put("québec", "Quebec");
        SUBNATIONAL.put("commonwealth of massachusetts", "Massachusetts");
        SUBNATIONAL.put("commonwealth of pennsylvania", "Pennsylvania");
        SUBNATIONAL.put("commonwealth of virginia", "Virginia");
        SUBNATIONAL.put("commonwealth of kentucky", "Kentucky");
        SUBNATIONAL.put("england and wales", "England and Wales");
        SUBNATIONAL.put("england & wales", "England and Wales");
        SUBNATIONAL.put("england", "England and Wales");
        SUBNATIONAL.put("english", "England and Wales");
        SUBNATIONAL.put("wales", "England and Wales");

        for (String c : List.of("Canada", "Australia", "China", "Israel", "Germany", "France", "Spain", "Italy", "Netherlands",
                "Switzerland", "Sweden", "Norway", "Denmark", "Finland", "Ireland", "Japan", "Korea", "Singapore", "India", "Mexico",
                "Brazil", "Argentina", "Chile", "Belgium", "Austria", "Luxembourg", "Taiwan", "Thailand", "Malaysia", "Indonesia",
                "Philippines", "Vietnam", "Kazakhstan", "Russia", "Poland", "Turkey", "South Africa", "New Zealand", "Papua New Guinea",
                "United Arab Emirates", "Saudi Arabia", "Egypt", "Nigeria", "Kenya", "Greece", "Portugal", "Cyprus", "Malta",
                "United Kingdom", "United States", "Hungary", "Czech Republic", "Romania", "Ukraine", "Colombia", "Peru")) {
            COUNTRIES.put(c.toLowerCase(Locale.ROOT), c);
        }
        COUNTRIES.put("people's republic of china", "China");
        COUNTRIES.put("peoples republic of china", "China");
        COUNTRIES.put("p.r.c.", "China");
        COUNTRIES.put("prc", "China");
        COUNTRIES.put("chinese", "China");
        COUNTRIES.put("the netherlands", "Netherlands");
        COUNTRIES.put("dutch", "Netherlands");
        COUNTRIES.put("german", "Germany");
        COUNTRIES.put("french", "France");
        COUNTRIES.put("swiss", "Switzerland");
        COUNTRIES.put("israeli", "Israel");
        COUNTRIES.put("canadian", "Canada");
        COUNTRIES.put("republic of korea", "Korea");
        COUNTRIES.put("south korea", "Korea");
        COUNTRIES.put("republic of kazakhstan", "Kazakhstan");
        COUNTRIES.put("republic of south africa", "South Africa");
        COUNTRIES.put("republic of singapore", "Singapore");
        COUNTRIES.put("u.k.", "United Kingdom");
        COUNTRIES.put("uk", "United Kingdom");
        COUNTRIES.put("great britain", "United Kingdom");
        COUNTRIES.put("united states of america", "United States");
        COUNTRIES.put("u.s.a.", "United States");
        COUNTRIES.put("usa", "United States");
        COUNTRIES.put("u.s.", "United States");
    }

    private static final Pattern NAMES = names();

    private static Pattern names() {
        List<String> all = new ArrayList<>(SUBNATIONAL.keySet());
        all.addAll(COUNTRIES.keySet());
        all.sort(Comparator.comparingInt(String::length).reversed()); // longest first: "West Virginia" before "Virginia"
        StringBuilder sb = new StringBuilder("(?<![\\p{L}])(");
        for (int i = 0; i < all.size(); i++) {
            if (i > 0) sb.append('|');
            sb.append(Pattern.quote(all.get(i)).replace(" ", "\\E\\s+\\Q"));
        }
        return Pattern.compile(sb.append(")(?![\\p{L}])").toString(), Pattern.CASE_INSENSITIVE);
    }

    /** Every jurisdiction named, in order. Abbreviations ("UK", "PRC", "USA") count only in capitals. */
    public static List<Found> findAll(String text) {
        List<Found> out = new ArrayList<>();
        if (text == null) return out;
        Matcher m = NAMES.matcher(text);
        while (m.find()) {
            String key = m.group(1).toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
            String raw = m.group(1);
            if (key.length() <= 3 && !raw.equals(raw.toUpperCase(Locale.ROOT))) continue; // "usa" inside a word list, "us"
            // "Washington" the state, unless it is the capital or a person's name in a party block we cannot tell apart.
            String sub = SUBNATIONAL.get(key);
            if (sub != null) out.add(new Found(sub, 2, m.start(), m.end()));
            else out.add(new Found(COUNTRIES.get(key), 1, m.start(), m.end()));
        }
        return out;
    }

    /**
     * The jurisdiction a governing-law text names: the first state/province named, else the first country;
     * empty when it names none.
     */
    public static Optional<String> normalise(String text) {
        List<Found> all = findAll(text);
        for (Found f : all) if (f.level() == 2) return Optional.of(f.name());
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0).name());
    }

    private static final Pattern GOVERNED = Pattern.compile(
            "(governed\\s+by|constru\\w+\\s+(?:in\\s+accordance\\s+with|under)|interpreted\\s+(?:in\\s+accordance\\s+with|under)"
                    + "|governing\\s+law|subject\\s+to\\s+the\\s+laws?|in\\s+accordance\\s+with\\s+the\\s+laws?|laws?\\s+of\\s+the|laws?\\s+of)",
            Pattern.CASE_INSENSITIVE);

    /**
     * The governing law a passage states: the jurisdiction named closest after a governing-law cue
     * ("governed by ... the laws of the State of Delaware"), within {@code window} characters; empty when none.
     */
    public static Optional<Found> governingLaw(String passage, int window) {
        if (passage == null) return Optional.empty();
        Matcher cue = GOVERNED.matcher(passage);
        List<Found> all = findAll(passage);
        while (cue.find()) {
            Found best = null;
            for (Found f : all) {
                if (f.start() < cue.start() || f.start() > cue.end() + window) continue;
                if (best == null) best = f;
                else if (f.level() > best.level() && f.start() - best.end() < 40) best = f; // "Canada ... Province of Ontario"
                if (best.level() == 2) break;
            }
            if (best != null) return Optional.of(best);
        }
        return Optional.empty();
    }
}
