package org.hvlab.core;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TablesTest {

    private static Table table() {
        return Table.create("t", StringColumn.create("s"), IntColumn.create("i"), LongColumn.create("l"),
                DoubleColumn.create("d"), BooleanColumn.create("b"));
    }

    @Test
    void should_append_each_cell_to_its_column_in_order() {
        Table t = Tables.appendRow(table(), "a", 1, 2L, 0.5, true);
        Tables.appendRow(t, "b", -1, 7, 3, false);
        assertThat(t.rowCount()).isEqualTo(2);
        assertThat(t.stringColumn("s").asList()).containsExactly("a", "b");
        assertThat(t.intColumn("i").asList()).containsExactly(1, -1);
        assertThat(t.longColumn("l").asList()).containsExactly(2L, 7L);
        assertThat(t.doubleColumn("d").asList()).containsExactly(0.5, 3.0);
        assertThat(t.booleanColumn("b").asList()).containsExactly(true, false);
    }

    @Test
    void should_reject_a_row_of_the_wrong_width() {
        assertThatThrownBy(() -> Tables.appendRow(table(), "a", 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 cells").hasMessageContaining("5 columns");
    }

    @Test
    void should_name_the_column_a_cell_does_not_fit() {
        assertThatThrownBy(() -> Tables.appendRow(table(), "a", 1L, 2L, 0.5, true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("column 'i'");
        assertThatThrownBy(() -> Tables.appendRow(table(), 3, 1, 2L, 0.5, true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("column 's'");
    }

    @Test
    void should_leave_the_table_unchanged_when_a_cell_does_not_fit() {
        Table t = table();
        assertThatThrownBy(() -> Tables.appendRow(t, "a", 1, 2L, 0.5, "yes")).isInstanceOf(IllegalArgumentException.class);
        assertThat(t.columns()).allSatisfy(c -> assertThat(c.size()).isZero());
    }
}
