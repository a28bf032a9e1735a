package org.hvlab.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class BatchSchedulingTest {
    /** SCHED_BATCH in Linux's policy numbering (field 41 of /proc/.../stat). */
    private static final int SCHED_BATCH = 3;

    @Test
    void should_put_the_named_threads_of_this_process_in_the_batch_class_and_leave_the_others() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/task")) && Files.isExecutable(Path.of("/usr/bin/chrt")),
                "needs Linux's /proc and util-linux's chrt");
        CountDownLatch done = new CountDownLatch(1);
        // HotSpot names the native thread from the new thread itself, before run(): once run() has begun, /proc
        // shows the name (right after start() it may not yet)
        CountDownLatch running = new CountDownLatch(2);
        Thread io = new Thread(() -> {
            running.countDown();
            await(done);
        }, "iothread-77");
        Thread other = new Thread(() -> {
            running.countDown();
            await(done);
        }, "hvlab-other");
        io.start();
        other.start();
        running.await();
        try {
            List<String> log = new ArrayList<>();
            List<String> changed = BatchScheduling.apply(n -> n.equals("iothread-77"), log::add);
            assertThat(log).isEmpty();
            assertThat(changed).hasSize(1);
            assertThat(policy(changed.get(0))).isEqualTo(SCHED_BATCH);
            assertThat(policy(tidOf("hvlab-other"))).isZero();
        } finally {
            done.countDown();
            io.join();
            other.join();
        }
    }

    @Test
    void should_name_the_jvms_compiler_threads_and_jeromqs_io_threads_as_helpers() throws Exception {
        assertThat(BatchScheduling.helper("iothread-2")).isTrue();
        assertThat(BatchScheduling.helper("hvlab-cell")).isFalse();
        assertThat(BatchScheduling.helper("main")).isFalse();
        // the names this JVM really gives its compiler threads, as /proc shows them
        assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "needs Linux's /proc");
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            List<String> compilers = tasks.map(t -> read(t.resolve("comm")).strip())
                    .filter(n -> n.matches("C[12] Compiler.*")).toList();
            assertThat(compilers).isNotEmpty().allMatch(BatchScheduling::helper);
        }
    }

    private static String tidOf(String name) throws Exception {
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            return tasks.filter(t -> read(t.resolve("comm")).strip().equals(name)).findFirst().orElseThrow()
                    .getFileName().toString();
        }
    }

    private static int policy(String tid) {
        String stat = read(Path.of("/proc/self/task", tid, "stat"));
        // fields after the command name (which is in parentheses and may hold spaces): state is field 3
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Integer.parseInt(f[41 - 3]);
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (java.io.IOException e) {
            return "";
        }
    }

    private static void await(CountDownLatch l) {
        try {
            l.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
