package org.hvlab.kernel.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * The kernel's five sockets. Shell, control and stdin are ROUTER sockets, iopub is PUB, heartbeat is REP (echoed on
 * its own thread). Receives block (with a 100 ms timeout only so that shutdown is noticed, never on the path of a
 * request); sends on iopub are serialized
 * because output can come from any thread.
 */
public final class KernelSockets implements AutoCloseable {
    private static final byte[] DELIMITER = "<IDS|MSG>".getBytes(StandardCharsets.US_ASCII);
    private static final int RECEIVE_TIMEOUT_MS = 100;

    private final ZContext context = new ZContext(1);
    private final MessageSigner signer;
    private final String session = UUID.randomUUID().toString();
    private final ZMQ.Socket shell;
    private final ZMQ.Socket control;
    private final ZMQ.Socket stdin;
    private final ZMQ.Socket iopub;
    private final Thread heartbeat;
    private final Object iopubLock = new Object();
    /** Set on a thread that encodes and signs messages as usual but must not send them (the kernel's warm-up). */
    private final ThreadLocal<Boolean> dry = ThreadLocal.withInitial(() -> false);
    private volatile boolean open = true;

    public KernelSockets(ConnectionInfo info) {
        this.signer = new MessageSigner(info.key(), info.signatureScheme());
        this.shell = bind(SocketType.ROUTER, info.endpoint(info.shellPort()));
        this.control = bind(SocketType.ROUTER, info.endpoint(info.controlPort()));
        this.stdin = bind(SocketType.ROUTER, info.endpoint(info.stdinPort()));
        this.iopub = bind(SocketType.PUB, info.endpoint(info.iopubPort()));
        ZMQ.Socket hb = bind(SocketType.REP, info.endpoint(info.hbPort()));
        this.heartbeat = new Thread(() -> echo(hb), "hvlab-heartbeat");
        heartbeat.setDaemon(true);
        heartbeat.start();
    }

    private ZMQ.Socket bind(SocketType type, String endpoint) {
        ZMQ.Socket s = context.createSocket(type);
        s.setLinger(1000);
        if (type != SocketType.PUB) s.setReceiveTimeOut(RECEIVE_TIMEOUT_MS);
        s.bind(endpoint);
        return s;
    }

    private void echo(ZMQ.Socket hb) {
        while (open) {
            byte[] ping = hb.recv(0);
            if (ping != null) hb.send(ping, 0);
        }
    }

    /** The kernel's session id, used in the headers of iopub messages. */
    public String session() {
        return session;
    }

    public ZMQ.Socket shell() { return shell; }

    public ZMQ.Socket control() { return control; }

    public ZMQ.Socket stdin() { return stdin; }

    /** Blocks until a message arrives or the receive timeout passes; drops messages with a bad signature. */
    public Optional<Message> receive(ZMQ.Socket socket) {
        return receive(socket, true);
    }

    /** A message already waiting, without blocking (empty if none). */
    public Optional<Message> receiveWaiting(ZMQ.Socket socket) {
        return receive(socket, false);
    }

    private Optional<Message> receive(ZMQ.Socket socket, boolean block) {
        byte[] first = socket.recv(block ? 0 : ZMQ.DONTWAIT);
        if (first == null) return Optional.empty();
        List<byte[]> frames = new ArrayList<>();
        frames.add(first);
        while (socket.hasReceiveMore()) frames.add(socket.recv(0));
        int d = 0;
        while (d < frames.size() && !java.util.Arrays.equals(frames.get(d), DELIMITER)) d++;
        if (d + 6 > frames.size()) return Optional.empty();
        String signature = new String(frames.get(d + 1), StandardCharsets.US_ASCII);
        List<byte[]> signed = frames.subList(d + 2, d + 6);
        if (!signer.verify(signature, signed)) {
            System.err.println("hvlab kernel: dropped a message with a bad signature");
            return Optional.empty();
        }
        try {
            ObjectNode header = (ObjectNode) Json.MAPPER.readTree(signed.get(0));
            JsonNode parent = Json.MAPPER.readTree(signed.get(1));
            JsonNode metadata = Json.MAPPER.readTree(signed.get(2));
            JsonNode content = Json.MAPPER.readTree(signed.get(3));
            return Optional.of(new Message(List.copyOf(frames.subList(0, d)), header, parent,
                    metadata.isObject() ? (ObjectNode) metadata : Json.object(),
                    content.isObject() ? (ObjectNode) content : Json.object(),
                    List.copyOf(frames.subList(d + 6, frames.size()))));
        } catch (IOException | ClassCastException e) {
            System.err.println("hvlab kernel: dropped a malformed message: " + e.getMessage());
            return Optional.empty();
        }
    }

    /** Sends on a ROUTER socket (reply) from the thread that owns it. */
    public void send(ZMQ.Socket socket, Message m) {
        List<byte[]> frames = new ArrayList<>(m.identities());
        frames.add(DELIMITER);
        List<byte[]> signed = List.of(bytes(m.header()), bytes(m.parentHeader()), bytes(m.metadata()),
                bytes(m.content()));
        frames.add(signer.sign(signed).getBytes(StandardCharsets.US_ASCII));
        frames.addAll(signed);
        frames.addAll(m.buffers());
        if (dry.get()) return;
        for (int i = 0; i < frames.size(); i++) {
            socket.send(frames.get(i), i < frames.size() - 1 ? ZMQ.SNDMORE : 0);
        }
    }

    /** Runs {@code work} on this thread with every send and publish encoded and signed but not sent. */
    public void withoutSending(Runnable work) {
        dry.set(true);
        try {
            work.run();
        } finally {
            dry.set(false);
        }
    }

    /** Publishes on iopub; safe from any thread. */
    public void publish(String type, JsonNode parentHeader, ObjectNode content) {
        Message m = Message.broadcast(type, parentHeader == null ? Json.object() : parentHeader, session, content);
        synchronized (iopubLock) {
            if (open) send(iopub, m);
        }
    }

    /**
     * Runs the message path (header, JSON encoding, signing, parsing, verifying) {@code rounds} times without sending,
     * so the JIT compiles it before the user's cells need it. Run in the background after start-up.
     */
    public void warmUp(int rounds) {
        for (int i = 0; i < rounds; i++) {
            ObjectNode c = Json.object();
            c.put("code", "1 + " + i);
            c.put("execution_count", i);
            c.putObject("data").put("text/plain", Integer.toString(1 + i));
            Message m = Message.broadcast("execute_result", Json.object(), session, c);
            List<byte[]> signed = List.of(bytes(m.header()), bytes(m.parentHeader()), bytes(m.metadata()),
                    bytes(m.content()));
            String sig = signer.sign(signed);
            try {
                for (byte[] f : signed) Json.MAPPER.readTree(f);
            } catch (IOException e) {
                throw new IllegalStateException("the kernel cannot parse its own JSON", e);
            }
            if (!signer.verify(sig, signed)) throw new IllegalStateException("signature round trip failed");
        }
    }

    private static byte[] bytes(JsonNode n) {
        return Json.write(n).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        synchronized (iopubLock) {
            open = false;
        }
        try {
            heartbeat.join(2L * RECEIVE_TIMEOUT_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (ZMQ.Socket s : List.of(shell, control, stdin, iopub)) s.setLinger(200);
        context.close();
    }
}
