package org.hvlab.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A kernel whose launcher dies ends by itself, as ipykernel's does; without JPY_PARENT_PID nothing is watched. */
class ParentWatchTest {
    @TempDir
    Path dir;

    @Test
    void should_tell_a_live_launcher_from_a_gone_one() throws Exception {
        List<String> log = new ArrayList<>();
        // a launcher behind a wrapper, alive: watched through its handle
        Process sleeper = new ProcessBuilder("sleep", "30").start();
        try {
            List<String> gone = new java.util.concurrent.CopyOnWriteArrayList<>();
            assertThat(ParentWatch.start(Long.toString(sleeper.pid()), gone::add, log::add)).isTrue();
            sleeper.destroyForcibly().waitFor();
            for (int i = 0; i < 50 && gone.isEmpty(); i++) Thread.sleep(100);
            assertThat(gone).singleElement().asString().contains("pid " + sleeper.pid());
        } finally {
            sleeper.destroyForcibly();
        }
        // one that cannot be seen (already gone at start): not watched, and said so
        Process done = new ProcessBuilder("true").start();
        done.waitFor();
        assertThat(ParentWatch.start(Long.toString(done.pid()), why -> { }, log::add)).isFalse();
        assertThat(log).singleElement().asString().contains("not a process visible here");
        assertThat(ParentWatch.start(null, why -> { }, log::add)).isFalse();
        assertThat(ParentWatch.start("not-a-pid", why -> { }, log::add)).isFalse();
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void should_end_the_kernel_when_its_launcher_is_killed() throws Exception {
        Path connection = dir.resolve("kernel.json");
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            try (ServerSocket s = new ServerSocket(0)) {
                ports.add(s.getLocalPort());
            }
        }
        Files.writeString(connection, "{\"transport\":\"tcp\",\"ip\":\"127.0.0.1\",\"shell_port\":" + ports.get(0)
                + ",\"iopub_port\":" + ports.get(1) + ",\"stdin_port\":" + ports.get(2) + ",\"control_port\":"
                + ports.get(3) + ",\"hb_port\":" + ports.get(4) + ",\"key\":\"k\",\"signature_scheme\":\"hmac-sha256\"}");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // a launcher that names itself in JPY_PARENT_PID, starts the kernel and prints its pid, then waits
        Path stderr = dir.resolve("kernel.err");
        Process launcher = new ProcessBuilder("sh", "-c", "JPY_PARENT_PID=$$ \"$0\" -cp \"$1\" "
                + "org.hvlab.kernel.KernelMain \"$2\" >/dev/null 2>\"$3\" & echo $!; wait",
                java, System.getProperty("java.class.path"), connection.toString(), stderr.toString()).start();
        long kernelPid = Long.parseLong(new BufferedReader(new InputStreamReader(launcher.getInputStream()))
                .readLine().strip());
        Optional<ProcessHandle> kernel = ProcessHandle.of(kernelPid);
        assertThat(kernel).isPresent();
        Thread.sleep(1500); // let it start and begin watching
        assertThat(kernel.get().isAlive()).isTrue();
        launcher.destroyForcibly().waitFor(); // SIGKILL: the launcher cannot take its child with it
        try {
            assertThat(kernel.get().onExit().get(20, TimeUnit.SECONDS).isAlive()).isFalse();
        } finally {
            kernel.get().destroyForcibly();
        }
        // it ended because its launcher did, not for another reason (a port taken, a crash)
        assertThat(Files.readString(stderr)).contains("shutting down: the process that launched the kernel");
    }
}
