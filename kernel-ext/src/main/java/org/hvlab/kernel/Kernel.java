package org.hvlab.kernel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.hvlab.core.LabException;
import org.hvlab.core.Progress;
import org.hvlab.kernel.execution.CellResult;
import org.hvlab.kernel.execution.CodeAnalysis;
import org.hvlab.kernel.execution.History;
import org.hvlab.kernel.execution.JShellSession;
import org.hvlab.kernel.magics.CellFailure;
import org.hvlab.kernel.magics.MagicContext;
import org.hvlab.kernel.magics.Magics;
import org.hvlab.kernel.render.MimeBundle;
import org.hvlab.kernel.render.Renderer;
import org.hvlab.kernel.runtime.CellOutput;
import org.hvlab.kernel.runtime.Display;
import org.hvlab.kernel.runtime.NotebookProgressSink;

/**
 * The kernel without its transport: executes cells (magics, JShell, rendering, progress, timeout), answers
 * is_complete, completion, inspection and history, and interrupts. JShell is created and warmed on a background
 * thread at construction, so the first cell finds a compiled-once compiler.
 */
public final class Kernel implements AutoCloseable {
    private final KernelConfig config;
    private final Renderer renderer = Renderer.withBuiltins();
    /** Renders the warm-up's values: the built-ins only, never a renderer a user or a library registered. */
    private final Renderer builtinRenderer = Renderer.withBuiltins();
    private final Magics magics = Magics.withBuiltins();
    private final History history = new History(1);
    private final CompletableFuture<JShellSession> session;
    private final List<String> startupMessages = new ArrayList<>();
    /** Where cells compile and run (see {@link #execute}). */
    private final ExecutorService cellThread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "hvlab-cell");
        t.setDaemon(true);
        return t;
    });
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "hvlab-timeout");
        t.setDaemon(true);
        return t;
    });
    private volatile NotebookProgressSink progress;
    private final AtomicBoolean closed = new AtomicBoolean();
    private int executionCount;

    /** The result of one execute request: its count, how it went, and the rendered value if any. */
    public record Outcome(int executionCount, CellResult result, Optional<MimeBundle> value) {}

    public Kernel(KernelConfig config) {
        this.config = config;
        this.session = CompletableFuture.supplyAsync(this::start, r -> {
            Thread t = new Thread(r, "hvlab-jshell-init");
            t.setDaemon(true);
            t.start();
        });
    }

    private JShellSession start() {
        List<String> cp = new ArrayList<>();
        for (String entry : config.extraClassPath()) {
            // IJAVA_CLASSPATH entries may be globs (lib/*.jar), as in IJava; JShell itself expands none
            try {
                List<Path> matched = globFiles(entry);
                if (entry.contains("*") && matched.isEmpty()) {
                    startupMessages.add("IJAVA_CLASSPATH: nothing matches " + entry + " (relative to "
                            + config.workingDirectory() + "); fix the variable or add jars later with %jars");
                }
                matched.forEach(m -> cp.add(m.toString()));
            } catch (java.io.IOException e) {
                startupMessages.add("IJAVA_CLASSPATH: cannot list " + entry + ": " + e.getMessage());
            }
        }
        JShellSession s = new JShellSession(JShellSession.jvmClassPath(), config.compilerOptions(),
                msg -> Display.output().stream("stderr", msg));
        s.importDefaults();
        s.warmUp();
        // added once JShell has compiled something, as %jars adds: entries given before that were not seen
        renderer.installExtensions(Kernel.class.getClassLoader());
        if (!cp.isEmpty()) {
            s.addToClassPath(cp);
            // those jars are seen by the cells' loader only, as with %jars: their renderer extensions are found there
            renderer.installExtensions(s.snippetLoader());
        }
        for (String pattern : config.startupScriptPaths()) {
            try {
                for (Path p : globFiles(pattern)) startup(s, Files.readString(p), p.toString());
            } catch (Exception e) {
                startupMessages.add("startup script " + pattern + ": " + e.getMessage());
            }
        }
        if (!config.startupScript().isBlank()) startup(s, config.startupScript(), "IJAVA_STARTUP_SCRIPT");
        Timing.mark("jshell ready");
        return s;
    }

    private void startup(JShellSession s, String code, String origin) {
        if (s.eval(code) instanceof CellResult.Failed f) {
            startupMessages.add(origin + " failed: " + f.ename() + ": " + f.evalue());
        }
    }

    private List<Path> globFiles(String pattern) throws java.io.IOException {
        Path p = config.workingDirectory().resolve(pattern);
        if (!pattern.contains("*")) return List.of(p);
        var matcher = p.getFileSystem().getPathMatcher("glob:" + p);
        if (!Files.isDirectory(p.getParent())) return List.of();
        try (var files = Files.list(p.getParent())) {
            return files.filter(matcher::matches).sorted().toList();
        }
    }

    /** The session, waiting for start-up to finish. */
    public JShellSession session() {
        return session.join();
    }

    public Renderer renderer() {
        return renderer;
    }

    public History history() {
        return history;
    }

    /**
     * Runs a cell on the kernel's cell thread and waits for it. {@code store} false (silent or not stored) leaves the
     * count and the history alone.
     *
     * <p>Why a thread of its own: JShell compiles on the calling thread, often for 10 ms or more, and the thread that
     * then sends the result has used up its share of the CPU; when its first send wakes ZeroMQ's I/O thread, the
     * scheduler hands that thread the CPU and the sender waits behind it and whatever else is runnable. A shell thread
     * that only waited sends at once. Measured with {@code bench kernel} in five alternating pairs on a busy 2-vCPU
     * host: the round trip's overhead over JShell went from 8.4 to 6.6 ms on average, lower in every pair.
     */
    public Outcome execute(String code, boolean store, CellOutput out) {
        return onCellThread(code, store, out, true);
    }

    /**
     * Runs a cell of the kernel's own warm-up the way {@link #execute} runs a user's, on the cell thread, but as
     * nobody's cell: it is not counted or stored, {@code display} and {@code System.out} stay bound to the last real
     * cell (threads started by earlier cells may still print), an interrupt or {@code IJAVA_TIMEOUT} cannot land on it,
     * start-up messages wait for the next real cell, and its value is rendered by the built-in renderers only (a
     * renderer a user registered is user code, which the warm-up must not run).
     */
    public Outcome executeWarmUp(String code) {
        return onCellThread(code, false, CellOutput.NONE, false);
    }

    private Outcome onCellThread(String code, boolean store, CellOutput out, boolean real) {
        try {
            return cellThread.submit(() -> real ? executeHere(code, store, out) : warmUpHere(code)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the cell", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error err) throw err;
            throw new IllegalStateException(e.getCause());
        }
    }

    private Outcome warmUpHere(String code) {
        CellResult result = run(code, session(), CellOutput.NONE);
        Optional<MimeBundle> value = result instanceof CellResult.Ok ok && ok.hasValue()
                ? Optional.of(builtinRenderer.render(ok.value())) : Optional.empty();
        return new Outcome(executionCount, result, value);
    }

    private Outcome executeHere(String code, boolean store, CellOutput out) {
        JShellSession s = session();
        Display.bind(renderer, out);
        if (!startupMessages.isEmpty()) {
            out.stream("stderr", String.join("\n", startupMessages) + "\n");
            startupMessages.clear();
        }
        if (store) {
            executionCount++;
            history.add(executionCount, code);
        }
        int count = executionCount;
        NotebookProgressSink sink = new NotebookProgressSink(out);
        s.beginCell();
        progress = sink;
        // a timeout interrupts as the user would: the running snippet stops and library operations are cancelled
        AtomicBoolean timedOut = new AtomicBoolean();
        ScheduledFuture<?> timeout = config.timeoutMillis() > 0 ? timer.schedule(() -> {
            if (progress != sink) return; // this cell has ended: the next one is not this timer's
            timedOut.set(true);
            interrupt();
        }, config.timeoutMillis(), TimeUnit.MILLISECONDS) : null;
        CellResult result;
        try (Progress.Installed installed = Progress.install(sink)) {
            result = run(code, s, out);
        } finally {
            progress = null;
            if (timeout != null) timeout.cancel(false);
        }
        if (timedOut.get() && result instanceof CellResult.Failed f
                && f.ename().equals("Interrupted")) {
            String msg = "the cell ran longer than IJAVA_TIMEOUT=" + config.timeoutMillis() + " ms and was stopped";
            result = new CellResult.Failed("Timeout", msg, List.of("Timeout: " + msg));
        }
        if (result instanceof CellResult.Failed f && f.thrown().isPresent() && renderer.knows(f.thrown().get())) {
            out.display(renderer.render(f.thrown().get()), java.util.UUID.randomUUID().toString(), false);
        }
        Optional<MimeBundle> value = Optional.empty();
        if (result instanceof CellResult.Ok ok && ok.hasValue()) {
            MimeBundle b = renderer.render(ok.value());
            value = Optional.of(b);
            if (store && b.get("text/plain") instanceof String text) history.output(count, text);
        }
        return new Outcome(count, result, value);
    }

    private CellResult run(String code, JShellSession s, CellOutput out) {
        MagicContext ctx = context(s, out);
        Optional<String[]> cellMagic = Magics.cellMagic(code);
        if (cellMagic.isPresent()) {
            String[] m = cellMagic.get();
            try {
                return magics.cell(m[0]).run(m[1], m[2], ctx);
            } catch (Exception e) {
                return failure(e);
            }
        }
        CellResult last = CellResult.Ok.NO_VALUE;
        for (Magics.Part part : Magics.parts(code)) {
            if (part.magic()) {
                try {
                    Object v = magics.line(part.name()).run(part.text(), ctx);
                    last = v == null ? CellResult.Ok.NO_VALUE : new CellResult.Ok(true, v);
                } catch (Exception e) {
                    return failure(e);
                }
            } else {
                last = s.eval(part.text());
                if (last instanceof CellResult.Failed) return last;
            }
        }
        return last;
    }

    private static CellResult.Failed failure(Exception e) {
        if (e instanceof CellFailure f) return f.failed();
        String name = e.getClass().getSimpleName();
        String msg = e.getMessage() == null ? e.toString() : e.getMessage();
        if (e instanceof LabException lab) name = name + " [" + lab.code() + "]";
        return new CellResult.Failed(e.getClass().getSimpleName(), msg, List.of("\u001b[0;31m" + name + ":\u001b[0m "
                + msg));
    }

    private MagicContext context(JShellSession s, CellOutput out) {
        return new MagicContext() {
            @Override public JShellSession session() { return s; }
            @Override public CellOutput output() { return out; }
            @Override public CellResult run(String code) { return Kernel.this.run(code, s, out); }
            @Override public Path workingDirectory() { return config.workingDirectory(); }
            @Override public List<String> addToClassPath(List<Path> entries) {
                List<String> added = s.addToClassPath(entries.stream().map(p -> p.toAbsolutePath().toString())
                        .toList());
                renderer.installExtensions(s.snippetLoader());
                return added;
            }
        };
    }

    public CodeAnalysis.Completeness isComplete(String code) {
        return session().analysis().isComplete(code);
    }

    public CodeAnalysis.Completion complete(String code, int cursor) {
        return session().analysis().complete(code, cursor);
    }

    public Optional<String> inspect(String code, int cursor) {
        return session().analysis().inspect(code, cursor);
    }

    /** Whether a cell is running (interrupt then applies to it). */
    public boolean executing() {
        return progress != null;
    }

    /** Stops the running cell and cancels its progress tasks; harmless when nothing runs. */
    public void interrupt() {
        NotebookProgressSink p = progress;
        if (p == null) return; // no cell is running: an interrupt between cells must not stop the next one
        p.cancel();
        if (session.isDone()) session.join().stop();
    }

    /** The count of the last stored cell (0 before the first). */
    public int executionCount() {
        return executionCount;
    }

    /** Runs {@code task} on the start-up thread once JShell is ready (for more background warm-up). */
    public void afterStart(Runnable task) {
        session.thenRun(task);
    }

    /** Whether start-up (JShell creation and warm-up) has finished. */
    public boolean ready() {
        return session.isDone();
    }

    /** Closes once: a shutdown's fallback thread and the shell loop may both get here. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) return;
        timer.shutdownNow();
        cellThread.shutdown();
        if (session.isDone()) session.join().close();
    }
}
