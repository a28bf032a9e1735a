package org.hvlab.cli.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hvlab.core.Provenance;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Writes a benchmark's result table as CSV with one provenance column per fact, repeated on every row. */
public final class BenchCsv {
    private BenchCsv() {}

    public static Table withProvenance(Table result, Provenance provenance) {
        Table t = result.copy();
        provenance.asMap().forEach((k, v) -> {
            String name = t.columnNames().contains(k) ? "prov_" + k : k;
            t.addColumns(StringColumn.create(name, t.rowCount()).setMissingTo(v));
        });
        return t;
    }

    public static void write(Table result, Provenance provenance, Path target) {
        try {
            Files.createDirectories(target.toAbsolutePath().getParent());
            withProvenance(result, provenance).write().csv(target.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }
}
