package org.hvlab.kernel.bench;

import java.util.Arrays;
import jdk.jshell.JShell;
import jdk.jshell.SnippetEvent;
import org.hvlab.kernel.execution.JShellSession;

/**
 * JShell's own time for {@code 1 + i} (i counting up, a fresh expression each time) with the local engine, the
 * kernel's class path and the same start-up imports, after the same warm-up as the kernel benchmark. Prints
 * {@code jshell_eval_median_ms,<value>,ms}. Usage: {@code JShellBaseline [warmup=200] [measured=100]}.
 */
public final class JShellBaseline {
    private JShellBaseline() {}

    public static void main(String[] args) {
        int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int measured = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        try (JShell js = JShell.builder().executionEngine("local").build()) {
            for (String e : JShellSession.jvmClassPath()) js.addToClasspath(e);
            js.eval("import tech.tablesaw.api.*;");
            js.eval("import org.knowm.xchart.*;");
            int i = 0;
            for (; i < warmup; i++) check(js, i);
            double[] ms = new double[measured];
            for (int k = 0; k < measured; k++, i++) {
                long t0 = System.nanoTime();
                check(js, i);
                ms[k] = (System.nanoTime() - t0) / 1e6;
            }
            Arrays.sort(ms);
            double median = measured % 2 == 1 ? ms[measured / 2] : (ms[measured / 2 - 1] + ms[measured / 2]) / 2;
            System.out.printf("jshell_eval_median_ms,%.3f,ms%n", median);
        }
    }

    private static void check(JShell js, int i) {
        for (SnippetEvent e : js.eval("1 + " + i)) {
            if (e.exception() != null || !String.valueOf(1 + i).equals(e.value())) {
                throw new IllegalStateException("1 + " + i + " gave " + e.value() + " / " + e.exception());
            }
        }
    }
}
