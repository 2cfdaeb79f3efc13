package dev.quarry.ui.activity;

import dev.quarry.core.AuditLog;
import dev.quarry.core.jobs.JobRecord;
import dev.quarry.llm.LlmGateway;
import dev.quarry.ui.common.Columns;
import dev.quarry.ui.common.ErrorBar;
import dev.quarry.ui.common.Formats;
import dev.quarry.ui.common.Messages;
import java.util.List;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** Jobs above, audit log below; refreshed when shown and on demand. */
public final class ActivityView extends BorderPane {
    private final ActivityViewModel vm;

    public ActivityView(ActivityViewModel vm) {
        this.vm = vm;
        getStyleClass().add("activity-pane");
        Label title = new Label(Messages.get("nav.activity"));
        title.getStyleClass().add("pane-title");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Button refresh = new Button(Messages.get("common.refresh"), new FontIcon(Feather.REFRESH_CW));
        refresh.setId("activity-refresh");
        refresh.setOnAction(e -> vm.refresh());
        HBox bar = new HBox(10, title, spacer, refresh);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("pane-toolbar");
        setTop(new VBox(bar, new ErrorBar(vm.error())));
        SplitPane split = new SplitPane(section("activity.jobs", jobsTable()), section("activity.audit", auditTable()));
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.45);
        setCenter(split);
    }

    private static Node section(String key, Node table) {
        Label l = new Label(Messages.get(key));
        l.getStyleClass().add("section-title");
        VBox.setVgrow(table, Priority.ALWAYS);
        VBox box = new VBox(6, l, table);
        box.getStyleClass().add("activity-section");
        return box;
    }

    private Node jobsTable() {
        TableView<JobRecord> t = new TableView<>(vm.recentJobs());
        t.setId("jobs-table");
        t.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        t.setPlaceholder(new Label(Messages.get("activity.noJobs")));
        t.getColumns().addAll(List.of(
                col("activity.col.job", j -> "#" + j.id() + " " + j.kind(), 120),
                col("activity.col.status", j -> Messages.get("job.status." + j.status().db()), 110),
                col("activity.col.items", ActivityViewModel::progress, 220),
                col("activity.col.pages", j -> Formats.count(j.pagesDone()), 80),
                col("activity.col.started", j -> Formats.time(j.startedAt() != null ? j.startedAt() : j.createdAt()), 150),
                col("activity.col.finished", j -> Formats.time(j.finishedAt()), 150),
                col("activity.col.error", j -> j.error() == null ? "" : j.error(), 200)));
        return t;
    }

    private Node auditTable() {
        TableView<AuditLog.Event> t = new TableView<>(vm.events());
        t.setId("audit-table");
        t.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        t.setPlaceholder(new Label(Messages.get("activity.noEvents")));
        t.getColumns().addAll(List.of(
                col("activity.col.time", e -> Formats.time(e.occurredAt()), 150),
                col("activity.col.event", AuditLog.Event::type, 160),
                col("activity.col.entity", e -> e.entityType() == null ? "" : e.entityType() + " " + e.entityId(), 120),
                col("activity.col.actor", AuditLog.Event::actor, 100),
                col("activity.col.details", ActivityViewModel::details, 360)));
        // The selected event shows its details one per line; a language model call also the exact text it sent.
        Label detailsTitle = new Label(Messages.get("activity.details"));
        detailsTitle.getStyleClass().add("text-muted");
        Label details = new Label();
        details.setId("audit-details");
        details.setWrapText(true);
        details.getStyleClass().add("audit-details");
        details.setMinHeight(Region.USE_PREF_SIZE); // every line shown, never "pages: …"
        VBox detailsBox = new VBox(4, detailsTitle, details);
        detailsBox.getStyleClass().add("audit-details-box");
        detailsBox.managedProperty().bind(detailsBox.visibleProperty());
        detailsBox.setVisible(false);
        TextArea sent = new TextArea();
        sent.setId("audit-sent-text");
        sent.setEditable(false);
        sent.setWrapText(true);
        sent.setPrefRowCount(8);
        Label sentTitle = new Label(Messages.get("activity.sentText"));
        sentTitle.getStyleClass().add("text-muted");
        VBox sentBox = new VBox(4, sentTitle, sent);
        sentBox.getStyleClass().add("audit-details-box");
        sentBox.managedProperty().bind(sentBox.visibleProperty());
        sentBox.setVisible(false);
        t.getSelectionModel().selectedItemProperty().addListener((o, a, e) -> {
            List<String> lines = e == null ? List.of() : ActivityViewModel.detailLines(e);
            detailsBox.setVisible(!lines.isEmpty());
            details.setText(String.join("\n", lines));
            String text = e == null ? null : LlmGateway.sentText(e.details());
            sentBox.setVisible(text != null);
            sent.setText(text == null ? "" : text);
        });
        VBox.setVgrow(t, Priority.ALWAYS);
        VBox box = new VBox(6, t, detailsBox, sentBox);
        box.getStyleClass().add("activity-detail-area");
        return box;
    }

    private static <R> TableColumn<R, String> col(String key, Function<R, String> value, double width) {
        TableColumn<R, String> c = new TableColumn<>(Messages.get(key));
        c.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(value.apply(f.getValue())));
        c.setPrefWidth(width);
        return Columns.keepHeader(c);
    }
}
