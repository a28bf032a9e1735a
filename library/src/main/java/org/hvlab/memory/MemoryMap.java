package org.hvlab.memory;

import java.util.List;
import java.util.Objects;
import org.hvlab.core.ByteSize;
import org.hvlab.core.Html;
import org.hvlab.core.Ipa;
import org.hvlab.core.Renderable;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * A VM's guest-physical address map as a tree of named regions, shown like QEMU's {@code info mtree}: RAM, MMIO
 * devices, and stage-2 mappings that are neither (for example the shared read-only pages inside an ECAM window).
 */
public record MemoryMap(String name, int ipaBits, List<Region> regions) implements Renderable {

    /** What backs a region. */
    public enum Kind { RAM, MMIO, MAPPED }

    /** One region; {@code children} are regions inside it. */
    public record Region(String name, Kind kind, Ipa base, ByteSize size, String detail, List<Region> children) {
        public Region {
            Objects.requireNonNull(name, "name");
            children = List.copyOf(children);
        }

        public Ipa last() { return base.offset(size.bytes() - 1); }
    }

    public MemoryMap {
        regions = List.copyOf(regions);
    }

    @Override
    public String toText() {
        StringBuilder sb = new StringBuilder("address-space: ").append(name).append('\n');
        sb.append("  ").append(Ipa.of(0)).append("..").append(Ipa.of((1L << ipaBits) - 1)).append(" (")
                .append(ipaBits).append("-bit IPA)\n");
        for (Region r : regions) text(sb, r, 2);
        return sb.toString();
    }

    private static void text(StringBuilder sb, Region r, int depth) {
        sb.append("  ".repeat(depth)).append(r.base()).append("..").append(r.last()).append("  ")
                .append(String.format("%-6s", r.kind().name().toLowerCase(java.util.Locale.ROOT))).append(' ').append(r.name())
                .append("  ").append(r.size());
        if (!r.detail().isEmpty()) sb.append("  (").append(r.detail()).append(')');
        sb.append('\n');
        for (Region c : r.children()) text(sb, c, depth + 1);
    }

    @Override
    public String toHtml() {
        StringBuilder sb = new StringBuilder("<div class=\"hvlab-mtree\"><b>address-space: ")
                .append(Html.escape(name)).append("</b> <code>").append(Ipa.of(0)).append("..")
                .append(Ipa.of((1L << ipaBits) - 1)).append("</code> (").append(ipaBits).append("-bit IPA)<ul>");
        for (Region r : regions) html(sb, r);
        return sb.append("</ul></div>").toString();
    }

    private static void html(StringBuilder sb, Region r) {
        sb.append("<li><code>").append(r.base()).append("..").append(r.last()).append("</code> <i>")
                .append(r.kind().name().toLowerCase(java.util.Locale.ROOT)).append("</i> <b>").append(Html.escape(r.name())).append("</b> ")
                .append(Html.escape(r.size().toString()));
        if (!r.detail().isEmpty()) sb.append(" (").append(Html.escape(r.detail())).append(')');
        if (!r.children().isEmpty()) {
            sb.append("<ul>");
            for (Region c : r.children()) html(sb, c);
            sb.append("</ul>");
        }
        sb.append("</li>");
    }

    /** Flattened: depth, start, end, kind, name, size, detail. */
    public Table table() {
        IntColumn depth = IntColumn.create("depth");
        StringColumn start = StringColumn.create("start");
        StringColumn end = StringColumn.create("end");
        StringColumn kind = StringColumn.create("kind");
        StringColumn nm = StringColumn.create("name");
        StringColumn size = StringColumn.create("size");
        StringColumn detail = StringColumn.create("detail");
        Table t = Table.create("memory map " + name, depth, start, end, kind, nm, size, detail);
        for (Region r : regions) rows(t, r, 0);
        return t;
    }

    private static void rows(Table t, Region r, int d) {
        t.intColumn("depth").append(d);
        t.stringColumn("start").append(r.base().hex());
        t.stringColumn("end").append(r.last().hex());
        t.stringColumn("kind").append(r.kind().name().toLowerCase(java.util.Locale.ROOT));
        t.stringColumn("name").append(r.name());
        t.stringColumn("size").append(r.size().toString());
        t.stringColumn("detail").append(r.detail());
        for (Region c : r.children()) rows(t, c, d + 1);
    }

    @Override
    public String toString() { return toText(); }
}
