package org.hvlab.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Puts the kernel's helper threads in Linux's {@code SCHED_BATCH} class (with util-linux's {@code chrt}, as the JDK
 * has no API for it): such a thread still gets its fair share of the CPU, but waking it never preempts the running
 * thread. ZeroMQ's I/O thread is woken by every message the shell thread sends; as an ordinary thread that had
 * slept, it preempted the sender between the result, the reply and {@code idle}. The JIT's compiler threads are
 * woken by compile requests all through a cell's javac run and preempted the cell and shell threads the same way.
 * As batch threads they run on an idle CPU at once, or when the running thread waits. Measured in alternating runs
 * with per-stage timestamps on a loaded 2-vCPU machine: about 2 ms less round trip for the I/O thread, about 0.9 ms
 * more for the compiler threads. Anywhere else (no {@code /proc}, no {@code chrt}) nothing changes.
 */
final class BatchScheduling {
    private BatchScheduling() {}

    /** jeromq's I/O threads and HotSpot's compiler threads (names as {@code /proc} shows them, cut at 15 bytes). */
    static boolean helper(String threadName) {
        return threadName.startsWith("iothread-") || threadName.startsWith("C1 CompilerThre")
                || threadName.startsWith("C2 CompilerThre");
    }

    /** Applies the policy to the threads of this process whose names match; returns the thread ids changed. */
    static List<String> apply(Predicate<String> threadName, Consumer<String> log) {
        Path tasks = Path.of("/proc/self/task");
        List<String> changed = new ArrayList<>();
        if (!Files.isDirectory(tasks) || !Files.isExecutable(Path.of("/usr/bin/chrt"))) return changed;
        try (Stream<Path> all = Files.list(tasks)) {
            for (Path task : all.toList()) {
                String name = readName(task);
                if (name == null || !threadName.test(name)) continue;
                String tid = task.getFileName().toString();
                if (chrt(tid)) {
                    changed.add(tid);
                } else {
                    log.accept("hvlab kernel: could not make thread " + name + " (" + tid + ") SCHED_BATCH");
                }
            }
        } catch (IOException e) {
            log.accept("hvlab kernel: cannot list threads for SCHED_BATCH: " + e.getMessage());
        }
        return changed;
    }

    private static String readName(Path task) {
        try {
            return Files.readString(task.resolve("comm")).strip();
        } catch (IOException e) {
            return null; // the thread ended meanwhile
        }
    }

    private static boolean chrt(String tid) {
        try {
            Process p = new ProcessBuilder("/usr/bin/chrt", "--batch", "--pid", "0", tid)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (p.waitFor(5, TimeUnit.SECONDS)) return p.exitValue() == 0;
            p.destroyForcibly();
            return false;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
