package dev.quarry.ui.viewer;

import dev.quarry.documents.PageLayout;
import dev.quarry.documents.render.PdfPageRenderer;
import dev.quarry.ui.common.ErrorBar;
import dev.quarry.ui.common.Formats;
import dev.quarry.ui.common.Messages;
import java.awt.image.BufferedImage;
import javafx.beans.binding.Bindings;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Pos;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Rectangle;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** The document viewer: toolbar (back, pages, zoom, find) over a rendered PDF page or the document's text. */
public final class ViewerView extends BorderPane {
    /** Screen pixels per PDF point at 100% zoom (96 dpi screen, 72 points per inch). */
    static final double PX_PER_POINT = 96.0 / 72.0;

    private final ViewerViewModel vm;
    private final ImageView image = new ImageView();
    private final Pane overlay = new Pane();
    private final TextArea text = new TextArea();
    private final TextField find = new TextField();
    private final ScrollPane scroll = new ScrollPane();

    public ViewerView(ViewerViewModel vm, Runnable onBack) {
        this.vm = vm;
        getStyleClass().add("viewer");
        setTop(new VBox(toolbar(onBack), new ErrorBar(vm.error())));
        setCenter(body());
        vm.pageImage().addListener((o, a, b) -> showImage(b));
        vm.zoom().addListener((o, a, b) -> layoutPage());
        vm.highlight().addListener((o, a, b) -> showHighlight());
        vm.pageNumber().addListener((o, a, b) -> {
            if (!vm.pdf().get() && vm.highlight().get() == null) {
                text.positionCaret(vm.displayStart(b.intValue()));
                text.setScrollTop(0);
            }
            layoutPage();
        });
        vm.displayText().addListener((o, a, b) -> text.setText(b));
    }

    public void focusFind() {
        find.requestFocus();
        find.selectAll();
    }

    private Node toolbar(Runnable onBack) {
        Button back = new Button(Messages.get("viewer.back"), new FontIcon(Feather.ARROW_LEFT));
        back.setId("viewer-back");
        back.getStyleClass().add("flat");
        back.setOnAction(e -> onBack.run());
        Label title = new Label();
        title.setId("viewer-title");
        title.getStyleClass().add("viewer-title");
        title.textProperty().bind(Bindings.createStringBinding(
                () -> vm.document().get() == null ? ""
                        : Formats.withOriginalName(vm.document().get().fileName(), vm.document().get().originalName()), vm.document()));
        title.setMinWidth(80);
        Button prev = iconButton(Feather.CHEVRON_LEFT, "viewer.prevPage", vm::previous);
        prev.setId("viewer-prev");
        Button next = iconButton(Feather.CHEVRON_RIGHT, "viewer.nextPage", vm::next);
        next.setId("viewer-next");
        TextField page = new TextField();
        page.setId("viewer-page");
        page.setPrefColumnCount(3);
        page.getStyleClass().add("page-field");
        vm.pageNumber().addListener((o, a, b) -> page.setText(String.valueOf(b)));
        page.setOnAction(e -> {
            try {
                vm.goTo(Integer.parseInt(page.getText().trim()));
            } catch (NumberFormatException ex) {
                page.setText(String.valueOf(vm.pageNumber().get()));
            }
        });
        Label of = new Label();
        of.setId("viewer-page-count");
        of.getStyleClass().add("text-muted");
        of.textProperty().bind(Bindings.createStringBinding(
                () -> Messages.format("viewer.of", vm.pageCount().get()), vm.pageCount()));
        Button zoomOut = iconButton(Feather.ZOOM_OUT, "viewer.zoomOut", vm::zoomOut);
        Button zoomIn = iconButton(Feather.ZOOM_IN, "viewer.zoomIn", vm::zoomIn);
        Label zoom = new Label();
        zoom.setId("viewer-zoom");
        zoom.getStyleClass().add("zoom-label");
        zoom.textProperty().bind(Bindings.createStringBinding(
                () -> Math.round(vm.zoom().get() * 100) + "%", vm.zoom()));
        zoom.setOnMouseClicked(e -> vm.resetZoom());
        find.setId("viewer-find");
        find.setPromptText(Messages.get("viewer.find.prompt"));
        find.textProperty().bindBidirectional(vm.findQuery());
        find.setOnAction(e -> vm.find());
        find.setPrefColumnCount(16);
        Button findPrev = iconButton(Feather.CHEVRON_UP, "viewer.find.prev", vm::findPrevious);
        Button findNext = iconButton(Feather.CHEVRON_DOWN, "viewer.find.next", vm::findNext);
        Label status = new Label();
        status.setId("viewer-find-status");
        status.getStyleClass().add("text-muted");
        status.textProperty().bind(vm.findStatus());
        Label ocr = new Label();
        ocr.setId("viewer-ocr");
        ocr.getStyleClass().add("ocr-note");
        ocr.textProperty().bind(vm.ocrNote());
        ocr.visibleProperty().bind(vm.ocrNote().isNotEmpty());
        ocr.managedProperty().bind(vm.ocrNote().isNotEmpty());
        vm.ocrLow().addListener((o, was, low) -> {
            if (low) ocr.getStyleClass().add("ocr-low"); else ocr.getStyleClass().remove("ocr-low");
        });
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox pages = new HBox(4, prev, page, of, next);
        pages.setAlignment(Pos.CENTER_LEFT);
        HBox zooms = new HBox(4, zoomOut, zoom, zoomIn);
        zooms.setAlignment(Pos.CENTER_LEFT);
        zooms.visibleProperty().bind(vm.pdf());
        zooms.managedProperty().bind(vm.pdf());
        HBox bar = new HBox(12, back, title, spacer, ocr, pages, zooms, find, findPrev, findNext, status);
        // Only the title gives way to a narrow window or a long name (the producer's original file name
        // can be 80 characters): the page box, its count, the find box and "11 of 19" keep their width.
        for (javafx.scene.Node n : bar.getChildren()) {
            if (n != title && n instanceof Region r) r.setMinWidth(Region.USE_PREF_SIZE);
        }
        for (javafx.scene.Node n : pages.getChildren()) ((Region) n).setMinWidth(Region.USE_PREF_SIZE);
        for (javafx.scene.Node n : zooms.getChildren()) ((Region) n).setMinWidth(Region.USE_PREF_SIZE);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("pane-toolbar");
        return bar;
    }

