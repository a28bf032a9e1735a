package org.hvlab.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
    NOTEBOOKS("every notebook executed headless through the kernel, quick mode") {
        @Override int run(Workspace ws) {
            return hvlab(ws, "report", "--check");
        }
    };

    /** Runs this tool again as a child process (same JVM settings), e.g. {@code hvlab report --check}. */
    public static int hvlab(Workspace ws, String... args) {
        List<String> cmd = new ArrayList<>(List.of(Workspace.java(), "-Djava.awt.headless=true",
                "-Dhvlab.home=" + ws.root(), "-Dhvlab.commit=" + System.getProperty("hvlab.commit", "unknown"),
                "-cp", ws.toolClassPath(), Hvlab.class.getName()));
        cmd.addAll(List.of(args));
        return Processes.run(ws.root(), cmd);
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
