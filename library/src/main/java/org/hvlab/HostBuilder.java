package org.hvlab;

import java.time.Clock;
import java.util.Objects;
import org.hvlab.core.ByteSize;
import org.hvlab.core.CostModel;
import org.hvlab.core.Platform;
import org.hvlab.core.Trace;

/**
 * Builds a {@link Host}; made by {@link Lab#host(String)}. Each step checks its value when it is set and names the
 * conflict with what was set before. Defaults: the catalog's default platform, its CPU count, 4 GiB of memory,
 * seed 0, the platform's costs, a trace of {@link Trace#DEFAULT_CAPACITY} events, a 1024-entry TLB, ITS when the
 * platform has one.
 */
public final class HostBuilder {
    private final String name;
    private Platform platform;
    private Integer cpus;
    private ByteSize memory = ByteSize.gib(4);
    private Boolean its;
    private long seed;
    private CostModel costs;
    private int traceCapacity = Trace.DEFAULT_CAPACITY;
    private int tlbEntries = 1024;
    private Clock wallClock = Clock.systemUTC();

    HostBuilder(String name) {
        if (name == null || name.isBlank()) {
            throw new HostException(HostException.Reason.BAD_SETTING, "host name '" + name + "'",
                    "a host needs a non-blank name (it names its trace, console and BMC)", "Use Lab.host(\"edge-01\")");
        }
        this.name = name;
        this.platform = Platform.defaultPlatform();
    }

    /** The catalog platform {@code id}, e.g. {@code "rpi4"} (see {@code Platform.catalog()}). */
    public HostBuilder platform(String id) {
        Platform p = Platform.of(id);
        if (cpus != null && cpus > p.cpus()) {
            throw new HostException(HostException.Reason.BAD_CPUS, "platform " + id + " with cpus(" + cpus + ")",
                    id + " has " + p.cpus() + " CPUs", "Set cpus(" + p.cpus() + ") or fewer, or pick another platform");
        }
        if (Boolean.TRUE.equals(its) && !p.its()) {
            throw new HostException(HostException.Reason.NO_SUCH_FEATURE, "platform " + id + " with its(true)",
                    id + " has a GICv" + p.gicVersion() + " without ITS (MSIs go via " + p.msi() + ")",
                    "Drop its(true), or pick a platform with an ITS such as ampere-altra");
        }
        this.platform = p;
        return this;
    }

    /** How many CPUs the host has (1 to the platform's count). */
    public HostBuilder cpus(int n) {
        if (n < 1 || n > platform.cpus()) {
            throw new HostException(HostException.Reason.BAD_CPUS, "cpus(" + n + ") on " + platform.id(),
                    "a host has between 1 and " + platform.cpus() + " CPUs on this platform",
                    "Use cpus(1.." + platform.cpus() + ")");
        }
        this.cpus = n;
        return this;
    }

    /** Host physical memory: a positive whole number of 4 KiB pages, e.g. {@code gib(16)}. */
    public HostBuilder memory(ByteSize size) {
        Objects.requireNonNull(size, "size");
        if (size.isZero() || !size.isPageMultiple()) {
            throw new HostException(HostException.Reason.BAD_MEMORY, "memory(" + size.bytes() + " bytes)",
                    "host memory is a positive whole number of 4 KiB frames",
                    "Use memory(" + size.alignUp(ByteSize.PAGE).max(ByteSize.PAGE) + ") or gib(n)");
        }
        this.memory = size;
        return this;
    }

    /** Ask for (or refuse) a GICv3 ITS; the platform must have one. */
    public HostBuilder its(boolean wanted) {
        if (wanted && !platform.its()) {
            throw new HostException(HostException.Reason.NO_SUCH_FEATURE, "its(true) on " + platform.id(),
                    platform.id() + " has a GICv" + platform.gicVersion() + " without ITS (MSIs go via "
                            + platform.msi() + ")", "Drop its(true), or call platform(\"ampere-altra\") first");
        }
        this.its = wanted;
        return this;
    }

    /** The seed every random choice of this host's models derives from. */
    public HostBuilder seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** Costs to charge instead of the platform's row of {@code datasets/costs.csv}. */
    public HostBuilder costs(CostModel model) {
        this.costs = Objects.requireNonNull(model, "model");
        return this;
    }

    /** How many trace events to keep (0 keeps only counters). */
    public HostBuilder traceCapacity(int events) {
        if (events < 0) {
            throw new HostException(HostException.Reason.BAD_SETTING, "traceCapacity(" + events + ")",
                    "the trace keeps 0 or more events", "Use 0 for counters only, or e.g. 100_000");
        }
        this.traceCapacity = events;
        return this;
    }

    /** Entries in the host's software TLB: a power of two from 1 to 2^20. */
    public HostBuilder tlbEntries(int entries) {
        if (entries < 1 || entries > (1 << 20) || Integer.bitCount(entries) != 1) {
            throw new HostException(HostException.Reason.BAD_SETTING, "tlbEntries(" + entries + ")",
                    "the TLB is direct-mapped with a power-of-two number of entries from 1 to 1048576",
                    "Use e.g. tlbEntries(1024)");
        }
        this.tlbEntries = entries;
        return this;
    }

    /** The wall clock real servers and provenance dates use (models never read it). */
    public HostBuilder wallClock(Clock clock) {
        this.wallClock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    public Host build() {
        int n = cpus != null ? cpus : platform.cpus();
        boolean withIts = its != null ? its : platform.its();
        CostModel model = costs != null ? costs : CostModel.load(platform.id());
        return new Host(name, platform, n, memory, withIts, seed, model, traceCapacity, tlbEntries, wallClock);
    }
}
