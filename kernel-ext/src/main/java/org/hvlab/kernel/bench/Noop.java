package org.hvlab.kernel.bench;

/** A trivial Java program: the floor for "start to kernel_info reply" (JVM start and exit, nothing else). */
public final class Noop {
    private Noop() {}

    public static void main(String[] args) {
        // intentionally empty: its start-to-exit time is the baseline
    }
}
