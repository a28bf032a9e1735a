package org.hvlab.kernel.execution;

import java.io.File;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import jdk.jshell.ExpressionSnippet;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.VarSnippet;

/**
 * One JShell with the local execution engine and the kernel's class path: evaluates cells snippet by snippet,
 * reads values as objects, stops a running cell, lists variables and closes hvlab resources that cells drop.
 */
public final class JShellSession implements AutoCloseable {
    /** Imports every session starts with; hvlab's own are added only when the library's facade is present. */
    public static final List<String> IMPORTS = List.of("import tech.tablesaw.api.*;", "import org.knowm.xchart.*;",
            "import static org.hvlab.kernel.runtime.Display.*;", "import org.hvlab.kernel.runtime.MIMEType;");
    static final List<String> HVLAB_IMPORTS = List.of("import org.hvlab.*;", "import org.hvlab.core.*;",
            "import static org.hvlab.Lab.*;");

    private final JShell jshell;
    private final CellExecutionControl control;
    private final SourceCodeAnalysis analysis;
    private final CodeAnalysis code;
    private final ResourceTracker resources;
    private final Set<String> classPath = new LinkedHashSet<>();
    private volatile boolean stopRequested;
    /** True while JShell evaluates a snippet (compiles or runs it): a stop must land inside this window. */
    private volatile boolean evaluating;
    private final java.util.concurrent.atomic.AtomicReference<Thread> stopper =
            new java.util.concurrent.atomic.AtomicReference<>();
    private volatile long evalNanos;
    /** Guards {@link #cell} and every call of JShell's stop (see {@link #stopAgain}). */
    private final Object stopLock = new Object();
    /** Counts cells, so that a stop knows which cell it was for. */
    private long cell;

    public JShellSession(List<String> classPath, List<String> compilerOptions, Consumer<String> warnings) {
        CellExecutionControl.Provider provider = new CellExecutionControl.Provider();
        this.jshell = JShell.builder().executionEngine(provider, Map.of())
                .compilerOptions(compilerOptions.toArray(String[]::new)).build();
        this.control = provider.created();
        this.analysis = jshell.sourceCodeAnalysis();
        this.code = new CodeAnalysis(analysis);
        this.resources = new ResourceTracker(this::read, warnings);
        addToClassPath(classPath);
    }

    /** The class path of this JVM as a list (what the kernel starts with). */
    public static List<String> jvmClassPath() {
        List<String> out = new ArrayList<>();
        for (String e : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (!e.isBlank()) out.add(e);
        }
        return out;
    }

    /** Adds entries to both the compiler's and the loader's class path (in one step); returns those that were new. */
    public List<String> addToClassPath(List<String> entries) {
        List<String> added = new ArrayList<>();
        for (String e : entries) if (classPath.add(e)) added.add(e);
        if (!added.isEmpty()) jshell.addToClasspath(String.join(File.pathSeparator, added));
        return added;
    }

    /**
     * The loader cells' classes come from, with the jars added at run time: libraries' renderer extensions must be
     * loaded through it so that they see the same classes as the cells.
     */
    public ClassLoader snippetLoader() {
        ClassLoader l = control.snippetLoader();
        return l != null ? l : JShellSession.class.getClassLoader();
    }

    public List<String> classPath() {
        return List.copyOf(classPath);
    }

    /** The startup imports: hvlab's only if {@code org.hvlab.Lab} is on the class path (it may not be built yet). */
    public static List<String> defaultImports() {
        List<String> imports = new ArrayList<>(IMPORTS);
        if (onClassPath("org.hvlab.Lab")) imports.addAll(HVLAB_IMPORTS);
        return imports;
    }

    /** Evaluates the startup imports. */
    public void importDefaults() {
        for (String i : defaultImports()) jshell.eval(i);
    }

