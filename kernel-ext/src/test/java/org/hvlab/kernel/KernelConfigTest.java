package org.hvlab.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.hvlab.kernel.execution.CellResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The IJAVA_* environment variables, read and honoured. */
class KernelConfigTest {
    @Test
    void should_read_the_ijava_environment_variables() {
        KernelConfig c = KernelConfig.fromEnvironment(Map.of("IJAVA_CLASSPATH", "a.jar:lib/*.jar",
                "IJAVA_COMPILER_OPTS", "-Xlint:none  -parameters", "IJAVA_TIMEOUT", "1500",
                "IJAVA_STARTUP_SCRIPTS_PATH", "init.jsh", "IJAVA_STARTUP_SCRIPT", "int s = 1;"));
        assertThat(c.extraClassPath()).containsExactly("a.jar", "lib/*.jar");
        assertThat(c.compilerOptions()).containsExactly("-Xlint:none", "-parameters");
        assertThat(c.timeoutMillis()).isEqualTo(1500);
        assertThat(c.startupScriptPaths()).containsExactly("init.jsh");
        assertThat(c.startupScript()).isEqualTo("int s = 1;");
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void should_expand_a_glob_in_ijava_classpath_and_honour_compiler_options(@TempDir Path dir) throws Exception {
        Path lib = Files.createDirectories(dir.resolve("lib"));
        ClassPathMagicsTest.jar(lib, "globbed", List.<String[]>of(new String[] {"g.Globbed",
                "package g; public class Globbed { public static int answer() { return 42; } }"}), null);
        KernelConfig c = new KernelConfig(List.of("lib/*.jar", "nothing/*.jar"), List.of("-Xlint:all", "-Werror"),
                -1, List.of(), "", dir);
        try (Kernel k = new Kernel(c)) {
            RecordingOutput out = new RecordingOutput();
            Kernel.Outcome o = k.execute("g.Globbed.answer()", true, out);
            assertThat(o.value()).as(String.valueOf(o.result())).isPresent();
            assertThat(o.value().get().get("text/plain")).isEqualTo("42");
            assertThat(out.text("stderr")).contains("nothing matches nothing/*.jar");
            // IJAVA_COMPILER_OPTS reach javac: -Werror with -Xlint:all turns a redundant cast into a compile error
            assertThat(((CellResult.Failed) k.execute("int x = (int) 5;", true, out).result()).evalue())
                    .contains("-Werror");
            assertThat(k.execute("int y = 5;", true, out).result()).isInstanceOf(CellResult.Ok.class);
        }
    }

    @Test
    void should_default_to_no_timeout_when_the_value_is_not_a_number() {
        assertThat(KernelConfig.fromEnvironment(Map.of("IJAVA_TIMEOUT", "soon")).timeoutMillis()).isEqualTo(-1);
        assertThat(KernelConfig.fromEnvironment(Map.of()).timeoutMillis()).isEqualTo(-1);
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void should_run_startup_scripts_and_stop_cells_past_the_timeout(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("init.jsh"), "int fromScriptFile = 40;\n");
        KernelConfig c = new KernelConfig(List.of(), List.of(), 1000, List.of("*.jsh"), "int fromScript = 2;", dir);
        try (Kernel k = new Kernel(c)) {
            RecordingOutput out = new RecordingOutput();
            Kernel.Outcome o = k.execute("fromScriptFile + fromScript", true, out);
            assertThat(o.value().get().get("text/plain")).isEqualTo("42");
            Kernel.Outcome stopped = k.execute("while (true) { }", true, out);
            assertThat(((CellResult.Failed) stopped.result()).ename()).isEqualTo("Timeout");
            assertThat(k.execute("fromScript", true, out).value().get().get("text/plain")).isEqualTo("2");
        }
    }
}
