package dev.quarry.ui;

import dev.quarry.app.AppServices;
import dev.quarry.app.Grids;
import dev.quarry.app.MatterSession;
import dev.quarry.app.Matters;
import dev.quarry.app.UserSettings;
import dev.quarry.core.Matter;
import dev.quarry.core.jobs.CancelToken;
import dev.quarry.core.jobs.ProgressListener;
import dev.quarry.app.TaskRunner;
import dev.quarry.evidence.Evidence;
import dev.quarry.evidence.ValueType;
import dev.quarry.extraction.DocumentSet;
import dev.quarry.extraction.Grid;
import dev.quarry.extraction.GridRun;
import dev.quarry.extraction.GridService;
import dev.quarry.extraction.GridTable;
import dev.quarry.extraction.RegexEvidence;
import dev.quarry.extraction.VariableSpec;
import dev.quarry.retrieval.TestMatters;
import dev.quarry.ui.extraction.GridViewModel;
import dev.quarry.ui.workspace.Section;
import dev.quarry.ui.common.Theme;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.scene.control.TableView;
import javafx.stage.Stage;

/**
 * How smooth the Extraction pane stays on a large grid (issue 14: "2,000 × 15 stays smooth"): a matter of N
 * generated contracts, a grid of V columns filled by a regular-expression engine (the cells, not the engine,
 * are what is measured), then the pane scrolled from top to bottom a page per frame, sorted and filtered.
 * Prints, as JSON, the frame intervals while scrolling (p50, p95, max, frames over 50 ms), the layout time
 * per pulse, and the time until a sort and a filter show. Run under a real display for real rendering:
 *
 * <pre>xvfb-run -a -s "-screen 0 1440x900x24" java -Dquarry.models=models -cp "target/test-classes:target/classes:target/lib/*" \
 *     dev.quarry.ui.GridScrollBench [DOCUMENTS [VARIABLES]]</pre>
 *
 * A benchmark, not a test: nothing here asserts a time.
 */
public final class GridScrollBench {
    private static final String[] STATES = {"Delaware", "New York", "California", "Texas", "England and Wales", "Ontario"};

    private GridScrollBench() {}

