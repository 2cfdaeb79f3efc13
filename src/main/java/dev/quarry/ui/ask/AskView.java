package dev.quarry.ui.ask;

import dev.quarry.qa.Citation;
import dev.quarry.qa.QaResult;
import dev.quarry.qa.ReviewQueue;
import dev.quarry.ui.common.ErrorBar;
import dev.quarry.ui.common.Formats;
import dev.quarry.ui.common.Messages;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** A chat-style pane: the answer streams in, [n] markers and the citations open the viewer; history and reviews on the right. */
public final class AskView extends BorderPane {
    private final AskViewModel vm;
    private final TextArea questionBox = new TextArea();
    private final TextFlow answer = new TextFlow();
    private final Label banner = new Label();
    private final Label confidence = new Label();
    private final FlowPane suggestions = new FlowPane(8, 8);
    private final VBox citations = new VBox(2);
    private final VBox feedbackRow = new VBox(6);

    public AskView(AskViewModel vm) {
        this.vm = vm;
        getStyleClass().add("ask-pane");
        Label title = new Label(Messages.get("nav.ask"));
        title.getStyleClass().add("pane-title");
        CheckBox offline = new CheckBox(Messages.get("ask.offline"));
        offline.setId("ask-offline");
        offline.selectedProperty().bindBidirectional(vm.offline());
        HBox bar = new HBox(10, title, spacer(), offline);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("pane-toolbar");
        setTop(new VBox(bar, new ErrorBar(vm.error())));

        SplitPane split = new SplitPane(conversation(), sidePanel());
        split.setDividerPositions(0.68);
        setCenter(split);

        vm.streamed().addListener((o, a, b) -> renderAnswer());
        vm.result().addListener((o, a, b) -> renderResult());
        renderResult();
    }

