package org.hvlab.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Finds the real peer tools (lspci, mkeficapsule, redfishtool, ...) that tests check our formats and protocols
 * against. In a plain {@code mvn test} a missing tool skips the test; under {@code ./hvlab test}
 * ({@code -Dhvlab.requirePeers=true}) it fails, so CI cannot pass by skipping the real-peer checks.
 */
public final class PeerTools {
    private PeerTools() {}

    /** The tool's path, or skip/fail naming the Debian package that provides it. */
    public static Path require(String tool, String debianPackage) {
        for (String dir : List.of("/usr/bin", "/usr/sbin", "/bin", "/sbin", "/usr/local/bin")) {
            Path p = Path.of(dir, tool);
            if (Files.isExecutable(p)) return p;
        }
        String why = tool + " is not installed (apt-get install " + debianPackage + ")";
        if (Boolean.getBoolean("hvlab.requirePeers")) fail(why + "; ./hvlab test requires every peer tool");
        assumeTrue(false, why);
        return null;
    }

    /** Debian's system python3, which has the python3-* packages (not a pyenv shim earlier on PATH). */
    public static Path python3() {
        return require("python3", "python3");
    }
}
