package org.hvlab.bmc.install;

import org.hvlab.bmc.redfish.TaskMessage;
import org.hvlab.core.Html;
import org.hvlab.core.Renderable;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.List;

/** The outcome of {@link Installer#provisionDpus()}: one {@link DpuProvisioning} per DPU. Immutable. */
public record ProvisioningResult(List<DpuProvisioning> dpus) implements Renderable {
    public ProvisioningResult {
        dpus = List.copyOf(dpus);
    }

    /** True if every DPU's task reached Completed. */
    public boolean allCompleted() {
        return dpus.stream().allMatch(DpuProvisioning::completed);
    }

    /** Every task message: {@code dpu, task, seq, message_id, severity, message}. */
    public Table table() {
        Table t = Table.create("provisioning task messages", StringColumn.create("dpu"), StringColumn.create("task"),
                IntColumn.create("seq"), StringColumn.create("message_id"), StringColumn.create("severity"),
                StringColumn.create("message"));
        for (DpuProvisioning p : dpus) {
            int i = 0;
            for (TaskMessage m : p.task().messageList()) {
                t.stringColumn("dpu").append(p.dpu().id());
                t.stringColumn("task").append(p.task().id());
                t.intColumn("seq").append(i++);
                t.stringColumn("message_id").append(m.messageId());
                t.stringColumn("severity").append(m.severity());
                t.stringColumn("message").append(m.message());
            }
        }
        return t;
    }

    /** One row per DPU: {@code dpu, model, image, version, capsule_uri, capsule_bytes, task, state, percent}. */
    public Table summary() {
        Table t = Table.create("provisioning", StringColumn.create("dpu"), StringColumn.create("model"),
                StringColumn.create("image"), StringColumn.create("version"), StringColumn.create("capsule_uri"),
                LongColumn.create("capsule_bytes"), StringColumn.create("task"), StringColumn.create("state"),
                IntColumn.create("percent"));
        for (DpuProvisioning p : dpus) {
            t.stringColumn("dpu").append(p.dpu().id());
            t.stringColumn("model").append(p.dpu().model());
            t.stringColumn("image").append(p.image().id());
            t.stringColumn("version").append(p.image().version());
            t.stringColumn("capsule_uri").append(p.capsuleUri().toString());
            t.longColumn("capsule_bytes").append(p.capsule().totalBytes());
            t.stringColumn("task").append(p.task().path().value());
            t.stringColumn("state").append(p.task().state().name());
            t.intColumn("percent").append(p.task().percentComplete());
        }
        return t;
    }

    @Override
    public String toText() {
        return summary().printAll();
    }

    @Override
    public String toHtml() {
        StringBuilder sb = new StringBuilder("<div><b>Provisioned " + dpus.size() + " DPU(s)</b>: "
                + (allCompleted() ? "all tasks Completed" : "some tasks did not complete") + "<ul>");
        for (DpuProvisioning p : dpus) {
            sb.append("<li>").append(Html.escape(p.dpu().id())).append(" ← ").append(Html.escape(p.image().id()))
                    .append(" via <code>").append(Html.escape(p.capsuleUri().toString())).append("</code>: <b>")
                    .append(p.task().state()).append("</b> ").append(Html.escape(p.task().lastMessage())).append("</li>");
        }
        return sb.append("</ul></div>").toString();
    }
}