    private Node body() {
        image.setPreserveRatio(true);
        image.setSmooth(true);
        overlay.setMouseTransparent(true);
        overlay.setManaged(false);
        Group group = new Group(image, overlay);
        StackPane page = new StackPane(group);
        page.getStyleClass().add("page-canvas");
        scroll.setContent(page);
        scroll.setId("viewer-pdf");
        scroll.setFitToWidth(true);
        scroll.setFitToHeight(true);
        scroll.getStyleClass().add("page-scroll");
        scroll.visibleProperty().bind(vm.pdf());
        text.setId("viewer-text");
        text.setEditable(false);
        text.setWrapText(true);
        text.getStyleClass().add("document-text");
        text.visibleProperty().bind(vm.pdf().not());
        return new StackPane(text, scroll);
    }

    private void showImage(BufferedImage img) {
        image.setImage(img == null ? null : SwingFXUtils.toFXImage(img, null));
        layoutPage();
    }

    private void layoutPage() {
        if (image.getImage() != null) {
            image.setFitWidth(image.getImage().getWidth() / PdfPageRenderer.SCALE * PX_PER_POINT * vm.zoom().get());
        }
        drawBoxes();
    }

    private void showHighlight() {
        ViewerViewModel.Passage h = vm.highlight().get();
        if (!vm.pdf().get() && h != null) {
            int[] r = vm.highlightRange();
            text.selectRange(r[0], r[1]);
            text.requestFocus();
        }
        drawBoxes();
    }

    private void drawBoxes() {
        overlay.getChildren().clear();
        double scale = PX_PER_POINT * vm.zoom().get();
        double top = Double.NaN;
        for (PageLayout.Box b : vm.highlightBoxes()) {
            Rectangle r = new Rectangle(b.x() * scale - 1, b.y() * scale - 1, b.w() * scale + 2, b.h() * scale + 2);
            r.getStyleClass().add("passage-highlight");
            overlay.getChildren().add(r);
            if (Double.isNaN(top)) top = b.y() * scale;
        }
        if (!Double.isNaN(top) && image.getImage() != null) scrollTo(top);
    }

    /** Scrolls the page so that {@code y} (pixels from the top of the page image) sits in the upper third. */
    private void scrollTo(double y) {
        scroll.layout();
        Node content = scroll.getContent();
        double contentHeight = content.getLayoutBounds().getHeight();
        double viewport = scroll.getViewportBounds().getHeight();
        if (contentHeight <= viewport) return;
        double imageTop = (contentHeight - image.getBoundsInParent().getHeight()) / 2; // the page is centred
        double target = imageTop + y - viewport / 3;
        scroll.setVvalue(Math.max(0, Math.min(1, target / (contentHeight - viewport))));
    }

    private static Button iconButton(Feather icon, String tooltipKey, Runnable action) {
        Button b = new Button(null, new FontIcon(icon));
        b.getStyleClass().addAll("flat", "button-icon");
        b.setTooltip(new Tooltip(Messages.get(tooltipKey)));
        b.setOnAction(e -> action.run());
        return b;
    }
}
