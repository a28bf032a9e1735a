package org.hvlab.bmc.bench;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What one {@code wrk --latency} run printed: requests per second, p99 latency, errors. */
public record Wrk(double requestsPerSecond, double p99Millis, long requests, long errors) {
    private static final Pattern RPS = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern P99 = Pattern.compile("\\s99%\\s+([0-9.]+)(us|ms|s)\\b");
    private static final Pattern TOTAL = Pattern.compile("(\\d+) requests in");
    private static final Pattern NON2XX = Pattern.compile("Non-2xx or 3xx responses:\\s+(\\d+)");
    private static final Pattern SOCKET = Pattern.compile(
            "Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");

    /** Parses wrk's text output; a missing figure is a {@link BenchException}. */
    public static Wrk parse(String out) {
        Matcher rps = RPS.matcher(out);
        Matcher p99 = P99.matcher(out);
        Matcher total = TOTAL.matcher(out);
        if (!rps.find() || !p99.find() || !total.find()) {
            throw new BenchException(BenchException.Reason.PARSE, "wrk's output has no Requests/sec or 99% line",
                    "the bench runs wrk with --latency", "Run it by hand to see: " + out.lines().findFirst().orElse(""));
        }
        double v = Double.parseDouble(p99.group(1));
        double ms = switch (p99.group(2)) {
            case "us" -> v / 1000;
            case "s" -> v * 1000;
            default -> v;
        };
        long errors = 0;
        Matcher n = NON2XX.matcher(out);
        if (n.find()) errors += Long.parseLong(n.group(1));
        Matcher s = SOCKET.matcher(out);
        if (s.find()) for (int i = 1; i <= 4; i++) errors += Long.parseLong(s.group(i));
        return new Wrk(Double.parseDouble(rps.group(1)), ms, Long.parseLong(total.group(1)), errors);
    }
}
