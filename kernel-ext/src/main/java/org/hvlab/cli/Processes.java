package org.hvlab.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Runs a child process with inherited output; interrupts and failures to start become clear errors. */
public final class Processes {
    private Processes() {}

    public static int run(Path dir, List<String> command) {
        return run(dir, command, Map.of());
    }

    public static int run(Path dir, List<String> command, Map<String, String> env) {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).inheritIO();
        pb.environment().putAll(env);
        try {
            Process p = pb.start();
            try {
                return p.waitFor();
            } catch (InterruptedException e) {
                p.destroy();
                Thread.currentThread().interrupt();
                return 130;
            }
        } catch (IOException e) {
            throw new CliException("cannot start " + command.get(0), e.getMessage(),
                    "Install it (the ./hvlab launcher installs the project's tools) or check PATH");
        }
    }

    /** Runs a child process and returns its standard output; standard error passes through. */
    public static String capture(Path dir, List<String> command) {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        try {
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            int rc = p.waitFor();
            if (rc != 0) {
                throw new CliException(command.get(0) + " exited with " + rc, "the command failed (its messages are above)",
                        "Run it by hand: " + String.join(" ", command));
            }
            return out;
        } catch (IOException e) {
            throw new CliException("cannot start " + command.get(0), e.getMessage(), "Check that it is installed");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted while running " + command.get(0), "the command was cancelled", "Run it again");
        }
    }

    /** The system python3 from Debian, which has the python3-* packages (not a pyenv shim earlier on PATH). */
    public static String systemPython() {
        return "/usr/bin/python3";
    }
}
