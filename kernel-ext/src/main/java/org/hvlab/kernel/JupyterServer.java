package org.hvlab.kernel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import org.hvlab.kernel.execution.CellResult;
import org.hvlab.kernel.execution.CodeAnalysis;
import org.hvlab.kernel.execution.History;
import org.hvlab.kernel.runtime.CellInput;
import org.hvlab.kernel.runtime.CellOutput;
import org.hvlab.kernel.runtime.CellStreams;
import org.hvlab.kernel.wire.Json;
import org.hvlab.kernel.wire.KernelSockets;
import org.hvlab.kernel.wire.Message;
import org.zeromq.ZMQ;

/**
 * Serves a {@link Kernel} over the Jupyter sockets: shell requests on the calling thread, control requests
 * (interrupt, shutdown) on their own thread so they are answered while a cell runs, busy/idle status and every
 * output on iopub.
 */
public final class JupyterServer {
    private final KernelSockets sockets;
    private final Kernel kernel;
    private final CellStreams streams;
    private final KernelInfo info;
    private final CellInput input;
    private volatile boolean running = true;
    private final ShellWarmUp warmUp = new ShellWarmUp();

    public JupyterServer(KernelSockets sockets, Kernel kernel, CellStreams streams, KernelInfo info, CellInput input) {
        this.sockets = sockets;
        this.kernel = kernel;
        this.streams = streams;
        this.info = info;
        this.input = input;
    }

