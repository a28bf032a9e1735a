package org.hvlab.kernel;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The kernel's settings, read from the IJava environment variables so IJava users' setups carry over:
 * {@code IJAVA_CLASSPATH} (extra class path, globs allowed), {@code IJAVA_COMPILER_OPTS} (javac options),
 * {@code IJAVA_TIMEOUT} (milliseconds a cell may run, -1 for no limit), {@code IJAVA_STARTUP_SCRIPTS_PATH} (.jsh
 * files run at start-up, globs allowed) and {@code IJAVA_STARTUP_SCRIPT} (code run at start-up).
 */
public record KernelConfig(List<String> extraClassPath, List<String> compilerOptions, long timeoutMillis,
                           List<String> startupScriptPaths, String startupScript, Path workingDirectory) {

    public KernelConfig {
        extraClassPath = List.copyOf(extraClassPath);
        compilerOptions = List.copyOf(compilerOptions);
        startupScriptPaths = List.copyOf(startupScriptPaths);
    }

    /** Defaults: nothing extra, no timeout, the current directory. */
    public static KernelConfig defaults() {
        return new KernelConfig(List.of(), List.of(), -1, List.of(), "", Path.of("").toAbsolutePath());
    }

    /** The settings from an environment such as {@code System.getenv()}. */
    public static KernelConfig fromEnvironment(Map<String, String> env) {
        long timeout = -1;
        String t = env.getOrDefault("IJAVA_TIMEOUT", "").strip();
        if (!t.isEmpty()) {
            try {
                timeout = Long.parseLong(t);
            } catch (NumberFormatException e) {
                System.err.println("hvlab kernel: IJAVA_TIMEOUT=" + t + " is not a number of milliseconds; no timeout");
            }
        }
        return new KernelConfig(split(env.get("IJAVA_CLASSPATH"), File.pathSeparator),
                split(env.get("IJAVA_COMPILER_OPTS"), "\\s+"), timeout,
                split(env.get("IJAVA_STARTUP_SCRIPTS_PATH"), File.pathSeparator),
                env.getOrDefault("IJAVA_STARTUP_SCRIPT", ""), Path.of("").toAbsolutePath());
    }

    private static List<String> split(String value, String separator) {
        List<String> out = new ArrayList<>();
        if (value == null) return out;
        for (String s : value.split(separator)) if (!s.isBlank()) out.add(s.strip());
        return out;
    }
}
