package org.hvlab.kernel.install;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hvlab.kernel.KernelException;
import org.hvlab.kernel.KernelMain;
import org.hvlab.kernel.wire.Json;

/**
 * The {@code hvlab} kernelspec. The class path is this build's: {@code kernel-ext/target/classes} plus the lines of
 * {@code kernel-ext/target/classpath.txt} (written by {@code mvn package}); if that file is missing, the class path
 * of the running JVM. The JVM is the one running the installer.
 */
public record Kernelspec(String javaCommand, String heap, String commit, String classPath, String home,
                         Optional<Path> archive) {
    public static final String NAME = "hvlab";
    public static final String DISPLAY_NAME = "Java (hvlab)";
    public static final String DEFAULT_HEAP = "1g";

    /** The spec for this build, with the given heap (e.g. "1g", "2048m"). */
    public static Kernelspec forThisBuild(String heap, String commit) {
        if (!heap.matches("\\d+[kKmMgG]?")) {
            throw new KernelException(KernelException.Reason.INSTALL, "heap size '" + heap + "' is not valid",
                    "the JVM takes a number with an optional k, m or g suffix", "Use e.g. --heap 1g or --heap 1536m");
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new Kernelspec(java, heap, commit, buildClassPath(), System.getProperty("hvlab.home", ""),
                Optional.empty());
    }

    /** target/classes + target/classpath.txt of kernel-ext, or this JVM's class path. */
    static String buildClassPath() {
        Optional<Path> classes = classesDirectory();
        if (classes.isPresent()) {
            Path cpFile = classes.get().resolveSibling("classpath.txt");
            if (Files.isRegularFile(cpFile)) {
                try {
                    return classes.get() + File.pathSeparator + Files.readString(cpFile).strip();
                } catch (IOException e) {
                    throw new KernelException(KernelException.Reason.INSTALL, "cannot read " + cpFile,
                            e.getMessage(), "Run mvn -pl library,kernel-ext -am package again", e);
                }
            }
        }
        return System.getProperty("java.class.path");
    }

    private static Optional<Path> classesDirectory() {
        try {
            Path p = Path.of(KernelMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isDirectory(p) ? Optional.of(p.toAbsolutePath()) : Optional.empty();
        } catch (URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The JVM part of the argv: java, flags, class path (no main class). */
    public List<String> jvm() {
        List<String> argv = new ArrayList<>(List.of(javaCommand, "-Djava.awt.headless=true", "-Xmx" + heap,
                "-XX:+UseSerialGC"));
        if (commit != null && !commit.isBlank()) argv.add("-Dhvlab.commit=" + commit);
        if (home != null && !home.isBlank()) argv.add("-Dhvlab.home=" + home);
        archive.ifPresent(a -> argv.addAll(List.of("-XX:SharedArchiveFile=" + a, "-Xshare:auto", "-Xlog:cds=off",
                "-Xlog:cds+dynamic=off")));
        argv.addAll(List.of("-cp", classPath));
        return argv;
    }

    /** The argv Jupyter runs; {connection_file} is filled in by Jupyter. */
    public List<String> argv() {
        List<String> argv = new ArrayList<>(jvm());
        argv.addAll(List.of(KernelMain.class.getName(), "{connection_file}"));
        return argv;
    }

    /** The kernel.json text. */
    public String json() {
        ObjectNode n = Json.object();
        ArrayNode a = n.putArray("argv");
        argv().forEach(a::add);
        n.put("display_name", DISPLAY_NAME);
        n.put("language", "java");
        n.put("interrupt_mode", "message");
        n.putObject("env");
        ObjectNode meta = n.putObject("metadata");
        meta.put("debugger", false);
        try {
            return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(n) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Jupyter's user data directory: $JUPYTER_DATA_DIR, else $XDG_DATA_HOME/jupyter, else ~/.local/share/jupyter. */
    public static Path userKernelsDirectory(Map<String, String> env) {
        String data = env.get("JUPYTER_DATA_DIR");
        if (data != null && !data.isBlank()) return Path.of(data, "kernels");
        String xdg = env.get("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".local",
                "share");
        return base.resolve("jupyter").resolve("kernels");
    }

    /** Writes {@code <kernels>/hvlab/kernel.json} (no class-data archive); returns the directory. */
    public Path install(Path kernelsDirectory) {
        return install(kernelsDirectory, false);
    }

    /**
     * Writes {@code <kernels>/hvlab/kernel.json}; with {@code cds}, first snapshots the classes into a jar and trains
     * a class-data-sharing archive (a few seconds) that the argv then uses. Returns the directory.
     */
    public Path install(Path kernelsDirectory, boolean cds) {
        Path dir = kernelsDirectory.resolve(NAME);
        try {
            Files.createDirectories(dir);
            Kernelspec spec = this;
            if (cds && ClassDataArchive.current(classPath, javaCommand, dir).isPresent()) {
                spec = new Kernelspec(javaCommand, heap, commit, ClassDataArchive.current(classPath, javaCommand, dir)
                        .get(), home, Optional.of(dir.resolve(ClassDataArchive.ARCHIVE)));
            } else if (cds) {
                Optional<String> cp = ClassDataArchive.jarred(classPath, dir);
                if (cp.isPresent()) {
                    Kernelspec jarred = new Kernelspec(javaCommand, heap, commit, cp.get(), home, Optional.empty());
                    Optional<Path> trained = ClassDataArchive.train(jarred.jvm(), dir);
                    if (trained.isPresent()) {
                        spec = new Kernelspec(javaCommand, heap, commit, cp.get(), home, trained);
                        ClassDataArchive.remember(classPath, javaCommand, cp.get(), dir);
                    }
                }
            }
            Files.writeString(dir.resolve("kernel.json"), spec.json());
            return dir;
        } catch (IOException e) {
            throw new KernelException(KernelException.Reason.INSTALL, "cannot write the kernelspec in " + dir,
                    e.getMessage(), "Check that the directory is writable, or set JUPYTER_DATA_DIR", e);
        }
    }
}
