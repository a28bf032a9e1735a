package org.hvlab.bmc.redfish;

import org.hvlab.core.Progress;

import java.time.Duration;

/**
 * A handle on a running Redfish task: {@link #poll()} reads it once, {@link #await(Duration)} follows it to the
 * end reporting {@code PercentComplete} through {@link Progress} (a live bar in the kernel).
 */
public final class RedfishTask {
    private static final long POLL_MILLIS = 10;
    private final RedfishHttp http;
    private final RedfishPath path;

    RedfishTask(RedfishHttp http, RedfishPath path) {
        this.http = http;
        this.path = path;
    }

    public RedfishPath path() { return path; }

    public TaskSnapshot poll() {
        return TaskSnapshot.of(http.get(path).orThrow().json());
    }

    /** Polls until the task ends or {@code timeout} passes (then throws {@link RedfishException} TIMEOUT). */
    public TaskSnapshot await(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        TaskSnapshot s = poll();
        try (Progress.Task bar = Progress.start(s.name(), 100)) {
            while (true) {
                bar.update(s.percentComplete(), s.lastMessage());
                if (s.ended()) return s;
                if (System.nanoTime() > deadline) {
                    throw new RedfishException(RedfishException.Reason.TIMEOUT, 0, "task " + path + " is still "
                            + s.state() + " at " + s.percentComplete() + "% after " + timeout,
                            "its last message is: " + s.lastMessage(), "Wait longer: task.await(Duration.ofMinutes(2))");
                }
                try {
                    Thread.sleep(POLL_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new RedfishException(RedfishException.Reason.TIMEOUT, "waiting for " + path + " was interrupted",
                            "", "Poll it again with task.poll()", e);
                }
                s = poll();
            }
        }
    }

    @Override
    public String toString() { return "RedfishTask " + path; }
}
