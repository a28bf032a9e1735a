package org.hvlab.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.hvlab.cli.bench.Bench;
import org.hvlab.cli.bench.BenchCsv;
import org.hvlab.core.Provenance;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tech.tablesaw.api.Table;

/** {@code hvlab bench NAME}: runs a named benchmark and writes {@code datasets/bench/NAME.csv} with provenance. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Run a named benchmark and write datasets/bench/NAME.csv with provenance (memory, kernel, pci, bmc).")
public final class BenchCommand implements Callable<Integer> {

    @Parameters(paramLabel = "NAME", description = "Which benchmark: ${COMPLETION-CANDIDATES}.")
    Bench.Name name;

    @Option(names = "--quick", description = "Fewer iterations: checks that the benchmark runs, numbers are rough.")
    boolean quick;

    @Option(names = "--out", paramLabel = "FILE", description = "Where to write the CSV (default datasets/bench/NAME.csv).")
    Path out;

    @Override
    public Integer call() {
        Workspace ws = Workspace.current();
        Bench bench = name.create();
        System.out.println("bench " + name.id() + ": " + bench.description() + (quick ? " (quick)" : ""));
        Table result = bench.run(ws, quick);
        Provenance provenance = Provenance.current().with("bench", name.id()).with("quick", Boolean.toString(quick));
        Path target = out != null ? out : ws.resolve("datasets/bench/" + name.id() + ".csv");
        BenchCsv.write(result, provenance, target);
        System.out.println(result.printAll());
        System.out.println("wrote " + ws.root().relativize(target.toAbsolutePath()) + " (" + provenance.toText() + ")");
        return 0;
    }
}
