package org.hvlab.bmc.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One Redfish task as the BMC keeps it: state, percent, messages, the DPUs it holds and the request that started
 * it. Updated by the worker that runs it, read by GETs; every method is synchronized.
 */
public final class TaskRecord {
    /** Redfish {@code TaskState} values the BMC uses. */
    public enum State { New, Running, Completed, Exception }

    /** A task message: a registry id, the text, a severity. */
    public record Message(String messageId, String message, String severity, List<String> args) {}

    private final String id;
    private final String name;
    private final List<String> dpuIds;
    private final ObjectNode payload;
    private final Clock clock;
    private final Instant start;
    private State state = State.New;
    private int percent;
    private Instant end;
    private final List<Message> messages = new ArrayList<>();

    TaskRecord(String id, String name, List<String> dpuIds, ObjectNode payload, Clock clock) {
        this.id = id;
        this.name = name;
        this.dpuIds = List.copyOf(dpuIds);
        this.payload = payload;
        this.clock = clock;
        this.start = clock.instant();
    }

    public String id() { return id; }
    public List<String> dpuIds() { return dpuIds; }
    public String path() { return "/redfish/v1/TaskService/Tasks/" + id; }
    public String monitorPath() { return "/redfish/v1/TaskService/TaskMonitors/" + id; }

    public synchronized State state() { return state; }

    public synchronized boolean done() { return state == State.Completed || state == State.Exception; }

    public synchronized int percent() { return percent; }

    public synchronized List<Message> messages() { return List.copyOf(messages); }

    public synchronized void running() {
        if (state == State.New) state = State.Running;
    }

    public synchronized void progress(int pct) {
        percent = Math.max(percent, Math.min(100, pct));
    }

    public synchronized void message(String messageId, String text, String severity, String... args) {
        messages.add(new Message(messageId, text, severity, List.of(args)));
    }

    public synchronized void complete(String text) {
        messages.add(new Message("TaskEvent.1.0.TaskCompletedOK", text, "OK", List.of(id)));
        percent = 100;
        state = State.Completed;
        end = clock.instant();
    }

    public synchronized void fail(String messageId, String text) {
        messages.add(new Message(messageId, text, "Critical", List.of()));
        messages.add(new Message("TaskEvent.1.0.TaskAborted", "Task " + id + " has been aborted: " + text, "Critical",
                List.of(id)));
        state = State.Exception;
        end = clock.instant();
    }

    /** Last message text, if any. */
    public synchronized Optional<String> lastMessage() {
        return messages.isEmpty() ? Optional.empty() : Optional.of(messages.get(messages.size() - 1).message());
    }

    public synchronized ObjectNode json() {
        ObjectNode n = Json.resource(path(), "#Task.v1_7_1.Task", id, name);
        n.put("TaskState", state.name());
        n.put("TaskStatus", state == State.Exception ? "Critical" : "OK");
        n.put("PercentComplete", percent);
        n.put("StartTime", start.toString());
        if (end != null) n.put("EndTime", end.toString());
        n.put("TaskMonitor", monitorPath());
        ArrayNode ms = n.putArray("Messages");
        for (Message m : messages) {
            ObjectNode o = ms.addObject();
            o.put("MessageId", m.messageId());
            o.put("Message", m.message());
            ArrayNode a = o.putArray("MessageArgs");
            m.args().forEach(a::add);
            o.put("Severity", m.severity());
        }
        n.set("Payload", payload);
        return n;
    }
}
