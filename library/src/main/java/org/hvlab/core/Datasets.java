package org.hvlab.core;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds and reads the CSV files under {@code datasets/} (platform catalog, cost model, ...). There is one source of
 * truth, the file in the repository: the folder is the system property {@code hvlab.home} + {@code /datasets} when
 * set, otherwise the first {@code datasets/} found walking up from the working directory (so the launcher, run at
 * the repository root, and the tests, run in {@code library/}, both find it).
 */
public final class Datasets {
    private Datasets() {}

    /** The {@code datasets/} folder. */
    public static Path home() {
        String prop = System.getProperty("hvlab.home");
        if (prop != null && !prop.isBlank()) {
            Path p = Path.of(prop).toAbsolutePath().resolve("datasets");
            if (Files.isDirectory(p)) return p;
            throw new CoreException(CoreException.Reason.DATASET, "hvlab.home=" + prop + " has no datasets/ folder",
                    "the platform catalog and cost model are read from <hvlab.home>/datasets",
                    "Point -Dhvlab.home at the hvlab checkout, or unset it to search up from the working directory");
        }
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path p = dir.resolve("datasets");
            if (Files.isRegularFile(p.resolve("platforms.csv"))) return p;
        }
        throw new CoreException(CoreException.Reason.DATASET, "no datasets/ folder above " + start,
                "the platform catalog and cost model are read from datasets/ in the hvlab checkout",
                "Run from inside the checkout or set -Dhvlab.home=/path/to/hvlab");
    }

    /** A file in {@code datasets/}. */
    public static Path file(String name) {
        Path p = home().resolve(name);
        if (!Files.isRegularFile(p)) {
            throw new CoreException(CoreException.Reason.DATASET, "datasets/" + name + " does not exist",
                    "it is looked for in " + home(), "Check the name or restore the file from git");
        }
        return p;
    }

    /** The rows of {@code datasets/NAME} as header-keyed maps, in file order. Lines starting with # are comments. */
    public static List<Map<String, String>> rows(String name) {
        Path p = file(name);
        List<String> lines;
        try {
            lines = Files.readAllLines(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CoreException(CoreException.Reason.DATASET, "cannot read " + p, e.getMessage(),
                    "Check the file's permissions", e);
        }
        return parse(name, lines);
    }

    /** Parses CSV lines (RFC 4180 quoting, one record per line) into header-keyed rows. */
    public static List<Map<String, String>> parse(String name, List<String> lines) {
        List<String> header = null;
        List<Map<String, String>> rows = new ArrayList<>();
        int lineNo = 0;
        for (String line : lines) {
            lineNo++;
            if (line.isBlank() || line.startsWith("#")) continue;
            List<String> cells = split(line);
            if (header == null) {
                header = cells;
                continue;
            }
            if (cells.size() != header.size()) {
                throw new CoreException(CoreException.Reason.DATASET,
                        name + " line " + lineNo + " has " + cells.size() + " cells",
                        "the header has " + header.size() + " columns " + header,
                        "Quote cells that contain commas and fix the row");
            }
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < cells.size(); i++) row.put(header.get(i), cells.get(i));
            rows.add(Collections.unmodifiableMap(row));
        }
        return Collections.unmodifiableList(rows);
    }

    static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(cell.toString().strip());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        out.add(cell.toString().strip());
        return out;
    }
}
