package org.hvlab.bmc.redfish;

import org.hvlab.core.Html;
import org.hvlab.core.Renderable;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.List;

/** UpdateService's FirmwareInventory as one read saw it: the BMC, then each DPU slot with its version. */
public record FirmwareInventory(List<Item> items) implements Renderable {
    /** One SoftwareInventory member. */
    public record Item(String id, String version, String build, String state, boolean active, String relatedItem) {}

    public FirmwareInventory {
        items = List.copyOf(items);
    }

    /** Columns {@code id, version, build, state, active, related_item}. */
    public Table table() {
        Table t = Table.create("FirmwareInventory", StringColumn.create("id"), StringColumn.create("version"),
                StringColumn.create("build"), StringColumn.create("state"), BooleanColumn.create("active"),
                StringColumn.create("related_item"));
        for (Item i : items) {
            t.stringColumn("id").append(i.id());
            t.stringColumn("version").append(i.version());
            t.stringColumn("build").append(i.build());
            t.stringColumn("state").append(i.state());
            t.booleanColumn("active").append(i.active());
            t.stringColumn("related_item").append(i.relatedItem());
        }
        return t;
    }

    /** The version in slot-inventory item {@code id} (e.g. {@code DPU0_A}), or empty. */
    public java.util.Optional<String> version(String id) {
        return items.stream().filter(i -> i.id().equals(id)).map(Item::version).findFirst();
    }

    @Override
    public String toText() { return table().print(); }

    @Override
    public String toHtml() {
        StringBuilder sb = new StringBuilder("<table><tr><th>id</th><th>version</th><th>build</th><th>state</th>"
                + "<th>active</th><th>related item</th></tr>");
        for (Item i : items) {
            sb.append("<tr><td>").append(Html.escape(i.id())).append("</td><td>").append(Html.escape(i.version()))
                    .append("</td><td>").append(Html.escape(i.build())).append("</td><td>").append(Html.escape(i.state()))
                    .append("</td><td>").append(i.active()).append("</td><td>").append(Html.escape(i.relatedItem()))
                    .append("</td></tr>");
        }
        return sb.append("</table>").toString();
    }
}
