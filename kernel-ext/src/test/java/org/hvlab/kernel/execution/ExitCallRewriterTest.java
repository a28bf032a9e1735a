package org.hvlab.kernel.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.InvocationTargetException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExitCallRewriterTest {
    static byte[] compile(Path dir, String name, String source) throws Exception {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        SimpleJavaFileObject file = new SimpleJavaFileObject(URI.create("string:///" + name + ".java"),
                javax.tools.JavaFileObject.Kind.SOURCE) {
            @Override public CharSequence getCharContent(boolean ignore) { return source; }
        };
        boolean ok = javac.getTask(null, null, null, List.of("-d", dir.toString()), null, List.of(file)).call();
        assertThat(ok).isTrue();
        return Files.readAllBytes(dir.resolve(name + ".class"));
    }

    static Class<?> define(String name, byte[] bytes) {
        return new ClassLoader(ExitCallRewriterTest.class.getClassLoader()) {
            Class<?> load() { return defineClass(name, bytes, 0, bytes.length); }
        }.load();
    }

    @Test
    void should_redirect_system_exit_to_the_trap_in_code_and_lambdas(@TempDir Path dir) throws Exception {
        byte[] original = compile(dir, "Quitter", "public class Quitter {"
                + " public static void direct() { System.exit(7); }"
                + " public static void lambda() { Runnable r = () -> System.exit(8); r.run(); }"
                + " public static void reference() { java.util.function.IntConsumer c = System::exit; c.accept(9); }"
                + " public static long other() { return System.nanoTime() > 0 ? 1 : 0; } }");
        byte[] rewritten = ExitCallRewriter.rewrite(original);
        assertThat(rewritten).isNotEqualTo(original);
        Class<?> c = define("Quitter", rewritten);
        for (String m : List.of("direct", "lambda", "reference")) {
            assertThatThrownBy(() -> {
                try {
                    c.getMethod(m).invoke(null);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            }).isInstanceOf(ExitTrap.CellExit.class).hasMessageContaining("System.exit(");
        }
        assertThat(c.getMethod("other").invoke(null)).isEqualTo(1L);
    }

    @Test
    void should_leave_a_class_without_exit_calls_unchanged(@TempDir Path dir) throws Exception {
        byte[] original = compile(dir, "Calm", "public class Calm { public static double f() { return Math.PI * 2L; } }");
        assertThat(ExitCallRewriter.rewrite(original)).isSameAs(original);
    }
}
