package org.hvlab.kernel.execution;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShellException;
import jdk.jshell.UnresolvedReferenceException;
import org.hvlab.core.LabException;

/**
 * Error reports for cells: compile errors name the line within the cell and point at the column; exceptions keep
 * only the frames from where they were thrown down to the last cell frame (no reflection, JShell or kernel frames),
 * cell frames read "cell line N"; a {@link LabException} shows as its message alone.
 */
final class CellErrors {
    private static final String RED = "\u001b[0;31m", RESET = "\u001b[0m";

    private CellErrors() {}

    /** A compile error: {@code source} is the snippet text, which starts at {@code firstLine} of the cell. */
    static CellResult.Failed compile(List<Diag> diags, String source, int firstLine) {
        List<String> tb = new ArrayList<>();
        String first = null;
        for (Diag d : diags) {
            if (!d.isError()) continue;
            long pos = Math.max(0, Math.min(d.getStartPosition(), source.length()));
            int lineInSnippet = lineOf(source, (int) pos);
            int cellLine = firstLine + lineInSnippet - 1;
            String msg = d.getMessage(Locale.ROOT);
            if (first == null) first = "cell line " + cellLine + ": " + msg.lines().findFirst().orElse(msg);
            tb.add(RED + "cell line " + cellLine + ": " + RESET + msg);
            int lineStart = source.lastIndexOf('\n', (int) pos - 1) + 1;
            int lineEnd = source.indexOf('\n', (int) pos);
            String line = source.substring(lineStart, lineEnd < 0 ? source.length() : lineEnd);
            tb.add("    " + line);
            tb.add("    " + " ".repeat(Math.max(0, (int) pos - lineStart)) + "^");
        }
        if (first == null) first = "the cell does not compile";
        return new CellResult.Failed("CompilationError", first, tb);
    }

    /**
     * An exception from a cell; {@code snippetLines} maps a snippet id (as in stack frames, "#12") to the cell line
     * where that snippet starts, for the snippets of the current cell.
     */
    static CellResult.Failed exception(JShellException e, Throwable original, Map<String, Integer> snippetLines) {
        if (original instanceof ExitTrap.CellExit exit) {
            return new CellResult.Failed("SystemExit", exit.getMessage(), List.of(RED + "SystemExit: " + RESET
                    + exit.getMessage()));
        }
        if (original instanceof LabException lab) {
            String name = lab.getClass().getSimpleName();
            return new CellResult.Failed(name, lab.getMessage(), List.of(RED + name + " [" + lab.code() + "]: "
                    + RESET + lab.getMessage()), Optional.of(lab));
        }
        String ename;
        if (e instanceof EvalException ee) {
            ename = ee.getExceptionClassName();
        } else if (e instanceof UnresolvedReferenceException) {
            ename = "UnresolvedReference";
        } else {
            ename = e.getClass().getName();
        }
        String evalue = e.getMessage() == null ? "" : e.getMessage();
        List<String> tb = new ArrayList<>();
        tb.add(RED + ename + RESET + (evalue.isEmpty() ? "" : ": " + evalue));
        frames(e.getStackTrace(), snippetLines, tb);
        for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
            String cn = c instanceof EvalException ce ? ce.getExceptionClassName() : c.getClass().getName();
            tb.add("Caused by: " + cn + (c.getMessage() == null ? "" : ": " + c.getMessage()));
            frames(c.getStackTrace(), snippetLines, tb);
        }
        return new CellResult.Failed(ename, evalue, tb, Optional.ofNullable(original));
    }

    private static void frames(StackTraceElement[] st, Map<String, Integer> snippetLines, List<String> out) {
        int last = -1;
        for (int i = 0; i < st.length; i++) if (isCellFrame(st[i])) last = i;
        int end = last >= 0 ? last + 1 : st.length;
        for (int i = 0; i < end; i++) {
            StackTraceElement f = st[i];
            if (last < 0 && isInternal(f)) break;
            out.add("    at " + describe(f, snippetLines));
        }
    }

    private static boolean isCellFrame(StackTraceElement f) {
        return f.getClassName().startsWith("REPL.") || (f.getFileName() != null && f.getFileName().startsWith("#"));
    }

    private static boolean isInternal(StackTraceElement f) {
        String c = f.getClassName();
        return c.startsWith("jdk.jshell.") || c.startsWith("jdk.internal.reflect.") || c.startsWith("java.lang.reflect.")
                || c.startsWith("org.hvlab.kernel.");
    }

    private static String describe(StackTraceElement f, Map<String, Integer> snippetLines) {
        if (!isCellFrame(f)) return f.toString();
        String file = f.getFileName() == null ? "" : f.getFileName();
        String method = f.getMethodName().isEmpty() || f.getMethodName().startsWith("do_it$") ? ""
                : f.getMethodName() + " ";
        if (method.isEmpty() && snippetLines.get(file) != null && f.getLineNumber() > 0) {
            return "cell line " + (snippetLines.get(file) + f.getLineNumber() - 1);
        }
        Integer start = snippetLines.get(file);
        if (start != null && f.getLineNumber() > 0) return method + "(cell line " + (start + f.getLineNumber() - 1) + ")";
        return method + "(snippet " + file + ", line " + f.getLineNumber() + ")";
    }

    static int lineOf(String s, int pos) {
        int line = 1;
        for (int i = 0; i < pos && i < s.length(); i++) if (s.charAt(i) == '\n') line++;
        return line;
    }
}
