package org.hvlab.kernel;

import java.time.Duration;
import java.time.Instant;

/**
 * Start-up milestones, printed to the kernel's stderr (the Jupyter server's log) when the environment variable
 * {@code HVLAB_KERNEL_TIMING} is set: milliseconds since the process started.
 */
final class Timing {
    private static final boolean ON = System.getenv("HVLAB_KERNEL_TIMING") != null;
    private static final java.io.PrintStream ERR = System.err;

    private Timing() {}

    static boolean on() {
        return ON;
    }

    /** A duration, for per-request costs. */
    static void took(String what, long nanos) {
        if (ON) ERR.printf("hvlab kernel timing: %s took %.3f ms%n", what, nanos / 1e6);
    }

    static void mark(String what) {
        if (!ON) return;
        long ms = ProcessHandle.current().info().startInstant()
                .map(start -> Duration.between(start, Instant.now()).toMillis()).orElse(-1L);
        ERR.println("hvlab kernel timing: " + what + " at " + ms + " ms (epoch ms " + System.currentTimeMillis() + ")");
    }
}
