package dev.quarry.llm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactorTest {
    @Test
    void replacesEachKindAndRestoresIt() {
        Redactor r = new Redactor();
        String in = "a@b.co, +44 20 7946 0958, 555-123-4567, 078-05-1120, 5555 5555 5555 4444, acct # AB-99887766, IBAN DE89 3704 0044 0532 0130 00";
        String out = r.redact(in);
        assertThat(out).doesNotContain("a@b.co", "7946", "555-123", "078-05", "5555 5555", "99887766", "DE89");
        assertThat(r.counts()).containsEntry("EMAIL", 1).containsEntry("SSN", 1).containsEntry("CARD", 1).containsEntry("PHONE", 2)
                .containsEntry("ACCOUNT", 2);
        assertThat(r.restore(out)).isEqualTo(in);
    }

    @Test
    void leavesOrdinaryNumbersAlone() {
        Redactor r = new Redactor();
        String in = "Section 12.3 of the 2019 Agreement, $1,250,000.00, Bates ABC0001234, dated 2020-01-15, order 1234567890123 (not Luhn).";
        assertThat(r.redact(in)).isEqualTo(in);
        assertThat(r.total()).isZero();
    }

    @Test
    void sameValueSamePlaceholder() {
        Redactor r = new Redactor();
        assertThat(r.redact("x@y.com and x@y.com and z@y.com")).isEqualTo("[EMAIL_1] and [EMAIL_1] and [EMAIL_2]");
    }
}
