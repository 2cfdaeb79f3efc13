package dev.quarry.letters;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.temporal.TemporalAdjusters;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The days a court is closed, computed by rule for any year (no table to keep up to date).
 *
 * <p><b>California</b> (CCP 135, Gov. Code 6700, CRC 1.11): every Saturday and Sunday; January 1; the
 * third Monday in January; February 12 (Lincoln Day); the third Monday in February; March 31 (César Chávez
 * Day, from 2001); the last Monday in May; June 19 (Juneteenth, from 2023: AB 1655, first observed by the
 * courts on June 19, 2023); July 4; the first Monday in September; the fourth Friday in September (Native
 * American Day, a judicial holiday from 2022 by AB 855, which at the same time excluded Columbus Day);
 * the second Monday in October (Columbus Day) through 2021; November 11; Thanksgiving (fourth Thursday in
 * November) and the day after; December 25. Not judicial holidays: Admission Day (September 9), Good
 * Friday afternoon, Lunar New Year and Genocide Remembrance Day, days appointed by the Governor. A holiday
 * on a Saturday is observed the Friday before, on a Sunday the Monday after.
 *
 * <p><b>Federal</b> (FRCP 6(a)(6)(A), 5 U.S.C. 6103): New Year's Day, Martin Luther King Jr.'s Birthday,
 * Washington's Birthday, Memorial Day, Juneteenth (from 2021), Independence Day, Labor Day, Columbus Day,
 * Veterans Day, Thanksgiving Day and Christmas Day, with 5 U.S.C. 6103(b)'s observed days (Saturday: the
 * Friday before; Sunday: the Monday after). Days the President or Congress declare ad hoc (6(a)(6)(B)) and
 * the forum state's own holidays (6(a)(6)(C)) are not in any rule and are not known here.
 *
 * <p>Days "observed" move the closure; the fixed date itself (a Saturday or Sunday) is a weekend anyway.
 */
public final class CourtCalendar {
    public enum Kind { CALIFORNIA, FEDERAL }

    private final Kind kind;
    private final Map<Integer, Map<LocalDate, String>> byYear = new ConcurrentHashMap<>();

    private CourtCalendar(Kind kind) {
        this.kind = kind;
    }

    public static CourtCalendar california() { return new CourtCalendar(Kind.CALIFORNIA); }

    public static CourtCalendar federal() { return new CourtCalendar(Kind.FEDERAL); }

    public Kind kind() { return kind; }

    /** The holidays of a year (observed dates), in date order. */
    public Map<LocalDate, String> holidays(int year) {
        return byYear.computeIfAbsent(year, y -> {
            Map<LocalDate, String> m = new TreeMap<>();
            // A holiday of January 1 of the next year observed on December 31 belongs to this year's closures.
            compute(y, m);
            Map<LocalDate, String> next = new TreeMap<>();
            compute(y + 1, next);
            next.forEach((d, n) -> { if (d.getYear() == y) m.put(d, n); });
            m.keySet().removeIf(d -> d.getYear() != y);
            return m;
        });
    }

    public Optional<String> holiday(LocalDate d) {
        return Optional.ofNullable(holidays(d.getYear()).get(d));
    }

    public static boolean weekend(LocalDate d) {
        return d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY;
    }

    /** A day the court is open: not a weekend, not a holiday. */
    public boolean courtDay(LocalDate d) {
        return !weekend(d) && holiday(d).isEmpty();
    }

    /** The day itself if the court is open, else the next day it is (CCP 12a; FRCP 6(a)(1)(C)). */
    public LocalDate rollForward(LocalDate d) {
        LocalDate x = d;
        while (!courtDay(x)) x = x.plusDays(1);
        return x;
    }

    /** {@code n} court days after {@code d} (not counting {@code d}). */
    public LocalDate plusCourtDays(LocalDate d, int n) {
        LocalDate x = d;
        int left = n;
        while (left > 0) {
            x = x.plusDays(1);
            if (courtDay(x)) left--;
        }
        return x;
    }

