package org.hvlab.core;

/**
 * An HTML {@code <table>} for a {@link Renderable#toHtml()} view, written row by row: an optional CSS class and
 * caption, a header row, then data rows or key/value entries. Cells are HTML the caller has already escaped
 * ({@link Html#escape}, {@link Html#code}); header names and entry keys are plain text and escaped here.
 *
 * <pre>{@code
 * HtmlTable t = HtmlTable.withClass("hvlab-costs").caption("cost model").header("operation", "cycles");
 * t.row(Html.code("vm_exit"), "1500");
 * return t.html();   // <table class="hvlab-costs"><caption>cost model</caption><tr><th>operation</th>...</table>
 * }</pre>
 *
 * <p>A view builds one, fills it and returns {@link #html()}; it is not meant to be kept or shared.
 */
public final class HtmlTable {
    private final StringBuilder sb;
    private int columns;

    private HtmlTable(String open) {
        this.sb = new StringBuilder(open);
    }

    /** A table without a CSS class. */
    public static HtmlTable plain() {
        return new HtmlTable("<table>");
    }

    /** A table with {@code class="cssClass"}, e.g. {@code hvlab-costs}. */
    public static HtmlTable withClass(String cssClass) {
        return new HtmlTable("<table class=\"" + Html.escape(cssClass) + "\">");
    }

    /** The caption, as HTML (escape values in it). */
    public HtmlTable caption(String html) {
        sb.append("<caption>").append(html).append("</caption>");
        return this;
    }

    /** A header row of plain-text column names. */
    public HtmlTable header(String... names) {
        sb.append("<tr>");
        for (String n : names) sb.append("<th>").append(Html.escape(n)).append("</th>");
        sb.append("</tr>");
        columns = names.length;
        return this;
    }

    /** A data row: one {@code <td>} per cell, each cell already HTML. */
    public HtmlTable row(String... htmlCells) {
        sb.append("<tr>");
        for (String c : htmlCells) sb.append("<td>").append(c).append("</td>");
        sb.append("</tr>");
        return this;
    }

    /** A row of one cell spanning every header column (a summary or a footnote), as HTML. */
    public HtmlTable spanningRow(String html) {
        sb.append("<tr><td colspan=\"").append(columns).append("\">").append(html).append("</td></tr>");
        return this;
    }

    /** A key/value row: the plain-text key as {@code <th>}, the value, already HTML, as {@code <td>}. */
    public HtmlTable entry(String key, String html) {
        sb.append("<tr><th>").append(Html.escape(key)).append("</th><td>").append(html).append("</td></tr>");
        return this;
    }

    /** The table's HTML, closed. */
    public String html() {
        return sb + "</table>";
    }

    @Override
    public String toString() { return html(); }
}
