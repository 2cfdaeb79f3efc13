package dev.quarry.letters;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The dates a letter states, computed, never typed.
 *
 * @param respondBy        the date demanded for amended responses and production: the letter's date plus the
 *                         days given, rolled to the next court day (FRCP 6(a)(1)(C) and 6(a)(6); CCP 12a, 135)
 * @param motionToCompelBy California only: the last day to give notice of a motion to compel further responses
 *                         (CCP 2031.310(c)); null for federal and plain letters
 * @param steps            how each date was reached, one sentence per step, for the app and the ADR's checks
 */
public record Deadlines(LocalDate respondBy, LocalDate motionToCompelBy, List<String> steps) {
    public Deadlines {
        steps = List.copyOf(steps);
    }

    /**
     * @param style           federal, california or plain (plain follows federal counting: weekends and federal holidays)
     * @param letterDate      the letter's date (null: no respond-by date)
     * @param respondWithin   the days given to respond (null: none)
     * @param servedOn        when the verified responses were served (null: no motion deadline)
     * @param service         how they were served (null: no motion deadline)
     */
    public static Deadlines compute(String style, LocalDate letterDate, Integer respondWithin, LocalDate servedOn, Service service) {
        boolean california = "california".equals(style);
        CourtCalendar cal = california ? CourtCalendar.california() : CourtCalendar.federal();
        List<String> steps = new ArrayList<>();
        LocalDate respondBy = null;
        if (letterDate != null && respondWithin != null) {
            LocalDate raw = letterDate.plusDays(respondWithin);
            respondBy = cal.rollForward(raw);
            steps.add("Respond by: " + letterDate + " + " + respondWithin + " days = " + raw + describe(cal, raw, respondBy)
                    + (california ? " (CCP §§ 12a, 135)." : " (Fed. R. Civ. P. 6(a)(1)(C), 6(a)(6))."));
        }
        LocalDate motion = null;
        if (california && servedOn != null && service != null) {
            LocalDate base = servedOn.plusDays(45);
            steps.add("Motion to compel: responses served " + servedOn + " " + service.phrase + "; + 45 days (CCP § 2031.310(c)) = " + base + ".");
            LocalDate extended = base;
            if (service.calendarDays > 0) {
                extended = base.plusDays(service.calendarDays);
                steps.add("+ " + service.calendarDays + " calendar days (" + service.rule + ") = " + extended + ".");
            } else if (service.courtDays > 0) {
                extended = cal.plusCourtDays(base, service.courtDays);
                steps.add("+ " + service.courtDays + " court days after the 45th day (" + service.rule + ") = " + extended + ".");
            }
            motion = cal.rollForward(extended);
            if (!motion.equals(extended)) {
                steps.add(extended + describe(cal, extended, motion) + " (CCP §§ 12a, 135).");
            }
            steps.add("Last day to give notice of the motion: " + motion + ".");
        }
        return new Deadlines(respondBy, motion, steps);
    }

    private static String describe(CourtCalendar cal, LocalDate raw, LocalDate rolled) {
        if (raw.equals(rolled)) return ", a court day";
        String why = cal.holiday(raw).map(h -> " is " + h).orElse(" is a " + raw.getDayOfWeek().toString().charAt(0)
                + raw.getDayOfWeek().toString().substring(1).toLowerCase(java.util.Locale.ROOT));
        return ";" + why + ", so the next court day, " + rolled;
    }
}
