package org.hvlab.kernel;

import java.io.PrintStream;

/**
 * What a shutdown does about a cell that is still running: it stops the cell as an interrupt does, so the shell
 * loop ends and closes the kernel normally; if the cell is still running after {@link #GRACE_MILLIS}, it closes what
 * the cells hold (hosts, servers) and halts the process itself.
 */
final class ShutdownFallback {
    /** How long a shutdown waits for a running cell to stop before the kernel closes its resources and halts. */
    static final long GRACE_MILLIS = 2000;

    private ShutdownFallback() {}

    static void stopRunningCell(Kernel kernel, PrintStream log) {
        kernel.interrupt();
        Thread fallback = new Thread(() -> {
            try {
                Thread.sleep(GRACE_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            if (!kernel.executing()) return; // the cell stopped: the shell loop ends and closes the kernel itself
            log.println("hvlab kernel: the running cell did not stop within " + GRACE_MILLIS
                    + " ms of shutdown; closing hvlab resources and exiting");
            try {
                kernel.close();
            } finally {
                Runtime.getRuntime().halt(0);
            }
        }, "hvlab-shutdown");
        fallback.setDaemon(true);
        fallback.start();
    }
}
