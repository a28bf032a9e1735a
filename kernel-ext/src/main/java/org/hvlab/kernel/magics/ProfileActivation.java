package org.hvlab.kernel.magics;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Whether a {@code settings.xml} profile's {@code <activation>} holds, as Maven 3 decides it: every condition that is
 * present must hold ({@code jdk}, {@code os}, {@code property}, {@code file}); a profile with none of them is active
 * only by {@code activeByDefault} or by name in {@code <activeProfiles>} (decided by the caller).
 *
 * <ul>
 *   <li>{@code <jdk>}: a prefix of {@code java.version} ({@code 17} matches 17.0.15), {@code !prefix}, or a range
 *       such as {@code [11,)} or {@code [1.8,17)} compared on three numeric parts.</li>
 *   <li>{@code <os>}: {@code name}, {@code family} ({@code unix}, {@code windows}, {@code mac}, ..., or any word
 *       {@code os.name} contains, such as {@code linux}), {@code arch}, {@code version}, each case-insensitive and
 *       negated by a leading {@code !}.</li>
 *   <li>{@code <property>}: {@code name} set and not empty ({@code !name}: unset or empty), or with {@code value}
 *       equal to it ({@code !value}: different); environment variables are {@code env.NAME}.</li>
 *   <li>{@code <file>}: {@code exists} or {@code missing}, an absolute path after expanding {@code ${...}}.</li>
 * </ul>
 *
 * @param system the JVM's system properties ({@code java.version}, {@code os.name}, {@code user.home}, ...)
 * @param env the environment
 */
record ProfileActivation(Map<String, String> system, Map<String, String> env) {

    /** This JVM's properties and environment. */
    static ProfileActivation ofThisJvm() {
        Map<String, String> props = new java.util.HashMap<>();
        System.getProperties().forEach((k, v) -> props.put(String.valueOf(k), String.valueOf(v)));
        return new ProfileActivation(Map.copyOf(props), System.getenv());
    }

    /** The activation's own conditions (without activeByDefault); false when it names none. */
    boolean holds(MavenSettings.Xml activation) {
        List<Boolean> results = new ArrayList<>();
        // an element present counts, even empty, as in Maven (an empty <jdk/> is a prefix of every version)
        activation.child("jdk").ifPresent(j -> results.add(jdk(activation.text("jdk").strip())));
        activation.child("os").ifPresent(os -> results.add(os(os)));
        activation.child("property").ifPresent(p -> results.add(property(p.text("name"), p.text("value"))));
        activation.child("file").ifPresent(f -> results.add(file(f.text("exists"), f.text("missing"))));
        return !results.isEmpty() && !results.contains(false);
    }

    boolean jdk(String jdk) {
        String version = system.getOrDefault("java.version", "");
        if (version.isEmpty()) return false;
        if (jdk.startsWith("!")) return !version.startsWith(jdk.substring(1));
        if (jdk.startsWith("[") || jdk.startsWith("(")) return inRange(version, jdk);
        return version.startsWith(jdk);
    }

    /** One range {@code [low,high)}: a missing bound is open; a single {@code [v]} means v and above, as in Maven. */
    private static boolean inRange(String version, String range) {
        String[] bounds = range.split(",", -1);
        String low = bounds[0].substring(1).strip();
        boolean lowClosed = bounds[0].startsWith("[");
        String high = bounds.length > 1 ? bounds[1].strip() : "";
        boolean highClosed = high.endsWith("]");
        if (high.endsWith("]") || high.endsWith(")")) high = high.substring(0, high.length() - 1).strip();
        if (bounds.length == 1 && (low.endsWith("]") || low.endsWith(")"))) low = low.substring(0, low.length() - 1);
        if (!low.isEmpty()) {
            int c = compare(version, low);
            if (c < 0 || (c == 0 && !lowClosed)) return false;
            if (c == 0) return true;
        }
        if (high.isEmpty()) return true;
        int c = compare(version, high);
        return c < 0 || (c == 0 && highClosed);
    }

