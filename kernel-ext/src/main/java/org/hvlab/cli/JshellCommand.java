package org.hvlab.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import jdk.jshell.tool.JavaShellToolBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code hvlab jshell [script.jsh]}: JShell with the library on the class path and the hvlab imports done, so
 * {@code Lab.host("h1").build()} and {@code gib(4)} work at the first prompt.
 */
@Command(name = "jshell", mixinStandardHelpOptions = true,
        description = "An ad-hoc JShell with the hvlab library loaded and its imports done; runs a script if given.")
public final class JshellCommand implements Callable<Integer> {

    /** What every hvlab JShell (this command, the kernel) imports at start. */
    public static final List<String> IMPORTS = List.of(
            "import org.hvlab.*;",
            "import static org.hvlab.Lab.*;",
            "import org.hvlab.core.*;",
            "import tech.tablesaw.api.*;",
            "import org.knowm.xchart.*;");

    @Parameters(arity = "0..1", paramLabel = "SCRIPT", description = "A .jsh script to run, then exit.")
    Path script;

    @Override
    public Integer call() throws Exception {
        Path startup = Files.createTempFile("hvlab-startup", ".jsh");
        startup.toFile().deleteOnExit();
        Files.writeString(startup, String.join("\n", IMPORTS) + "\n");
        List<String> args = new ArrayList<>();
        args.add("--class-path");
        args.add(System.getProperty("java.class.path"));
        args.add("--startup");
        args.add("DEFAULT");
        args.add("--startup");
        args.add(startup.toString());
        for (String prop : List.of("hvlab.commit", "hvlab.home", "java.awt.headless")) {
            String v = System.getProperty(prop);
            if (v != null) args.add("-R-D" + prop + "=" + v);
        }
        if (script != null) {
            if (!Files.isReadable(script)) {
                throw new CliException("cannot read script " + script, "the file does not exist or is not readable",
                        "Give the path of a .jsh file, relative to " + Path.of("").toAbsolutePath());
            }
            args.add(script.toString());
        }
        try {
            return JavaShellToolBuilder.builder().start(args.toArray(String[]::new));
        } catch (IOException e) {
            throw new CliException("JShell failed to start", e.getMessage(), "Check the JDK (java -version)");
        }
    }
}
