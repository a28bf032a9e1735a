package org.hvlab.core;

import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Small helpers for the Tablesaw tables that results return: a table is declared once with its typed columns
 * ({@code Table.create(title, StringColumn.create("dpu"), IntColumn.create("seq"), ..)}) and filled one row per
 * call, so a row reads as one line and cannot put a value in the wrong column.
 *
 * <pre>{@code
 * Table t = Table.create("messages", StringColumn.create("dpu"), IntColumn.create("seq"));
 * Tables.appendRow(t, "DPU0", 0);
 * }</pre>
 */
public final class Tables {
    private Tables() {}

    /**
     * Appends one row to {@code table}: one cell per column, in column order. A {@code StringColumn} takes a
     * {@code String}, a {@code BooleanColumn} a {@code Boolean}, an {@code IntColumn} an {@code Integer}, a
     * {@code LongColumn} a {@code Long} or {@code Integer}, a {@code DoubleColumn} any number; other columns take
     * what their {@code appendObj} takes. Returns {@code table}.
     *
     * @throws IllegalArgumentException if the number of cells differs from the number of columns, or a cell does
     *                                  not fit its column's type (the message names the column)
     */
    public static Table appendRow(Table table, Object... cells) {
        if (cells.length != table.columnCount()) {
            throw new IllegalArgumentException("a row of " + cells.length + " cells for table '" + table.name()
                    + "' with " + table.columnCount() + " columns " + table.columnNames());
        }
        for (int i = 0; i < cells.length; i++) {
            Column<?> c = table.column(i);
            if (!fits(c, cells[i])) {
                throw new IllegalArgumentException("column '" + c.name() + "' (" + c.type() + ") of table '"
                        + table.name() + "' cannot hold " + (cells[i] == null ? "null"
                        : cells[i].getClass().getSimpleName() + " " + cells[i]));
            }
        }
        for (int i = 0; i < cells.length; i++) append(table.column(i), cells[i]);
        return table;
    }

    private static boolean fits(Column<?> column, Object cell) {
        if (column instanceof StringColumn) return cell == null || cell instanceof String;
        if (column instanceof IntColumn) return cell instanceof Integer;
        if (column instanceof LongColumn) return cell instanceof Long || cell instanceof Integer;
        if (column instanceof DoubleColumn) return cell instanceof Number;
        if (column instanceof BooleanColumn) return cell instanceof Boolean;
        return true;
    }

    private static void append(Column<?> column, Object cell) {
        if (column instanceof StringColumn c) c.append((String) cell);
        else if (column instanceof IntColumn c) c.append((Integer) cell);
        else if (column instanceof LongColumn c) c.append(((Number) cell).longValue());
        else if (column instanceof DoubleColumn c) c.append(((Number) cell).doubleValue());
        else if (column instanceof BooleanColumn c) c.append(((Boolean) cell).booleanValue());
        else column.appendObj(cell);
    }
}
