package org.hvlab.pci;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;
import org.hvlab.core.ByteSize;
import org.hvlab.core.CostModel;
import org.hvlab.core.Pa;
import org.hvlab.core.Platform;
import org.hvlab.core.Provenance;
import org.hvlab.core.SimClock;
import org.hvlab.core.Trace;
import org.hvlab.memory.HostMemory;
import org.hvlab.memory.stage2.GuestMemory;
import org.hvlab.memory.stage2.Stage2;
import org.hvlab.memory.stage2.Tlb;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The tables of notebook 02: host bytes of the ECAM window per strategy for 1..1,000 VMs and 1..256 buses, and
 * the exits, modelled cycles and emulator time of both enumeration modes. Each run builds its own host memory,
 * TLB and clock from the platform's cost model, so runs do not disturb each other and the model numbers are the
 * same on every machine; only {@code emulator_ns} is measured.
 *
 * <p>{@code PER_FUNCTION_PAGES} fills a real 4 KiB frame per absent function, so it is measured only up to 8 VMs
 * and while the frames fit {@link #measureBudget}; beyond that its rows are extrapolated (it shares nothing, so it
 * grows linearly) and say so in the {@code method} column.
 */
public final class EcamExperiment {
    private final Platform platform;
    private final CostModel costs;
    private List<AbsentFunctionStrategy> strategies = List.of(AbsentFunctionStrategy.values());
    private int[] vms = {1, 10, 100, 1000};
    private int[] buses = {1, 16, 64, 256};
    private PciTopology topology = oneDevice();
    private ByteSize measureBudget = ByteSize.mib(512);
    private int warmups = 3;
    private int runs = 5;
    private LongSupplier ticker = Ecam.SYSTEM_TICKER;
    private boolean userSpaceVmm;

    private EcamExperiment(Platform platform) {
        this.platform = Objects.requireNonNull(platform, "platform");
        this.costs = CostModel.load(platform.id());
    }

    /** An experiment with {@code platform}'s cost model. */
    public static EcamExperiment on(Platform platform) { return new EcamExperiment(platform); }

    /** An experiment with the cost model of catalog platform {@code platformId}. */
    public static EcamExperiment on(String platformId) { return on(Platform.of(platformId)); }

    /** The reference case: one NIC at 00:01.0 and nothing else. */
    public static PciTopology oneDevice() {
        return new PciTopology().add(Bdf.of(0, 1, 0), PciDevices.nic());
    }

    public EcamExperiment strategies(AbsentFunctionStrategy... s) {
        if (s.length == 0) throw invalid("no strategies", "Pass at least one AbsentFunctionStrategy");
        this.strategies = List.of(s);
        return this;
    }

    /** VM counts for {@link #memory()} (each 1..10,000). */
    public EcamExperiment vms(int... counts) {
        for (int n : counts) if (n < 1 || n > 10_000) throw invalid("VM count " + n, "Use 1..10,000 VMs");
        this.vms = counts.clone();
        return this;
    }

    /** Window sizes in buses (each 1..256). */
    public EcamExperiment buses(int... counts) {
        for (int n : counts) if (n < 1 || n > 256) throw invalid("bus count " + n, "Use 1..256 buses");
        this.buses = counts.clone();
        return this;
    }

    /** The present functions every VM gets (each VM gets its own copy); all must sit on bus 0 to fit every window. */
    public EcamExperiment topology(PciTopology t) {
        this.topology = t.copy();
        return this;
    }

    private void checkFits() {
        int smallest = Arrays.stream(buses).min().orElse(1);
        if (!topology.buses().isEmpty() && topology.buses().last() >= smallest) {
            throw invalid("a topology on buses " + topology.buses() + " with windows of " + Arrays.toString(buses) + " buses",
                    "Use buses(..) whose smallest window reaches bus " + topology.buses().last() + ", or a topology on bus 0");
        }
    }

    /** Host bytes {@code PER_FUNCTION_PAGES} may fill while measuring (default 512 MiB); beyond, it is extrapolated. */
    public EcamExperiment measureBudget(ByteSize budget) {
        if (budget.bytes() < ByteSize.mib(1).bytes()) throw invalid("a budget of " + budget, "Allow at least mib(1)");
        this.measureBudget = budget;
        return this;
    }

    /** Enumerations run to warm the emulator up (discarded), then measured; {@code emulator_ns} is the median. */
    public EcamExperiment repeats(int warmupRuns, int measuredRuns) {
        if (warmupRuns < 0 || measuredRuns < 1) throw invalid(warmupRuns + " warm-ups and " + measuredRuns + " runs", "Use >= 0 and >= 1");
        this.warmups = warmupRuns;
        this.runs = measuredRuns;
        return this;
    }

    /** Emulate devices in a user-space VMM (each emulated access pays {@code mmio_exit_user}); default false. */
    public EcamExperiment userSpaceVmm(boolean userSpace) {
        this.userSpaceVmm = userSpace;
        return this;
    }

    /** Where {@code emulator_ns} comes from (default {@link Ecam#SYSTEM_TICKER}). */
    public EcamExperiment ticker(LongSupplier nanoTicker) {
        this.ticker = Objects.requireNonNull(nanoTicker, "ticker");
        return this;
    }

