package org.hvlab.core;

import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * What a host's model did: named counters (always kept) and a bounded log of events (the newest
 * {@link #capacity()} are kept; older ones are dropped and counted). Tables it exports are named with the
 * provenance (seed, costs digest, commit, JDK) so a printed table says where it came from.
 *
 * <p>Hot paths take a {@link Counter} handle once with {@link #counter(String)} and bump it without a map lookup.
 * Not thread-safe: one host's model runs on one thread.
 */
public final class Trace implements Renderable {
    /** The default number of events kept. */
    public static final int DEFAULT_CAPACITY = 10_000;

    /**
     * One logged event: when (cycle), what kind ({@code vm_exit}, {@code stage2_map}...), about whom, and the
     * immutable value it is about ({@code source}, e.g. a fault record), whose text is the {@link #detail()}.
     */
    public record Event(long seq, long cycle, String kind, String subject, Object source) {
        /** The details as text (made when asked for, not on the hot path that logged the event). */
        public String detail() { return String.valueOf(source); }
    }

    /** A named counter; increment it directly on hot paths. */
    public static final class Counter {
        private final String name;
        private long value;

        private Counter(String name) { this.name = name; }

        public void increment() { value++; }

        public void add(long n) { value += n; }

        public long value() { return value; }

        public String name() { return name; }

        @Override public String toString() { return name + "=" + value; }
    }

    private final SimClock clock;
    private final Provenance provenance;
    private final int capacity;
    private final Map<String, Counter> counters = new LinkedHashMap<>();
    private final Map<String, LongSupplier> gauges = new LinkedHashMap<>();
    private final ArrayDeque<Event> events;
    private long seq;
    private long dropped;

    /**
     * @param clock      stamps events with the model's cycle count
     * @param provenance seed, costs digest, commit and JDK of the run
     * @param capacity   how many events are kept (0 keeps only counters)
     */
    public Trace(SimClock clock, Provenance provenance, int capacity) {
        if (capacity < 0) {
            throw new CoreException(CoreException.Reason.BAD_SETTING, "trace capacity " + capacity,
                    "the event log keeps 0 or more events", "Use 0 to keep only counters, or e.g. 10_000");
        }
        this.clock = Objects.requireNonNull(clock, "clock");
        this.provenance = Objects.requireNonNull(provenance, "provenance");
        this.capacity = capacity;
        this.events = new ArrayDeque<>(Math.min(capacity, 1024));
    }

    /** The counter named {@code name}, created at 0 the first time. */
    public Counter counter(String name) {
        return counters.computeIfAbsent(Objects.requireNonNull(name, "name"), Counter::new);
    }

    /**
     * Shows a value another object keeps (for example the TLB's hit count, which its hot path bumps directly) among
     * the counters, read when the counters are read.
     */
    public void gauge(String name, LongSupplier value) {
        gauges.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
    }

    /** Adds one to the counter {@code name}. */
    public void count(String name) { counter(name).increment(); }

    /** The value of counter (or gauge) {@code name}, 0 if it was never counted. */
    public long value(String name) {
        Counter c = counters.get(name);
        if (c != null) return c.value();
        LongSupplier g = gauges.get(name);
        return g == null ? 0 : g.getAsLong();
    }

    /** Logs an event at the current cycle and counts it under its kind. */
    public void event(String kind, String subject, String detail) {
        event(kind, subject, (Object) detail);
    }

    /**
     * Logs an event about an immutable value (a fault record): its text is made only if the event is read, so an
     * exit path pays for a counter and a small record, not for formatting.
     */
    public void event(String kind, String subject, Object detail) {
        count(kind);
        seq++;
        if (capacity == 0) {
            dropped++;
            return;
        }
        if (events.size() == capacity) {
            events.removeFirst();
            dropped++;
        }
        events.addLast(new Event(seq, clock.cycles(), kind, subject, detail));
    }

    /** The kept events, oldest first. */
    public List<Event> events() { return List.copyOf(events); }

    /** Events dropped because the log was full. */
    public long dropped() { return dropped; }

    public int capacity() { return capacity; }

    public Provenance provenance() { return provenance; }

    /** Counter values by name, in creation order, then the gauges. */
    public Map<String, Long> counters() {
        Map<String, Long> m = new LinkedHashMap<>();
        counters.forEach((k, v) -> m.put(k, v.value()));
        gauges.forEach((k, v) -> m.putIfAbsent(k, v.getAsLong()));
        return m;
    }

    /** Forgets every event and zeroes every counter (handles stay valid). */
    public void reset() {
        events.clear();
        counters.values().forEach(c -> c.value = 0);
        dropped = 0;
    }

    private String title(String what) {
        Map<String, String> p = provenance.asMap();
        return what + " [seed=" + p.getOrDefault("seed", "-") + " costs=" + p.getOrDefault("costs_digest", "-")
                + " commit=" + p.get("commit") + " jdk=" + p.get("jdk") + "]";
    }

    /** The provenance columns every exported table carries, so a CSV keeps them: seed, costs_digest, commit, jdk. */
    public static final List<String> PROVENANCE_COLUMNS = List.of("seed", "costs_digest", "commit", "jdk");

    /**
     * The event log: seq, cycle, ns, kind, subject, detail, then the provenance columns (seed, costs_digest,
     * commit, jdk) on every row; also named with the provenance.
     */
    public Table table() {
        Table t = Table.create(title("trace"), LongColumn.create("seq"), LongColumn.create("cycle"),
                LongColumn.create("ns"), StringColumn.create("kind"), StringColumn.create("subject"),
                StringColumn.create("detail"));
        for (Event e : events) {
            Tables.appendRow(t, e.seq(), e.cycle(), clock.toNanos(e.cycle()), e.kind(), e.subject(), e.detail());
        }
        return withProvenance(t);
    }

    /** The counters: counter, value, then the provenance columns on every row; also named with the provenance. */
    public Table counterTable() {
        StringColumn n = StringColumn.create("counter");
        LongColumn v = LongColumn.create("value");
        counters().forEach((name, value) -> {
            n.append(name);
            v.append(value);
        });
        return withProvenance(Table.create(title("counters"), n, v));
    }

    private Table withProvenance(Table t) {
        Map<String, String> p = provenance.asMap();
        for (String name : PROVENANCE_COLUMNS) {
            StringColumn c = StringColumn.create(name);
            String value = p.getOrDefault(name, "-");
            for (int i = 0; i < t.rowCount(); i++) c.append(value);
            t.addColumns(c);
        }
        return t;
    }

    @Override
    public String toText() {
        StringBuilder sb = new StringBuilder("trace: ").append(events.size()).append(" events kept (capacity ")
                .append(capacity).append(", dropped ").append(dropped).append("), cycle ").append(clock.cycles())
                .append('\n');
        counters().forEach((name, value) -> sb.append("  ").append(name).append(" = ").append(value).append('\n'));
        sb.append("  ").append(provenance.toText()).append('\n');
        return sb.toString();
    }

    @Override
    public String toHtml() {
        HtmlTable t = HtmlTable.plain().caption("trace: " + events.size() + " events kept, " + dropped
                + " dropped, cycle " + clock.cycles()).header("counter", "value");
        counters().forEach((name, value) -> t.row(Html.code(name), String.valueOf(value)));
        return "<div class=\"hvlab-trace\">" + t.html() + provenance.toHtml() + "</div>";
    }

    @Override
    public String toString() { return "Trace[" + counters.size() + " counters, " + events.size() + " events]"; }
}
