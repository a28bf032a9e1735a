package org.hvlab.cli.bench;

import java.util.List;
import org.hvlab.cli.Processes;
import org.hvlab.cli.Workspace;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * {@code hvlab bench memory}: 8-byte guest reads through stage-2 with TLB hits and with TLB misses, beside a plain
 * {@code long[]} read in the same run, over the same seeded indices (org.hvlab.bench.MemoryBench). The ratio
 * against the plain read decides (target: TLB hits within 5x); the miss case's TLB miss ratio is reported too.
 */
final class MemoryBenchRunner implements Bench {
    static final String RAW = "plainArray";
    static final double TARGET_HIT_RATIO = 5.0;

    @Override
    public String description() {
        return "translated 8-byte reads (TLB hit, TLB miss) vs a plain long[] read, JMH average time";
    }

    @Override
    public Table run(Workspace ws, boolean quick) {
        Table jmh = Jmh.run(ws, "org.hvlab.bench.MemoryBench", quick, List.of("-tu", "ns"));
        double raw = jmh.where(jmh.stringColumn("benchmark").isEqualTo(RAW)).doubleColumn("score").get(0);
        DoubleColumn ratio = DoubleColumn.create("ratio_vs_plain");
        StringColumn target = StringColumn.create("target");
        StringColumn verdict = StringColumn.create("verdict");
        for (int i = 0; i < jmh.rowCount(); i++) {
            String b = jmh.stringColumn("benchmark").get(i);
            double r = jmh.doubleColumn("score").get(i) / raw;
            ratio.append(r);
            boolean hit = b.equals("stage2TlbHit");
            target.append(b.equals(RAW) ? "baseline" : hit ? "<= " + TARGET_HIT_RATIO + "x plain" : "none");
            verdict.append(hit ? (r <= TARGET_HIT_RATIO ? "met" : "missed") : "");
        }
        Table t = jmh.addColumns(ratio, target, verdict).setName("memory");
        // The TLB miss ratios, measured by replaying the same reads in a separate JVM.
        String out = Processes.capture(ws.root(), List.of(Workspace.java(), "-cp", ws.libraryTestClassPath(),
                "org.hvlab.bench.MemoryBench"));
        for (String line : out.strip().split("\n")) {
            String[] kv = line.split(",");
            t.stringColumn("benchmark").append(kv[0]);
            t.stringColumn("mode").append("ratio");
            t.doubleColumn("score").append(Double.parseDouble(kv[1]));
            t.doubleColumn("error").appendMissing();
            t.stringColumn("unit").append("misses/reads");
            ratio.appendMissing();
            target.append("none");
            verdict.append("");
        }
        return t;
    }
}
