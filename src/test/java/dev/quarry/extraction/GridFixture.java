package dev.quarry.extraction;

import dev.quarry.core.Matter;
import dev.quarry.core.jobs.CancelToken;
import dev.quarry.documents.ImportService;
import dev.quarry.documents.Importers;
import dev.quarry.evidence.ValueType;
import dev.quarry.testing.WordTokenCounter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A matter of small generated contracts, and the grid variables and engine double that read them. */
public final class GridFixture {
    static final String[] STATES = {"Delaware", "New York", "Delaware", "California", "Texas", "Delaware"};

    private GridFixture() {}

    /** Contract {@code i}: governing law, a date, a notice period in days, a non-compete in every third. */
    public static String contract(int i) {
        StringBuilder sb = new StringBuilder();
        sb.append("SUPPLY AGREEMENT ").append(i).append("\n\n");
        sb.append("This Supply Agreement is dated 2019-0").append(1 + i % 9).append("-1").append(i % 10).append(" between Acme Corp and Buyer ")
                .append(i).append(" Inc.\n\n");
        sb.append("1. Term. Either party may terminate this Agreement on ").append(30 + i * 5).append(" days written notice.\n\n");
        if (i % 3 == 0) sb.append("2. Restrictive covenant. The Supplier shall not compete with the Buyer in the Territory.\n\n");
        sb.append("3. Governing law. This Agreement is governed by the laws of the State of ").append(STATES[i % STATES.length]).append(".\n");
        return sb.toString();
    }

    static Matter matter(Path tmp, int contracts) throws Exception {
        Path in = Files.createDirectories(tmp.resolve("contracts"));
        for (int i = 0; i < contracts; i++) Files.writeString(in.resolve(String.format("contract-%02d.txt", i)), contract(i));
        Matter m = Matter.create(tmp.resolve("matter"), "grid test", null, null);
        ImportService svc = new ImportService(m, Importers.defaults(), new WordTokenCounter(), 1);
        svc.run(svc.plan(List.of(in), "contracts"), p -> {}, new CancelToken());
        return m;
    }

    public static List<VariableSpec> variables() {
        return List.of(
                new VariableSpec("governing_law", ValueType.TEXT, "The jurisdiction whose law governs the agreement.", List.of(), false, false),
                new VariableSpec("agreement_date", ValueType.DATE, "The date the agreement is dated or signed.", List.of(), false, false),
                new VariableSpec("notice_days", ValueType.NUMBER, "The notice period for termination, in days.", List.of(), false, false),
                new VariableSpec("non_compete", ValueType.BOOLEAN, "Whether a party agrees not to compete.", List.of(), false, false));
    }

    public static RegexEvidence engine(Matter m) {
        return new RegexEvidence(m.db())
                .with("governing_law", "laws of the State of ([A-Z][a-z]+(?: [A-Z][a-z]+)?)")
                .with("agreement_date", "dated (\\d{4}-\\d{2}-\\d{2})")
                .with("notice_days", "(\\d+) days written notice")
                .with("non_compete", "shall not compete");
    }
}
