package dev.quarry.qa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.evidence.ValueType;
import dev.quarry.qa.EveryDocumentQuestion.Column;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EveryDocumentQuestionTest {
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,254}");

    @ParameterizedTest
    @ValueSource(strings = {
            "Which agreements have a non-compete?",
            "which of the contracts contain an exclusivity clause?",
            "What contracts are governed by New York law?",
            "Which license agreements allow sublicensing?",
            "How many contracts choose Delaware law?",
            "How many of the agreements can be terminated for convenience?",
            "How many documents mention Acme Corp?",
            "List the agreements with a non-compete",
            "List all contracts with a change of control clause.",
            "list every lease that has a renewal option",
            "Show me all the NDAs signed in 2019",
            "Do any contracts restrict assignment?",
            "Do any of the agreements cap liability?",
            "Are there any agreements with audit rights?",
            "What share of contracts have a most favoured nation clause?",
            "What percentage of the agreements are governed by English law?",
            "What proportion of leases include a break clause?",
            "What is the average notice period?",
            "Average notice period",
            "What is the median term of the licences across all agreements?",
            "What is the governing law of each contract?",
            "What is the total contract value across all agreements?",
            "Who is the counterparty in every agreement?",
    })
    void questionsAboutEveryDocumentAreRecognised(String q) {
        Column c = EveryDocumentQuestion.column(q).orElseThrow(() -> new AssertionError("not recognised: " + q));
        assertThat(c.name()).matches(IDENTIFIER);
        assertThat(c.instructions()).isEqualTo(q.strip()).hasSizeGreaterThanOrEqualTo(10);
        assertThat(EveryDocumentQuestion.isAboutEveryDocument(q)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "When is the late fee due?",
            "What is the governing law of the agreement?",
            "How many days' notice must the tenant give before terminating?",
            "How many parties signed the lease?",
            "How many shares does the buyer receive?",
            "Which party bears the cost of insurance?",
            "Which agreement governs the sale of the premises?",
            "Who are the parties to this agreement?",
            "What is the total rent payable under the lease?",
            "What is the average daily balance required under the loan agreement?",
            "List the obligations of the licensee.",
            "List all payments due in the first year.",
            "Does the agreement have a non-compete clause?",
            "Do any late fees apply after 30 days?",
            "Is there any cap on liability?",
            "What percentage of net sales is paid as royalty?",
            "What does \"Affiliate\" mean?",
            "Which law governs this contract?",
            "What is the termination notice period?",
            "What documents must the seller deliver at closing?",
            "Where is the registered office of the licensor?",
            "Can the licensee assign the agreement without consent?",
            "What happens if the tenant pays late?",
            "What is the deadline in this matter?",
            "Summarise the indemnification clause.",
    })
    void ordinaryFactualQuestionsAreNot(String q) {
        assertThat(EveryDocumentQuestion.column(q)).as(q).isEmpty();
    }

    @Test
    void theColumnIsNamedFromWhatIsAskedOfEachDocumentAndTyped() {
        assertThat(EveryDocumentQuestion.column("How many contracts choose Delaware law?").orElseThrow())
                .isEqualTo(new Column("choose_delaware_law", ValueType.BOOLEAN, "How many contracts choose Delaware law?"));
        assertThat(EveryDocumentQuestion.column("List the agreements with a non-compete").orElseThrow().name()).isEqualTo("non_compete");
        assertThat(EveryDocumentQuestion.column("Which agreements have a non-compete?").orElseThrow().type()).isEqualTo(ValueType.BOOLEAN);
        Column avg = EveryDocumentQuestion.column("What is the average notice period?").orElseThrow();
        assertThat(avg.name()).isEqualTo("notice_period");
        assertThat(avg.type()).isEqualTo(ValueType.NUMBER);
        Column total = EveryDocumentQuestion.column("What is the total contract value across all agreements?").orElseThrow();
        assertThat(total.type()).isEqualTo(ValueType.NUMBER);
        assertThat(total.name()).isEqualTo("contract_value");
        Column law = EveryDocumentQuestion.column("What is the governing law of each contract?").orElseThrow();
        assertThat(law).isEqualTo(new Column("governing_law", ValueType.TEXT, "What is the governing law of each contract?"));
    }

    @Test
    void namesAreValidIdentifiersEvenFromDigitsSymbolsOrNothing() {
        assertThat(EveryDocumentQuestion.name("2019 renewals?")).isEqualTo("q_2019_renewals");
        assertThat(EveryDocumentQuestion.name(" ?! ")).isEqualTo("answer");
        assertThat(EveryDocumentQuestion.name("über-große Klauseln")).matches(IDENTIFIER);
        String longOne = EveryDocumentQuestion.name("supercalifragilisticexpialidocious ".repeat(5));
        assertThat(longOne).matches(IDENTIFIER).hasSizeLessThanOrEqualTo(EveryDocumentQuestion.MAX_NAME_CHARS);
        assertThat(EveryDocumentQuestion.column("Which contracts?").orElseThrow().instructions()).hasSizeGreaterThanOrEqualTo(10);
        assertThat(EveryDocumentQuestion.column(null)).isEmpty();
        assertThat(EveryDocumentQuestion.column("   ")).isEmpty();
    }
}
