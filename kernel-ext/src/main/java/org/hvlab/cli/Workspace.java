package org.hvlab.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Where the checkout is, and the class paths the launcher's build left behind. */
public final class Workspace {
    private final Path root;

    private Workspace(Path root) {
        this.root = root;
    }

    /** The checkout: system property {@code hvlab.home} (set by the launcher), else the working directory. */
    public static Workspace current() {
        String home = System.getProperty("hvlab.home");
        return new Workspace(Path.of(home != null ? home : ".").toAbsolutePath().normalize());
    }

    public Path root() { return root; }

    public Path resolve(String relative) { return root.resolve(relative); }

    /** The class path of this tool: kernel-ext classes, then its runtime dependencies. */
    public String toolClassPath() {
        return System.getProperty("java.class.path");
    }

    /** Library classes and test classes with the test-scope dependencies (JMH benchmarks live in the test classes). */
    public String libraryTestClassPath() {
        List<String> parts = new ArrayList<>();
        parts.add(resolve("library/target/test-classes").toString());
        parts.add(resolve("library/target/classes").toString());
        parts.add(read("library/target/test-classpath.txt"));
        return String.join(java.io.File.pathSeparator, parts);
    }

    private String read(String relative) {
        Path p = resolve(relative);
        try {
            return Files.readString(p).trim();
        } catch (java.io.IOException e) {
            throw new CliException("cannot read " + p, "the build writes it at `mvn package`",
                    "Run ./hvlab (the launcher builds what is missing) instead of calling java directly");
        }
    }

    /** The java executable of this JVM. */
    public static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
