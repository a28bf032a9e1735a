package org.hvlab.dpu;

import java.util.List;
import java.util.Objects;
import org.hvlab.core.Html;
import org.hvlab.core.Renderable;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * A DPU's management-OS slots at one moment: what the BMC's FirmwareInventory reports.
 *
 * @param dpu   the DPU's name
 * @param model the DPU model
 * @param slots slot A then slot B
 */
public record DpuInventory(String dpu, DpuModel model, List<SlotInventory> slots) implements Renderable {

    public DpuInventory {
        Objects.requireNonNull(dpu, "dpu");
        Objects.requireNonNull(model, "model");
        slots = List.copyOf(slots);
    }

    public SlotInventory slot(SlotId id) {
        return slots.stream().filter(s -> s.slot() == id).findFirst().orElseThrow();
    }

    /** The active slot's entry. */
    public SlotInventory active() {
        return slots.stream().filter(SlotInventory::active).findFirst().orElseThrow();
    }

    static Table emptyTable() {
        return new DpuInventory("none", DpuModel.BLUEFIELD_2, List.of()).table().setName("firmware inventory");
    }

    /** Rows: dpu, slot, active, running, status, version, build, payload_bytes, sha256, detail. */
    public Table table() {
        return Table.create(dpu + " firmware inventory",
                StringColumn.create("dpu", slots.stream().map(s -> dpu)),
                StringColumn.create("slot", slots.stream().map(s -> s.slot().name())),
                BooleanColumn.create("active", slots.stream().map(SlotInventory::active).toList()),
                BooleanColumn.create("running", slots.stream().map(SlotInventory::running).toList()),
                StringColumn.create("status", slots.stream().map(s -> s.status().name())),
                StringColumn.create("version", slots.stream().map(SlotInventory::version)),
                StringColumn.create("build", slots.stream().map(SlotInventory::build)),
                LongColumn.create("payload_bytes", slots.stream()
                        .mapToLong(s -> s.image().map(DpuImage::payloadBytes).orElse(0L)).toArray()),
                StringColumn.create("sha256", slots.stream()
                        .map(s -> s.image().map(i -> i.payloadSha256().shortHex()).orElse(""))),
                StringColumn.create("detail", slots.stream().map(SlotInventory::detail)));
    }

    @Override
    public String toText() {
        StringBuilder sb = new StringBuilder(dpu + " (" + model.name() + ")");
        for (SlotInventory s : slots) {
            sb.append(String.format("%n  slot %s %-8s %-13s %-10s %s", s.slot(), s.running() ? "running"
                    : s.active() ? "active" : "", s.status(), s.version(), s.build()));
        }
        return sb.toString();
    }

    @Override
    public String toHtml() {
        StringBuilder sb = new StringBuilder("<table class=\"hvlab-dpu-inventory\"><caption>")
                .append(Html.escape(dpu + " (" + model.name() + ")"))
                .append("</caption><tr><th>slot</th><th>state</th><th>status</th><th>version</th><th>build</th></tr>");
        for (SlotInventory s : slots) {
            sb.append("<tr><td>").append(s.slot()).append("</td><td>")
                    .append(s.running() ? "running" : s.active() ? "active" : "standby").append("</td><td>")
                    .append(s.status()).append("</td><td>").append(Html.escape(s.version())).append("</td><td>")
                    .append(Html.escape(s.build())).append("</td></tr>");
        }
        return sb.append("</table>").toString();
    }
}
