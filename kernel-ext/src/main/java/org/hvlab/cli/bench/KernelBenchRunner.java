package org.hvlab.cli.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hvlab.cli.Processes;
import org.hvlab.cli.Workspace;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * {@code hvlab bench kernel}: jupyter_client drives the installed hvlab kernel (kernel-ext/src/test/python/
 * bench_kernel.py): start to kernel_info, start to first result, round trip after 200 warm-up cells against JShell's
 * own evaluation of the same expressions, and resident memory; each target is measured against its baseline in the
 * same run (issue 3). The kernelspec is (re)installed first so the figures are for this build.
 */
final class KernelBenchRunner implements Bench {
    /** Targets from issue 3, by metric: {@code {limit, "baseline it is relative to"}}. */
    static final Map<String, String> TARGETS = Map.of(
            "start_to_kernel_info_minus_trivial_ms", "<= 400 ms over a trivial Java program's start-to-exit",
            "start_to_first_result_ms", "< 1500 ms",
            "roundtrip_minus_jshell_ms", "<= 3 ms over JShell's own median",
            "rss_after_first_eval_mb", "< 250 MB");
    static final Map<String, Double> LIMITS = Map.of(
            "start_to_kernel_info_minus_trivial_ms", 400.0,
            "start_to_first_result_ms", 1500.0,
            "roundtrip_minus_jshell_ms", 3.0,
            "rss_after_first_eval_mb", 250.0);

    @Override
    public String description() {
        return "kernel start-up, first result, round trip vs JShell after 200 warm-up cells, resident memory (jupyter_client)";
    }

    @Override
    public Table run(Workspace ws, boolean quick) {
        int rc = org.hvlab.cli.TestStage.hvlab(ws, "kernel", "install");
        if (rc != 0) throw new org.hvlab.cli.CliException("kernel install exited with " + rc,
                "the benchmark measures the installed kernelspec", "Run ./hvlab kernel install and read its message");
        List<String> cmd = new ArrayList<>(List.of(Processes.systemPython(), "kernel-ext/src/test/python/bench_kernel.py"));
        if (quick) cmd.add("--quick");
        String out = Processes.capture(ws.root(), cmd);
        StringColumn metric = StringColumn.create("metric");
        DoubleColumn value = DoubleColumn.create("value");
        StringColumn unit = StringColumn.create("unit");
        StringColumn target = StringColumn.create("target");
        StringColumn verdict = StringColumn.create("verdict");
        for (String line : out.strip().split("\n")) {
            String[] f = line.split(",");
            if (f.length != 3 || f[0].equals("metric")) continue;
            double v = Double.parseDouble(f[1]);
            metric.append(f[0]);
            value.append(v);
            unit.append(f[2]);
            target.append(TARGETS.getOrDefault(f[0], ""));
            Double limit = LIMITS.get(f[0]);
            verdict.append(limit == null ? "" : v <= limit ? "met" : "missed");
        }
        return Table.create("kernel", metric, value, unit, target, verdict);
    }
}
