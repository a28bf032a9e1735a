package org.hvlab.kernel;

import java.util.Optional;
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
     * whether a launcher was named (and so is watched).
     */
    static boolean start(String jpyParentPid, Consumer<String> onGone) {
        Optional<Long> named = parse(jpyParentPid);
        if (named.isEmpty()) return false;
        long launcher = named.get();
        long parentAtStart = ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L);
        Thread t = new Thread(() -> {
            while (true) {
                try {
                    Thread.sleep(PERIOD_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
                if (gone(launcher, parentAtStart)) {
                    onGone.accept("the process that launched the kernel (pid " + launcher + ") is gone");
                    return;
                }
            }
        }, "hvlab-parent-watch");
        t.setDaemon(true);
        t.start();
        return true;
    }

    /**
     * When the launcher is this process's parent, it is gone once the parent changes (the kernel was reparented):
     * no pid reuse can fool that. Otherwise (a wrapper in between) it is gone when no live process has its pid.
     */
    static boolean gone(long launcher, long parentAtStart) {
        if (launcher == parentAtStart) {
            return ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L) != launcher;
        }
        return ProcessHandle.of(launcher).map(p -> !p.isAlive()).orElse(true);
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
