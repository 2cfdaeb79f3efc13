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
    /** The metadata form's fields, in order: META.json's names. */
    public static final List<String> FIELDS = List.of("letter_date", "respond_within_days", "responses_served_on", "responses_service",
            "sender.name", "sender.firm", "sender.address", "sender.email", "sender.phone", "sender.bar_number",
            "recipient.name", "recipient.firm", "recipient.address", "recipient.email", "conference_offer", "local_rule");

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
    private final StringProperty missing = new SimpleStringProperty("");
    private final StringProperty notice = new SimpleStringProperty("");
    private final StringProperty status = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final Map<String, StringProperty> fields = new LinkedHashMap<>();
    private int shownVersion;

    public LettersViewModel(TaskRunner tasks, LetterWiring.Letters letters) {
        this.tasks = tasks;
        this.letters = letters;
        for (String f : FIELDS) fields.put(f, new SimpleStringProperty(""));
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
    public StringProperty deadlines() { return deadlines; }
    public StringProperty missing() { return missing; }
    public StringProperty notice() { return notice; }
    public StringProperty status() { return status; }
    public BooleanProperty busy() { return busy; }
    public StringProperty field(String name) { return fields.get(name); }

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

    public LetterMeta meta() {
        String addr = v("recipient.address");
        List<LetterMeta.Recipient> recipients = v("recipient.name") == null && addr == null && v("recipient.email") == null ? List.of()
                : List.of(new LetterMeta.Recipient(v("recipient.name"), v("recipient.firm"), addr, v("recipient.email")));
        LetterMeta.Sender sender = new LetterMeta.Sender(v("sender.name"), v("sender.firm"), v("sender.address"), v("sender.email"),
                v("sender.phone"), v("sender.bar_number"), null, null);
        return new LetterMeta(date(v("letter_date")), integer(v("respond_within_days")), date(v("responses_served_on")),
                v("responses_service") == null ? null : Service.fromWire(v("responses_service")), sender, recipients, v("conference_offer"),
                null, null, null, List.of(), v("local_rule"));
    }

    private void fill(LetterMeta m) {
        set("letter_date", m.letterDate());
        set("respond_within_days", m.respondWithinDays());
        set("responses_served_on", m.responsesServedOn());
        set("responses_service", m.responsesService() == null ? null : m.responsesService().wire());
        LetterMeta.Sender s = m.sender();
        if (s != null) {
            set("sender.name", s.name()); set("sender.firm", s.firm()); set("sender.address", s.address());
            set("sender.email", s.email()); set("sender.phone", s.phone()); set("sender.bar_number", s.barNumber());
        }
        if (!m.recipients().isEmpty()) {
            LetterMeta.Recipient r = m.recipients().get(0);
            set("recipient.name", r.name()); set("recipient.firm", r.firm()); set("recipient.address", r.address()); set("recipient.email", r.email());
        }
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
        LetterMeta m = meta();
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
        tasks.task("letters.diff", () -> letters.service().diff(l.id(), from, to)).onSuccess(d -> diff.setAll(d.lines()))
                .onError(e -> status.set(e.message())).start();
    }

    public void export(String format, Path out) {
        Letter l = letter.get();
        if (l == null) return;
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
        int v = shownVersion;
        tasks.task("letters.polish", () -> letters.polisher().polish(l.id(), v, System.getProperty("user.name"))).onSuccess(o -> {
            if (o.accepted()) show(o.saved());
            else status.set(Messages.get("letters.polishRefused") + "\n" + o.check().describe());
        }).onError(e -> status.set(e.message())).onFinally(() -> busy.set(false)).start();
    }

    private void run(String name, java.util.concurrent.Callable<LetterService.LetterView> work) {
        busy.set(true);
        tasks.task(name, work).onSuccess(this::show).onError(e -> status.set(e.message())).onFinally(() -> busy.set(false)).start();
    }

    private void show(LetterService.LetterView v) {
        letter.set(v.letter());
        shownVersion = v.version().version();
        editor.set(v.version().content());
        fill(v.version().meta());
        StringBuilder d = new StringBuilder();
        if (v.deadlines().respondBy() != null) d.append(Messages.format("letters.respondBy", v.deadlines().respondBy())).append('\n');
        if (v.deadlines().motionToCompelBy() != null) d.append(Messages.format("letters.motionBy", v.deadlines().motionToCompelBy())).append('\n');
        for (String s : v.deadlines().steps()) d.append("  ").append(s).append('\n');
        deadlines.set(d.toString().strip());
        missing.set(v.missingFields().isEmpty() && v.placeholders().isEmpty() ? ""
                : Messages.format("letters.missing", String.join(", ", v.missingFields().isEmpty() ? v.placeholders() : v.missingFields())));
        notice.set(v.staleNotice() == null ? "" : v.staleNotice());
        status.set(Messages.format("letters.showing", v.letter().id(), v.version().version(), v.version().createdBy(), v.version().createdAt()));
        tasks.task("letters.versions", () -> letters.service().versions(v.letter().id())).onSuccess(versions::setAll).start();
        if (!drafts.stream().anyMatch(x -> x.id() == v.letter().id() && x.latestVersion() == v.letter().latestVersion())) loadDrafts();
    }

    private void set(String k, Object v) {
        fields.get(k).set(v == null ? "" : v.toString());
    }

    private String v(String k) {
        String s = fields.get(k).get();
        return s == null || s.isBlank() ? null : s.strip();
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
