package dev.quarry.app;

import dev.quarry.evidence.Evidence;
import dev.quarry.evidence.EvidenceEngine;
import dev.quarry.extraction.GridRunner;
import dev.quarry.extraction.GridService;
import dev.quarry.llm.ApiKeys;
import dev.quarry.llm.LlmGateway;
import dev.quarry.llm.LlmSettings;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Grids wired for one open matter: the gateway (the matter's or the environment's model), the grid service and
 * the evidence engine that decides cells. The command line and the desktop app both build grids through here.
 */
public final class Grids {
    /** Builds the evidence engine for a session; replaceable so tests can run grids over a recorded engine. */
    public static volatile BiFunction<MatterSession, LlmGateway, Evidence> engine = Grids::defaultEngine;

    private final MatterSession session;
    private final LlmGateway gateway;
    private final GridService service;
    private Evidence evidence;

    public Grids(MatterSession session, Map<String, String> env) {
        this.session = session;
        this.gateway = LlmGateway.forMatter(session.matter(),
                LlmSettings.resolve(session.matter().settings(), env, ApiKeys.userDefault()).orElse(null));
        this.service = new GridService(session.matter(), gateway);
    }

    public GridService service() {
        return service;
    }

    public LlmGateway gateway() {
        return gateway;
    }

    /** The evidence engine, made on first use (it loads the retrieval model). */
    public synchronized Evidence evidence() {
        if (evidence == null) evidence = engine.apply(session, gateway);
        return evidence;
    }

    /** A runner for a run of this mode: several model calls in flight (QUARRY_GRID_CONCURRENCY, default 4). */
    public GridRunner runner(Evidence.Mode mode, Integer threads) {
        int n = threads != null ? threads : GridRunner.threadsFor(mode, concurrency());
        return new GridRunner(service, evidence(), n);
    }

    int concurrency() {
        String v = System.getenv("QUARRY_GRID_CONCURRENCY");
        try {
            return v == null ? 4 : Math.max(1, Math.min(32, Integer.parseInt(v.strip())));
        } catch (NumberFormatException e) {
            return 4;
        }
    }

    private static Evidence defaultEngine(MatterSession s, LlmGateway gateway) {
        return new EvidenceEngine(s.matter(), s.retrieval(), gateway);
    }
}
