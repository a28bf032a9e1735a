package org.hvlab.cli.bench;

import org.hvlab.cli.Workspace;
import org.hvlab.pci.PciBench;
import tech.tablesaw.api.Table;

/**
 * {@code hvlab bench pci}: host bytes per VM of a 256-bus ECAM window per absent-function strategy, and a warmed-up
 * brute-force enumeration against trap-and-emulate in the same run (issue 4). The figures come from
 * {@link PciBench#run(boolean)}; each row names its target and whether it was met.
 */
final class PciBenchRunner implements Bench {

    @Override
    public String description() {
        return "ECAM host bytes per VM (1,000 VMs, 256 buses) per strategy, and warmed brute-force enumeration vs trap-and-emulate";
    }

    @Override
    public Table run(Workspace ws, boolean quick) {
        return PciBench.run(quick);
    }
}
