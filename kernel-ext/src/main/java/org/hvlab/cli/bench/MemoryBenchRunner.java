package org.hvlab.cli.bench;

import java.util.List;
import org.hvlab.cli.Workspace;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * {@code hvlab bench memory}: 8-byte guest reads through stage-2 with TLB hits and with TLB misses, beside a plain
 * {@code long[]} read in the same run. The ratio against the raw read decides (target: TLB hits within 5x).
 */
final class MemoryBenchRunner implements Bench {
    static final String RAW = "rawLongArray";
    static final double TARGET_HIT_RATIO = 5.0;

    @Override
    public String description() {
        return "translated 8-byte reads (TLB hit, TLB miss) vs a plain long[] read, JMH average time";
    }

    @Override
    public Table run(Workspace ws, boolean quick) {
        Table jmh = Jmh.run(ws, "org.hvlab.bench.MemoryBench", quick, List.of("-tu", "ns"));
        double raw = jmh.where(jmh.stringColumn("benchmark").isEqualTo(RAW)).doubleColumn("score").get(0);
        DoubleColumn ratio = DoubleColumn.create("ratio_vs_raw");
        StringColumn target = StringColumn.create("target");
        for (int i = 0; i < jmh.rowCount(); i++) {
            String b = jmh.stringColumn("benchmark").get(i);
            ratio.append(jmh.doubleColumn("score").get(i) / raw);
            target.append(b.equals(RAW) ? "baseline" : b.toLowerCase().contains("hit") ? "<= " + TARGET_HIT_RATIO + "x raw" : "-");
        }
        return jmh.addColumns(ratio, target).setName("memory");
    }
}
