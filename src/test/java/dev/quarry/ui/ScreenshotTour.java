package dev.quarry.ui;

import dev.quarry.app.AppServices;
import dev.quarry.documents.DocumentSummary;
import dev.quarry.retrieval.SearchService;
import dev.quarry.ui.common.Theme;
import dev.quarry.ui.workspace.Section;
import dev.quarry.ui.workspace.WorkspaceView;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes the screenshots in docs/screenshots: the real app, full screen under Xvfb, driven through its
 * view models to every pane in the light and the dark theme, each shot taken of the whole screen with
 * ImageMagick's {@code import -window root} (so popovers, which are windows of their own, are in it).
 *
 * <pre>
 * mvn -q -DskipTests package test-compile
 * export QUARRY_HOME=$(mktemp -d)
 * bin/quarry matter create /tmp/ui-m --name "Dev Federal"
 * bin/quarry import /tmp/ui-m ../shared/corpus/deficiency/dev-federal/production
 * java -cp "target/test-classes:target/classes:target/lib/*" dev.quarry.testing.DamagedVolume /tmp/ui-vol
 * bin/quarry import /tmp/ui-m /tmp/ui-vol/VOL001 --production "VOL001 (damaged)"
 * bin/quarry import /tmp/ui-m ../shared/corpus/court/image-pdf.pdf     # the OCR'd scan of viewer-ocr.png
 * xvfb-run -a -s "-screen 0 1440x900x24" java -Dquarry.models=models \
 *     -cp "target/test-classes:target/classes:target/lib/*" dev.quarry.ui.ScreenshotTour /tmp/ui-m /tmp/shots
 * </pre>
 * With {@code -Dtour.only=grid} only the Extraction pane is shot (any matter with a grid, e.g. CUAD contracts).
 * Extra shots of passing states (the syntax popover, a search with no hits, the filter bar while
 * indexing) are written with an {@code x-} prefix, to look at rather than to publish.
 * <p>
 * The Letters shots need letters in the matter: until deficiency review is wired in, the tour drafts two
 * (federal, with an edit as version 2; California) from the letter tests' in-memory reports through the
 * letters' {@code ReportSource}, once per matter. {@code -Dtour.only=letters} takes only the start screen
 * and the Letters shots (any matter will do, even an empty one).
 */
public final class ScreenshotTour {
    private static final Logger log = LoggerFactory.getLogger(ScreenshotTour.class);
    static Path matterDir, outDir;

    public static void main(String[] args) {
        matterDir = Path.of(args[0]).toAbsolutePath();
        outDir = Path.of(args[1]).toAbsolutePath();
        Application.launch(App.class, args);
    }

    public static final class App extends Application {
        private AppServices services;
        private AppWindow window;

        @Override
        public void init() {
            services = dev.quarry.ui.QuarryApp.create();
            String name;
            try (var session = services.matters().open(matterDir, null)) {
                name = session.matter().name();
                draftLetters(session.matter());
            }
            services.userSettings().update(p -> p.withRecent(matterDir, name, Instant.now()).withTheme("light"));
        }

        @Override
        public void start(Stage stage) {
            window = new AppWindow(stage, services, Theme.LIGHT);
            var b = Screen.getPrimary().getBounds();
            stage.setX(0);
            stage.setY(0);
            stage.setWidth(b.getWidth());
            stage.setHeight(b.getHeight());
            window.show();
            Thread t = new Thread(this::tour, "screenshot-tour");
            t.setDaemon(true);
            t.start();
        }

        /** A federal letter with an edit (two versions) and a California one, unless the matter has letters already. */
        private static void draftLetters(dev.quarry.core.Matter m) {
            var reports = dev.quarry.letters.ReportSource.of(List.of(dev.quarry.letters.LetterFixtures.federal(3),
                    dev.quarry.letters.LetterFixtures.california(1)));
            var letters = new dev.quarry.letters.LetterService(new dev.quarry.letters.LetterRepository(m.db()), reports,
                    dev.quarry.letters.Templates.forHome(dev.quarry.core.AppDirs.home()), dev.quarry.letters.LetterFixtures.bates(), m.audit());
            if (!letters.list(null).isEmpty()) return;
            var fed = letters.draft(12, "federal", dev.quarry.letters.LetterFixtures.meta("2024-11-09", dev.quarry.letters.Service.ELECTRONIC), "avery");
            String edited = fed.version().content().replace("Dear Counsel:", "Dear Mr. Ellis:")
                    .replace("We have compared the production with the requests", "We have carefully compared the production with the requests");
            letters.edit(fed.letter().id(), edited, "blake", "salutation");
            letters.draft(21, "california", dev.quarry.letters.LetterFixtures.meta("2025-04-23", dev.quarry.letters.Service.ELECTRONIC), "avery");
        }

