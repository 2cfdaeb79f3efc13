package dev.quarry.ui.search;

import atlantafx.base.controls.Popover;
import atlantafx.base.theme.Styles;
import dev.quarry.documents.ImportStore;
import dev.quarry.retrieval.SearchHit;
import dev.quarry.retrieval.SearchService.Mode;
import dev.quarry.ui.common.ErrorBar;
import dev.quarry.ui.common.Formats;
import dev.quarry.ui.common.Messages;
import java.util.List;
import java.util.Locale;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import javafx.util.StringConverter;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** Query box, mode, filters and hits; a click or Enter on a hit opens the viewer at the passage. */
public final class SearchView extends BorderPane {
    private final SearchViewModel vm;
    private final TextField queryField = new TextField();

    public SearchView(SearchViewModel vm) {
        this.vm = vm;
        getStyleClass().add("search-pane");
        Label title = new Label(Messages.get("nav.search"));
        title.getStyleClass().add("pane-title");

        queryField.setId("search-query");
        queryField.setPromptText(Messages.get("search.prompt"));
        queryField.textProperty().bindBidirectional(vm.query());
        queryField.setOnAction(e -> vm.search());
        HBox.setHgrow(queryField, Priority.ALWAYS);

        ComboBox<Mode> mode = new ComboBox<>();
        mode.setId("search-mode");
        mode.getItems().setAll(Mode.HYBRID, Mode.DENSE, Mode.KEYWORD);
        mode.valueProperty().bindBidirectional(vm.mode());
        mode.setConverter(new StringConverter<>() {
            @Override public String toString(Mode m) { return m == null ? "" : Messages.get("search.mode." + m.name().toLowerCase(Locale.ROOT)); }
            @Override public Mode fromString(String s) { return null; }
        });

        Button help = new Button(null, new FontIcon(Feather.HELP_CIRCLE));
        help.setId("search-syntax-help");
        help.getStyleClass().add("flat");
        Label helpText = new Label(Messages.get("search.syntax"));
        helpText.setWrapText(true);
        // A fixed width: measured unwrapped on first show, the popover was placed for a one-line label far wider
        // than the wrapped one, away from its button.
        helpText.setPrefWidth(420);
        helpText.setMaxWidth(420);
        helpText.setMinHeight(Region.USE_PREF_SIZE);
        Popover pop = new Popover(helpText);
        pop.setTitle(Messages.get("search.syntax.title"));
        pop.setArrowLocation(Popover.ArrowLocation.TOP_RIGHT);
        help.setOnAction(e -> {
            if (pop.isShowing()) pop.hide(); else pop.show(help);
        });

        Button go = new Button(Messages.get("search.go"), new FontIcon(Feather.SEARCH));
        go.setId("search-go");
        go.getStyleClass().add("accent");
        go.setDefaultButton(false);
        go.setOnAction(e -> vm.search());
        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(18, 18);
        busy.visibleProperty().bind(vm.searching());

        HBox bar = new HBox(8, title, queryField, mode, help, go, busy);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("pane-toolbar");

        TextField custodian = new TextField();
        custodian.setId("search-custodian");
        custodian.setPromptText(Messages.get("search.custodian"));
        custodian.textProperty().bindBidirectional(vm.custodian());
        custodian.setOnAction(e -> vm.search());
        ComboBox<ImportStore.Production> production = new ComboBox<>(vm.productions());
        production.setId("search-production");
        production.setPromptText(Messages.get("search.production"));
        production.valueProperty().bindBidirectional(vm.production());
        production.setConverter(new StringConverter<>() {
            @Override public String toString(ImportStore.Production p) { return p == null ? Messages.get("search.anyProduction") : p.name(); }
            @Override public ImportStore.Production fromString(String s) { return null; }
        });
        production.setOnShowing(e -> vm.loadProductions());
        Button clearProduction = new Button(null, new FontIcon(Feather.X));
        clearProduction.getStyleClass().add("flat");
        clearProduction.setOnAction(e -> vm.production().set(null));
        ComboBox<String> type = new ComboBox<>(vm.mediaTypes());
        type.setId("search-type");
        type.setPromptText(Messages.get("search.type"));
        type.valueProperty().bindBidirectional(vm.mediaType());
        type.setConverter(new StringConverter<>() {
            @Override public String toString(String t) { return t == null ? Messages.get("search.anyType") : Formats.mediaType(t); }
            @Override public String fromString(String s) { return null; }
        });
        type.setOnShowing(e -> vm.loadMediaTypes());
        Button clearType = new Button(null, new FontIcon(Feather.X));
        clearType.getStyleClass().add("flat");
        clearType.setOnAction(e -> vm.mediaType().set(null));
        DatePicker from = new DatePicker();
        from.setPromptText(Messages.get("search.dateFrom"));
        from.valueProperty().bindBidirectional(vm.dateFrom());
        from.setPrefWidth(140);
        DatePicker to = new DatePicker();
        to.setPromptText(Messages.get("search.dateTo"));
        to.valueProperty().bindBidirectional(vm.dateTo());
        to.setPrefWidth(140);
        Label status = new Label();
        status.setId("search-status");
        status.getStyleClass().add("text-muted");
        status.textProperty().bind(vm.status());
        // The filters keep their width; the status gives way (it is cut short before a filter is).
        status.setMinWidth(0);
        for (javafx.scene.control.Control c : List.of(custodian, production, type, from, to)) c.setMinWidth(Region.USE_PREF_SIZE);
        HBox filters = new HBox(8, new Label(Messages.get("search.filters")), custodian, production, clearProduction, type, clearType,
                from, to, status);
        filters.setAlignment(Pos.CENTER_LEFT);
        filters.getStyleClass().add("search-filters");
        // Indexing is said on a line of its own: in the filter row it squeezed the filters to slivers.
        ProgressIndicator indexingBusy = new ProgressIndicator();
        indexingBusy.setPrefSize(14, 14);
        Label indexingText = new Label(Messages.get("search.indexing"));
        indexingText.getStyleClass().add("text-muted");
        HBox indexing = new HBox(8, indexingBusy, indexingText);
        indexing.setId("search-indexing");
        indexing.setAlignment(Pos.CENTER_LEFT);
        indexing.getStyleClass().add("search-indexing");
        indexing.visibleProperty().bind(vm.indexing());
        indexing.managedProperty().bind(vm.indexing());

        // What the keywords did, when it is not what the reviewer would assume (nothing matched, read as words).
        Label notice = new Label();
        notice.setId("search-notice");
        notice.getStyleClass().add(Styles.WARNING);
        notice.setWrapText(true);
        notice.textProperty().bind(vm.notice());
        notice.visibleProperty().bind(vm.notice().isNotEmpty());
        notice.managedProperty().bind(notice.visibleProperty());

        setTop(new VBox(bar, filters, indexing, notice, new ErrorBar(vm.error())));

        ListView<SearchHit> list = new ListView<>(vm.hits());
        list.setId("search-hits");
        Label empty = new Label();
        empty.setId("search-empty");
        empty.getStyleClass().add("text-muted");
        empty.setWrapText(true);
        empty.textProperty().bind(vm.placeholder());
        list.setPlaceholder(empty);
        list.setCellFactory(v -> new HitCell());
        list.setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY && list.getSelectionModel().getSelectedItem() != null) {
                vm.open(list.getSelectionModel().getSelectedItem());
            }
        });
        list.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) vm.open(list.getSelectionModel().getSelectedItem());
        });
        setCenter(list);
    }

    public void focusQuery() {
        queryField.requestFocus();
    }

    private static final class HitCell extends ListCell<SearchHit> {
        @Override
        protected void updateItem(SearchHit h, boolean empty) {
            super.updateItem(h, empty);
            if (empty || h == null) {
                setGraphic(null);
                setText(null);
                return;
            }
            Label head = new Label(Messages.format("search.hit.head", h.rank(), h.fileName(), h.page(),
                    h.bates() == null ? "" : " · " + h.bates()));
            head.getStyleClass().add("hit-head");
            head.setMinWidth(Region.USE_PREF_SIZE);
            // The producer's file name can be long: it takes the room left and is cut first, never the
            // page, the Bates number or the scores (the whole name is in the tooltip).
            Label original = new Label(h.originalName() == null ? "" : "(" + h.originalName() + ")");
            original.getStyleClass().addAll("hit-head", "text-muted");
            original.setMinWidth(0);
            if (h.originalName() != null) original.setTooltip(new javafx.scene.control.Tooltip(h.originalName()));
            HBox.setHgrow(original, Priority.ALWAYS);
            original.setMaxWidth(Double.MAX_VALUE);
            Label score = new Label(scores(h));
            score.getStyleClass().addAll("text-muted", "hit-score");
            score.setMinWidth(Region.USE_PREF_SIZE);
            HBox top = new HBox(12, head, original, score);
            TextFlow snippet = new TextFlow();
            snippet.getStyleClass().add("hit-snippet");
            for (SearchViewModel.Run r : SearchViewModel.runs(h)) {
                Text t = new Text(r.text());
                t.getStyleClass().add(r.bold() ? "hit-match" : "hit-text");
                snippet.getChildren().add(t);
            }
            // Wrap at the list's width: a TextFlow measured without a width would be one word per line.
            snippet.prefWidthProperty().bind(getListView().widthProperty().subtract(40));
            snippet.maxWidthProperty().bind(getListView().widthProperty().subtract(40));
            setPrefWidth(0);
            VBox box = new VBox(4, top, snippet);
            box.getStyleClass().add("hit");
            setText(null);
            setGraphic(box);
        }

        private static String scores(SearchHit h) {
            StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%.3f", h.score()));
            if (h.denseScore() != null) s.append(String.format(Locale.ROOT, " · %s %.2f", Messages.get("search.score.dense"), h.denseScore()));
            if (h.keywordScore() != null) s.append(String.format(Locale.ROOT, " · %s %.2f", Messages.get("search.score.keyword"), h.keywordScore()));
            return s.toString();
        }
    }
}
