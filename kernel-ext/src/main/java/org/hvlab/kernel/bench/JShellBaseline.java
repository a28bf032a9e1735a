package org.hvlab.kernel.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import jdk.jshell.JShell;
import jdk.jshell.SnippetEvent;
import jdk.jshell.VarSnippet;
import org.hvlab.kernel.execution.JShellSession;

/**
 * JShell's own time for {@code 1 + i} (a fresh expression each time) with the local engine, the kernel's class path
 * and the kernel's start-up imports: what the kernel's round trip is compared with.
 *
 * <p>{@code JShellBaseline [warmup=200] [measured=100] [--drop-temporaries]} evaluates {@code 1 + i} itself and
 * prints {@code jshell_eval_median_ms,<value>,ms}; with {@code --drop-temporaries} each {@code $N} is dropped after
 * its eval, which shows what JShell's per-eval cost owes to earlier temporaries (each is imported into every later
 * compile). {@code JShellBaseline --serve} reads one expression per line from stdin
 * and answers each with its evaluation time in milliseconds, so a benchmark can alternate kernel cells and
 * baseline evaluations under the same machine load.
 */
public final class JShellBaseline {
    private JShellBaseline() {}

    public static void main(String[] args) throws IOException {
        try (JShell js = JShell.builder().executionEngine("local").build()) {
            js.addToClasspath(String.join(java.io.File.pathSeparator, JShellSession.jvmClassPath()));
            for (String i : JShellSession.defaultImports()) js.eval(i);
            if (args.length > 0 && args[0].equals("--serve")) {
                serve(js);
                return;
            }
            boolean drop = Arrays.asList(args).contains("--drop-temporaries");
            String[] counts = Arrays.stream(args).filter(a -> !a.startsWith("--")).toArray(String[]::new);
            int warmup = counts.length > 0 ? Integer.parseInt(counts[0]) : 200;
            int measured = counts.length > 1 ? Integer.parseInt(counts[1]) : 100;
            int i = 0;
            for (; i < warmup; i++) timed(js, "1 + " + i, drop);
            double[] ms = new double[measured];
            for (int k = 0; k < measured; k++, i++) ms[k] = timed(js, "1 + " + i, drop);
            Arrays.sort(ms);
            double median = measured % 2 == 1 ? ms[measured / 2] : (ms[measured / 2 - 1] + ms[measured / 2]) / 2;
            System.out.printf("jshell_eval_median_ms,%.3f,ms%n", median);
        }
    }

    private static void serve(JShell js) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        System.out.println("ready");
        System.out.flush();
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            System.out.printf("%.4f%n", timed(js, line, false));
            System.out.flush();
        }
    }

    /**
     * Evaluates one expression and returns the milliseconds it took (the drop, if asked, is not timed); fails loudly
     * if it did not evaluate.
     */
    static double timed(JShell js, String expression, boolean dropTemporary) {
        long t0 = System.nanoTime();
        List<SnippetEvent> events = js.eval(expression);
        double ms = (System.nanoTime() - t0) / 1e6;
        for (SnippetEvent e : events) {
            if (e.exception() != null || e.status() != jdk.jshell.Snippet.Status.VALID) {
                throw new IllegalStateException(expression + " failed: " + e.status() + " " + e.exception());
            }
            if (dropTemporary && e.snippet() instanceof VarSnippet v) js.drop(v);
        }
        return ms;
    }
}