    /** Compares the first three numeric parts ({@code 17.0.15+6} against {@code 11}: 17.0.15 > 11.0.0). */
    private static int compare(String version, String bound) {
        String[] v = version.replaceAll("[^0-9._-]", "").split("[._-]");
        String[] b = bound.split("\\.");
        for (int i = 0; i < 3; i++) {
            int x = part(v, i);
            int y = part(b, i);
            if (x != y) return Integer.compare(x, y);
        }
        return 0;
    }

    private static int part(String[] parts, int i) {
        if (i >= parts.length || parts[i].isEmpty()) return 0;
        try {
            return Integer.parseInt(parts[i]);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    boolean os(MavenSettings.Xml os) {
        String name = system.getOrDefault("os.name", "").toLowerCase(Locale.ENGLISH);
        if (java.util.stream.Stream.of("name", "family", "arch", "version").allMatch(f -> os.text(f).isBlank())) {
            return false; // an <os/> that names nothing does not hold, as in Maven
        }
        return matches(os.text("name"), name::equals)
                && matches(os.text("family"), this::family)
                && matches(os.text("arch"), system.getOrDefault("os.arch", "").toLowerCase(Locale.ENGLISH)::equals)
                && matches(os.text("version"),
                        system.getOrDefault("os.version", "").toLowerCase(Locale.ENGLISH)::equals);
    }

    /** An absent condition holds; {@code !x} negates; compared in lower case. */
    private static boolean matches(String wanted, java.util.function.Predicate<String> test) {
        if (wanted.isBlank()) return true;
        String w = wanted.strip().toLowerCase(Locale.ENGLISH);
        return w.startsWith("!") ? !test.test(w.substring(1)) : test.test(w);
    }

    /** Maven's (plexus-utils') OS families, from {@code os.name} and the path separator. */
    private boolean family(String family) {
        String name = system.getOrDefault("os.name", "").toLowerCase(Locale.ENGLISH);
        String separator = system.getOrDefault("path.separator", java.io.File.pathSeparator);
        return switch (family) {
            case "windows" -> name.contains("windows");
            case "win9x" -> name.contains("windows") && (name.contains("95") || name.contains("98")
                    || name.contains("me") || name.contains("ce"));
            case "mac" -> name.contains("mac");
            case "unix" -> separator.equals(":") && !name.contains("openvms")
                    && (!name.contains("mac") || name.endsWith("x"));
            case "dos" -> separator.equals(";") && !name.contains("netware") && !name.contains("windows");
            case "netware" -> name.contains("netware");
            case "os/2" -> name.contains("os/2");
            case "tandem" -> name.contains("nonstop_kernel");
            case "z/os" -> name.contains("z/os") || name.contains("os/390");
            case "os/400" -> name.contains("os/400");
            case "openvms" -> name.contains("openvms");
            default -> name.contains(family); // <family>linux</family> holds on Linux, as plexus-utils decides
        };
    }

    boolean property(String name, String value) {
        String n = name.strip();
        boolean reverseName = n.startsWith("!");
        if (reverseName) n = n.substring(1);
        if (n.isEmpty()) return false;
        String actual = n.startsWith("env.") ? env.get(n.substring(4)) : system.get(n);
        String v = value.strip();
        if (!v.isEmpty()) {
            boolean reverseValue = v.startsWith("!");
            boolean equal = (reverseValue ? v.substring(1) : v).equals(actual);
            return reverseValue != equal;
        }
        boolean set = actual != null && !actual.isEmpty();
        return reverseName != set;
    }

    /** A path that is not absolute once expanded (such as an unexpanded {@code ${basedir}/x}) holds neither way. */
    boolean file(String exists, String missing) {
        String path = !exists.isBlank() ? exists.strip() : missing.strip();
        if (path.isEmpty() || !Path.of(path).isAbsolute()) return false;
        return Files.exists(Path.of(path)) == !exists.isBlank();
    }
}
