package org.hvlab.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.hvlab.core.Provenance;
import org.hvlab.kernel.install.Kernelspec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code hvlab report [--full] [--check] [NOTEBOOK...]}: executes notebooks headless through the hvlab kernel with
 * Debian's nbclient and writes HTML reports with provenance to {@code reports/}. Quick mode
 * ({@code HVLAB_QUICK=true}, as the notebooks read it with {@code Boolean.parseBoolean}) unless {@code --full};
 * {@code --check} only executes (what {@code hvlab test} runs).
 * Exits non-zero, naming notebook, cell and error, if any cell fails.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Execute notebooks headless (quick mode unless --full) and write HTML reports to reports/.")
public final class ReportCommand implements Callable<Integer> {
    static final String SCRIPT = "/org/hvlab/kernel/report/run_notebooks.py";

    @Parameters(arity = "0..*", paramLabel = "NOTEBOOK", description = "Notebooks to run (default: notebooks/*.ipynb).")
    List<Path> notebooks = new ArrayList<>();

    @Option(names = "--full", description = "Full mode: HVLAB_QUICK=false, every point.")
    boolean full;

    @Option(names = "--check", description = "Execute only (quick), write no HTML; non-zero exit on any cell error.")
    boolean check;

    @Option(names = "--out", paramLabel = "DIR", description = "Report directory (default reports/).")
    Path out;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "600", description = "Per-cell timeout.")
    int timeout;

    @Option(names = "--heap", paramLabel = "SIZE", defaultValue = Kernelspec.DEFAULT_HEAP,
            description = "Maximum heap of the kernel JVM (default ${DEFAULT-VALUE}).")
    String heap;

    @Override
    public Integer call() throws IOException {
        Workspace ws = Workspace.current();
        // relative names are the caller's (the launcher keeps the caller's working directory)
        List<Path> targets = notebooks.isEmpty() ? allNotebooks(ws) : notebooks.stream().map(Path::toAbsolutePath).toList();
        if (targets.isEmpty()) {
            throw new CliException("no notebooks to run", "none were named and notebooks/ has no .ipynb",
                    "Name notebooks: ./hvlab report notebooks/00-tour.ipynb");
        }
        KernelCommand.install(heap, true);
        Path script = Files.createTempFile("hvlab-report", ".py");
        script.toFile().deleteOnExit();
        try (InputStream in = ReportCommand.class.getResourceAsStream(SCRIPT)) {
            if (in == null) throw new CliException("the report script is missing", SCRIPT + " is not on the class path",
                    "Rebuild: mvn -pl library,kernel-ext -am package");
            Files.write(script, in.readAllBytes());
        }
        boolean quick = check || !full;
        List<String> cmd = new ArrayList<>(List.of(Processes.systemPython(), script.toString(), "--kernel",
                Kernelspec.NAME, "--timeout", Integer.toString(timeout)));
        if (quick) cmd.add("--quick");
        if (!check) {
            Path dir = out != null ? out.toAbsolutePath() : ws.resolve("reports");
            Path prov = Files.createTempFile("hvlab-provenance", ".html");
            prov.toFile().deleteOnExit();
            Files.writeString(prov, Provenance.current().with("mode", quick ? "quick" : "full").toHtml());
            cmd.addAll(List.of("--out", dir.toString(), "--provenance-html", prov.toString()));
        }
        for (Path p : targets) cmd.add(p.toAbsolutePath().toString());
        return Processes.run(ws.root(), cmd, Map.of("HVLAB_QUICK", Boolean.toString(quick)));
    }

    static List<Path> allNotebooks(Workspace ws) throws IOException {
        Path dir = ws.resolve("notebooks");
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".ipynb")).sorted().toList();
        }
    }
}
