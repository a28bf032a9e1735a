package org.hvlab.kernel.render;

import org.hvlab.core.Html;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Text and HTML views of a Tablesaw {@link Table}: every row up to a cap, past it the head and the tail with an
 * "N more rows" line between them. Every cell is HTML-escaped.
 */
public final class TableView {
    /** Tables with more rows than this show only their head and tail. */
    public static final int MAX_ROWS = 40;
    static final int HEAD = 20;
    static final int TAIL = 5;

    private TableView() {}

    public static String text(Table t) {
        if (t.rowCount() <= MAX_ROWS) return t.printAll();
        int hidden = t.rowCount() - HEAD - TAIL;
        return t.first(HEAD).printAll() + "\n... " + hidden + " more rows ...\n" + t.last(TAIL).printAll();
    }

    public static String html(Table t) {
        StringBuilder sb = new StringBuilder(256 + t.rowCount() * 64);
        sb.append("<table class=\"hvlab-table\">");
        if (t.name() != null && !t.name().isBlank()) {
            sb.append("<caption>").append(Html.escape(t.name())).append(" (").append(t.rowCount())
                    .append(" rows)</caption>");
        }
        sb.append("<thead><tr>");
        for (Column<?> c : t.columns()) {
            sb.append("<th title=\"").append(Html.escape(c.type().name())).append("\">")
                    .append(Html.escape(c.name())).append("</th>");
        }
        sb.append("</tr></thead><tbody>");
        if (t.rowCount() <= MAX_ROWS) {
            rows(sb, t, 0, t.rowCount());
        } else {
            rows(sb, t, 0, HEAD);
            int hidden = t.rowCount() - HEAD - TAIL;
            sb.append("<tr class=\"hvlab-more\"><td colspan=\"").append(t.columnCount()).append("\">&hellip; ")
                    .append(hidden).append(" more rows &hellip;</td></tr>");
            rows(sb, t, t.rowCount() - TAIL, t.rowCount());
        }
        return sb.append("</tbody></table>").toString();
    }

    private static void rows(StringBuilder sb, Table t, int from, int to) {
        for (int r = from; r < to; r++) {
            sb.append("<tr>");
            for (int c = 0; c < t.columnCount(); c++) {
                sb.append("<td>").append(Html.escape(t.getString(r, c))).append("</td>");
            }
            sb.append("</tr>");
        }
    }
}
