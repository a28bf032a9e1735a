package org.hvlab.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Modelled costs in cycles, one per operation, for one platform: the rows of {@code datasets/costs.csv}
 * (operation, platform or {@code *}, cycles, source) where a platform's own row wins over the {@code *} row.
 * Immutable; {@link #with(String, long)} gives an overridden copy for one experiment, and {@link #digest()} names
 * the exact numbers in provenance.
 */
public final class CostModel implements Renderable {

    /** One operation's cost and where the number comes from. */
    public record Cost(String operation, long cycles, String source) {
        public Cost {
            Objects.requireNonNull(operation, "operation");
            Objects.requireNonNull(source, "source");
            if (cycles < 0) {
                throw new CoreException(CoreException.Reason.BAD_SETTING, operation + " = " + cycles + " cycles",
                        "a cost is never negative", "Use 0 for a free operation");
            }
        }
    }

    private final String platform;
    private final Map<String, Cost> costs;

    private CostModel(String platform, Map<String, Cost> costs) {
        this.platform = platform;
        this.costs = Collections.unmodifiableMap(costs);
    }

    /** The costs for {@code platformId} from {@code datasets/costs.csv}. */
    public static CostModel load(String platformId) {
        return fromRows(platformId, Datasets.rows("costs.csv"));
    }

    /** The costs for {@code platformId} from rows with columns operation, platform, cycles, source. */
    public static CostModel fromRows(String platformId, List<Map<String, String>> rows) {
        Map<String, Cost> generic = new LinkedHashMap<>();
        Map<String, Cost> specific = new LinkedHashMap<>();
        for (Map<String, String> r : rows) {
            String op = require(r, "operation");
            String plat = require(r, "platform");
            long cycles;
            try {
                cycles = Long.parseLong(require(r, "cycles"));
            } catch (NumberFormatException e) {
                throw new CoreException(CoreException.Reason.DATASET, "costs.csv: " + op + " has cycles '"
                        + r.get("cycles") + "'", "cycles is a whole number", "Fix the row in datasets/costs.csv", e);
            }
            Cost c = new Cost(op, cycles, r.getOrDefault("source", ""));
            if (plat.equals("*")) generic.put(op, c);
            else if (plat.equals(platformId)) specific.put(op, c);
        }
        Map<String, Cost> merged = new LinkedHashMap<>(generic);
        merged.putAll(specific);
        return new CostModel(platformId, merged);
    }

    private static String require(Map<String, String> row, String column) {
        String v = row.get(column);
        if (v == null || v.isBlank()) {
            throw new CoreException(CoreException.Reason.DATASET, "costs.csv row " + row + " has no " + column,
                    "each row needs operation, platform, cycles and source", "Fix the row in datasets/costs.csv");
        }
        return v;
    }

    /** The platform id these costs apply to. */
    public String platform() { return platform; }

    /** The cost of {@code operation} in cycles. */
    public long cycles(String operation) { return cost(operation).cycles(); }

    /** The cost of {@code operation}, with its source. */
    public Cost cost(String operation) {
        Cost c = costs.get(operation);
        if (c == null) {
            throw new CoreException(CoreException.Reason.UNKNOWN_OPERATION,
                    "no cost for operation '" + operation + "' on " + platform,
                    "the known operations are " + String.join(", ", costs.keySet()),
                    "Use one of them, add a row to datasets/costs.csv, or costs.with(\"" + operation + "\", cycles)");
        }
        return c;
    }

    public boolean knows(String operation) { return costs.containsKey(operation); }

    /** Every cost, in file order. */
    public List<Cost> all() { return List.copyOf(costs.values()); }

    /** A copy where {@code operation} costs {@code cycles} (source "override"); the operation may be new. */
    public CostModel with(String operation, long cycles) {
        Map<String, Cost> m = new LinkedHashMap<>(costs);
        m.put(operation, new Cost(operation, cycles, "override"));
        return new CostModel(platform, m);
    }

    /** SHA-256 (hex) of the platform and every operation=cycles pair, sorted: equal numbers, equal digest. */
    public String digest() {
        StringBuilder sb = new StringBuilder(platform).append('\n');
        costs.keySet().stream().sorted().forEach(k -> sb.append(k).append('=').append(costs.get(k).cycles())
                .append('\n'));
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(sb.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** The first 12 hex digits of {@link #digest()}. */
    public String shortDigest() { return digest().substring(0, 12); }

    /** Columns operation, cycles, source. */
    public Table table() {
        StringColumn op = StringColumn.create("operation");
        LongColumn cy = LongColumn.create("cycles");
        StringColumn src = StringColumn.create("source");
        for (Cost c : costs.values()) {
            op.append(c.operation());
            cy.append(c.cycles());
            src.append(c.source());
        }
        return Table.create("costs " + platform + " (" + shortDigest() + ")", op, cy, src);
    }

    @Override
    public String toText() {
        StringBuilder sb = new StringBuilder("cost model ").append(platform).append(" (").append(shortDigest())
                .append(")\n");
        for (Cost c : costs.values()) {
            sb.append(String.format("  %-22s %8d cycles  %s%n", c.operation(), c.cycles(), c.source()));
        }
        return sb.toString();
    }

    @Override
    public String toHtml() {
        StringBuilder sb = new StringBuilder("<table class=\"hvlab-costs\"><caption>cost model ")
                .append(Html.escape(platform)).append(" <code>").append(shortDigest()).append("</code></caption>")
                .append("<tr><th>operation</th><th>cycles</th><th>source</th></tr>");
        for (Cost c : costs.values()) {
            sb.append("<tr><td><code>").append(Html.escape(c.operation())).append("</code></td><td>")
                    .append(c.cycles()).append("</td><td>").append(Html.escape(c.source())).append("</td></tr>");
        }
        return sb.append("</table>").toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CostModel m && m.platform.equals(platform) && m.costs.equals(costs);
    }

    @Override
    public int hashCode() { return Objects.hash(platform, costs); }

    @Override
    public String toString() { return "CostModel[" + platform + ", " + costs.size() + " ops, " + shortDigest() + "]"; }
}
