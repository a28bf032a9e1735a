package org.hvlab.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import org.hvlab.kernel.install.Kernelspec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hvlab lab}: Jupyter Notebook (Debian's jupyter-notebook 6.4) on {@code notebooks/} at 127.0.0.1, with the
 * hvlab kernel installed and made the default, a fresh token printed in the URL, and {@code --allow-root} when
 * running as root.
 */
@Command(name = "lab", mixinStandardHelpOptions = true,
        description = "Open Jupyter Notebook on notebooks/ (127.0.0.1) with the hvlab kernel as default.")
public final class LabCommand implements Callable<Integer> {
    @Option(names = "--port", paramLabel = "N", defaultValue = "8888", description = "Port (default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--no-browser", description = "Do not open a browser.")
    boolean noBrowser;

    @Option(names = "--heap", paramLabel = "SIZE", defaultValue = Kernelspec.DEFAULT_HEAP,
            description = "Maximum heap of the kernel JVM (default ${DEFAULT-VALUE}).")
    String heap;

    @Override
    public Integer call() {
        Workspace ws = Workspace.current();
        Path notebooks = ws.resolve("notebooks");
        if (!Files.isDirectory(notebooks)) {
            throw new CliException("there is no notebooks/ directory in " + ws.root(), "lab serves the notebooks there",
                    "Run ./hvlab lab from the hvlab checkout");
        }
        Path server = Path.of("/usr/bin/jupyter-notebook");
        if (!Files.isExecutable(server)) {
            throw new CliException("jupyter-notebook is not installed", "lab runs Debian's jupyter-notebook",
                    "Run it through ./hvlab (the launcher installs jupyter-notebook as root) or apt-get install jupyter-notebook");
        }
        KernelCommand.install(heap, true);
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        String token = HexFormat.of().formatHex(random);
        List<String> cmd = new ArrayList<>(List.of(Processes.systemPython(), server.toString(),
                "--notebook-dir=" + notebooks, "--ip=127.0.0.1", "--port=" + port, "--port-retries=0",
                "--MultiKernelManager.default_kernel_name=" + Kernelspec.NAME));
        if (noBrowser) cmd.add("--no-browser");
        if ("root".equals(System.getProperty("user.name"))) cmd.add("--allow-root");
        System.out.println("hvlab lab: http://127.0.0.1:" + port + "/?token=" + token);
        // the token goes through the environment, not the command line, where any local user could read it (ps)
        return Processes.run(ws.root(), cmd, java.util.Map.of("JUPYTER_TOKEN", token));
    }
}
