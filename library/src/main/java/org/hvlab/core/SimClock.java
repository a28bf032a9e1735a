package org.hvlab.core;

import java.time.Duration;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * The model's clock: a count of CPU cycles, advanced by charging operations from a {@link CostModel}, converted to
 * time with the platform's CPU frequency. Deterministic: it never reads the wall clock. Not thread-safe: one host's
 * model runs on one thread.
 */
public final class SimClock {
    private final long hz;
    private final CostModel costs;
    private long cycles;
    /** Cycles charged by counting elsewhere (a TLB's hits), keyed by who counts them; folded in when read. */
    private final Map<Object, LongSupplier> meters = new IdentityHashMap<>();
    private LongSupplier[] meterList = new LongSupplier[0];

    /**
     * @param hz    the CPU frequency in Hz (cycles per second), from the platform catalog
     * @param costs the costs {@link #advance(String)} charges
     */
    public SimClock(long hz, CostModel costs) {
        if (hz <= 0) {
            throw new CoreException(CoreException.Reason.BAD_SETTING, "a clock of " + hz + " Hz",
                    "the frequency converts cycles to time and must be positive", "Use the platform's cpu_mhz");
        }
        this.hz = hz;
        this.costs = Objects.requireNonNull(costs, "costs");
    }

    /** Charges one {@code operation} from the cost model; returns the cycles charged. */
    public long advance(String operation) { return advanceCycles(costs.cycles(operation)); }

    /** Charges {@code times} of {@code operation}; returns the cycles charged. */
    public long advance(String operation, long times) {
        return advanceCycles(Math.multiplyExact(costs.cycles(operation), times));
    }

    /** Adds cycles already looked up (hot paths look costs up once); returns {@code n}. */
    public long advanceCycles(long n) {
        if (n < 0) {
            throw new CoreException(CoreException.Reason.BAD_SETTING, "advancing by " + n + " cycles",
                    "the clock never runs backwards", "Charge a non-negative number of cycles");
        }
        cycles += n;
        return n;
    }

    /** Cycles since the clock started, including every meter's. */
    public long cycles() {
        long n = cycles;
        for (LongSupplier m : meterList) n += m.getAsLong();
        return n;
    }

    /**
     * Charges what {@code source} counts without advancing the clock on each event: {@code charged} returns the
     * cycles it has charged so far (it must never decrease) and {@link #cycles()} adds it in when read. A hot path
     * then bumps one counter of its own instead of two (its counter and the clock's); the software TLB charges its
     * hits this way. A second call for the same source keeps the first meter.
     */
    public void meter(Object source, LongSupplier charged) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(charged, "charged");
        if (meters.putIfAbsent(source, charged) == null) meterList = meters.values().toArray(LongSupplier[]::new);
    }

    /** Nanoseconds since the clock started. */
    public long nanos() { return toNanos(cycles()); }

    public Duration elapsed() { return Duration.ofNanos(nanos()); }

    /** {@code n} cycles in nanoseconds at this clock's frequency. */
    public long toNanos(long n) {
        if (n <= Long.MAX_VALUE / 1_000_000_000L) return n * 1_000_000_000L / hz;
        return (long) ((double) n * 1e9 / hz);
    }

    public long hz() { return hz; }

    public CostModel costs() { return costs; }

    @Override
    public String toString() { return "SimClock[" + cycles() + " cycles @ " + hz / 1_000_000 + " MHz]"; }
}
