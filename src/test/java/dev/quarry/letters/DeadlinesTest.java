package dev.quarry.letters;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** Worked dates, each checked by hand against the rules (and the courts' published holiday calendars). */
class DeadlinesTest {
    static LocalDate d(String s) { return LocalDate.parse(s); }

    @Test
    void californiaJudicialHolidaysByRule() {
        CourtCalendar ca = CourtCalendar.california();
        // 2025 (Judicial Council calendar): Lincoln Day Wed Feb 12, César Chávez Mon Mar 31, Juneteenth Thu Jun 19,
        // Native American Day Fri Sep 26, day after Thanksgiving Fri Nov 28; Columbus Day (Oct 13) is not one.
        assertThat(ca.holiday(d("2025-02-12"))).contains("Lincoln Day");
        assertThat(ca.holiday(d("2025-03-31"))).contains("César Chávez Day");
        assertThat(ca.holiday(d("2025-06-19"))).contains("Juneteenth");
        assertThat(ca.holiday(d("2025-09-26"))).contains("Native American Day");
        assertThat(ca.holiday(d("2025-11-28"))).contains("Day after Thanksgiving");
        assertThat(ca.holiday(d("2025-10-13"))).isEmpty();
        assertThat(ca.holiday(d("2025-09-09"))).isEmpty(); // Admission Day is not a judicial holiday
        // Observed days: Lincoln Day 2022 (Sat) on Fri Feb 11; César Chávez Day 2024 (Sun) on Mon Apr 1;
        // New Year's Day 2022 (Sat) on Fri Dec 31, 2021; Veterans Day 2023 (Sat) on Fri Nov 10; Independence Day 2026 (Sat) on Fri Jul 3.
        assertThat(ca.holiday(d("2022-02-11"))).contains("Lincoln Day (observed)");
        assertThat(ca.holiday(d("2024-04-01"))).contains("César Chávez Day (observed)");
        assertThat(ca.holiday(d("2021-12-31"))).contains("New Year's Day (observed)");
        assertThat(ca.holiday(d("2023-11-10"))).contains("Veterans Day (observed)");
        assertThat(ca.holiday(d("2026-07-03"))).contains("Independence Day (observed)");
        // Juneteenth is a judicial holiday from 2023 (AB 1655), not in 2022; Columbus Day was one through 2021 (AB 855).
        assertThat(ca.holiday(d("2022-06-20"))).isEmpty();
        assertThat(ca.holiday(d("2021-10-11"))).contains("Columbus Day");
        assertThat(ca.holiday(d("2021-09-24"))).isEmpty();
        assertThat(ca.holidays(2026)).hasSize(14);
    }

    @Test
    void federalLegalHolidays() {
        CourtCalendar us = CourtCalendar.federal();
        assertThat(us.holiday(d("2024-10-14"))).contains("Columbus Day");
        assertThat(us.holiday(d("2024-11-11"))).contains("Veterans Day");
        assertThat(us.holiday(d("2024-11-29"))).isEmpty(); // the day after Thanksgiving is not a federal holiday
        assertThat(us.holiday(d("2021-06-18"))).contains("Juneteenth National Independence Day (observed)");
        assertThat(us.holiday(d("2026-07-03"))).contains("Independence Day (observed)");
        assertThat(us.holiday(d("2024-02-12"))).isEmpty(); // Lincoln's birthday is California's, not federal
        assertThat(us.holidays(2025)).hasSize(11);
    }

    @Test
    void federalRespondByRollsPastAHoliday() {
        // Letter Friday Oct 25, 2024 + 17 days = Monday Nov 11, 2024, Veterans Day -> Tuesday Nov 12.
        Deadlines x = Deadlines.compute("federal", d("2024-10-25"), 17, d("2024-10-01"), Service.ELECTRONIC);
        assertThat(x.respondBy()).isEqualTo(d("2024-11-12"));
        assertThat(x.motionToCompelBy()).isNull();
        // Letter Nov 20, 2024 + 14 = Wed Dec 4, a court day: unchanged.
        assertThat(Deadlines.compute("federal", d("2024-11-20"), 14, null, null).respondBy()).isEqualTo(d("2024-12-04"));
        // + 10 from Nov 20 = Sat Nov 30 -> Mon Dec 2 (weekend).
        assertThat(Deadlines.compute("federal", d("2024-11-20"), 10, null, null).respondBy()).isEqualTo(d("2024-12-02"));
    }

    @Test
    void californiaMotionDeadlineByManner() {
        // dev-california: responses served Wed Apr 23, 2025. +45 = Sat Jun 7, 2025.
        // personal: Sat Jun 7 -> Mon Jun 9.
        assertThat(Deadlines.compute("california", null, null, d("2025-04-23"), Service.PERSONAL).motionToCompelBy()).isEqualTo(d("2025-06-09"));
        // mail: +5 calendar days = Thu Jun 12.
        assertThat(Deadlines.compute("california", null, null, d("2025-04-23"), Service.MAIL).motionToCompelBy()).isEqualTo(d("2025-06-12"));
        // out of state: +10 = Tue Jun 17.
        assertThat(Deadlines.compute("california", null, null, d("2025-04-23"), Service.MAIL_OUT_OF_STATE).motionToCompelBy()).isEqualTo(d("2025-06-17"));
        // electronic: two court days after Sat Jun 7 = Mon Jun 9, Tue Jun 10.
        assertThat(Deadlines.compute("california", null, null, d("2025-04-23"), Service.ELECTRONIC).motionToCompelBy()).isEqualTo(d("2025-06-10"));
        // overnight and fax count the same way.
        assertThat(Deadlines.compute("california", null, null, d("2025-04-23"), Service.OVERNIGHT).motionToCompelBy()).isEqualTo(d("2025-06-10"));
    }

    @Test
    void californiaDeadlineLandingOnJudicialHolidays() {
        // Served Mon Oct 13, 2025 personally: +45 = Thu Nov 27, 2025 (Thanksgiving); Fri Nov 28 is the day after
        // Thanksgiving; the weekend follows: the last day is Mon Dec 1, 2025.
        Deadlines x = Deadlines.compute("california", null, null, d("2025-10-13"), Service.PERSONAL);
        assertThat(x.motionToCompelBy()).isEqualTo(d("2025-12-01"));
        assertThat(String.join(" ", x.steps())).contains("Thanksgiving Day").contains("2025-12-01");
        // Served by mail Wed Feb 12, 2025 ... +45 = Sun Mar 29 -> +5 = Fri Apr 3; a court day.
        assertThat(Deadlines.compute("california", null, null, d("2025-02-12"), Service.MAIL).motionToCompelBy()).isEqualTo(d("2025-04-03"));
        // Served by mail Fri Feb 7, 2025: +45 = Wed Mar 26, +5 = Mon Mar 31, César Chávez Day -> Tue Apr 1.
        assertThat(Deadlines.compute("california", null, null, d("2025-02-07"), Service.MAIL).motionToCompelBy()).isEqualTo(d("2025-04-01"));
        // Served electronically Fri Aug 8, 2025: +45 = Mon Sep 22; two court days: Tue Sep 23, Wed Sep 24.
        assertThat(Deadlines.compute("california", null, null, d("2025-08-08"), Service.ELECTRONIC).motionToCompelBy()).isEqualTo(d("2025-09-24"));
        // Served electronically Tue Aug 12, 2025: +45 = Fri Sep 26 (Native American Day); court days Mon Sep 29, Tue Sep 30.
        assertThat(Deadlines.compute("california", null, null, d("2025-08-12"), Service.ELECTRONIC).motionToCompelBy()).isEqualTo(d("2025-09-30"));
        // Served by mail Tue Dec 29, 2026 ... +45 = Fri Feb 12, 2027 (Lincoln Day) +5 = Wed Feb 17 (court day).
        assertThat(Deadlines.compute("california", null, null, d("2026-12-29"), Service.MAIL).motionToCompelBy()).isEqualTo(d("2027-02-17"));
        // Served personally Wed May 5, 2027: +45 = Sat Jun 19, 2027 (Juneteenth, observed Fri Jun 18) -> Mon Jun 21.
        assertThat(Deadlines.compute("california", null, null, d("2027-05-05"), Service.PERSONAL).motionToCompelBy()).isEqualTo(d("2027-06-21"));
    }

    @Test
    void californiaRespondByRollsPastCourtHolidays() {
        // Letter Thu Nov 13, 2025 + 14 = Thu Nov 27 (Thanksgiving) -> Fri Nov 28 (day after) -> Mon Dec 1.
        assertThat(Deadlines.compute("california", d("2025-11-13"), 14, null, null).respondBy()).isEqualTo(d("2025-12-01"));
        // Federal counting for the same date: Thanksgiving only -> Fri Nov 28.
        assertThat(Deadlines.compute("federal", d("2025-11-13"), 14, null, null).respondBy()).isEqualTo(d("2025-11-28"));
    }
}
