package org.hvlab.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.hvlab.kernel.execution.CellResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** %jars and %classpath: a jar built at test time becomes usable in cells, and its renderer extension is installed. */
class ClassPathMagicsTest {
    static Kernel kernel;

    @BeforeAll
    static void start() {
        kernel = new Kernel(KernelConfig.defaults());
    }

    @AfterAll
    static void stop() {
        kernel.close();
    }

    static Path jar(Path dir, String name, List<String[]> sources, String service) throws Exception {
        Path classes = Files.createDirectories(dir.resolve(name + "-classes"));
        List<JavaFileObject> files = sources.stream().map(s -> (JavaFileObject) new SimpleJavaFileObject(
                URI.create("string:///" + s[0].replace('.', '/') + ".java"), JavaFileObject.Kind.SOURCE) {
            @Override public CharSequence getCharContent(boolean ignore) { return s[1]; }
        }).toList();
        boolean ok = ToolProvider.getSystemJavaCompiler().getTask(null, null, null,
                List.of("-d", classes.toString(), "-cp", System.getProperty("java.class.path")), null, files).call();
        assertThat(ok).isTrue();
        Path jar = dir.resolve(name + ".jar");
        try (OutputStream os = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(os)) {
            try (var walk = Files.walk(classes)) {
                for (Path f : walk.filter(Files::isRegularFile).toList()) {
                    out.putNextEntry(new JarEntry(classes.relativize(f).toString()));
                    Files.copy(f, out);
                    out.closeEntry();
                }
            }
            if (service != null) {
                out.putNextEntry(new JarEntry("META-INF/services/org.hvlab.kernel.render.RendererExtension"));
                out.write(service.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return jar;
    }

    /** A jar with {@code pkg.cls} (body {@code members}) and a renderer extension showing it as {@code html}. */
    static Path rendererJar(Path dir, String name, String pkg, String cls, String members, String html)
            throws Exception {
        return jar(dir, name, List.of(
                new String[] {pkg + "." + cls, "package " + pkg + "; public class " + cls + " { " + members + " }"},
                new String[] {pkg + "." + cls + "Renderer", "package " + pkg + "; public class " + cls + "Renderer"
                        + " implements org.hvlab.kernel.render.RendererExtension {"
                        + " public void install(org.hvlab.kernel.render.Renderer r) {"
                        + " r.createRegistration(" + cls + ".class).preferring(\"text/html\").register((o, ctx) ->"
                        + " ctx.renderIfRequested(\"text/html\", () -> \"" + html + "\")); } }"}),
                pkg + "." + cls + "Renderer\n");
    }

    @Test
    void should_use_classes_and_renderers_from_a_jar_added_with_jars(@TempDir Path dir) throws Exception {
        rendererJar(dir, "greeter", "demo", "Greeter", "public String greet() { return \"hi\"; }", "<em>greeter</em>");
        RecordingOutput out = new RecordingOutput();
        Kernel.Outcome added = kernel.execute("%jars " + dir + "/*.jar", true, out);
        assertThat(added.result()).isInstanceOf(CellResult.Ok.class);
        assertThat(added.value().get().get("text/plain").toString()).contains("greeter.jar");
        assertThat(kernel.execute("new demo.Greeter().greet()", true, out).value().get().get("text/plain"))
                .isEqualTo("hi");
        assertThat(kernel.execute("new demo.Greeter()", true, out).value().get().get("text/html"))
                .isEqualTo("<em>greeter</em>");
        assertThat(kernel.execute("%classpath", true, out).value().get().get("text/plain").toString())
                .contains("greeter.jar");
    }

    @Test
    void should_install_renderers_from_jars_given_in_ijava_classpath(@TempDir Path dir) throws Exception {
        rendererJar(dir, "waver", "wave", "Waver", "", "<b>wave</b>");
        KernelConfig config = new KernelConfig(List.of(dir + "/*.jar"), List.of(), -1, List.of(), "", dir);
        try (Kernel k = new Kernel(config)) {
            assertThat(k.execute("new wave.Waver()", true, new RecordingOutput()).value().get().get("text/html"))
                    .isEqualTo("<b>wave</b>");
        }
    }

    @Test
    void should_name_the_path_when_nothing_matches(@TempDir Path dir) {
        Kernel.Outcome o = kernel.execute("%jars " + dir + "/missing-*.jar", true, new RecordingOutput());
        assertThat(((CellResult.Failed) o.result()).evalue()).contains("nothing matches").contains("missing-*.jar");
    }

    @Test
    void should_resolve_an_artifact_with_its_dependencies_and_report_a_version_the_kernel_already_has() {
        // Maven Central (or ~/.m2): commons-text brings commons-lang3; the kernel already has Guava 33.0.0-jre
        RecordingOutput out = new RecordingOutput();
        Kernel.Outcome o = kernel.execute("%maven org.apache.commons:commons-text:1.10.0 com.google.guava:guava:32.1.3-jre",
                true, out);
        assertThat(o.result()).as(String.valueOf(o.result())).isInstanceOf(CellResult.Ok.class);
        String report = o.value().map(v -> v.get("text/plain").toString()).orElse("") + out.text("stdout")
                + out.text("stderr");
        assertThat(report).contains("commons-lang3").contains("com.google.guava:guava").contains("33.0.0-jre");
        assertThat(kernel.execute("org.apache.commons.text.WordUtils.capitalize(\"hvlab lab\")", true, out).value()
                .get().get("text/plain")).isEqualTo("Hvlab Lab");
    }

    @Test
    void should_ask_for_coordinates_when_maven_has_none() {
        Kernel.Outcome o = kernel.execute("%maven", true, new RecordingOutput());
        assertThat(((CellResult.Failed) o.result()).evalue()).contains("groupId:artifactId:version");
    }
}
