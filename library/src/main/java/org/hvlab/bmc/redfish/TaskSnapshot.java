package org.hvlab.bmc.redfish;

import com.fasterxml.jackson.databind.JsonNode;
import org.hvlab.core.Html;
import org.hvlab.core.Renderable;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.List;

/** A task as one GET saw it: state, percent and messages. Immutable. */
public record TaskSnapshot(RedfishPath path, String id, String name, TaskState state, int percentComplete,
                           List<TaskMessage> messageList) implements Renderable {
    public TaskSnapshot {
        messageList = List.copyOf(messageList);
    }

    static TaskSnapshot of(JsonNode n) {
        List<TaskMessage> ms = new ArrayList<>();
        for (JsonNode m : n.path("Messages")) {
            ms.add(new TaskMessage(m.path("MessageId").asText(), m.path("Message").asText(), m.path("Severity").asText()));
        }
        return new TaskSnapshot(RedfishPath.of(n.path("@odata.id").asText()), n.path("Id").asText(),
                n.path("Name").asText(), TaskState.parse(n.path("TaskState").asText()),
                n.path("PercentComplete").asInt(), ms);
    }

    public boolean ended() { return state.ended(); }

    public boolean completed() { return state == TaskState.Completed; }

    /** The last message's text, or empty. */
    public String lastMessage() {
        return messageList.isEmpty() ? "" : messageList.get(messageList.size() - 1).message();
    }

    /** The task's messages as a table: {@code task, seq, message_id, severity, message}. */
    public Table messages() {
        Table t = Table.create("task " + id + " messages", StringColumn.create("task"), IntColumn.create("seq"),
                StringColumn.create("message_id"), StringColumn.create("severity"), StringColumn.create("message"));
        int i = 0;
        for (TaskMessage m : messageList) {
            t.stringColumn("task").append(id);
            t.intColumn("seq").append(i++);
            t.stringColumn("message_id").append(m.messageId());
            t.stringColumn("severity").append(m.severity());
            t.stringColumn("message").append(m.message());
        }
        return t;
    }

    /** Same as {@link #messages()}. */
    public Table table() { return messages(); }

    @Override
    public String toText() {
        StringBuilder sb = new StringBuilder("task " + id + " (" + name + "): " + state + " " + percentComplete + "%\n");
        for (TaskMessage m : messageList) sb.append("  ").append(m.severity()).append(' ').append(m.messageId())
                .append(": ").append(m.message()).append('\n');
        return sb.toString();
    }

    @Override
    public String toHtml() {
        StringBuilder sb = new StringBuilder("<div><b>task " + Html.escape(id) + "</b> " + Html.escape(name) + ": <b>"
                + state + "</b> " + percentComplete + "%<ul>");
        for (TaskMessage m : messageList) sb.append("<li><code>").append(Html.escape(m.messageId())).append("</code> ")
                .append(Html.escape(m.message())).append("</li>");
        return sb.append("</ul></div>").toString();
    }
}
