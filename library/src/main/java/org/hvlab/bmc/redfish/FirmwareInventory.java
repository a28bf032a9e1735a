package org.hvlab.bmc.redfish;

import org.hvlab.core.Html;
import org.hvlab.core.HtmlTable;
import org.hvlab.core.Renderable;
import org.hvlab.core.Tables;
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
            Tables.appendRow(t, i.id(), i.version(), i.build(), i.state(), i.active(), i.relatedItem());
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
        HtmlTable t = HtmlTable.plain().header("id", "version", "build", "state", "active", "related item");
        for (Item i : items) {
            t.row(Html.escape(i.id()), Html.escape(i.version()), Html.escape(i.build()), Html.escape(i.state()),
                    String.valueOf(i.active()), Html.escape(i.relatedItem()));
        }
        return t.html();
    }
}