    private Node conversation() {
        Label asked = new Label();
        asked.setId("ask-asked");
        asked.getStyleClass().add("title-4");
        asked.setWrapText(true);
        asked.textProperty().bind(vm.askedQuestion());
        banner.setId("ask-banner");
        banner.getStyleClass().add("ask-banner");
        banner.setWrapText(true);
        banner.setMaxWidth(Double.MAX_VALUE);
        banner.managedProperty().bind(banner.visibleProperty());
        confidence.setId("ask-confidence");
        confidence.getStyleClass().add("text-muted");
        confidence.setWrapText(true);
        confidence.managedProperty().bind(confidence.visibleProperty());
        answer.setId("ask-answer");
        answer.getStyleClass().add("ask-answer");
        suggestions.setId("ask-suggestions");
        citations.setId("ask-citations");
        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(22, 22);
        busy.visibleProperty().bind(vm.asking());
        busy.managedProperty().bind(vm.asking());
        Label placeholder = new Label(Messages.get("ask.placeholder"));
        placeholder.getStyleClass().add("text-muted");
        placeholder.setWrapText(true);
        placeholder.visibleProperty().bind(vm.askedQuestion().isEmpty());
        placeholder.managedProperty().bind(placeholder.visibleProperty());

        VBox thread = new VBox(10, placeholder, asked, busy, gridOffer(), banner, answer, confidence, suggestions, citations, feedbackRow);
        thread.getStyleClass().add("ask-thread");
        thread.setFillWidth(true);
        ScrollPane scroll = new ScrollPane(thread);
        scroll.setFitToWidth(true);
        VBox.setVgrow(scroll, Priority.ALWAYS);

        questionBox.setId("ask-question");
        questionBox.setPromptText(Messages.get("ask.prompt"));
        questionBox.setWrapText(true);
        questionBox.setPrefRowCount(3);
        questionBox.textProperty().bindBidirectional(vm.question());
        questionBox.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER && !e.isShiftDown()) {
                e.consume();
                if (vm.questionValid().get()) vm.ask();
            }
        });
        HBox.setHgrow(questionBox, Priority.ALWAYS);
        Label count = new Label();
        count.getStyleClass().add("text-muted");
        count.textProperty().bind(Bindings.createStringBinding(() -> {
            String q = vm.question().get();
            int n = q == null ? 0 : q.strip().length();
            return n == 0 ? "" : AskViewModel.validation(q).orElse(Messages.format("ask.count", n, AskViewModel.MAX_CHARS));
        }, vm.question()));
        Button ask = new Button(Messages.get("ask.go"), new FontIcon(Feather.SEND));
        ask.setId("ask-go");
        ask.getStyleClass().add("accent");
        ask.disableProperty().bind(vm.questionValid().not().or(vm.asking()));
        ask.setOnAction(e -> vm.ask());
        VBox side = new VBox(6, ask, count);
        HBox input = new HBox(8, questionBox, side);
        input.getStyleClass().add("ask-input");
        VBox box = new VBox(8, scroll, input);
        box.getStyleClass().add("ask-conversation");
        return box;
    }

    /** The offer for a question about every document: why top passages cannot answer it, and the button to make it a column. */
    private Node gridOffer() {
        Label why = new Label(Messages.get("ask.gridOffer"));
        why.setId("ask-grid-offer-text");
        why.setWrapText(true);
        Label column = new Label();
        column.setId("ask-grid-offer-column");
        column.getStyleClass().add("text-muted");
        column.textProperty().bind(Bindings.createStringBinding(() -> {
            var v = vm.gridOffer().get();
            return v == null ? "" : Messages.format("ask.gridOffer.column", v.name(), v.type());
        }, vm.gridOffer()));
        Button make = new Button(Messages.get("ask.gridOffer.make"), new FontIcon(Feather.GRID));
        make.setId("ask-make-grid");
        make.getStyleClass().add("accent");
        make.setOnAction(e -> vm.acceptGridOffer());
        HBox row = new HBox(10, make, column);
        row.setAlignment(Pos.CENTER_LEFT);
        VBox box = new VBox(6, why, row);
        box.setId("ask-grid-offer");
        box.getStyleClass().add("ask-banner");
        box.setMaxWidth(Double.MAX_VALUE);
        box.visibleProperty().bind(vm.gridOffer().isNotNull());
        box.managedProperty().bind(box.visibleProperty());
        return box;
    }

    private Node sidePanel() {
        ListView<QaResult> history = new ListView<>(vm.history());
        history.setId("ask-history");
        history.setPlaceholder(new Label(Messages.get("ask.history.none")));
        history.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(QaResult r, boolean empty) {
                super.updateItem(r, empty);
                if (empty || r == null) {
                    setText(null);
                    setGraphic(null);
                    return;
                }
                Label q = new Label(r.question());
                q.setWrapText(true);
                Label meta = new Label(Formats.time(r.createdAt()) + " · " + Messages.get("ask.type." + r.answerType().db())
                        + (r.feedback() == null ? "" : " · " + Messages.get("ask.rated." + r.feedback().rating())));
                meta.getStyleClass().add("text-muted");
                setText(null);
                setGraphic(new VBox(2, q, meta));
                setPrefWidth(0);
            }
        });
        history.setOnMouseClicked(e -> vm.reopen(history.getSelectionModel().getSelectedItem()));
        history.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) vm.reopen(history.getSelectionModel().getSelectedItem());
        });
        Button more = new Button(Messages.get("ask.history.more"));
        more.visibleProperty().bind(vm.hasMoreHistory());
        more.managedProperty().bind(vm.hasMoreHistory());
        more.setOnAction(e -> vm.moreHistory());
        VBox.setVgrow(history, Priority.ALWAYS);
        Tab historyTab = new Tab(Messages.get("ask.history"), new VBox(6, history, more));

        ListView<ReviewQueue.Item> queue = new ListView<>(vm.reviews());
        queue.setId("ask-reviews");
        queue.setPlaceholder(new Label(Messages.get("ask.review.none")));
        queue.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(ReviewQueue.Item it, boolean empty) {
                super.updateItem(it, empty);
                if (empty || it == null) {
                    setText(null);
                    return;
                }
                setText(it.question() + "\n" + Messages.get("ask.review.reason") + ": " + it.reason()
                        + (it.confidence() == null ? "" : String.format(Locale.ROOT, " · %.2f", it.confidence())));
                setWrapText(true);
                setPrefWidth(0);
            }
        });
        Label reviewAnswer = new Label();
        reviewAnswer.setWrapText(true);
        reviewAnswer.getStyleClass().add("text-muted");
        TextArea correct = new TextArea();
        correct.setId("ask-review-correct");
        correct.setPromptText(Messages.get("ask.review.correct"));
        correct.setWrapText(true);
        correct.setPrefRowCount(3);
        TextField notes = new TextField();
        notes.setPromptText(Messages.get("ask.review.notes"));
        Button resolve = new Button(Messages.get("ask.review.resolve"));
        resolve.setId("ask-review-resolve");
        resolve.disableProperty().bind(queue.getSelectionModel().selectedItemProperty().isNull().or(correct.textProperty().isEmpty()));
        queue.getSelectionModel().selectedItemProperty().addListener((o, a, it) ->
                reviewAnswer.setText(it == null || it.answer() == null ? "" : it.answer()));
        resolve.setOnAction(e -> {
            vm.resolveReview(queue.getSelectionModel().getSelectedItem(), correct.getText(), notes.getText());
            correct.clear();
            notes.clear();
        });
        VBox.setVgrow(queue, Priority.ALWAYS);
        Tab reviewTab = new Tab(Messages.get("ask.review"), new VBox(6, queue, reviewAnswer, correct, notes, resolve));
        reviewTab.setOnSelectionChanged(e -> {
            if (reviewTab.isSelected()) vm.loadReviews();
        });
        TabPane tabs = new TabPane(historyTab, reviewTab);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.setId("ask-side");
        return tabs;
    }

    /** Rebuilds the answer text; markers become links once the citations are known. */
    private void renderAnswer() {
        QaResult r = vm.result().get();
        answer.getChildren().clear();
        for (AskViewModel.Segment s : AskViewModel.segments(vm.streamed().get())) {
            if (s.citation() > 0 && r != null && vm.citation(s.citation()).isPresent()) {
                Hyperlink link = new Hyperlink(s.text());
                link.getStyleClass().add("citation-link");
                link.setId("ask-marker-" + s.citation());
                int rank = s.citation();
                link.setOnAction(e -> vm.openCitation(rank));
                answer.getChildren().add(link);
            } else {
                Text t = new Text(s.text());
                t.getStyleClass().add("ask-answer-text");
                answer.getChildren().add(t);
            }
        }
    }

    private void renderResult() {
        QaResult r = vm.result().get();
        renderAnswer();
        String b = AskViewModel.banner(r);
        banner.setText(b == null ? "" : b);
        banner.setVisible(b != null);
        String conf = AskViewModel.confidenceLabel(r);
        confidence.setText(conf == null ? "" : conf);
        confidence.setVisible(conf != null);
        suggestions.getChildren().clear();
        citations.getChildren().clear();
        feedbackRow.getChildren().clear();
        if (r == null) return;
        for (String s : r.suggestions()) {
            Button sb = new Button(s, new FontIcon(Feather.CORNER_DOWN_RIGHT));
            sb.getStyleClass().addAll("suggestion", "button-outlined");
            sb.disableProperty().bind(vm.asking());
            sb.setOnAction(e -> vm.ask(s));
            suggestions.getChildren().add(sb);
        }
        if (!r.citations().isEmpty()) {
            Label h = new Label(Messages.get("ask.citations"));
            h.getStyleClass().add("section-title");
            citations.getChildren().add(h);
        }
        for (Citation c : r.citations()) citations.getChildren().add(citationRow(c));
        feedbackRow.getChildren().add(feedback());
    }

    private Node citationRow(Citation c) {
        // The producer's original name comes last: when the row is cut short it goes first, never the page or Bates.
        String original = Formats.withOriginalName(c.fileName(), c.originalName()).equals(c.fileName()) ? ""
                : "  ·  " + c.originalName();
        Hyperlink head = new Hyperlink(Messages.format("ask.citation.head", c.rank(), c.fileName(),
                c.page() == null ? "" : Messages.format("ask.citation.page", c.page()), c.bates() == null ? "" : " · " + c.bates(),
                String.format(Locale.ROOT, "%.2f", c.score()), original));
        head.setId("ask-citation-" + c.rank());
        head.setOnAction(e -> vm.open(c));
        HBox top = new HBox(8, head);
        top.setAlignment(Pos.CENTER_LEFT);
        if (c.cited() && !c.verified()) {
            Label badge = new Label(Messages.get("ask.notVerified"));
            badge.getStyleClass().add("badge-unverified");
            top.getChildren().add(badge);
        }
        Label preview = new Label(c.preview());
        preview.setWrapText(true);
        preview.getStyleClass().add("text-muted");
        VBox row = new VBox(2, top, preview);
        row.getStyleClass().add("citation-row");
        return row;
    }

    private Node feedback() {
        Button up = new Button(Messages.get("ask.helpful"), new FontIcon(Feather.THUMBS_UP));
        up.setId("ask-helpful");
        up.setOnAction(e -> vm.feedback(true));
        Button down = new Button(Messages.get("ask.notHelpful"), new FontIcon(Feather.THUMBS_DOWN));
        down.setId("ask-not-helpful");
        down.setOnAction(e -> vm.feedback(false));
        TextField comment = new TextField();
        comment.setId("ask-feedback-comment");
        comment.setPromptText(Messages.get("ask.comment"));
        comment.textProperty().bindBidirectional(vm.feedbackComment());
        HBox.setHgrow(comment, Priority.ALWAYS);
        Button review = new Button(Messages.get("ask.review.request"), new FontIcon(Feather.FLAG));
        review.getStyleClass().add("flat");
        review.setOnAction(e -> vm.requestReview());
        Label status = new Label();
        status.setId("ask-feedback-status");
        status.getStyleClass().add("text-muted");
        status.textProperty().bind(vm.feedbackStatus());
        HBox row = new HBox(8, up, down, comment, review, status);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    public void focusQuestion() {
        // After the pane is in the scene: a request made while it is being swapped in is lost.
        javafx.application.Platform.runLater(questionBox::requestFocus);
    }

    private static Region spacer() {
        Region r = new Region();
        HBox.setHgrow(r, Priority.ALWAYS);
        return r;
    }
}
