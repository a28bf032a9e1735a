package org.hvlab.cli.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hvlab.cli.CliException;
import org.hvlab.cli.Processes;
import org.hvlab.cli.Workspace;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Runs JMH benchmarks from the library's test classes in forked JVMs and reads back JMH's CSV. */
public final class Jmh {
    private Jmh() {}

    /**
     * Runs the benchmarks matching {@code include} and returns {@code benchmark, mode, score, error, unit} rows.
     * Quick runs use one fork and short iterations; full runs use JMH's recommended multiple forks.
     */
    public static Table run(Workspace ws, String include, boolean quick, List<String> extraArgs) {
        Path csv;
        try {
            csv = Files.createTempFile("hvlab-jmh", ".csv");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> cmd = new ArrayList<>(List.of(Workspace.java(), "-cp", ws.libraryTestClassPath(),
                "org.openjdk.jmh.Main", include, "-rf", "csv", "-rff", csv.toString()));
        cmd.addAll(quick ? List.of("-f", "1", "-wi", "2", "-w", "1s", "-i", "3", "-r", "1s")
                : List.of("-f", "2", "-wi", "3", "-w", "2s", "-i", "5", "-r", "2s"));
        cmd.addAll(extraArgs);
        int rc = Processes.run(ws.root(), cmd);
        if (rc != 0) {
            throw new CliException("JMH exited with " + rc + " for " + include, "a benchmark failed or did not compile",
                    "Run `mvn -pl library test-compile` and look at the output above");
        }
        return read(csv);
    }

    static Table read(Path csv) {
        StringColumn name = StringColumn.create("benchmark");
        StringColumn mode = StringColumn.create("mode");
        DoubleColumn score = DoubleColumn.create("score");
        DoubleColumn error = DoubleColumn.create("error");
        StringColumn unit = StringColumn.create("unit");
        try {
            List<String> lines = Files.readAllLines(csv);
            for (String line : lines.subList(1, lines.size())) {
                List<String> f = splitCsv(line);
                String full = f.get(0);
                name.append(full.substring(full.lastIndexOf('.') + 1));
                mode.append(f.get(1));
                score.append(Double.parseDouble(f.get(4)));
                error.append(f.get(5).equals("NaN") ? Double.NaN : Double.parseDouble(f.get(5)));
                unit.append(f.get(6));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Table.create("jmh", name, mode, score, error, unit);
    }

    private static List<String> splitCsv(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (char c : line.toCharArray()) {
            if (c == '"') quoted = !quoted;
            else if (c == ',' && !quoted) {
                out.add(cur.toString());
                cur.setLength(0);
            } else cur.append(c);
        }
        out.add(cur.toString());
        return out;
    }
}
