package org.hvlab.cli.bench;

import org.hvlab.bmc.bench.BmcBench;
import org.hvlab.cli.Workspace;
import tech.tablesaw.api.Table;

/**
 * {@code hvlab bench bmc}: Redfish GETs with Basic auth under {@code wrk -t1 -c32} beside nginx serving the same JSON,
 * and a provisioning transfer end to end beside curl fetching the same file from nginx, all in the same run (issue 5).
 * Loopback only, bounded in time; it starts and stops its own nginx.
 */
final class BmcBenchRunner implements Bench {

    @Override
    public String description() {
        return new BmcBench(false).description();
    }

    @Override
    public Table run(Workspace ws, boolean quick) {
        return new BmcBench(quick).run();
    }
}
