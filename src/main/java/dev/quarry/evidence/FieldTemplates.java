package dev.quarry.evidence;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * Ready-made criteria for common contract provisions: CUAD's 41 categories (their descriptions bundled
 * from CUAD v1, CC BY 4.0, The Atticus Project: see CUAD-ATTRIBUTION.txt beside the resource) as
 * criteria named in snake case ({@code non_compete}, {@code governing_law}, {@code agreement_date},
 * {@code parties}, …), each with search queries whose quoted phrases are key terms. Yes/No categories are
 * BOOLEAN, dates DATE, the rest TEXT; {@link #criterion(String, ValueType)} gives any of them with another
 * type (renewal_term as a BOOLEAN: "is there a renewal term?"). Grids offer them as columns; deficiency
 * review builds its request criteria from them.
 */
public final class FieldTemplates {
    private FieldTemplates() {}

    /** One template: the CUAD category it comes from, its description and answer format, and the criterion. */
    public record Template(String category, String description, String answerFormat, Criterion criterion) {}

    /** Loaded on first use, after {@link #QUERIES} exists. */
    private static final class Holder {
        static final Map<String, Template> ALL = load();
    }

    /** Every template, in CUAD's order. */
    public static List<Template> all() {
        return List.copyOf(Holder.ALL.values());
    }

    public static List<String> names() {
        return List.copyOf(Holder.ALL.keySet());
    }

    /** The template of this name ({@code non_compete}, also "Non-Compete"), if there is one. */
    public static Optional<Template> find(String name) {
        return Optional.ofNullable(Holder.ALL.get(key(name)));
    }

    /** The template's criterion, as the template types it. */
    public static Criterion criterion(String name) {
        return find(name).map(Template::criterion)
                .orElseThrow(() -> new IllegalArgumentException("No field template is named " + name + "; known: " + names()));
    }

    /** The template's criterion with another value type (its queries and instructions kept). */
    public static Criterion criterion(String name, ValueType type) {
        Criterion c = criterion(name);
        if (c.type() == type) return c;
        String instructions = c.instructions();
        if (type == ValueType.BOOLEAN && c.type() != ValueType.BOOLEAN) {
            instructions = "Does the contract state this? " + instructions;
        }
        return new Criterion(c.name(), type, instructions, c.categories(), c.allowMultiple(), c.allowOther(), c.queries(), c.examples());
    }

    /** "Non-Compete" → non_compete, "Rofr/Rofo/Rofn" → rofr_rofo_rofn. */
    static String key(String name) {
        return name.strip().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_|_$", "");
    }

    /**
     * Search queries per template: a description in words for the embedding model and, in quotes, the
     * phrases whose presence is term evidence. Chosen by reading CUAD's descriptions and the wording of
     * clauses in contracts at large; a template without its own queries searches with its description.
     */
    static final Map<String, List<String>> QUERIES = Map.ofEntries(
            Map.entry("document_name", List.of("the title and name of this agreement")),
            Map.entry("parties", List.of("this agreement is made and entered into by and between the parties",
                    "\"by and between\" OR \"between\" OR \"party\" OR \"parties\"")),
            Map.entry("agreement_date", List.of("this agreement is dated as of, made and entered into as of the date",
                    "\"dated as of\" OR \"entered into as of\" OR \"day of\" OR \"made as of\" OR \"effective as of\"")),
            Map.entry("effective_date", List.of("this agreement shall become effective on the effective date",
                    "\"effective date\" OR \"shall become effective\" OR \"effective as of\"")),
            Map.entry("expiration_date", List.of("the initial term of this agreement expires on",
                    "\"initial term\" OR \"shall expire\" OR \"expiration\" OR \"term of this agreement\"")),
            Map.entry("renewal_term", List.of("this agreement shall automatically renew for successive renewal terms unless notice of non-renewal",
                    "\"automatically renew\"~8 OR \"automatically renewed\"~8 OR \"automatically extend\"~8 OR \"automatically extended\"~8 OR \"automatic renewal\" OR \"renewal term\" OR \"renewal terms\" OR \"renewal period\" OR \"renewal periods\" OR \"successive term\"~4 OR \"successive terms\"~4 OR \"successive period\"~4 OR \"successive periods\"~4 OR \"successive year\"~5 OR \"successive years\"~5 OR \"renewed additional\"~3 OR \"renewed further\"~3 OR \"renewed successive\"~3 OR \"additional term\"~2 OR \"additional terms\"~2")),
            Map.entry("notice_period_to_terminate_renewal", List.of("written notice of non-renewal at least days prior to the end of the term",
                    "\"non-renewal\" OR \"not to renew\" OR \"prior to the expiration\"")),
            Map.entry("governing_law", List.of("this agreement shall be governed by and construed in accordance with the laws of the state",
                    "\"governed by\" OR \"governing law\" OR \"construed in accordance with\" OR \"laws of the state of\"")),
            Map.entry("most_favored_nation", List.of("if more favorable terms are offered to any third party, the same terms shall be offered",
                    "\"most favored\" OR \"most favoured\" OR \"more favorable\" OR \"no less favorable\"")),
            Map.entry("non_compete", List.of("shall not directly or indirectly compete with or engage in a competing business during the term",
                    "noncompet* OR \"non compete\" OR \"non competition\" OR \"not compete\"~15 OR \"not competing\"~15 OR \"not competitive\"~15 OR \"not competition\"~15 OR \"not competitor\"~15 OR \"not competitors\"~15 OR \"not engage competing\"~15 OR \"competing product\" OR \"competing products\" OR \"competing business\" OR \"competing businesses\" OR \"competing services\" OR \"compete directly\" OR \"compete with\"")),
            Map.entry("exclusivity", List.of("exclusive rights; shall not sell, license or distribute to any third party; exclusive supplier or distributor",
                    "exclusivity OR \"exclusive right\" OR \"exclusive rights\" OR \"exclusive distributor\" OR \"exclusive distribution\" OR \"exclusive basis\" OR \"exclusive supplier\" OR \"exclusive provider\" OR \"exclusive reseller\" OR \"exclusive agent\" OR \"exclusive territory\" OR \"exclusive market\" OR \"exclusive sales\" OR \"sole and exclusive\"")),
            Map.entry("no_solicit_of_customers", List.of("shall not solicit or contract with the customers or clients of the other party",
                    "\"solicit customers\"~6 OR \"solicit customer\"~6 OR \"solicit clients\"~6 OR \"solicit client\"~6 OR \"solicitation customers\"~6 OR \"solicitation clients\"~6 OR \"divert customers\"~6 OR \"interfere customers\"~8")),
            Map.entry("competitive_restriction_exception", List.of("notwithstanding the restriction on competition, the following shall not be a breach",
                    "\"nothing prevent\"~8 OR \"nothing restrict\"~8 OR \"nothing prohibit\"~8 OR \"shall not prevent\"~4 OR \"shall not restrict\"~4 OR \"shall not prohibit\"~4 OR \"notwithstanding exclusive\"~15 OR \"notwithstanding compete\"~15 OR \"notwithstanding exclusivity\"~15 OR \"exception exclusivity\"~10")),
            Map.entry("no_solicit_of_employees", List.of("shall not solicit, recruit or hire any employee of the other party",
                    "\"solicit employees\"~8 OR \"solicit employee\"~8 OR \"hire employees\"~8 OR \"hire employee\"~8 OR \"recruit employees\"~8 OR \"recruit employee\"~8 OR \"solicit employment\"~8 OR \"solicit personnel\"~8 OR \"hire personnel\"~8 OR \"non-solicitation\" OR \"no-hire\"")),
            Map.entry("non_disparagement", List.of("shall not make any disparaging statements about the other party",
                    "\"disparage\" OR \"disparaging\" OR \"derogatory\"")),
            Map.entry("termination_for_convenience", List.of("either party may terminate this agreement at any time for any reason or without cause upon written notice",
                    "\"terminate without cause\"~12 OR \"terminate convenience\"~12 OR \"terminate any reason\"~14 OR \"terminate any time\"~14 OR \"termination without cause\"~8 OR \"termination convenience\"~8 OR \"terminated without cause\"~10 OR \"terminated convenience\"~10 OR \"terminated any reason\"~12 OR \"any reason no reason\"~3")),
            Map.entry("rofr_rofo_rofn", List.of("right of first refusal, right of first offer or right of first negotiation",
                    "\"first refusal\" OR \"first offer\" OR \"first negotiation\" OR \"right of first\"")),
            Map.entry("change_of_control", List.of("in the event of a change of control, merger, acquisition or sale of all or substantially all assets, the other party may terminate",
                    "\"change control\"~3 OR \"change ownership\"~3 OR \"controlling interest\" OR \"substantially all assets\"~6 OR \"substantially all business\"~6 OR \"merger with\" OR \"merger into\" OR \"consolidation with\" OR \"consolidation into\" OR \"operation of law\"")),
            Map.entry("anti_assignment", List.of("neither party may assign or transfer this agreement without the prior written consent of the other party",
                    "\"assign consent\"~25 OR \"assigned consent\"~25 OR \"assignment consent\"~25 OR \"assign approval\"~25 OR \"assigned approval\"~25 OR \"assignment approval\"~25 OR \"transfer consent\"~20 OR \"transferred consent\"~20")),
            Map.entry("revenue_profit_sharing", List.of("a percentage of revenue, net sales or profits shall be paid to the other party; royalties",
                    "\"royalty\" OR \"royalties\" OR \"revenue share\" OR \"profit\" OR \"percent of net\"")),
            Map.entry("price_restrictions", List.of("prices shall not be increased; restriction on raising or reducing prices",
                    "\"price increase\"~3 OR \"price increases\"~3 OR \"increase prices\"~4 OR \"increase price\"~4 OR \"raise prices\"~4 OR \"prices fixed\"~4 OR \"prices firm\"~4 OR \"reduce prices\"~4 OR \"price reduction\"~3 OR \"not increase\"~3")),
            Map.entry("minimum_commitment", List.of("minimum purchase or order quantity each year; minimum annual commitment",
                    "\"minimum\" OR \"at least\" OR \"minimum purchase\"")),
            Map.entry("volume_restriction", List.of("if usage exceeds the limit, additional fees apply or consent is required",
                    "\"exceed\" OR \"volume\" OR \"additional fees\"")),
            Map.entry("ip_ownership_assignment", List.of("all intellectual property created shall be owned by and is hereby assigned to the company",
                    "\"hereby assigns\" OR \"shall own\" OR \"sole property\" OR \"work made for hire\"")),
            Map.entry("joint_ip_ownership", List.of("jointly owned intellectual property; joint ownership of inventions",
                    "\"jointly owned\" OR \"joint ownership\" OR \"co-owned\" OR \"jointly own\"~3 OR \"joint owners\"~2 OR \"owned jointly\"~3 OR \"co-ownership\"")),
            Map.entry("license_grant", List.of("hereby grants a license to use the licensed intellectual property",
                    "\"grants\" OR \"license\" OR \"licence\" OR \"sublicense\"")),
            Map.entry("non_transferable_license", List.of("non-transferable, non-sublicensable license",
                    "\"non-transferable\" OR \"nontransferable\" OR \"non-sublicensable\" OR \"may not transfer\"")),
            Map.entry("affiliate_license_licensor", List.of("license under intellectual property owned by the licensor and its affiliates",
                    "\"licensor affiliates\"~6 OR \"licensors affiliates\"~6 OR \"owned affiliates\"~6 OR \"controlled affiliates\"~6")),
            Map.entry("affiliate_license_licensee", List.of("license granted to licensee and its affiliates",
                    "\"licensee affiliates\"~6 OR \"license affiliates\"~10 OR \"sublicense affiliates\"~10 OR \"affiliates may use\"~6 OR \"affiliates use\"~6 OR \"affiliates exercise\"~8")),
            Map.entry("unlimited_all_you_can_eat_license", List.of("unlimited enterprise-wide license, unlimited number of users or copies",
                    "\"unlimited number\"~3 OR \"unlimited use\"~3 OR \"unlimited copies\"~3 OR \"unlimited users\"~3 OR \"unlimited right\"~3 OR \"unlimited license\"~3 OR \"enterprise-wide\" OR \"enterprise license\"~3 OR \"all you can eat\"")),
            Map.entry("irrevocable_or_perpetual_license", List.of("perpetual, irrevocable license",
                    "\"perpetual\" OR \"irrevocable\"")),
            Map.entry("source_code_escrow", List.of("source code shall be deposited in escrow with an escrow agent and released on bankruptcy",
                    "\"source code escrow\"~3 OR \"escrow agent\"~2 OR \"deposit source code\"~6 OR \"source code deposit\"~4 OR \"escrow source code\"~8 OR \"escrow agreement\"~2")),
            Map.entry("post_termination_services", List.of("after termination or expiration, obligations continue: transition services, wind-down, sell-off period",
                    "\"upon termination\" OR \"after termination\" OR \"following termination\" OR \"survive\" OR \"transition\"")),
            Map.entry("audit_rights", List.of("right to audit and inspect the books and records of the other party to verify compliance",
                    "audit* OR \"books records\"~2 OR \"inspect records\"~10 OR \"examine records\"~10 OR \"inspect books\"~10")),
            Map.entry("uncapped_liability", List.of("the limitation of liability shall not apply to breach of confidentiality, indemnification or gross negligence",
                    "\"shall not apply\" OR \"unlimited\" OR \"gross negligence\" OR \"willful misconduct\"")),
            Map.entry("cap_on_liability", List.of("in no event shall the total liability exceed the amounts paid; limitation of liability",
                    "\"no event liable\"~15 OR \"no event liability\"~15 OR \"liability exceed\"~20 OR \"liable exceed\"~20 OR \"limitation of liability\" OR \"limitation on liability\" OR \"limitations of liability\" OR \"limitation of liabilities\" OR \"maximum liability\"~3 OR \"aggregate liability\"~3 OR \"total liability\"~3 OR \"cumulative liability\"~3")),
            Map.entry("liquidated_damages", List.of("liquidated damages or a termination fee shall be paid",
                    "\"liquidated damages\" OR \"termination fee\" OR \"break-up fee\"")),
            Map.entry("warranty_duration", List.of("warrants that the products will be free from defects for a period of months",
                    "\"warranty period\"~2 OR \"period of warranty\"~2 OR \"warranty months\"~6 OR \"warranty days\"~6 OR \"warranty year\"~6 OR \"warranty years\"~6 OR \"warrants months\"~12 OR \"warrants days\"~12 OR \"warrants years\"~12 OR \"warranted months\"~12")),
            Map.entry("insurance", List.of("shall maintain insurance coverage, general liability insurance policies",
                    "\"insurance\" OR \"insured\" OR \"policy\"")),
            Map.entry("covenant_not_to_sue", List.of("shall not contest or challenge the validity of the intellectual property or bring any claim",
                    "\"not to sue\" OR \"shall not contest\" OR \"challenge the validity\" OR \"contest the validity\"")),
            Map.entry("third_party_beneficiary", List.of("third party beneficiaries of this agreement may enforce its terms",
                    "\"third party beneficiary\" OR \"third-party beneficiary\" OR \"third party beneficiaries\" OR \"third-party beneficiaries\"")));

    private static Map<String, Template> load() {
        Map<String, Template> out = new LinkedHashMap<>();
        try (InputStream in = FieldTemplates.class.getResourceAsStream("cuad-categories.csv")) {
            if (in == null) throw new IllegalStateException("cuad-categories.csv is missing from the build");
            Reader r = new InputStreamReader(in, StandardCharsets.UTF_8);
            List<CSVRecord> rows = CSVFormat.DEFAULT.builder().setSkipHeaderRecord(false).build().parse(r).getRecords();
            for (int i = 1; i < rows.size(); i++) {
                CSVRecord row = rows.get(i);
                if (row.size() < 3) continue;
                String category = strip(row.get(0), "Category:");
                String description = strip(row.get(1), "Description:").replaceAll("\\s+", " ").strip();
                String format = strip(row.get(2), "Answer Format:");
                String name = key(category);
                ValueType type = format.toLowerCase(Locale.ROOT).startsWith("yes/no") || format.isBlank() && description.startsWith("Does")
                        ? ValueType.BOOLEAN : format.toLowerCase(Locale.ROOT).startsWith("date") ? ValueType.DATE : ValueType.TEXT;
                if (name.equals("affiliate_license_licensee")) type = ValueType.BOOLEAN; // CUAD leaves its format blank; it is Yes/No
                List<String> queries = QUERIES.getOrDefault(name, List.of(description));
                out.put(name, new Template(category, description, format,
                        new Criterion(name, type, description, List.of(), false, false, queries, List.of())));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Collections.unmodifiableMap(out);
    }

    private static String strip(String cell, String prefix) {
        String s = cell.replace("\uFEFF", "").strip();
        return s.startsWith(prefix) ? s.substring(prefix.length()).strip() : s;
    }

    /** For the listing: name, type, description. */
    public static List<String> describe() {
        List<String> out = new ArrayList<>();
        for (Template t : Holder.ALL.values()) out.add(t.criterion().name() + " (" + t.criterion().type() + "): " + t.description());
        return out;
    }
}
