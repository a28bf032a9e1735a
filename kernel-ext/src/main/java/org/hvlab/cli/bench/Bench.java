package org.hvlab.cli.bench;

import java.util.function.Supplier;
import org.hvlab.cli.Workspace;
import tech.tablesaw.api.Table;

/**
 * A named benchmark behind {@code hvlab bench NAME}. It measures its subject and the baseline in the same run and
 * returns one row per figure; {@link BenchCsv} adds the provenance columns.
 */
public interface Bench {

    String description();

    /** Runs the benchmark; {@code quick} trades precision for time. */
    Table run(Workspace ws, boolean quick);

    /** The benchmarks there are. */
    enum Name {
        memory(MemoryBenchRunner::new),
        kernel(KernelBenchRunner::new),
        pci(PciBenchRunner::new),
        bmc(BmcBenchRunner::new);

        private final Supplier<Bench> factory;

        Name(Supplier<Bench> factory) {
            this.factory = factory;
        }

        public String id() { return name(); }

        public Bench create() { return factory.get(); }
    }
}
