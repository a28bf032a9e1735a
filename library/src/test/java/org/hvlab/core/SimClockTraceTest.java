package org.hvlab.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class SimClockTraceTest {
    private final CostModel costs = CostModel.load("ampere-altra").with("vm_exit", 3000);

    @Test
    void should_charge_operations_and_convert_with_the_frequency() {
        SimClock clock = new SimClock(3_000_000_000L, costs);
        clock.advance("vm_exit");
        clock.advance("vm_exit", 2);
        assertThat(clock.cycles()).isEqualTo(9000);
        assertThat(clock.nanos()).isEqualTo(3000);
        assertThat(clock.toNanos(Long.MAX_VALUE / 10)).isPositive();
        assertThatThrownBy(() -> clock.advance("teleport")).isInstanceOf(CoreException.class);
        assertThatThrownBy(() -> clock.advanceCycles(-1)).isInstanceOf(CoreException.class)
                .hasMessageContaining("never runs backwards");
    }

    @Test
    void should_fold_metered_cycles_in_when_read_and_count_a_source_once() {
        SimClock clock = new SimClock(1_000_000_000L, costs);
        long[] counted = {0};
        Object source = new Object();
        clock.meter(source, () -> counted[0] * 4);
        clock.meter(source, () -> counted[0] * 1000);
        clock.advanceCycles(10);
        counted[0] = 5;
        assertThat(clock.cycles()).isEqualTo(10 + 20);
        assertThat(clock.nanos()).isEqualTo(30);
        assertThat(clock.toString()).contains("30 cycles");
    }

    @Test
    void should_keep_counters_always_and_only_the_newest_events() {
        SimClock clock = new SimClock(1_000_000_000L, costs);
        Trace trace = new Trace(clock, Provenance.current(Instant.EPOCH).with("seed", "7")
                .with("costs_digest", costs.shortDigest()), 3);
        Trace.Counter hits = trace.counter("tlb_hit");
        hits.add(10);
        for (int i = 0; i < 5; i++) {
            clock.advance("vm_exit");
            trace.event("vm_exit", "vm1", "exit " + i);
        }
        assertThat(trace.value("tlb_hit")).isEqualTo(10);
        assertThat(trace.value("vm_exit")).isEqualTo(5);
        assertThat(trace.value("never")).isZero();
        assertThat(trace.events()).extracting(Trace.Event::detail).containsExactly("exit 2", "exit 3", "exit 4");
        assertThat(trace.dropped()).isEqualTo(2);
        assertThat(trace.table().rowCount()).isEqualTo(3);
        assertThat(trace.table().name()).contains("seed=7").contains("costs=" + costs.shortDigest())
                .contains("commit=").contains("jdk=");
        assertThat(trace.table().longColumn("cycle").get(0)).isEqualTo(9000);
        assertThat(trace.counterTable().rowCount()).isEqualTo(2);
        assertThat(trace.counterTable().columnNames()).containsExactly("counter", "value", "seed", "costs_digest",
                "commit", "jdk");
        assertThat(trace.table().columnNames()).endsWith("seed", "costs_digest", "commit", "jdk");
        assertThat(trace.table().stringColumn("jdk").asList()).containsOnly(trace.provenance().asMap().get("jdk"));
        assertThat(trace.counterTable().stringColumn("seed").asList()).containsOnly("7");
        assertThat(trace.table().stringColumn("costs_digest").get(0)).isEqualTo(costs.shortDigest());
        String csv = trace.counterTable().write().toString("csv");
        assertThat(csv.lines().skip(1)).allSatisfy(line -> assertThat(line)
                .endsWith("," + trace.provenance().asMap().get("jdk")));
        // the views the kernel shows: counts, counters and where the numbers came from
        assertThat(trace.toText()).startsWith("trace: 3 events kept (capacity 3, dropped 2), cycle 15000")
                .contains("  tlb_hit = 10").contains("  vm_exit = 5").contains("provenance: commit=")
                .contains("seed=7").contains("costs_digest=" + costs.shortDigest());
        assertThat(trace.toHtml()).startsWith("<div class=\"hvlab-trace\">").contains("3 events kept, 2 dropped")
                .contains("<code>tlb_hit</code>").contains(">10<").contains("hvlab-provenance").contains("seed");
        Provenance p = trace.provenance();
        assertThat(p.toText()).isEqualTo("provenance: commit=" + p.commit() + " date=1970-01-01T00:00:00Z jdk="
                + p.jdk() + " cores=" + p.cores() + " seed=7 costs_digest=" + costs.shortDigest());
        assertThat(p.toHtml()).contains("<caption>provenance</caption>").contains("<code>1970-01-01T00:00:00Z</code>");
    }

    @Test
    void should_reject_a_negative_capacity() {
        SimClock clock = new SimClock(1, costs);
        assertThatThrownBy(() -> new Trace(clock, Provenance.current(Instant.EPOCH), -1))
                .isInstanceOf(CoreException.class).hasMessageContaining("trace capacity -1");
    }
}