        private void tour() {
            int code = 0;
            try {
                Files.createDirectories(outDir);
                for (Theme theme : List.of(Theme.LIGHT, Theme.DARK)) shootAll(theme);
            } catch (Throwable e) {
                log.error("The screenshot tour failed", e);
                code = 1;
            }
            int exit = code;
            fx(() -> {
                window.closeMatter();
                return null;
            });
            pause(2000);
            Runtime.getRuntime().halt(exit);
        }

        private void shootAll(Theme theme) throws Exception {
            String suffix = theme == Theme.DARK ? "-dark" : "";
            fx(() -> {
                window.settings().theme().set(theme);
                return null;
            });
            if (window.workspace() != null) {
                fx(() -> {
                    window.closeMatter();
                    return null;
                });
            }
            waitFor("start screen", () -> window.workspace() == null && window.scene().getRoot().lookup(".start-root") != null);
            pause(2500);
            shot("start-screen" + suffix);

            fx(() -> {
                window.start().open(matterDir);
                return null;
            });
            waitFor("workspace", () -> window.workspace() != null);
            WorkspaceView ws = window.workspace();
            if ("grid".equals(System.getProperty("tour.only"))) {
                // -Dtour.only=grid: the Extraction pane alone, on any matter with a grid (the rest needs Dev Federal).
                shootGrid(ws, suffix);
                return;
            }
            if ("deficiency".equals(System.getProperty("tour.only"))) {
                shootDeficiency(ws, suffix);
                return;
            }
            if ("letters".equals(System.getProperty("tour.only"))) {
                shootLetters(ws, suffix);
                return;
            }
            waitFor("documents", () -> !ws.documents().all().isEmpty());
            pause(2000);
            shot("documents" + suffix);
            // The quality panel on the production with the most findings (the tour's matter may hold a damaged
            // generated volume besides dev-federal: java ... dev.quarry.testing.DamagedVolume DIR writes one).
            waitFor("quality", () -> !ws.quality().productions().isEmpty());
            var productions = fx(() -> List.copyOf(ws.quality().productions()));
            var checks = new dev.quarry.documents.qc.ProductionQc(ws.session().matter().db());
            var worst = productions.stream().max(java.util.Comparator.comparingInt(p ->
                    checks.stored(p.id()).map(r -> r.findings().size()).orElse(0))).orElseThrow();
            fx(() -> {
                ws.quality().selected().set(worst);
                return null;
            });
            waitFor("quality report", () -> ws.quality().report().get() != null);
            pause(1500);
            shot("documents-qc" + suffix);

            long id = fx(() -> ws.documents().all().stream().filter(d -> d.fileName().equals("SSC0000377.pdf"))
                    .mapToLong(DocumentSummary::id).findFirst().orElseThrow());
            long other = fx(() -> ws.documents().all().stream().filter(d -> !d.fileName().equals("SSC0000377.pdf"))
                    .mapToLong(DocumentSummary::id).findFirst().orElseThrow());
            // The find box must start empty on each document: open another one with a query first.
            fx(() -> {
                ws.openAt(other, 1, -1, -1);
                return null;
            });
            waitFor("other document", () -> ws.viewer().document().get() != null && ws.viewer().document().get().id() == other);
            fx(() -> {
                ws.viewer().findQuery().set("the");
                ws.viewer().find();
                ws.openAt(id, 1, -1, -1);
                return null;
            });
            waitFor("viewer", () -> ws.viewer().document().get() != null && ws.viewer().document().get().id() == id
                    && ws.viewer().pageImage().get() != null);
            if (!fx(() -> ws.viewer().findQuery().get()).isEmpty()) throw new IllegalStateException("the find box kept its query");
            Object firstPage = fx(() -> ws.viewer().pageImage().get());
            fx(() -> {
                ws.viewer().findQuery().set("Exclusive Territory");
                ws.viewer().find();
                // step through the hits to the first one on page 4: find goes from page to page
                while (ws.viewer().pageNumber().get() < 4) ws.viewer().findNext();
                return null;
            });
            waitFor("page 4 drawn", () -> ws.viewer().pageImage().get() != null && ws.viewer().pageImage().get() != firstPage);
            pause(3000);
            log.info("viewer find: {} on page {}, find box '{}'", fx(() -> ws.viewer().findStatus().get()),
                    fx(() -> ws.viewer().pageNumber().get()), fx(() -> ((javafx.scene.control.TextField) lookup(ws, "#viewer-find")).getText()));
            shot("viewer" + suffix);

            // A scan read by OCR (court/image-pdf.pdf, when the matter has it): drawn from its image, a found
            // passage highlighted on it from the OCR word boxes, the page's OCR confidence in the toolbar.
            Long scan = fx(() -> ws.documents().all().stream().filter(d -> d.fileName().equals("image-pdf.pdf"))
                    .map(DocumentSummary::id).findFirst().orElse(null));
            if (scan != null) {
                fx(() -> {
                    ws.openAt(scan, 1, -1, -1);
                    return null;
                });
                waitFor("scan", () -> ws.viewer().document().get() != null && ws.viewer().document().get().id() == scan
                        && ws.viewer().pageImage().get() != null);
                fx(() -> {
                    ws.viewer().findQuery().set("Red River Compact");
                    ws.viewer().find();
                    return null;
                });
                waitFor("scan passage", () -> ws.viewer().highlight().get() != null && !ws.viewer().highlightBoxes().isEmpty());
                log.info("OCR page: {}", fx(() -> ws.viewer().ocrNote().get()));
                shot("viewer-ocr" + suffix);
            } else {
                log.warn("No image-pdf.pdf in the matter: the OCR viewer shot is skipped (import ../shared/corpus/court/image-pdf.pdf)");
            }

            fx(() -> {
                ws.select(Section.SEARCH);
                ws.search().mode().set(SearchService.Mode.KEYWORD);
                ws.search().query().set("qqzxv");
                ws.search().search();
                return null;
            });
            waitFor("no hits", () -> !ws.search().searching().get());
            pause(3000);
            shot("x-search-nothing" + suffix);
            fx(() -> {
                ws.search().indexing().set(true); // how the filter bar looks while imported documents are embedded
                return null;
            });
            pause(800);
            shot("x-search-indexing" + suffix);
            fx(() -> {
                ws.search().indexing().set(false);
                ws.search().mode().set(SearchService.Mode.HYBRID);
                ws.search().query().set("exclusive territory granted to the franchisee");
                ws.search().search();
                return null;
            });
            waitFor("hits", () -> !ws.search().searching().get() && !ws.search().hits().isEmpty());
            fx(() -> {
                ListView<?> hits = (ListView<?>) lookup(ws, "#search-hits");
                hits.getSelectionModel().select(1);
                return null;
            });
            pause(1500);
            shot("search" + suffix);
            fx(() -> {
                ((Button) lookup(ws, "#search-syntax-help")).fire();
                return null;
            });
            pause(1500);
            shot("x-search-syntax" + suffix);
            fx(() -> {
                ((Button) lookup(ws, "#search-syntax-help")).fire();
                return null;
            });

            fx(() -> {
                ws.select(Section.ASK);
                return null;
            });
            pause(1500);
            shot("x-ask-empty" + suffix);
            fx(() -> {
                ws.ask().offline().set(true);
                ws.ask().question().set("What is the franchisee's exclusive territory?");
                ws.ask().ask();
                return null;
            });
            waitFor("answer", () -> !ws.ask().asking().get() && ws.ask().result().get() != null);
            pause(2000);
            shot("ask" + suffix);
            fx(() -> {
                ws.ask().ask("Which agreements grant an exclusive territory?");
                return null;
            });
            waitFor("grid offer", () -> !ws.ask().asking().get() && ws.ask().gridOffer().get() != null);
            pause(2000);
            shot("ask-grid-offer" + suffix);

            shootGrid(ws, suffix);
            shootLetters(ws, suffix);

            fx(() -> {
                ws.select(Section.ACTIVITY);
                return null;
            });
            pause(2000);
            fx(() -> {
                TableView<?> audit = (TableView<?>) lookup(ws, "#audit-table");
                audit.getSelectionModel().select(0);
                return null;
            });
            pause(1000);
            shot("activity" + suffix);

            shootDeficiency(ws, suffix);

            fx(() -> {
                ws.select(Section.SETTINGS);
                return null;
            });
            pause(2000);
            shot("settings" + suffix);
        }

