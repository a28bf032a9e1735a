package org.hvlab.kernel.install;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * A class-data-sharing archive for the kernel JVM (AppCDS, {@code -XX:ArchiveClassesAtExit} then
 * {@code -XX:SharedArchiveFile}): classes come pre-parsed and shared, so the kernel starts faster and uses less
 * memory. CDS accepts only jars on the class path, so the kernel's classes directory is snapshotted into a jar in
 * the kernelspec directory; a class path that still holds a directory gets no archive.
 */
final class ClassDataArchive {
    static final String JAR = "hvlab-kernel-ext.jar";
    static final String ARCHIVE = "hvlab-kernel.jsa";
    static final String STAMP = "cds.stamp";

    private ClassDataArchive() {}

    /** The class path with every directory replaced by a jar snapshot in {@code dir}, or empty if that fails. */
    static Optional<String> jarred(String classPath, Path dir) throws IOException {
        List<String> out = new ArrayList<>();
        int jars = 0;
        for (String e : classPath.split(File.pathSeparator)) {
            if (e.isBlank()) continue;
            Path p = Path.of(e);
            if (Files.isDirectory(p)) {
                if (jars++ > 0) return Optional.empty();
                Path jar = dir.resolve(JAR);
                snapshot(p, jar);
                out.add(jar.toString());
            } else {
                out.add(e);
            }
        }
        return Optional.of(String.join(File.pathSeparator, out));
    }

    private static void snapshot(Path classes, Path jar) throws IOException {
        Path tmp = jar.resolveSibling(jar.getFileName() + ".tmp");
        try (OutputStream os = Files.newOutputStream(tmp); JarOutputStream out = new JarOutputStream(os);
             Stream<Path> files = Files.walk(classes)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace(File.separatorChar, '/')));
                Files.copy(f, out);
                out.closeEntry();
            }
        }
        Files.move(tmp, jar, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * The jarred class path of an archive trained earlier for the same class path, JVM and class files, if any: then
     * neither the snapshot nor the archive is rebuilt (rewriting the jar would invalidate the archive).
     */
    static Optional<String> current(String classPath, String java, Path dir) throws IOException {
        Path stamp = dir.resolve(STAMP);
        if (!Files.isRegularFile(stamp) || !Files.isRegularFile(dir.resolve(ARCHIVE))) return Optional.empty();
        List<String> lines = Files.readAllLines(stamp);
        if (lines.size() != 2 || !lines.get(0).equals(fingerprint(classPath, java))) return Optional.empty();
        return Optional.of(lines.get(1));
    }

    /** Records what the archive in {@code dir} was trained for. */
    static void remember(String classPath, String java, String jarred, Path dir) throws IOException {
        Files.write(dir.resolve(STAMP), List.of(fingerprint(classPath, java), jarred));
    }

    /** Class path, JVM, and the size and time of every file it names (class files included). */
    static String fingerprint(String classPath, String java) throws IOException {
        long h = java.hashCode() * 31L + classPath.hashCode();
        for (String e : classPath.split(File.pathSeparator)) {
            Path p = Path.of(e);
            if (!Files.exists(p)) continue;
            try (Stream<Path> files = Files.isDirectory(p) ? Files.walk(p) : Stream.of(p)) {
                for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                    h = h * 31 + f.toString().hashCode();
                    h = h * 31 + Files.size(f);
                    h = h * 31 + Files.getLastModifiedTime(f).toMillis();
                }
            }
        }
        return Long.toHexString(h);
    }

    /** Runs {@link CdsTraining} with {@code jvm} to write the archive; empty (with the reason logged) on failure. */
    static Optional<Path> train(List<String> jvm, Path dir) {
        Path archive = dir.resolve(ARCHIVE);
        Path log = dir.resolve("cds-training.log");
        List<String> cmd = new ArrayList<>(jvm);
        cmd.add(1, "-XX:ArchiveClassesAtExit=" + archive);
        cmd.add(CdsTraining.class.getName());
        try {
            Files.deleteIfExists(archive);
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(180, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                System.err.println("hvlab: the CDS training run took over 180 s; the kernel starts without an archive");
                return Optional.empty();
            }
            if (p.exitValue() != 0 || !Files.isRegularFile(archive)) {
                System.err.println("hvlab: the CDS training run failed (see " + log + "); the kernel starts without"
                        + " an archive");
                return Optional.empty();
            }
            return Optional.of(archive);
        } catch (IOException e) {
            System.err.println("hvlab: cannot run the CDS training (" + e.getMessage() + "); no archive");
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