    public static void main(String[] args) throws Exception {
        int documents = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int variables = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        Path tmp = Files.createTempDirectory("quarry-grid-scroll");
        Path dir = tmp.resolve("matter");
        long t0 = System.nanoTime();
        Matter m = Matter.create(dir, "grid scroll bench", null, null);
        for (int i = 0; i < documents; i++) {
            TestMatters.addDocument(m, String.format(Locale.ROOT, "contract-%05d.txt", i), null, null, contract(i));
        }
        m.close();
        double addSeconds = (System.nanoTime() - t0) / 1e9;

        Grids.engine = (s, gw) -> engine(s.matter(), variables);
        long t1 = System.nanoTime();
        long gridId;
        try (MatterSession s = new MatterSession(Matter.open(dir, null))) {
            Grids grids = new Grids(s, Map.of());
            GridService gs = grids.service();
            Grid g = gs.create(new GridService.NewGrid("Scroll", "contracts", "en", DocumentSet.all(), specs(variables), null));
            gridId = g.id();
            GridRun sample = gs.plan(gridId, GridService.RunRequest.sample(1, true));
            grids.runner(Evidence.Mode.OFFLINE, 2).run(sample.id(), ProgressListener.NONE, new CancelToken());
            GridRun all = gs.plan(gridId, GridService.RunRequest.all(true));
            grids.runner(Evidence.Mode.OFFLINE, 2).run(all.id(), ProgressListener.NONE, new CancelToken());
        }
        double fillSeconds = (System.nanoTime() - t1) / 1e9;

        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();
        AppServices services = new AppServices(TaskRunner.withPool(2, Platform::runLater),
                new UserSettings(tmp.resolve("home/settings.json")), new Matters());
        MatterSession session = services.matters().open(dir, null);
        AppWindow[] window = new AppWindow[1];
        onFx(() -> {
            window[0] = new AppWindow(new Stage(), services, Theme.LIGHT);
            window[0].showMatter(session);
            window[0].show();
            window[0].workspace().select(Section.EXTRACTION);
        });
        GridViewModel vm = window[0].workspace().grid();
        long t2 = System.nanoTime();
        waitUntil(() -> onFxGet(() -> vm.grids().size()) > 0, 60);
        onFx(() -> vm.show(vm.grids().get(0)));
        waitUntil(() -> onFxGet(() -> vm.table().get() != null && vm.rows().size() == documents), 120);
        double showSeconds = (System.nanoTime() - t2) / 1e9;
        @SuppressWarnings("unchecked")
        TableView<GridTable.Row> table = onFxGet(() -> (TableView<GridTable.Row>) window[0].workspace().lookup("#grid-table"));
        int columns = onFxGet(() -> table.getColumns().size());

        Scroll grid = scroll(table, documents);

        // The baseline, in the same run: a plain TableView of the same rows, one text column per variable, in a
        // window of the same size (what JavaFX itself costs on this machine and display).
        Stage[] plainStage = new Stage[1];
        TableView<GridTable.Row> plain = onFxGet(() -> {
            TableView<GridTable.Row> t = new TableView<>(javafx.collections.FXCollections.observableArrayList(vm.rows()));
            javafx.scene.control.TableColumn<GridTable.Row, String> file = new javafx.scene.control.TableColumn<>("file");
            file.setCellValueFactory(r -> new javafx.beans.property.ReadOnlyStringWrapper(r.getValue().document().fileName()));
            t.getColumns().add(file);
            for (var v : vm.table().get().variables()) {
                javafx.scene.control.TableColumn<GridTable.Row, String> c = new javafx.scene.control.TableColumn<>(v.name());
                c.setCellValueFactory(r -> new javafx.beans.property.ReadOnlyStringWrapper(GridViewModel.cellText(r.getValue().entry(v.name()))));
                t.getColumns().add(c);
            }
            javafx.stage.Window w = table.getScene().getWindow();
            plainStage[0] = new Stage();
            plainStage[0].setScene(new javafx.scene.Scene(t, w.getWidth(), w.getHeight()));
            plainStage[0].show();
            return t;
        });
        Thread.sleep(500);
        Scroll base = scroll(plain, documents);
        onFx(() -> plainStage[0].close());

        // Sort by the second variable's column, then filter by a value: time until the table shows it.
        long t3 = System.nanoTime();
        onFx(() -> {
            table.getSortOrder().setAll(List.of(table.getColumns().get(2)));
            table.sort();
        });
        onFx(() -> { }); // the next pulse
        double sortMs = (System.nanoTime() - t3) / 1e6;
        long t4 = System.nanoTime();
        onFx(() -> vm.filter().set("Delaware"));
        waitUntil(() -> onFxGet(() -> table.getItems().size() < documents), 60);
        double filterMs = (System.nanoTime() - t4) / 1e6;
        int filtered = onFxGet(() -> table.getItems().size());

        Map<String, Object> out = new java.util.LinkedHashMap<>();
        out.put("documents", documents);
        out.put("variables", variables);
        out.put("table_columns", columns);
        out.put("cells", (long) documents * variables);
        out.put("prism", System.getProperty("prism.order", "default"));
        out.put("glass", System.getProperty("glass.platform", "default"));
        out.put("setup_seconds", Map.of("add_documents", round(addSeconds), "fill_cells", round(fillSeconds), "open_grid", round(showSeconds)));
        out.put("grid_pane", grid.json());
        out.put("plain_table_baseline", base.json());
        out.put("frame_p50_ratio_to_baseline", round(grid.frameP50() / Math.max(0.1, base.frameP50())));
        out.put("sort_ms", round(sortMs));
        out.put("filter_ms", round(filterMs));
        out.put("filtered_rows", filtered);
        out.put("cores", Runtime.getRuntime().availableProcessors());
        out.put("load_average", java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.out.println(dev.quarry.core.Json.write(out));
        onFx(() -> window[0].detach());
        session.close();
        services.close();
        Platform.exit();
        System.exit(0);
    }

    /** Frame intervals and layout times while a table scrolls a page per frame from top to bottom. */
    record Scroll(List<Long> frames, List<Long> layouts) {
        double frameP50() {
            return percentiles(frames).getOrDefault("p50", 0.0);
        }

        Map<String, Object> json() {
            Map<String, Object> out = new java.util.LinkedHashMap<>();
            out.put("frames", frames.size());
            out.put("frame_ms", percentiles(frames));
            out.put("frames_over_50ms", frames.stream().filter(f -> f > 50_000_000L).count());
            out.put("layout_ms_per_pulse", percentiles(layouts));
            return out;
        }
    }

    static Scroll scroll(TableView<GridTable.Row> table, int rows) throws Exception {
        List<Long> frames = new ArrayList<>();
        List<Long> layouts = new ArrayList<>();
        long[] preLayout = {0};
        Runnable pre = () -> preLayout[0] = System.nanoTime();
        Runnable post = () -> {
            if (preLayout[0] != 0) layouts.add(System.nanoTime() - preLayout[0]);
        };
        CountDownLatch done = new CountDownLatch(1);
        int page = 25;
        onFx(() -> {
            table.getScene().addPreLayoutPulseListener(pre);
            table.getScene().addPostLayoutPulseListener(post);
            table.scrollTo(0);
            new AnimationTimer() {
                long last;
                int row;

                @Override
                public void handle(long now) {
                    if (last != 0) frames.add(now - last);
                    last = now;
                    row += page;
                    if (row >= rows) {
                        stop();
                        done.countDown();
                        return;
                    }
                    table.scrollTo(row);
                }
            }.start();
        });
        done.await(10, TimeUnit.MINUTES);
        onFx(() -> {
            table.getScene().removePreLayoutPulseListener(pre);
            table.getScene().removePostLayoutPulseListener(post);
        });
        return new Scroll(frames, layouts);
    }

    /** A generated contract: a date, a governing law, a notice period, and a yes/no clause in some. */
    static String contract(int i) {
        return "SUPPLY AGREEMENT " + i + "\n\nThis Supply Agreement is dated 2019-" + String.format(Locale.ROOT, "%02d-%02d", 1 + i % 12, 1 + i % 28)
                + " between Acme Corp and Buyer " + i + " Inc.\n\n1. Term. Either party may terminate this Agreement on " + (30 + i % 60)
                + " days written notice.\n\n" + (i % 3 == 0 ? "2. Restrictive covenant. The Supplier shall not compete with the Buyer.\n\n" : "")
                + "3. Governing law. This Agreement is governed by the laws of the State of " + STATES[i % STATES.length] + ".\n";
    }

    private static final String[][] KINDS = {
            {"TEXT", "laws of the State of ([A-Z][a-z]+(?: [a-z]+)?(?: [A-Z][a-z]+)*)"},
            {"DATE", "dated (\\d{4}-\\d{2}-\\d{2})"},
            {"NUMBER", "(\\d+) days written notice"},
            {"BOOLEAN", "shall not compete"}};

    static List<VariableSpec> specs(int n) {
        List<VariableSpec> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String[] k = KINDS[i % KINDS.length];
            out.add(new VariableSpec("v" + (i + 1) + "_" + k[0].toLowerCase(Locale.ROOT), ValueType.valueOf(k[0]),
                    "Column " + (i + 1) + " of the bench grid, a " + k[0].toLowerCase(Locale.ROOT) + " read from the contract.", List.of(), false, false));
        }
        return out;
    }