    /** Serves until a shutdown request; the control socket is served on a thread of its own. */
    public void serve() {
        Thread control = new Thread(() -> loop(sockets.control(), true), "hvlab-control");
        control.setDaemon(true);
        control.start();
        loop(sockets.shell(), false);
        try {
            control.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void loop(ZMQ.Socket socket, boolean isControl) {
        while (running) {
            Optional<Message> m;
            try {
                if (!isControl && warmUp.pending()) {
                    m = sockets.receiveWaiting(socket);
                    if (m.isEmpty()) {
                        warmUp.runOne(sockets, fake -> handle(null, fake, false), streams.log());
                        continue;
                    }
                } else {
                    m = sockets.receive(socket);
                }
            } catch (org.zeromq.ZMQException e) {
                if (!running) return;
                throw e;
            }
            if (m.isEmpty()) continue;
            try {
                handle(socket, m.get(), isControl);
            } catch (RuntimeException e) {
                streams.log().println("hvlab kernel: " + m.get().type() + " failed: " + e);
                e.printStackTrace(streams.log());
            }
        }
    }

    private void handle(ZMQ.Socket socket, Message m, boolean isControl) {
        String type = m.type();
        if (isControl) {
            // as ipykernel does, control requests are framed by busy and idle too (their parent is the request)
            status(m, "busy");
            try {
                switch (type) {
                    case "interrupt_request" -> {
                        kernel.interrupt();
                        reply(socket, m, "interrupt_reply", ok());
                    }
                    case "shutdown_request" -> shutdown(socket, m);
                    case "kernel_info_request" -> reply(socket, m, "kernel_info_reply", info.content());
                    default -> streams.log().println("hvlab kernel: control request " + type + " is not supported");
                }
            } finally {
                status(m, "idle");
            }
            return;
        }
        status(m, "busy");
        try {
            switch (type) {
                case "kernel_info_request" -> {
                    reply(socket, m, "kernel_info_reply", info.content());
                    Timing.mark("kernel_info replied");
                }
                case "execute_request" -> execute(socket, m);
                case "is_complete_request" -> isComplete(socket, m);
                case "complete_request" -> complete(socket, m);
                case "inspect_request" -> inspect(socket, m);
                case "history_request" -> history(socket, m);
                case "comm_info_request" -> {
                    ObjectNode c = ok();
                    c.set("comms", Json.object());
                    reply(socket, m, "comm_info_reply", c);
                }
                case "comm_open" -> {
                    ObjectNode c = Json.object();
                    c.put("comm_id", m.content().path("comm_id").asText());
                    c.set("data", Json.object());
                    sockets.publish("comm_close", m.header(), c);
                }
                case "comm_msg", "comm_close" -> { }
                case "shutdown_request" -> shutdown(socket, m);
                case "interrupt_request" -> {
                    kernel.interrupt();
                    reply(socket, m, "interrupt_reply", ok());
                }
                default -> streams.log().println("hvlab kernel: shell request " + type + " is not supported");
            }
        } finally {
            status(m, "idle");
        }
    }

    private void execute(ZMQ.Socket socket, Message m) {
        long t0 = System.nanoTime();
        JsonNode c = m.content();
        String code = c.path("code").asText("");
        if (isHelpRequest(code)) {
            page(socket, m, code.strip().substring(0, code.strip().length() - 1));
            return;
        }
        boolean silent = c.path("silent").asBoolean(false);
        boolean store = c.path("store_history").asBoolean(true) && !silent;
        CellOutput out = new IopubOutput(sockets, streams, m.header(), silent);
        if (!silent) {
            ObjectNode in = Json.object();
            in.put("code", code);
            in.put("execution_count", kernel.executionCount() + (store ? 1 : 0));
            sockets.publish("execute_input", m.header(), in);
        }
        long e0 = System.nanoTime();
        input.source(c.path("allow_stdin").asBoolean(false) ? prompt -> askLine(m, prompt) : null);
        Kernel.Outcome o;
        try {
            if (warmUp.running()) {
                o = kernel.executeWarmUp(code);
            } else {
                o = kernel.execute(code, store, out);
                warmUp.afterRealCell();
            }
        } finally {
            input.source(null);
        }
        long e1 = System.nanoTime();
        if (!warmUp.running()) streams.flush(); // what earlier cells' threads print is theirs, not the warm-up's
        ObjectNode r = Json.object();
        if (o.result() instanceof CellResult.Failed f) {
            ObjectNode err = Json.object();
            err.put("ename", f.ename());
            err.put("evalue", f.evalue());
            ArrayNode tb = err.putArray("traceback");
            f.traceback().forEach(tb::add);
            if (!silent) sockets.publish("error", m.header(), err.deepCopy());
            r.put("status", "error");
            r.put("execution_count", o.executionCount());
            r.setAll(err);
            reply(socket, m, "execute_reply", r);
            if (c.path("stop_on_error").asBoolean(true)) abortWaiting(socket);
            return;
        } else {
            if (!silent && o.value().isPresent()) {
                ObjectNode res = IopubOutput.bundle(o.value().get());
                res.put("execution_count", o.executionCount());
                sockets.publish("execute_result", m.header(), res);
            }
            r.put("status", "ok");
            r.put("execution_count", o.executionCount());
            r.putArray("payload");
            r.set("user_expressions", Json.object());
        }
        reply(socket, m, "execute_reply", r);
        if (Timing.on() && !warmUp.running()) {
            long total = System.nanoTime() - t0;
            Timing.took("jshell.eval", kernel.session().lastEvalNanos());
            Timing.took("kernel.execute", e1 - e0);
            Timing.took("execute_request to reply", total);
        }
    }

    /**
     * After a failed cell with {@code stop_on_error}, execute requests already queued (a notebook's "run all") are
     * answered "aborted" instead of run, as IPython does; other requests are served normally.
     */
    private void abortWaiting(ZMQ.Socket socket) {
        for (Optional<Message> next = sockets.receiveWaiting(socket); next.isPresent();
             next = sockets.receiveWaiting(socket)) {
            Message q = next.get();
            if (!q.type().equals("execute_request")) {
                handle(socket, q, false);
                continue;
            }
            status(q, "busy");
            ObjectNode r = Json.object();
            r.put("status", "aborted");
            r.put("execution_count", kernel.executionCount());
            reply(socket, q, "execute_reply", r);
            status(q, "idle");
        }
    }

    /** Sends an input_request for the cell of {@code request} and waits for the input_reply (on the reading thread). */
    private Optional<String> askLine(Message request, String prompt) {
        streams.flush();
        ObjectNode c = Json.object();
        c.put("prompt", prompt);
        c.put("password", false);
        synchronized (sockets.stdin()) {
            sockets.send(sockets.stdin(), request.reply("input_request", c, sockets.session()));
            while (running) {
                if (Thread.currentThread().isInterrupted()) return Optional.empty();
                Optional<Message> r = sockets.receive(sockets.stdin());
                if (r.isPresent() && r.get().type().equals("input_reply")) {
                    return Optional.of(r.get().content().path("value").asText(""));
                }
            }
        }
        return Optional.empty();
    }

    /** {@code name?} on a line of its own asks for documentation in the pager, as in IPython. */
    static boolean isHelpRequest(String code) {
        String s = code.strip();
        return s.length() > 1 && s.endsWith("?") && !s.contains("\n") && !s.contains(";")
                && Character.isJavaIdentifierPart(s.charAt(s.length() - 2));
    }

    private void page(ZMQ.Socket socket, Message m, String name) {
        Optional<String> doc = kernel.inspect(name, name.length());
        ObjectNode r = ok();
        r.put("execution_count", kernel.executionCount());
        ArrayNode payload = r.putArray("payload");
        ObjectNode page = payload.addObject();
        page.put("source", "page");
        page.putObject("data").put("text/plain", doc.orElse("no documentation found for " + name));
        page.put("start", 0);
        r.set("user_expressions", Json.object());
        reply(socket, m, "execute_reply", r);
    }

    private void isComplete(ZMQ.Socket socket, Message m) {
        CodeAnalysis.Completeness c = kernel.isComplete(m.content().path("code").asText(""));
        ObjectNode r = Json.object();
        r.put("status", c.status());
        if (c.status().equals("incomplete")) r.put("indent", c.indent());
        reply(socket, m, "is_complete_reply", r);
    }

    private void complete(ZMQ.Socket socket, Message m) {
        String code = m.content().path("code").asText("");
        int cursor = cursor(code, m.content().path("cursor_pos").asInt(code.length()));
        CodeAnalysis.Completion c = kernel.complete(code, cursor);
        ObjectNode r = ok();
        ArrayNode matches = r.putArray("matches");
        c.matches().forEach(matches::add);
        r.put("cursor_start", code.codePointCount(0, Math.min(c.start(), code.length())));
        r.put("cursor_end", code.codePointCount(0, Math.min(c.end(), code.length())));
        r.set("metadata", Json.object());
        reply(socket, m, "complete_reply", r);
    }

    private void inspect(ZMQ.Socket socket, Message m) {
        String code = m.content().path("code").asText("");
        int cursor = cursor(code, m.content().path("cursor_pos").asInt(code.length()));
        Optional<String> doc = kernel.inspect(code, cursor);
        ObjectNode r = ok();
        r.put("found", doc.isPresent());
        ObjectNode data = r.putObject("data");
        doc.ifPresent(d -> data.put("text/plain", d));
        r.set("metadata", Json.object());
        reply(socket, m, "inspect_reply", r);
    }

    /** Jupyter counts the cursor in unicode code points; Java strings index UTF-16 units. */
    static int cursor(String code, int codePoints) {
        int cp = Math.max(0, Math.min(codePoints, code.codePointCount(0, code.length())));
        return code.offsetByCodePoints(0, cp);
    }

    private void history(ZMQ.Socket socket, Message m) {
        JsonNode c = m.content();
        History h = kernel.history();
        List<History.Entry> entries = switch (c.path("hist_access_type").asText("tail")) {
            case "range" -> h.range(c.path("session").asInt(0), c.path("start").asInt(0), c.path("stop").asInt(0));
            case "search" -> h.search(c.path("pattern").asText("*"), c.path("unique").asBoolean(false),
                    c.path("n").asInt(0));
            default -> h.tail(c.path("n").asInt(10));
        };
        boolean output = c.path("output").asBoolean(false);
        ObjectNode r = ok();
        ArrayNode list = r.putArray("history");
        for (History.Entry e : entries) {
            ArrayNode row = list.addArray();
            row.add(e.session());
            row.add(e.line());
            if (output) {
                ArrayNode io = row.addArray();
                io.add(e.input());
                if (e.output() == null) io.addNull(); else io.add(e.output());
            } else {
                row.add(e.input());
            }
        }
        reply(socket, m, "history_reply", r);
    }

    private void shutdown(ZMQ.Socket socket, Message m) {
        ObjectNode r = ok();
        r.put("restart", m.content().path("restart").asBoolean(false));
        reply(socket, m, "shutdown_reply", r);
        running = false;
        // a cell still running would keep the shell loop (and so the clean close of hvlab resources) from ending
        ShutdownFallback.stopRunningCell(kernel, streams.log());
    }

    /**
     * Ends serving without a request (the launcher is gone): the loops stop within their receive timeout, a running
     * cell is stopped first, and {@link #serve()} returns so the kernel closes what the cells hold.
     */
    public void stop(String why) {
        streams.log().println("hvlab kernel: shutting down: " + why);
        running = false;
        ShutdownFallback.stopRunningCell(kernel, streams.log());
    }

    /** Whether a shutdown was requested. */
    public boolean running() {
        return running;
    }

    private void reply(ZMQ.Socket socket, Message request, String type, ObjectNode content) {
        sockets.send(socket, request.reply(type, content, sockets.session()));
    }

    private void status(Message parent, String state) {
        ObjectNode c = Json.object();
        c.put("execution_state", state);
        sockets.publish("status", parent.header(), c);
    }

    private static ObjectNode ok() {
        ObjectNode c = Json.object();
        c.put("status", "ok");
        return c;
    }
}
