package org.hvlab.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The stages of {@code hvlab test}, in the order they run. */
public enum TestStage {
    PEERS("peer tools are installed") {
        @Override int run(Workspace ws) {
            List<String> missing = new ArrayList<>();
            for (String tool : PEER_TOOLS) if (which(tool) == null) missing.add(tool);
            if (!missing.isEmpty()) {
                System.out.println("missing peer tools: " + missing
                        + ". Run ./hvlab test through the launcher (it installs them with apt-get as root).");
                return 1;
            }
            System.out.println("found: " + String.join(", ", PEER_TOOLS));
            return 0;
        }
    },
    MAVEN("Maven tests (unit, property, real peer tools)") {
        @Override int run(Workspace ws) {
            return Processes.run(ws.root(), List.of("mvn", "-B", "-ntp", "test", "-Dhvlab.requirePeers=true"));
        }
    },
    KERNEL("kernel conformance (jupyter_kernel_test against the installed hvlab kernelspec)") {
        @Override int run(Workspace ws) {
            int rc = hvlab(ws, "kernel", "install");
            if (rc != 0) return rc;
            return Processes.run(ws.root(), List.of(Processes.systemPython(), "-m", "unittest", "-v",
                    "kernel-ext/src/test/python/test_hvlab_kernel.py"));
        }
    },
    KERNEL_JDK25("kernel conformance with the kernel on the Temurin 25 JDK beside the project's JDK 17") {
        @Override int run(Workspace ws) {
            Path jdk = Path.of(System.getProperty("hvlab.jdk25", "/usr/lib/jvm/temurin-25-jdk-amd64"));
            Path java = jdk.resolve("bin/java");
            if (!Files.isExecutable(java)) {
                System.out.println("no JDK 25 at " + jdk + ": this compatibility stage needs one (set -Dhvlab.jdk25=DIR)");
                return 1;
            }
            try {
                Path data = Files.createTempDirectory("hvlab-jdk25-jupyter");
                try {
                    // the suite checks, last, that its kernel still runs on this JDK (nothing reinstalled it)
                    Map<String, String> env = Map.of("JUPYTER_DATA_DIR", data.toString(),
                            "HVLAB_EXPECT_JAVA_FEATURE", "25");
                    int rc = hvlab(ws, java.toString(), env, "kernel", "install");
                    if (rc != 0) return rc;
                    return Processes.run(ws.root(), List.of(Processes.systemPython(), "-m", "unittest",
                            "kernel-ext/src/test/python/test_hvlab_kernel.py"), env);
                } finally {
                    deleteTree(data);
                }
            } catch (IOException e) {
                System.out.println("cannot make a temporary Jupyter data directory: " + e.getMessage());
                return 1;
            }
        }
    },
    NOTEBOOKS("every notebook executed headless through the kernel, quick mode") {
        @Override int run(Workspace ws) {
            return hvlab(ws, "report", "--check");
        }
    };

    /** Runs this tool again as a child process (same JVM settings), e.g. {@code hvlab report --check}. */
    public static int hvlab(Workspace ws, String... args) {
        return hvlab(ws, Workspace.java(), Map.of(), args);
    }

    /** Runs this tool with the given java executable and extra environment. */
    static int hvlab(Workspace ws, String java, Map<String, String> env, String... args) {
        List<String> cmd = new ArrayList<>(List.of(java, "-Djava.awt.headless=true",
                "-Dhvlab.home=" + ws.root(), "-Dhvlab.commit=" + System.getProperty("hvlab.commit", "unknown"),
                "-cp", ws.toolClassPath(), Hvlab.class.getName()));
        cmd.addAll(List.of(args));
        return Processes.run(ws.root(), cmd, env);
    }

    /** The real tools the Maven tests drive; their absence fails the suite rather than skipping tests. */
    static final List<String> PEER_TOOLS = List.of("lspci", "mkeficapsule", "redfishtool", "curl", "jupyter-notebook");

    private final String title;

    TestStage(String title) {
        this.title = title;
    }

    String title() { return title; }

    /** Runs the stage, printing its output, and returns its exit code. */
    abstract int run(Workspace ws);

    static Path which(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path p = Path.of(dir, tool);
            if (Files.isExecutable(p)) return p;
        }
        for (String dir : List.of("/usr/sbin", "/sbin", "/usr/bin")) {
            Path p = Path.of(dir, tool);
            if (Files.isExecutable(p)) return p;
        }
        return null;
    }

    static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    static boolean exists(Workspace ws, String relative) {
        return Files.exists(ws.resolve(relative));
    }

    static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return "";
        }
    }
}