    static RegexEvidence engine(Matter m, int n) {
        RegexEvidence e = new RegexEvidence(m.db());
        List<VariableSpec> specs = specs(n);
        for (int i = 0; i < n; i++) e = e.with(specs.get(i).name(), KINDS[i % KINDS.length][1]);
        return e;
    }

    static Map<String, Double> percentiles(List<Long> nanos) {
        if (nanos.isEmpty()) return Map.of();
        long[] v = nanos.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(v);
        Map<String, Double> out = new java.util.LinkedHashMap<>();
        out.put("p50", round(v[v.length / 2] / 1e6));
        out.put("p95", round(v[(int) Math.min(v.length - 1, Math.ceil(v.length * 0.95) - 1)] / 1e6));
        out.put("max", round(v[v.length - 1] / 1e6));
        return out;
    }

    static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }

    static void onFx(Runnable r) throws Exception {
        CompletableFuture<Void> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                r.run();
                f.complete(null);
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        });
        f.get(2, TimeUnit.MINUTES);
    }

    static <T> T onFxGet(java.util.concurrent.Callable<T> c) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(c.call());
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        });
        return f.get(2, TimeUnit.MINUTES);
    }

    static void waitUntil(java.util.concurrent.Callable<Boolean> ready, int seconds) throws Exception {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (!ready.call()) {
            if (System.nanoTime() > end) throw new IllegalStateException("Timed out after " + seconds + " s");
            Thread.sleep(50);
        }
    }
}
