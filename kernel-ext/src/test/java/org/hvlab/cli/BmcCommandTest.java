package org.hvlab.cli;

import org.junit.jupiter.api.Test;

import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class BmcCommandTest {
    @Test
    void should_refuse_an_unknown_platform() {
        assertThat(Hvlab.commandLine().execute("bmc", "--platform", "no-such-board", "--seconds", "1")).isEqualTo(2);
    }

    @Test
    void should_print_the_url_user_and_password_of_the_demo_bmc() {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int exit;
        try {
            System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
            exit = Hvlab.commandLine().execute("bmc", "--platform", "ampere-altra", "--seconds", "1");
        } finally {
            System.setOut(old);
        }
        String out = buf.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(out).isZero();
        assertThat(out).containsPattern("url: +http://127\\.0\\.0\\.1:\\d+/redfish/v1").contains("user:     admin")
                .containsPattern("password: +\\S{16}").contains("with 2 DPUs");
    }

    @Test
    void should_remove_its_temp_files_including_the_tls_key_when_stopped_by_a_signal(@TempDir Path tmp) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(java, "-Djava.io.tmpdir=" + tmp, "-cp", System.getProperty("java.class.path"),
                Hvlab.class.getName(), "bmc", "--platform", "ampere-altra", "--https", "--seconds", "120")
                .redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            StringBuilder seen = new StringBuilder();
            for (String line; (line = out.readLine()) != null && !line.startsWith("Ctrl-C"); ) seen.append(line).append('\n');
            assertThat(seen.toString()).contains("url:      https://127.0.0.1:");
            try (Stream<Path> l = Files.list(tmp)) {
                assertThat(l.map(x -> x.getFileName().toString())).as("while serving").anyMatch(n -> n.startsWith("hvlab-"));
            }
            p.destroy();   // SIGTERM: the JVM runs its shutdown hooks, as on Ctrl-C
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            try (Stream<Path> l = Files.walk(tmp)) {
                assertThat(l.filter(x -> !x.equals(tmp)).map(Path::toString)).as("left after the signal").isEmpty();
            }
        } finally {
            p.destroyForcibly();
        }
    }
}
