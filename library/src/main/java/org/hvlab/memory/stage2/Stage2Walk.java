package org.hvlab.memory.stage2;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hvlab.core.Html;
import org.hvlab.core.Ipa;
import org.hvlab.core.Pa;
import org.hvlab.core.Renderable;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * One stage-2 translation, level by level, for display: each level's table address, index, descriptor and decoded
 * bits, then the PA or the level at which it faults. Immutable.
 *
 * @param vm         the VM's name
 * @param vmid       its VMID
 * @param ipa        the address translated
 * @param root       the L0 table (VTTBR_EL2.BADDR)
 * @param steps      one per descriptor read
 * @param pa         the output address, empty when the walk faults
 * @param faultLevel the level of the translation fault, or -1
 */
public record Stage2Walk(String vm, int vmid, Ipa ipa, Pa root, List<Step> steps, Optional<Pa> pa, int faultLevel)
        implements Renderable {

    /** One descriptor read: at {@code level}, entry {@code index} of the table at {@code table}. */
    public record Step(int level, Pa table, int index, Pa entry, Descriptor descriptor) {
        /** The descriptor's fields decoded for this level. */
        public Map<String, String> decoded() { return descriptor.fields(level); }
    }

    public Stage2Walk {
        steps = List.copyOf(steps);
    }

    public boolean translated() { return pa.isPresent(); }

    /** The leaf descriptor, if the walk reached one. */
    public Optional<Descriptor> leaf() {
        return translated() ? Optional.of(steps.get(steps.size() - 1).descriptor()) : Optional.empty();
    }

    @Override
    public String toText() {
        StringBuilder sb = new StringBuilder("stage-2 walk ").append(vm).append(" (VMID ").append(vmid).append(") IPA ")
                .append(ipa).append(", root ").append(root).append('\n');
        for (Step s : steps) {
            sb.append(String.format("  L%d  table %-14s [%3d] @%-14s = %s  %s%n", s.level(), s.table(), s.index(),
                    s.entry(), s.descriptor().hex(), s.descriptor().describe(s.level())));
        }
        sb.append(pa.map(p -> "  => PA " + p).orElse("  => translation fault at level " + faultLevel)).append('\n');
        return sb.toString();
    }

    @Override
    public String toHtml() {
        StringBuilder sb = new StringBuilder("<table class=\"hvlab-walk\"><caption>stage-2 walk ")
                .append(Html.escape(vm)).append(" (VMID ").append(vmid).append(") IPA <code>").append(ipa)
                .append("</code></caption><tr><th>level</th><th>table</th><th>index</th><th>descriptor</th>"
                        + "<th>decoded</th></tr>");
        for (Step s : steps) {
            sb.append("<tr><td>L").append(s.level()).append("</td><td><code>").append(s.table())
                    .append("</code></td><td>").append(s.index()).append("</td><td><code>")
                    .append(s.descriptor().hex()).append("</code></td><td>")
                    .append(Html.escape(s.descriptor().describe(s.level()))).append("</td></tr>");
        }
        sb.append("<tr><td colspan=\"5\"><b>").append(Html.escape(pa.map(p -> "PA " + p)
                .orElse("translation fault at level " + faultLevel))).append("</b></td></tr>");
        return sb.append("</table>").toString();
    }

    /** level, table, index, entry, descriptor, decoded. */
    public Table table() {
        IntColumn level = IntColumn.create("level");
        StringColumn table = StringColumn.create("table");
        IntColumn index = IntColumn.create("index");
        StringColumn entry = StringColumn.create("entry");
        StringColumn desc = StringColumn.create("descriptor");
        StringColumn dec = StringColumn.create("decoded");
        for (Step s : steps) {
            level.append(s.level());
            table.append(s.table().hex());
            index.append(s.index());
            entry.append(s.entry().hex());
            desc.append(s.descriptor().hex());
            dec.append(s.descriptor().describe(s.level()));
        }
        return Table.create("stage-2 walk " + vm + " " + ipa, level, table, index, entry, desc, dec);
    }

    @Override
    public String toString() { return toText(); }
}
