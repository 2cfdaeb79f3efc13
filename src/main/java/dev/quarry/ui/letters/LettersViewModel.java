package dev.quarry.ui.letters;

import dev.quarry.app.LetterWiring;
import dev.quarry.app.TaskRunner;
import dev.quarry.deficiency.model.Report;
import dev.quarry.export.Doc;
import dev.quarry.export.MarkdownDoc;
import dev.quarry.letters.Letter;
import dev.quarry.letters.LetterDiff;
import dev.quarry.letters.LetterMeta;
import dev.quarry.letters.LetterService;
import dev.quarry.letters.LetterVersion;
import dev.quarry.letters.Service;
import dev.quarry.letters.Templates;
import dev.quarry.ui.common.Messages;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Letters pane without Nodes: reports and their letters, the metadata form's fields, the editor's
 * text and its preview (the export's own parse of the Markdown), versions and a diff, deadlines, export.
 * Every call to the letter service runs on the TaskRunner, never on the FX thread.
 */
public final class LettersViewModel {
    /** The metadata form's fields, in order: META.json's names (the recipients are rows of their own, {@link Recipient}). */
    public static final List<String> FIELDS = List.of("letter_date", "respond_within_days", "responses_served_on", "responses_service",
            "sender.name", "sender.firm", "sender.address", "sender.email", "sender.phone", "sender.bar_number",
            "conference_offer", "local_rule");
    /** The fields written on more than one line (an address, a sentence). */
    public static final java.util.Set<String> MULTILINE = java.util.Set.of("sender.address", "conference_offer");
    /** A recipient row's fields, as META.json's recipients[] spell them. */
    public static final List<String> RECIPIENT_FIELDS = List.of("name", "firm", "address", "email");

    /** One recipient row of the metadata form; META.json takes any number of them. */
    public static final class Recipient {
        private final Map<String, StringProperty> fields = new LinkedHashMap<>();

        public Recipient() {
            for (String f : RECIPIENT_FIELDS) fields.put(f, new SimpleStringProperty(""));
        }

        public StringProperty field(String name) {
            StringProperty p = fields.get(name);
            if (p == null) throw new IllegalArgumentException("a recipient has no field " + name);
            return p;
        }

        boolean blank() {
            return fields.values().stream().allMatch(p -> p.get() == null || p.get().isBlank());
        }

        LetterMeta.Recipient toMeta() {
            return new LetterMeta.Recipient(value(field("name")), value(field("firm")), value(field("address")), value(field("email")));
        }

        void fill(LetterMeta.Recipient r) {
            field("name").set(text(r.name()));
            field("firm").set(text(r.firm()));
            field("address").set(text(r.address()));
            field("email").set(text(r.email()));
        }
    }

    private final TaskRunner tasks;
    private final LetterWiring.Letters letters;
    private final ObservableList<Report> reports = FXCollections.observableArrayList();
    private final ObservableList<Letter> drafts = FXCollections.observableArrayList();
    private final ObservableList<LetterVersion> versions = FXCollections.observableArrayList();
    private final ObservableList<LetterDiff.Line> diff = FXCollections.observableArrayList();
    private final ObservableList<String> templateNames = FXCollections.observableArrayList();
    private final ObjectProperty<Report> report = new SimpleObjectProperty<>();
    private final ObjectProperty<Letter> letter = new SimpleObjectProperty<>();
    private final StringProperty template = new SimpleStringProperty("federal");
    private final StringProperty editor = new SimpleStringProperty("");
    private final ObjectProperty<Doc> preview = new SimpleObjectProperty<>(MarkdownDoc.parse("", "", false));
    private final StringProperty deadlines = new SimpleStringProperty("");
    private final StringProperty deadlineSteps = new SimpleStringProperty("");
    private final StringProperty missing = new SimpleStringProperty("");
    private final StringProperty notice = new SimpleStringProperty("");
    private final StringProperty polishRefusal = new SimpleStringProperty("");
    private final StringProperty diffSummary = new SimpleStringProperty("");
    private final ObservableList<String> missingFields = FXCollections.observableArrayList();
    private final BooleanProperty exportable = new SimpleBooleanProperty();
    private final ObservableList<Recipient> recipients = FXCollections.observableArrayList();
    private final StringProperty status = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final Map<String, StringProperty> fields = new LinkedHashMap<>();
    private int shownVersion;
    /** The shown version's metadata: what the form does not show (caption overrides, cc) is kept from it on redraft. */
    private LetterMeta shownMeta;

    public LettersViewModel(TaskRunner tasks, LetterWiring.Letters letters) {
        this.tasks = tasks;
        this.letters = letters;
        for (String f : FIELDS) fields.put(f, new SimpleStringProperty(""));
        recipients.add(new Recipient());
        editor.addListener((o, a, b) -> preview.set(MarkdownDoc.parse("", b, false)));
        report.addListener((o, a, b) -> loadDrafts());
    }

    public ObservableList<Report> reports() { return reports; }
    public ObservableList<Letter> drafts() { return drafts; }
    public ObservableList<LetterVersion> versions() { return versions; }
    public ObservableList<LetterDiff.Line> diff() { return diff; }
    public ObservableList<String> templateNames() { return templateNames; }
    public ObjectProperty<Report> report() { return report; }
    public ObjectProperty<Letter> letter() { return letter; }
    public StringProperty template() { return template; }
    public StringProperty editor() { return editor; }
    public ObjectProperty<Doc> preview() { return preview; }
    /** The deadlines computed for the shown version, one per line ("Respond by: Wed Dec 4, 2024"). */
    public StringProperty deadlines() { return deadlines; }
    /** How each deadline was reached, one step per line. */
    public StringProperty deadlineSteps() { return deadlineSteps; }
    public StringProperty missing() { return missing; }
    public StringProperty notice() { return notice; }
    public StringProperty status() { return status; }
    public BooleanProperty busy() { return busy; }
    public StringProperty field(String name) { return fields.get(name); }
    /** The recipient rows of the metadata form (at least one, maybe empty). */
    public ObservableList<Recipient> recipients() { return recipients; }
    /** Why the last polish was refused, item by item; empty when none was. */
    public StringProperty polishRefusal() { return polishRefusal; }
    /** The compared versions and how many lines each side changed; empty before a comparison. */
    public StringProperty diffSummary() { return diffSummary; }
    /** The shown version's missing required fields and placeholders, as the form names them. */
    public ObservableList<String> missingFields() { return missingFields; }
    /** Whether the shown version may be exported: nothing missing, no placeholder left. */
    public BooleanProperty exportable() { return exportable; }

    public Recipient addRecipient() {
        Recipient r = new Recipient();
        recipients.add(r);
        return r;
    }

    /** Removes a recipient row; the last one is emptied rather than removed, so the form always has one. */
    public void removeRecipient(Recipient r) {
        if (recipients.size() > 1) recipients.remove(r);
        else if (recipients.contains(r)) for (String f : RECIPIENT_FIELDS) r.field(f).set("");
    }

    /** Reports, templates and every letter. */
    public void load() {
        tasks.task("letters.load", () -> new Object[] {letters.service().reports().list(), letters.service().templates().list(), letters.service().list(null)})
                .onSuccess(r -> {
                    @SuppressWarnings("unchecked") List<Report> rs = (List<Report>) r[0];
                    @SuppressWarnings("unchecked") List<Templates.Template> ts = (List<Templates.Template>) r[1];
                    @SuppressWarnings("unchecked") List<Letter> ls = (List<Letter>) r[2];
                    reports.setAll(rs);
                    templateNames.setAll(ts.stream().map(Templates.Template::name).toList());
                    if (report.get() == null) drafts.setAll(ls);
                })
                .onError(e -> status.set(e.message())).start();
    }

    /**
     * The Deficiency pane's "Draft letter": selects the report and drafts a letter from it with the
     * template chosen (federal or california by the report's caption) and the form's metadata.
     */
    public void draftFrom(long reportId) {
        tasks.task("letters.report", () -> letters.service().reports().find(reportId)).onSuccess(r -> {
            if (r.isEmpty()) {
                status.set(Messages.format("letters.noReport", reportId));
                return;
            }
            report.set(r.get());
            if (r.get().caption() != null && "california".equals(r.get().caption().style())) template.set("california");
            else template.set("federal");
            draft();
        }).onError(e -> status.set(e.message())).start();
    }

    private void loadDrafts() {
        Report r = report.get();
        tasks.task("letters.list", () -> letters.service().list(r == null ? null : r.reportId())).onSuccess(drafts::setAll)
                .onError(e -> status.set(e.message())).start();
    }

    /**
     * The form as metadata; what the form does not show (court, case number and title overrides, cc) comes
     * from {@code base} (the shown version's metadata on redraft, nothing for a new draft). Throws
     * IllegalArgumentException with one sentence for a date, number or manner of service that is not valid.
     */
    public LetterMeta meta() {
        return meta(null);
    }

    LetterMeta meta(LetterMeta base) {
        List<LetterMeta.Recipient> rs = recipients.stream().filter(r -> !r.blank()).map(Recipient::toMeta).toList();
        LetterMeta.Sender old = base == null ? null : base.sender();
        LetterMeta.Sender sender = new LetterMeta.Sender(v("sender.name"), v("sender.firm"), v("sender.address"), v("sender.email"),
                v("sender.phone"), v("sender.bar_number"), old == null ? null : old.title(), old == null ? null : old.represents());
        return new LetterMeta(date(v("letter_date")), integer(v("respond_within_days")), date(v("responses_served_on")),
                service(v("responses_service")), sender, rs, v("conference_offer"),
                base == null ? null : base.court(), base == null ? null : base.caseNumber(), base == null ? null : base.caseTitle(),
                base == null ? List.of() : base.cc(), v("local_rule"));
    }

    private void fill(LetterMeta m) {
        set("letter_date", m.letterDate());
        set("respond_within_days", m.respondWithinDays());
        set("responses_served_on", m.responsesServedOn());
        set("responses_service", m.responsesService() == null ? null : m.responsesService().wire());
        LetterMeta.Sender s = m.sender();
        set("sender.name", s == null ? null : s.name()); set("sender.firm", s == null ? null : s.firm());
        set("sender.address", s == null ? null : s.address()); set("sender.email", s == null ? null : s.email());
        set("sender.phone", s == null ? null : s.phone()); set("sender.bar_number", s == null ? null : s.barNumber());
        List<Recipient> rows = new java.util.ArrayList<>();
        for (LetterMeta.Recipient r : m.recipients()) {
            Recipient row = new Recipient();
            row.fill(r);
            rows.add(row);
        }
        if (rows.isEmpty()) rows.add(new Recipient());
        recipients.setAll(rows);
        set("conference_offer", m.conferenceOffer());
        set("local_rule", m.localRule());
    }

    public void draft() {
        Report r = report.get();
        if (r == null) {
            status.set(Messages.get("letters.pickReport"));
            return;
        }
        LetterMeta m;
        try {
            m = meta();
        } catch (RuntimeException e) {
            status.set(e.getMessage());
            return;
        }
        String who = System.getProperty("user.name");
        run("letters.draft", () -> letters.service().draft(r, template.get(), m, who));
    }

    /** Applies the form's metadata: the letter is written again from its template, as a new version. */
    public void redraft() {
        Letter l = letter.get();
        if (l == null) return;
        LetterMeta m;
        try {
            m = meta(shownMeta);
        } catch (RuntimeException e) {
            status.set(e.getMessage());
            return;
        }
        run("letters.redraft", () -> letters.service().redraft(l.id(), m, System.getProperty("user.name")));
    }

    public void save() {
        Letter l = letter.get();
        if (l == null) return;
        String text = editor.get();
        run("letters.save", () -> letters.service().edit(l.id(), text, System.getProperty("user.name"), null));
    }

    public void open(Letter l, Integer version) {
        if (l == null) return;
        run("letters.open", () -> letters.service().show(l.id(), version));
    }

    public void compare(int from, int to) {
        Letter l = letter.get();
        if (l == null) return;
        tasks.task("letters.diff", () -> letters.service().diff(l.id(), from, to)).onSuccess(d -> {
            diff.setAll(d.lines());
            diffSummary.set(Messages.format("letters.diffSummary", d.from(), d.to(), d.added(), d.removed()));
        })
                .onError(e -> status.set(e.message())).start();
    }

    /**
     * Whether the shown version may be exported now; if not, says why on the status line (the view asks
     * before it opens the save dialog). The export itself refuses again (LetterExports), whatever is asked.
     */
    public boolean checkExportable() {
        if (letter.get() == null) return false;
        if (!exportable.get()) {
            status.set(Messages.format("letters.exportRefused", String.join(", ", missingFields)));
            return false;
        }
        return true;
    }

    public void export(String format, Path out) {
        Letter l = letter.get();
        if (l == null || !checkExportable()) return;
        int v = shownVersion;
        busy.set(true);
        tasks.task("letters.export", () -> letters.exports().export(l.id(), v, format, out, System.getProperty("user.name")))
                .onSuccess(e -> status.set(Messages.format("letters.exported", e.version(), e.file().toAbsolutePath())))
                .onError(e -> status.set(e.message())).onFinally(() -> busy.set(false)).start();
    }

    public void polish() {
        Letter l = letter.get();
        if (l == null) return;
        busy.set(true);
        polishRefusal.set("");
        int v = shownVersion;
        tasks.task("letters.polish", () -> letters.polisher().polish(l.id(), v, System.getProperty("user.name"))).onSuccess(o -> {
            if (o.accepted()) {
                show(o.saved());
                status.set(o.saved().version().version() == v ? Messages.get("letters.polishSame") : Messages.format("letters.polished", o.saved().version().version()));
            } else {
                polishRefusal.set(Messages.get("letters.polishRefused") + "\n" + o.check().describe());
                status.set(Messages.get("letters.polishRefused"));
            }
        }).onError(e -> status.set(e.message())).onFinally(() -> busy.set(false)).start();
    }

    private void run(String name, java.util.concurrent.Callable<LetterService.LetterView> work) {
        busy.set(true);
        tasks.task(name, work).onSuccess(this::show).onError(e -> status.set(e.message())).onFinally(() -> busy.set(false)).start();
    }

    private void show(LetterService.LetterView v) {
        letter.set(v.letter());
        template.set(v.letter().template());
        shownVersion = v.version().version();
        shownMeta = v.version().meta();
        polishRefusal.set("");
        editor.set(v.version().content());
        fill(v.version().meta());
        StringBuilder d = new StringBuilder();
        if (v.deadlines().respondBy() != null) d.append(Messages.format("letters.respondBy", day(v.deadlines().respondBy()))).append('\n');
        if (v.deadlines().motionToCompelBy() != null) d.append(Messages.format("letters.motionBy", day(v.deadlines().motionToCompelBy()))).append('\n');
        deadlines.set(d.toString().strip());
        deadlineSteps.set(String.join("\n", v.deadlines().steps()));
        List<String> gaps = new java.util.ArrayList<>(v.missingFields().stream().map(LettersViewModel::label).toList());
        if (v.missingFields().isEmpty()) gaps.addAll(v.placeholders());
        missingFields.setAll(gaps);
        exportable.set(v.exportable());
        missing.set(gaps.isEmpty() ? "" : Messages.format("letters.missing", String.join(", ", gaps)));
        notice.set(v.staleNotice() == null ? "" : v.staleNotice());
        status.set(Messages.format("letters.showing", v.letter().id(), v.version().version(), v.version().createdBy(), dev.quarry.ui.common.Formats.time(v.version().createdAt())));
        tasks.task("letters.versions", () -> letters.service().versions(v.letter().id())).onSuccess(versions::setAll)
                .onError(e -> status.set(e.message())).start();
        if (!drafts.stream().anyMatch(x -> x.id() == v.letter().id() && x.latestVersion() == v.letter().latestVersion())) loadDrafts();
    }

    /**
     * A missing field as the form labels it: "Letter date", "Recipient 2 · Address"; a name the form does not
     * show (court, case_number, case_title: from the report's caption, else META.json) stays as it is.
     */
    static String label(String field) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("recipients\\[(\\d+)]\\.(\\w+)").matcher(field);
        if (m.matches()) return Messages.format("letters.recipientMissing", Integer.parseInt(m.group(1)) + 1, Messages.get("letters.recipient." + m.group(2)));
        if (field.equals("recipients")) return Messages.get("letters.recipientsMissing");
        if (field.equals("sender")) return Messages.get("letters.field.sender.name");
        String key = "letters.field." + field;
        return Messages.bundle().containsKey(key) ? Messages.get(key) : field;
    }

    private void set(String k, Object v) {
        fields.get(k).set(text(v));
    }

    private String v(String k) {
        return value(fields.get(k));
    }

    private static String text(Object v) {
        return v == null ? "" : v.toString();
    }

    private static String value(StringProperty p) {
        String s = p.get();
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static final java.time.format.DateTimeFormatter DAY = java.time.format.DateTimeFormatter.ofPattern("EEE MMM d, uuuu", java.util.Locale.US);

    static String day(LocalDate d) {
        return DAY.format(d);
    }

    private static Service service(String s) {
        try {
            return Service.fromWire(s);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(Messages.format("letters.badService", s));
        }
    }

    private static LocalDate date(String s) {
        if (s == null) return null;
        try {
            return LocalDate.parse(s);
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException(Messages.format("letters.badDate", s));
        }
    }

    private static Integer integer(String s) {
        if (s == null) return null;
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(Messages.format("letters.badNumber", s));
        }
    }
}
