package dev.quarry.extraction;

import dev.quarry.app.Grids;
import dev.quarry.cli.QuarryCli;

/** A child process for GridKillTest: the command line with a slow engine double, so a kill lands mid-run. */
public final class GridKillChild {
    private GridKillChild() {}

    public static void main(String[] args) {
        Grids.engine = (s, gw) -> {
            RegexEvidence e = GridFixture.engine(s.matter());
            e.delayMs = 40;
            return e;
        };
        System.exit(QuarryCli.run(args));
    }
}