    private void compute(int y, Map<LocalDate, String> m) {
        if (kind == Kind.CALIFORNIA) {
            fixed(m, LocalDate.of(y, 1, 1), "New Year's Day");
            m.put(nth(y, Month.JANUARY, DayOfWeek.MONDAY, 3), "Dr. Martin Luther King, Jr. Day");
            fixed(m, LocalDate.of(y, 2, 12), "Lincoln Day");
            m.put(nth(y, Month.FEBRUARY, DayOfWeek.MONDAY, 3), "Presidents' Day");
            if (y >= 2001) fixed(m, LocalDate.of(y, 3, 31), "César Chávez Day");
            m.put(last(y, Month.MAY, DayOfWeek.MONDAY), "Memorial Day");
            if (y >= 2023) fixed(m, LocalDate.of(y, 6, 19), "Juneteenth");
            fixed(m, LocalDate.of(y, 7, 4), "Independence Day");
            m.put(nth(y, Month.SEPTEMBER, DayOfWeek.MONDAY, 1), "Labor Day");
            if (y >= 2022) m.put(nth(y, Month.SEPTEMBER, DayOfWeek.FRIDAY, 4), "Native American Day");
            else m.put(nth(y, Month.OCTOBER, DayOfWeek.MONDAY, 2), "Columbus Day");
            fixed(m, LocalDate.of(y, 11, 11), "Veterans Day");
            LocalDate thanksgiving = nth(y, Month.NOVEMBER, DayOfWeek.THURSDAY, 4);
            m.put(thanksgiving, "Thanksgiving Day");
            m.put(thanksgiving.plusDays(1), "Day after Thanksgiving");
            fixed(m, LocalDate.of(y, 12, 25), "Christmas Day");
        } else {
            fixed(m, LocalDate.of(y, 1, 1), "New Year's Day");
            if (y >= 1986) m.put(nth(y, Month.JANUARY, DayOfWeek.MONDAY, 3), "Martin Luther King Jr.'s Birthday");
            m.put(nth(y, Month.FEBRUARY, DayOfWeek.MONDAY, 3), "Washington's Birthday");
            m.put(last(y, Month.MAY, DayOfWeek.MONDAY), "Memorial Day");
            if (y >= 2021) fixed(m, LocalDate.of(y, 6, 19), "Juneteenth National Independence Day");
            fixed(m, LocalDate.of(y, 7, 4), "Independence Day");
            m.put(nth(y, Month.SEPTEMBER, DayOfWeek.MONDAY, 1), "Labor Day");
            m.put(nth(y, Month.OCTOBER, DayOfWeek.MONDAY, 2), "Columbus Day");
            fixed(m, LocalDate.of(y, 11, 11), "Veterans Day");
            m.put(nth(y, Month.NOVEMBER, DayOfWeek.THURSDAY, 4), "Thanksgiving Day");
            fixed(m, LocalDate.of(y, 12, 25), "Christmas Day");
        }
    }

    /** A fixed-date holiday and the day it is observed: Saturday → the Friday before, Sunday → the Monday after. */
    private static void fixed(Map<LocalDate, String> m, LocalDate d, String name) {
        switch (d.getDayOfWeek()) {
            case SATURDAY -> m.put(d.minusDays(1), name + " (observed)");
            case SUNDAY -> m.put(d.plusDays(1), name + " (observed)");
            default -> m.put(d, name);
        }
    }

    private static LocalDate nth(int y, Month month, DayOfWeek dow, int n) {
        return LocalDate.of(y, month, 1).with(TemporalAdjusters.dayOfWeekInMonth(n, dow));
    }

    private static LocalDate last(int y, Month month, DayOfWeek dow) {
        return LocalDate.of(y, month, 1).with(TemporalAdjusters.lastInMonth(dow));
    }
}