    /** Deficiency: the matter's report (or one run on -Dquarry.tour.scenario), a partially produced request selected. */
    private void shootDeficiency(WorkspaceView ws, String suffix) throws Exception {
        fx(() -> {
            ws.select(Section.DEFICIENCY);
            return null;
        });
        waitFor("deficiency report", () -> !ws.deficiency().productions().isEmpty());
        String scenario = System.getProperty("quarry.tour.scenario");
        if (scenario != null && ws.deficiency().rows().isEmpty()) {
            fx(() -> {
                var vm = ws.deficiency();
                vm.requests().set(Path.of(scenario, "rfp.docx"));
                vm.responses().set(Path.of(scenario, "responses.pdf"));
                vm.production().set(vm.productions().get(0));
                vm.run();
                return null;
            });
        }
        waitFor("deficiency rows", () -> !ws.deficiency().rows().isEmpty());
        fx(() -> {
            var vm = ws.deficiency();
            vm.rows().stream().filter(r -> r.classification().equals("partially_produced")).findFirst()
                    .or(() -> vm.rows().stream().filter(r -> !r.result().evidence().isEmpty()).findFirst())
                    .ifPresent(vm.selected()::set);
            return null;
        });
        pause(2000);
        shot("deficiency" + suffix);
    }

    private void shootGrid(WorkspaceView ws, String suffix) throws Exception {
            fx(() -> {
            ws.select(Section.EXTRACTION);
            return null;
        });
        waitFor("grid", () -> ws.grid().table().get() != null && !ws.grid().rows().isEmpty());
        pause(2000);
        if (ws.grid().table().get() != null) {
            fx(() -> {
                @SuppressWarnings("unchecked") TableView<Object> grid = (TableView<Object>) lookup(ws, "#grid-table");
                var t = ws.grid().table().get();
                for (int i = 0; i < grid.getItems().size(); i++) {
                    var row = t.rows().get(i);
                    var e = row.entries().isEmpty() ? null : row.entries().get(0);
                    if (e != null && e.cell() != null && e.cell().quote() != null) {
                        grid.scrollTo(Math.max(0, i - 3));
                        grid.getSelectionModel().clearAndSelect(i, grid.getColumns().get(1 + t.grid().givenColumns().size()));
                        break;
                    }
                }
                return null;
            });
            pause(1500);
            shot("grid" + suffix);
        }

    }

