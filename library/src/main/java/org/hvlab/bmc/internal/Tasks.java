package org.hvlab.bmc.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The TaskService's tasks, numbered from 1 in creation order, and which DPU each running task holds. */
public final class Tasks {
    private final Clock clock;
    private final Map<String, TaskRecord> tasks = new LinkedHashMap<>();
    private int nextId = 1;
    /** DPUs a ComputerSystem.Reset is acting on now: no update may start on them until it ends. */
    private final java.util.Set<String> resetting = new java.util.HashSet<>();

    public Tasks(Clock clock) {
        this.clock = clock;
    }

    /**
     * Creates a task holding {@code dpuIds}, or throws 409 naming the running task that already holds one of them.
     * Check and creation are one atomic step, so two racing updates cannot both start.
     */
    public synchronized TaskRecord create(String name, List<String> dpuIds, ObjectNode payload) {
        for (String d : dpuIds) {
            if (resetting.contains(d)) {
                throw new RedfishError(409, "ResourceInUse", d + " is being reset; the update was not started.",
                        List.of(), "Retry when the reset has completed (GET its ComputerSystem for PowerState).");
            }
        }
        for (TaskRecord t : tasks.values()) {
            if (t.done()) continue;
            for (String d : dpuIds) {
                if (t.dpuIds().contains(d)) {
                    throw new RedfishError(409, "ResourceInUse", "An update of " + d + " is already running as task "
                            + t.path() + "; the new request was not started.", List.of(),
                            "Wait for " + t.path() + " to reach Completed or Exception, then retry.");
                }
            }
        }
        TaskRecord t = new TaskRecord(Integer.toString(nextId++), name, dpuIds, payload, clock);
        tasks.put(t.id(), t);
        return t;
    }

    /**
     * Marks DPU {@code id} as being reset, or throws 409 naming the running update task that holds it; check and
     * mark are one step with {@link #create}, so a reset and an update cannot both start.
     */
    public synchronized void beginReset(String id) {
        for (TaskRecord t : tasks.values()) {
            if (!t.done() && t.dpuIds().contains(id)) {
                throw new RedfishError(409, "ResourceInUse", id + " is being updated by task " + t.path()
                        + "; it cannot be reset now.", List.of(), "Wait for " + t.path() + " to end.");
            }
        }
        if (!resetting.add(id)) {
            throw new RedfishError(409, "ResourceInUse", id + " is already being reset.", List.of(),
                    "Retry when that reset has completed.");
        }
    }

    public synchronized void endReset(String id) {
        resetting.remove(id);
    }

    public synchronized Optional<TaskRecord> byId(String id) {
        return Optional.ofNullable(tasks.get(id));
    }

    public synchronized List<TaskRecord> all() {
        return new ArrayList<>(tasks.values());
    }
}
