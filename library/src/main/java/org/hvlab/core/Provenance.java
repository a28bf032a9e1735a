package org.hvlab.core;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Where a number came from: commit, date, JDK, cores, and (for models) the seed and the digest of the cost model.
 * Every report, trace table and benchmark CSV carries one.
 *
 * <p>The commit comes from the system property {@code hvlab.commit}, which the {@code ./hvlab} launcher and the
 * kernelspec set; the library never runs git itself.
 */
public record Provenance(String commit, Instant date, String jdk, int cores, Map<String, String> extra)
        implements Renderable {

    public Provenance {
        Objects.requireNonNull(commit, "commit");
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(jdk, "jdk");
        extra = Collections.unmodifiableMap(new LinkedHashMap<>(extra));
    }

    /** The provenance of this process now (date from the given clock's instant). */
    public static Provenance current(Instant now) {
        String commit = System.getProperty("hvlab.commit", "unknown");
        String jdk = System.getProperty("java.vm.vendor", "?") + " " + Runtime.version();
        return new Provenance(commit, now, jdk, Runtime.getRuntime().availableProcessors(), Map.of());
    }

    /** The provenance of this process at the wall-clock instant now (for reports and benchmarks, not models). */
    public static Provenance current() {
        return current(Instant.now());
    }

    /** A copy with one more named fact, e.g. {@code with("seed", "42")} or {@code with("costs_digest", d)}. */
    public Provenance with(String key, String value) {
        Map<String, String> m = new LinkedHashMap<>(extra);
        m.put(Objects.requireNonNull(key), Objects.requireNonNull(value));
        return new Provenance(commit, date, jdk, cores, m);
    }

    /** All facts as ordered name/value pairs: commit, date, jdk, cores, then the extra ones. */
    public Map<String, String> asMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("commit", commit);
        m.put("date", date.toString());
        m.put("jdk", jdk);
        m.put("cores", Integer.toString(cores));
        m.putAll(extra);
        return Collections.unmodifiableMap(m);
    }

    @Override
    public String toText() {
        StringBuilder sb = new StringBuilder("provenance:");
        asMap().forEach((k, v) -> sb.append(' ').append(k).append('=').append(v));
        return sb.toString();
    }

    @Override
    public String toHtml() {
        HtmlTable t = HtmlTable.withClass("hvlab-provenance").caption("provenance");
        asMap().forEach((k, v) -> t.entry(k, Html.code(v)));
        return t.html();
    }
}