    /** Letters: the federal draft (editor beside preview), its two versions compared, the metadata form, the California draft. */
    private void shootLetters(WorkspaceView ws, String suffix) throws Exception {
        fx(() -> {
            ws.select(Section.LETTERS);
            return null;
        });
        dev.quarry.ui.letters.LettersView view = fx(() -> (dev.quarry.ui.letters.LettersView) lookup(ws, "#letters-pane"));
        dev.quarry.ui.letters.LettersViewModel vm = view.viewModel();
        waitFor("letters", () -> vm.drafts().size() >= 2);
        dev.quarry.letters.Letter fed = fx(() -> vm.drafts().stream().filter(l -> "federal".equals(l.template())).findFirst().orElseThrow());
        dev.quarry.letters.Letter cal = fx(() -> vm.drafts().stream().filter(l -> "california".equals(l.template())).findFirst().orElseThrow());
        fx(() -> {
            view.showTab(0);
            ((ListView<?>) lookup(ws, "#letters-drafts")).getSelectionModel().select(vm.drafts().indexOf(fed));
            return null;
        });
        waitFor("federal letter", () -> vm.letter().get() != null && vm.letter().get().id() == fed.id() && vm.versions().size() == 2
                && !vm.busy().get());
        pause(2000);
        shot("letters" + suffix);
        fx(() -> {
            view.showTab(2);
            ((ListView<?>) lookup(ws, "#letter-versions")).getSelectionModel().selectIndices(0, 1);
            vm.compare(1, 2);
            return null;
        });
        waitFor("diff", () -> !vm.diff().isEmpty());
        pause(1500);
        shot("letters-diff" + suffix);
        fx(() -> {
            view.showTab(1);
            return null;
        });
        pause(1500);
        shot("letters-meta" + suffix);
        fx(() -> {
            view.showTab(0);
            ((ListView<?>) lookup(ws, "#letters-drafts")).getSelectionModel().select(vm.drafts().indexOf(cal));
            return null;
        });
        waitFor("california letter", () -> vm.letter().get() != null && vm.letter().get().id() == cal.id() && !vm.busy().get());
        pause(2000);
        shot("x-letters-california" + suffix);
    }

        private static Node lookup(WorkspaceView ws, String selector) {
            Node n = ws.lookup(selector);
            if (n == null) throw new IllegalStateException("no " + selector + " on screen");
            return n;
        }

        private static void shot(String name) throws IOException, InterruptedException {
            pause(1500); // the software renderer under Xvfb can lag a loaded machine by seconds
            Path file = outDir.resolve(name + ".png");
            Process p = new ProcessBuilder("import", "-window", "root", file.toString()).inheritIO().start();
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) throw new IOException("import failed for " + file);
            log.info("shot {}", file);
        }

        private static <T> T fx(Supplier<T> work) {
            CompletableFuture<T> f = new CompletableFuture<>();
            Platform.runLater(() -> {
                try {
                    f.complete(work.get());
                } catch (Throwable e) {
                    f.completeExceptionally(e);
                }
            });
            return f.join();
        }

        private static void waitFor(String what, BooleanSupplier condition) {
            long end = System.currentTimeMillis() + 180_000;
            while (!fx(condition::getAsBoolean)) {
                if (System.currentTimeMillis() > end) throw new IllegalStateException("timed out waiting for " + what);
                pause(200);
            }
        }

        private static void pause(long ms) {
            try {
                Thread.sleep(ms);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
