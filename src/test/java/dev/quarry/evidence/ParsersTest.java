package dev.quarry.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The typed parsers: dates, numbers, durations, money and governing law, in the forms contracts use, and what is not one. */
class ParsersTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "made as of the 1st day of March, 2019 by and between | 2019-03-01",
            "March 1, 2019 | 2019-03-01",
            "1 March 2019 | 2019-03-01",
            "3/1/2019 | 2019-03-01",
            "2019-03-01 | 2019-03-01",
            "dated as of March 1st, 2019 | 2019-03-01",
            "this 20t h day of November, 2018 | 2018-11-20",
            "the 21s t day of February 2011 | 2011-02-21",
            "on this 31  day of July, 2019 | 2019-07-31",
            "Nov. 02, 2019 | 2019-11-02",
            "entered into on 5/8/14 | 2014-05-08",
            "executed on 29/3/18 | 2018-03-29",
            "the first day of May, 2020 | 2020-05-01",
            "the twenty-first day of June, 2001 | 2001-06-21",
            "January  28,  2005 | 2005-01-28",
            "Dated: 12.31.2020 | 2020-12-31",
            "September ___, 2019 | 2019-09",
            "[·] day of [·], 2019 | 2019",
            "____ day of ______________ 2013 | 2013",
            "as of [●], 2020 | 2020",
            "8th day of May 2014 | 2014-05-08",
            "made and entered into this day of , 2009, by and between | 2009",
            "AGREEMENT made as of  , 2013, between | 2013",
    })
    void datesInLegalFormsBecomeIso(String text, String iso) {
        assertThat(Dates.parse(text)).contains(iso);
    }

    @ParameterizedTest
    @ValueSource(strings = {"February 30, 2019", "13/13/2019", "Section 10.1.19 applies", "within 30 days", "version 2.3.4",
            "the year of 1850", "May the parties agree", ""})
    void notDates(String text) {
        assertThat(Dates.parse(text)).isEmpty();
    }

    @Test
    void everyDateOfAPassageInOrderAndTheLongestReading() {
        List<Dates.Found> all = Dates.findAll("Signed March 1, 2019; amended on 4/15/2020 and again on 1 June 2021.");
        assertThat(all).extracting(Dates.Found::iso).containsExactly("2019-03-01", "2020-04-15", "2021-06-01");
        assertThat(all.get(0).raw()).isEqualTo("March 1, 2019");
        assertThat(all.get(0).complete()).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"5/8/14 | 2014-05-08", "10/1/99 | 1999-10-01", "09/[]/2019 | 2019-09", "[]/[]/2019 | 2019",
            "2019-03-01 | 2019-03-01"})
    void labellersDates(String label, String iso) {
        assertThat(Dates.normaliseLabel(label)).contains(iso);
    }

    @Test
    void blankLabelsAreNoDate() {
        assertThat(Dates.normaliseLabel("")).isEmpty();
        assertThat(Dates.normaliseLabel("[]/[]/[]")).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "within thirty (30) days of notice | 30 | days",
            "ninety days prior written notice | 90 | days",
            "a term of two (2) years | 2 | years",
            "twelve (12) months | 12 | months",
            "upon 60 days' notice | 60 | days",
            "ten (10) business days | 10 | business days",
            "one hundred twenty (120) days | 120 | days",
            "twenty-four months | 24 | months",
            "a royalty of 12.5% of net sales | 12.5 | percent",
            "five percent (5%) | 5 | percent",
            "the sum of $1,500,000 | 1500000 | USD",
            "US$ 2.5 million | 2500000 | USD",
            "EUR 300,000 | 300000 | EUR",
            "€ 40 | 40 | EUR",
            "£1,000 | 1000 | GBP",
            "10,000 USD | 10000 | USD",
            "one hundred thousand dollars ($100,000) | 100000 | USD",
            "fifty thousand U.S. dollars | 50000 | USD",
            "RMB 8,000 | 8000 | CNY",
            "C$5,000 | 5000 | CAD",
    })
    void amountsWithTheirUnit(String text, String value, String unit) {
        Amounts.Found f = Amounts.parse(text).orElseThrow();
        assertThat(f.valueText()).isEqualTo(value);
        assertThat(f.unit()).isEqualTo(unit);
    }

    @Test
    void wordsAndFiguresSayingOneNumberCountOnce() {
        List<Amounts.Found> all = Amounts.findAll("terminate on thirty (30) days notice or pay $5,000");
        assertThat(all).extracting(Amounts.Found::valueText).containsExactly("30", "5000");
        assertThat(all.get(0).duration()).isTrue();
        assertThat(all.get(1).money()).isTrue();
    }

    @Test
    void plainNumbersAndNonNumbers() {
        assertThat(Amounts.parseNumber("up to 250 units").orElseThrow().valueText()).isEqualTo("250");
        assertThat(Amounts.parseNumber("up to 250 units").orElseThrow().unit()).isNull();
        assertThat(Amounts.parseNumber("seven copies").orElseThrow().valueText()).isEqualTo("7");
        assertThat(Amounts.parse("no figure here at all")).isEmpty();
        assertThat(Amounts.parseNumber("no figure here at all")).isEmpty();
        assertThat(Amounts.parse("someone said")).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "governed by the laws of the State of New York | New York",
            "construed in accordance with the laws of the Province of Ontario and the federal laws of Canada | Ontario",
            "governed by English law | England and Wales",
            "the laws of England and Wales | England and Wales",
            "governed by the laws of the People's Republic of China | China",
            "the laws of the Commonwealth of Massachusetts | Massachusetts",
            "governed by the laws of West Virginia | West Virginia",
            "laws of the State of Washington | Washington",
            "the District of Columbia | District of Columbia",
            "governed by Israeli law | Israel",
            "laws of the Republic of Kazakhstan | Kazakhstan",
    })
    void governingLawToTheJurisdictionsName(String text, String name) {
        assertThat(Jurisdictions.normalise(text)).contains(name);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"Ontario, Canada | Ontario", "England; Wales | England and Wales", "Province of Ontario, Canada | Ontario",
            "People's Republic of China | China", "England, United Kingdom; Wales, United Kingdom | England and Wales", "Delaware, Illinois | Delaware"})
    void labellersJurisdictions(String label, String name) {
        assertThat(Jurisdictions.normalise(label)).contains(name);
    }

    @Test
    void aPartysPlaceOfOrganisationIsNotItsGoverningLaw() {
        String preamble = "ACME Inc., a corporation organized under the laws of the State of Delaware, and Beta LLC agree as follows.";
        assertThat(OfflineDecider.law(preamble, false)).isEmpty();
        String clause = "ACME Inc., a Delaware corporation. This Agreement shall be governed by the laws of the State of Texas.";
        assertThat(OfflineDecider.law(clause, true)).map(Jurisdictions.Found::name).contains("Texas");
        assertThat(Jurisdictions.normalise("nothing about any place")).isEmpty();
        assertThat(Jurisdictions.normalise("Kansas")).contains("Kansas");
        assertThat(Jurisdictions.normalise("Arkansas")).contains("Arkansas");
    }
}