    /** Warms JShell's compiler (and class loading) with a throw-away snippet, so the first cell is fast. */
    public void warmUp() {
        for (SnippetEvent e : jshell.eval("int $hvlabWarm = java.util.List.of(1, 2).size() + 1;")) {
            if (e.snippet() != null) jshell.drop(e.snippet());
        }
        analysis.analyzeCompletion("int a = 1;");
        analysis.completionSuggestions("Str", 3, new int[1]);
    }

    private static boolean onClassPath(String name) {
        try {
            Class.forName(name, false, JShellSession.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    /** Evaluates a cell; the value is the last snippet's if it is an expression not ended by a semicolon. */
    public CellResult eval(String cell) {
        List<Segment> segments = split(cell);
        Map<String, Integer> snippetLines = new HashMap<>();
        Object value = null;
        boolean hasValue = false;
        for (int s = 0; s < segments.size(); s++) {
            Segment seg = segments.get(s);
            control.takeThrowable();
            long e0 = System.nanoTime();
            List<SnippetEvent> events;
            // evaluating first, then the check: a stop() between the two sees evaluating and keeps stopping
            evaluating = true;
            if (stopRequested) {
                evaluating = false;
                return interrupted(); // it came while the cell was split or between its snippets
            }
            try {
                events = jshell.eval(seg.source());
            } finally {
                evaluating = false;
            }
            evalNanos = System.nanoTime() - e0;
            if (stopRequested) {
                resources.afterEval(events);
                return interrupted();
            }
            for (SnippetEvent ev : events) {
                if (ev.causeSnippet() != null || ev.snippet() == null) continue;
                Snippet sn = ev.snippet();
                snippetLines.put("#" + sn.id(), seg.codeLine());
                if (ev.status() == Snippet.Status.REJECTED) {
                    resources.afterEval(events);
                    return CellErrors.compile(jshell.diagnostics(sn).toList(), seg.source(), seg.firstLine());
                }
            }
            Throwable original = null;
            for (SnippetEvent ev : events) {
                if (ev.exception() != null) {
                    original = original == null ? control.takeThrowable() : original;
                }
            }
            resources.afterEval(events);
            for (SnippetEvent ev : events) {
                if (ev.causeSnippet() == null && ev.exception() != null) {
                    return CellErrors.exception(ev.exception(), original, snippetLines);
                }
            }
            if (s == segments.size() - 1 && !cell.strip().endsWith(";")) {
                Optional<Object[]> v = valueOf(events);
                if (v.isPresent()) {
                    hasValue = true;
                    value = v.get()[0];
                }
            }
        }
        return hasValue ? new CellResult.Ok(true, value) : CellResult.Ok.NO_VALUE;
    }

    private static CellResult.Failed interrupted() {
        String msg = "the cell was interrupted; variables defined before it are kept";
        return new CellResult.Failed("Interrupted", msg, List.of("\u001b[0;31mInterrupted:\u001b[0m " + msg));
    }

    private Optional<Object[]> valueOf(List<SnippetEvent> events) {
        for (SnippetEvent ev : events) {
            if (ev.causeSnippet() != null || ev.status() != Snippet.Status.VALID) continue;
            Snippet sn = ev.snippet();
            if (sn instanceof VarSnippet v && sn.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND) {
                return Optional.of(new Object[] {read(v)});
            }
            if (sn instanceof ExpressionSnippet x) {
                return variable(x.name()).map(v -> new Object[] {read(v)});
            }
        }
        return Optional.empty();
    }

    /** The active variable of that name. */
    Optional<VarSnippet> variable(String name) {
        return jshell.variables().filter(v -> v.name().equals(name)).findFirst();
    }

    /** The current value of a variable as an object. */
    Object read(VarSnippet v) {
        if (jshell.status(v) != Snippet.Status.VALID) return null;
        jshell.varValue(v);
        return control.takeValue();
    }

    /** Active variables in definition order (temporaries {@code $N} last). */
    public List<Variable> variables() {
        List<Variable> out = new ArrayList<>();
        jshell.variables().filter(v -> jshell.status(v) == Snippet.Status.VALID && !v.name().startsWith("$hvlab"))
                .forEach(v -> out.add(new Variable(v.name(), v.typeName(), read(v))));
        return out;
    }

    /** A variable's name, declared type and value. */
    public record Variable(String name, String type, Object value) {}

    /** How long JShell's own eval of the last snippet took (for the kernel's timing log and benchmarks). */
    public long lastEvalNanos() {
        return evalNanos;
    }

    /** A new cell starts: earlier stop requests no longer apply, and a stopper still running for them stops nothing. */
    public void beginCell() {
        synchronized (stopLock) {
            cell++;
            stopRequested = false;
        }
    }

    /** Asks the running cell to stop (safe from any thread). */
    public void stop() {
        long target;
        synchronized (stopLock) {
            target = cell;
            stopRequested = true;
            jshell.stop();
        }
        // JShell's stop() does nothing while a snippet is still compiling: keep stopping until the eval returns
        Thread t = stopper.get();
        if (evaluating && (t == null || !t.isAlive())) {
            Thread next = new Thread(() -> {
                long deadline = System.nanoTime() + 30_000_000_000L;
                while (System.nanoTime() < deadline) {
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    }
                    if (!stopAgain(target)) return;
                }
            }, "hvlab-stopper");
            next.setDaemon(true);
            if (stopper.compareAndSet(t, next)) next.start(); // one stopper even when timeout and interrupt race
        }
    }

    /**
     * Stops again while cell {@code target} still evaluates and still wants to stop. Checked and done under the lock
     * {@link #beginCell} takes, so a stop meant for a cell that has ended can never land in the next one (JShell's stop
     * is a {@code Thread.stop} of whatever snippet thread runs; one that hit the next cell's new snippet thread once
     * left a test suite waiting forever on that thread's join).
     */
    private boolean stopAgain(long target) {
        synchronized (stopLock) {
            if (cell != target || !evaluating || !stopRequested) return false;
            jshell.stop();
            return true;
        }
    }

    /** Closes every AutoCloseable hvlab object held by a variable; returns what was closed. */
    public List<String> closeResources() {
        return resources.closeAll(jshell.variables().toList());
    }

    public CodeAnalysis analysis() {
        return code;
    }

    /** The text of earlier cells is not needed: splitting uses JShell's own completeness analysis. */
    List<Segment> split(String cell) {
        List<Segment> out = new ArrayList<>();
        String rest = cell;
        int offset = 0;
        while (!rest.isBlank()) {
            SourceCodeAnalysis.CompletionInfo ci = analysis.analyzeCompletion(rest);
            String remaining = ci.remaining();
            int consumed = rest.length() - remaining.length();
            if (!ci.completeness().isComplete() || consumed <= 0) {
                out.add(segment(cell, offset, rest, rest));
                break;
            }
            String source = ci.source() == null ? rest.substring(0, consumed) : ci.source();
            out.add(segment(cell, offset, rest, source));
            offset += consumed;
            rest = remaining;
        }
        return out;
    }

    /** The snippet's source starts where its first non-blank character sits in the cell, less its own leading blanks. */
    private static Segment segment(String cell, int offset, String rest, String source) {
        int start = offset + leadingBlanks(rest) - leadingBlanks(source);
        return new Segment(source, CellErrors.lineOf(cell, Math.max(offset, start)),
                CellErrors.lineOf(cell, offset + leadingBlanks(rest)));
    }

    private static int leadingBlanks(String s) {
        int n = 0;
        while (n < s.length() && Character.isWhitespace(s.charAt(n))) n++;
        return n;
    }

    /** One snippet's source and the cell line it starts on. */
    record Segment(String source, int firstLine, int codeLine) {}

    @Override
    public void close() {
        resources.closeAll(jshell.variables().toList());
        jshell.close();
    }
}