    /** One row per strategy, VM count and bus count: host bytes of the windows, total and per VM. */
    public Table memory() {
        Table t = Table.create("ecam host memory", StringColumn.create("strategy"), IntColumn.create("vms"),
                IntColumn.create("buses"), LongColumn.create("host_bytes"), LongColumn.create("host_bytes_per_vm"),
                LongColumn.create("table_pages"), LongColumn.create("leaf_pages"), LongColumn.create("shared_pages"),
                StringColumn.create("method"));
        checkFits();
        java.util.Map<String, EcamFootprint> measured = new java.util.HashMap<>();
        for (AbsentFunctionStrategy s : strategies) {
            for (int b : buses) {
                for (int n : vms) {
                    EcamFootprint f = footprint(s, n, b, measured);
                    t.stringColumn("strategy").append(s.name());
                    t.intColumn("vms").append(n);
                    t.intColumn("buses").append(b);
                    t.longColumn("host_bytes").append(f.total().bytes());
                    t.longColumn("host_bytes_per_vm").append(f.perVm().bytes());
                    t.longColumn("table_pages").append(f.tablePages());
                    t.longColumn("leaf_pages").append(f.leafPages());
                    t.longColumn("shared_pages").append(f.sharedPages());
                    t.stringColumn("method").append(f.measured() ? "measured" : "extrapolated");
                }
            }
        }
        return t;
    }

    /** The footprint of {@code n} VMs with {@code b}-bus windows under {@code s} (measured or extrapolated). */
    public EcamFootprint footprint(AbsentFunctionStrategy s, int n, int b) {
        checkFits();
        return footprint(s, n, b, new java.util.HashMap<>());
    }

    private EcamFootprint footprint(AbsentFunctionStrategy s, int n, int b, java.util.Map<String, EcamFootprint> measured) {
        int count = measuredVms(s, n, b);
        EcamFootprint f = measured.computeIfAbsent(s + "/" + count + "/" + b, k -> measure(s, count, b));
        return count == n ? f : f.extrapolate(n);
    }

    /** VMs actually built to count {@code n} VMs' footprint: all of them, except for per-function pages (at most 8, within budget). */
    public int measuredVms(AbsentFunctionStrategy s, int n, int b) {
        if (s != AbsentFunctionStrategy.PER_FUNCTION_PAGES) return n;
        return (int) Math.max(1, Math.min(Math.min(n, 8), measureBudget.bytes() / ByteSize.mib(b).bytes()));
    }

    private EcamFootprint measure(AbsentFunctionStrategy s, int measuredVms, int b) {
        HostMemory mem = new HostMemory(ByteSize.gib(256));
        Trace trace = new Trace(new SimClock(platform.hz(), costs), Provenance.current(java.time.Instant.EPOCH), 16);
        NoFunctionPage page = NoFunctionPage.reserve(mem);
        EcamWindow window = EcamWindow.of(b);
        List<Stage2> tables = new ArrayList<>();
        for (int i = 0; i < measuredVms; i++) {
            Stage2 s2 = new Stage2(mem, i + 1, "vm" + (i + 1), trace);
            s.map(s2, window, topology, page);
            tables.add(s2);
        }
        EcamFootprint f = EcamFootprint.measure(s, tables, window);
        tables.forEach(Stage2::destroy);
        return f;
    }

    /** One row per strategy, mode and bus count: what one guest enumeration costs (one VM, fresh each run). */
    public Table enumeration() {
        checkFits();
        Table t = null;
        for (int b : buses) {
            for (EnumerationMode mode : EnumerationMode.values()) {
                Long trap = null;
                List<Table> rows = new ArrayList<>();
                for (AbsentFunctionStrategy s : strategies) {
                    if (s == AbsentFunctionStrategy.PER_FUNCTION_PAGES && ByteSize.mib(b).bytes() > measureBudget.bytes()) continue;
                    EnumerationResult r = enumerate(s, mode, b);
                    if (s == AbsentFunctionStrategy.TRAP_AND_EMULATE) trap = r.emulatorNanos();
                    rows.add(r.table());
                }
                for (Table row : rows) {
                    long ns = row.longColumn("emulator_ns").get(0);
                    row.addColumns(DoubleColumn.create("emulator_vs_trap", trap == null ? Double.NaN : (double) ns / trap),
                            BooleanColumn.create("warmed", warmups > 0));
                    t = t == null ? row.copy().setName("ecam enumeration") : t.append(row);
                }
            }
        }
        return t == null ? Table.create("ecam enumeration") : t;
    }

    /** Enumerates a fresh VM's {@code b}-bus window under {@code s}: model numbers of the last run, median wall time. */
    public EnumerationResult enumerate(AbsentFunctionStrategy s, EnumerationMode mode, int b) {
        long[] wall = new long[runs];
        EnumerationResult last = null;
        for (int i = 0; i < warmups + runs; i++) {
            HostMemory mem = new HostMemory(ByteSize.gib(64));
            SimClock clock = new SimClock(platform.hz(), costs);
            Trace trace = new Trace(clock, Provenance.current(java.time.Instant.EPOCH), 16);
            Pa zero = mem.allocate();
            GuestMemory vm = new GuestMemory("vm1", 1, mem, new Tlb(1024), clock, trace, zero);
            Ecam ecam = Ecam.builder(vm, clock).buses(b).topology(topology.copy()).strategy(s)
                    .userSpaceVmm(userSpaceVmm).noFunctionPage(NoFunctionPage.reserve(mem)).attach();
            EnumerationResult r = ecam.enumerate(mode, ticker);
            vm.destroy();
            if (i >= warmups) {
                wall[i - warmups] = r.emulatorNanos();
                last = r;
            }
        }
        Arrays.sort(wall);
        return new EnumerationResult(last.strategy(), last.mode(), last.buses(), last.functions(), last.configReads(),
                last.configWrites(), last.exits(), last.absentExits(), last.presentExits(), last.modelCycles(),
                last.modelNanos(), wall[wall.length / 2]);
    }

    private static PciException invalid(String what, String next) {
        return new PciException(PciException.Reason.EXPERIMENT, "The experiment cannot use " + what,
                "the sweep needs at least one valid value per axis", next);
    }
}
