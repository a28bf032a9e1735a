package org.hvlab.kernel;

import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Ends the kernel when the process that launched it is gone, as ipykernel's parent poller does: a Jupyter server or
 * client that crashes (or is killed) must not leave kernels behind holding hosts, servers, ports and memory. The
 * launcher names itself in {@code JPY_PARENT_PID} (jupyter_client sets it); without that variable nothing is watched.
 */
final class ParentWatch {
    static final long PERIOD_MILLIS = 1000;

    private ParentWatch() {}

    /**
     * Starts a daemon thread that calls {@code onGone} once, with a reason, when the launcher has gone; returns
     * whether the launcher is watched. It is watched when it is this process's parent (then it is gone once the kernel
     * is reparented, which no pid reuse can fake) or, behind a wrapper, when it is visible at start (then its handle,
     * which knows the process's start time, says when it ends). A launcher that cannot be seen from here (another pid
     * namespace, a hidden /proc) is not watched: better a kernel left running than one that ends under a live server.
     */
    static boolean start(String jpyParentPid, Consumer<String> onGone, Consumer<String> log) {
        Optional<Long> named = parse(jpyParentPid);
        if (named.isEmpty()) return false;
        long launcher = named.get();
        long parentAtStart = ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L);
        BooleanSupplier gone;
        if (launcher == parentAtStart) {
            gone = () -> ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L) != launcher;
        } else {
            Optional<ProcessHandle> handle = ProcessHandle.of(launcher).filter(ProcessHandle::isAlive);
            if (handle.isEmpty()) {
                log.accept("hvlab kernel: JPY_PARENT_PID=" + launcher + " is not a process visible here; the kernel"
                        + " will not end by itself when its launcher does");
                return false;
            }
            gone = () -> !handle.get().isAlive();
        }
        Thread t = new Thread(() -> {
            while (true) {
                try {
                    Thread.sleep(PERIOD_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
                if (gone.getAsBoolean()) {
                    onGone.accept("the process that launched the kernel (pid " + launcher + ") is gone");
                    return;
                }
            }
        }, "hvlab-parent-watch");
        t.setDaemon(true);
        t.start();
        return true;
    }

    private static Optional<Long> parse(String pid) {
        if (pid == null || pid.isBlank()) return Optional.empty();
        try {
            long p = Long.parseLong(pid.strip());
            return p > 1 ? Optional.of(p) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
