package org.hvlab.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CostModelTest {

    @Test
    void should_prefer_platform_rows_over_star_rows() {
        CostModel altra = CostModel.load("ampere-altra");
        CostModel pi = CostModel.load("rpi4");
        assertThat(altra.cycles("vm_exit")).isEqualTo(1500);
        assertThat(pi.cycles("vm_exit")).isEqualTo(6500);
        assertThat(pi.cost("vm_exit").source()).contains("ISCA 2016");
        assertThat(pi.cycles("tlb_hit")).isEqualTo(altra.cycles("tlb_hit"));
    }

    @Test
    void should_override_without_changing_the_original() {
        CostModel base = CostModel.load("ampere-altra");
        CostModel over = base.with("vm_exit", 900);
        assertThat(over.cycles("vm_exit")).isEqualTo(900);
        assertThat(base.cycles("vm_exit")).isEqualTo(1500);
        assertThat(over.digest()).isNotEqualTo(base.digest()).hasSize(64);
        assertThat(base.with("vm_exit", 1500).digest()).isEqualTo(base.digest());
        assertThat(over.cost("vm_exit").source()).isEqualTo("override");
    }

    @Test
    void should_name_known_operations_for_an_unknown_one() {
        CostModel m = CostModel.fromRows("x", Datasets.parse("t", List.of(
                "operation,platform,cycles,source", "a,*,1,s", "b,x,2,\"s, with comma\"")));
        assertThat(m.cost("b").source()).isEqualTo("s, with comma");
        assertThatThrownBy(() -> m.cycles("vm_exitt"))
                .isInstanceOf(CoreException.class)
                .hasMessageContaining("no cost for operation 'vm_exitt'")
                .hasMessageContaining("a, b")
                .hasMessageContaining("costs.with(");
    }

    @Test
    void should_reject_malformed_rows() {
        assertThatThrownBy(() -> CostModel.fromRows("x", Datasets.parse("t", List.of(
                "operation,platform,cycles,source", "a,*,lots,s"))))
                .isInstanceOf(CoreException.class).hasMessageContaining("cycles is a whole number");
        assertThatThrownBy(() -> Datasets.parse("t", List.of("a,b", "1,2,3")))
                .isInstanceOf(CoreException.class).hasMessageContaining("has 3 cells");
    }

    @Test
    void should_export_a_table_and_views() {
        CostModel m = CostModel.load("ampere-altra");
        assertThat(m.table().columnNames()).containsExactly("operation", "cycles", "source");
        assertThat(m.table().rowCount()).isEqualTo(m.all().size());
        assertThat(m.toHtml()).startsWith("<table").contains("vm_exit");
    }
}
