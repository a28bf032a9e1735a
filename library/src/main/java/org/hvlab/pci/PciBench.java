package org.hvlab.pci;

import java.util.List;
import org.hvlab.core.ByteSize;
import org.hvlab.core.Platform;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The figures behind {@code ./hvlab bench pci} (issue 4): host bytes per VM of a 256-bus window with one present
 * device for each strategy, and a warmed-up {@code BRUTE_FORCE} enumeration of that window (exits, absent-function
 * exits, modelled cycles, emulator wall time and its ratio against {@code TRAP_AND_EMULATE} in the same run).
 * Each row carries its target and whether it was met.
 */
public final class PciBench {
    private PciBench() {}

    public static final int BUSES = 256;
    /** Target: shared leaf table, host bytes per VM. */
    public static final ByteSize LEAF_TABLE_TARGET = ByteSize.kib(16);
    /** Target: warmed brute-force enumeration of 256 buses under the shared strategies, emulator wall time. */
    public static final long BRUTE_FORCE_TARGET_NS = 50_000_000L;

    /** Runs on the catalog's default platform; {@code quick} uses 100 VMs and fewer repeats instead of 1,000. */
    public static Table run(boolean quick) {
        return run(Platform.defaultPlatform(), quick);
    }

    public static Table run(Platform platform, boolean quick) {
        int vms = quick ? 100 : 1000;
        EcamExperiment x = EcamExperiment.on(platform).buses(BUSES).measureBudget(ByteSize.mib(quick ? 256 : 512))
                .repeats(quick ? 2 : 10, quick ? 3 : 15);
        Table t = Table.create("pci", StringColumn.create("metric"), StringColumn.create("strategy"), DoubleColumn.create("value"),
                StringColumn.create("unit"), StringColumn.create("method"), StringColumn.create("target"), StringColumn.create("met"));
        for (AbsentFunctionStrategy s : AbsentFunctionStrategy.values()) {
            EcamFootprint f = x.footprint(s, vms, BUSES);
            String target;
            String met;
            long perVm = f.perVm().bytes();
            switch (s) {
                case SHARED_LEAF_TABLE: target = "<= 16 KiB"; met = yes(perVm <= LEAF_TABLE_TARGET.bytes()); break;
                case SHARED_PAGE: target = "~0.5 MiB"; met = yes(Math.abs(perVm - ByteSize.kib(512).bytes()) <= ByteSize.kib(32).bytes()); break;
                case PER_FUNCTION_PAGES: target = "~256 MiB"; met = yes(Math.abs(perVm - ByteSize.mib(256).bytes()) <= ByteSize.mib(4).bytes()); break;
                default: target = "-"; met = "-";
            }
            row(t, "host_bytes_per_vm (" + vms + " VMs, " + BUSES + " buses, 1 device)", s, perVm, "bytes",
                    f.measured() ? "measured" : "extrapolated from " + x.measuredVms(s, vms, BUSES) + " measured VM(s)", target, met);
        }
        long trapNs = 0;
        long trapCycles = 0;
        for (AbsentFunctionStrategy s : List.of(AbsentFunctionStrategy.TRAP_AND_EMULATE, AbsentFunctionStrategy.SHARED_PAGE,
                AbsentFunctionStrategy.SHARED_LEAF_TABLE)) {
            EnumerationResult r = x.enumerate(s, EnumerationMode.BRUTE_FORCE, BUSES);
            boolean shared = s != AbsentFunctionStrategy.TRAP_AND_EMULATE;
            if (!shared) {
                trapNs = r.emulatorNanos();
                trapCycles = r.modelCycles();
            }
            String what = "brute_force " + BUSES + " buses: ";
            row(t, what + "absent_exits", s, r.absentExits(), "exits", "modelled", shared ? "0" : "-", shared ? yes(r.absentExits() == 0) : "-");
            row(t, what + "exits", s, r.exits(), "exits", "modelled", "-", "-");
            row(t, what + "model_cycles", s, r.modelCycles(), "cycles", "modelled", "-", "-");
            row(t, what + "emulator_ns", s, r.emulatorNanos(), "ns", "measured, warmed median", shared ? "< 50 ms" : "-",
                    shared ? yes(r.emulatorNanos() < BRUTE_FORCE_TARGET_NS) : "-");
            row(t, what + "emulator_vs_trap", s, (double) r.emulatorNanos() / trapNs, "ratio", "measured", "-", "-");
            row(t, what + "model_cycles_vs_trap", s, (double) r.modelCycles() / trapCycles, "ratio", "modelled", "-", "-");
        }
        return t;
    }

    private static String yes(boolean ok) {
        return ok ? "yes" : "no";
    }

    private static void row(Table t, String metric, AbsentFunctionStrategy s, double value, String unit, String method, String target, String met) {
        t.stringColumn("metric").append(metric);
        t.stringColumn("strategy").append(s.name());
        t.doubleColumn("value").append(value);
        t.stringColumn("unit").append(unit);
        t.stringColumn("method").append(method);
        t.stringColumn("target").append(target);
        t.stringColumn("met").append(met);
    }
}
