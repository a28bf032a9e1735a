package org.hvlab.pci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicLong;
import org.hvlab.core.ByteSize;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

class EcamExperimentTest {

    @Test
    void should_label_per_function_rows_beyond_the_budget_as_extrapolated() {
        Table t = EcamExperiment.on("ampere-altra").vms(1, 20).buses(1, 4).measureBudget(ByteSize.mib(8)).memory();
        assertThat(t.rowCount()).isEqualTo(4 * 2 * 2);
        Table perFunction = t.where(t.stringColumn("strategy").isEqualTo("PER_FUNCTION_PAGES"));
        assertThat(perFunction.where(perFunction.intColumn("vms").isEqualTo(20)).stringColumn("method").asList())
                .containsOnly("extrapolated");
        assertThat(perFunction.where(perFunction.intColumn("vms").isEqualTo(1)).stringColumn("method").asList())
                .containsOnly("measured");
        Table shared = t.where(t.stringColumn("strategy").isEqualTo("SHARED_PAGE"));
        assertThat(shared.stringColumn("method").asList()).containsOnly("measured");
        // sharing: 20 VMs cost less per VM than one
        assertThat(shared.where(shared.intColumn("vms").isEqualTo(20)).longColumn("host_bytes_per_vm").get(0))
                .isLessThan(shared.where(shared.intColumn("vms").isEqualTo(1)).longColumn("host_bytes_per_vm").get(0));
    }

    @Test
    void should_compare_every_strategy_against_trap_in_the_same_run() {
        AtomicLong fake = new AtomicLong();
        Table t = EcamExperiment.on("rpi4").buses(2).repeats(0, 1).ticker(() -> fake.addAndGet(1000)).enumeration();
        assertThat(t.rowCount()).isEqualTo(2 * 4);
        assertThat(t.columnNames()).contains("strategy", "mode", "exits", "absent_exits", "model_cycles", "emulator_ns", "emulator_vs_trap");
        assertThat(t.longColumn("emulator_ns").asList()).containsOnly(1000L);
        Table brute = t.where(t.stringColumn("mode").isEqualTo("BRUTE_FORCE"));
        assertThat(brute.where(brute.stringColumn("strategy").isEqualTo("TRAP_AND_EMULATE")).longColumn("exits").get(0)).isEqualTo(2 * 256 + 2);
        assertThat(brute.where(brute.stringColumn("strategy").isEqualTo("SHARED_LEAF_TABLE")).longColumn("absent_exits").get(0)).isZero();
    }

    @Test
    void should_refuse_a_topology_the_smallest_window_cannot_reach() {
        assertThatThrownBy(() -> EcamExperiment.on("rpi4").buses(1, 4).topology(Pci.demoTopology("ampere-altra")).memory())
                .hasMessageContaining("bus 3");
        assertThatThrownBy(() -> EcamExperiment.on("rpi4").vms(0)).hasMessageContaining("1..10,000");
    }
}
