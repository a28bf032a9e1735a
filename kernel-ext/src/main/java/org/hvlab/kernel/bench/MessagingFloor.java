package org.hvlab.kernel.bench;

import java.nio.charset.StandardCharsets;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * The floor under the kernel's round trip on this machine: a bare jeromq server with the kernel's socket pattern and
 * message sequence (ROUTER request in; {@code busy}, {@code execute_input} on PUB; work; {@code execute_result} on
 * PUB, the reply on ROUTER, {@code idle} on PUB) but no JSON, no signing and no JShell, whose "work" is a busy wait as
 * long as the request asks. A client's round trip less that wait is what the thread wake-ups and ZeroMQ cost here
 * when the server's CPU was busy for as long as a cell's eval.
 *
 * <p>Prints {@code ready <router port> <pub port>}. A request is {@code <sequence> <microseconds>}; every message
 * published for it and its reply start with the sequence number, so a client matches them as a Jupyter client
 * matches parent headers. Serves until a request reads {@code stop}, which it answers before exiting.
 */
public final class MessagingFloor {
    private MessagingFloor() {}

    public static void main(String[] args) {
        try (ZContext ctx = new ZContext(1)) {
            ZMQ.Socket router = ctx.createSocket(SocketType.ROUTER);
            ZMQ.Socket pub = ctx.createSocket(SocketType.PUB);
            int routerPort = router.bindToRandomPort("tcp://127.0.0.1");
            int pubPort = pub.bindToRandomPort("tcp://127.0.0.1");
            System.out.println("ready " + routerPort + " " + pubPort);
            System.out.flush();
            while (true) {
                byte[] identity = router.recv(0);
                String body = router.recvStr(0);
                if (body == null || body.equals("stop")) {
                    router.send(identity, ZMQ.SNDMORE);
                    router.send("stopped".getBytes(StandardCharsets.US_ASCII), 0);
                    return;
                }
                String[] request = body.strip().split(" ");
                String seq = request[0];
                pub.send(seq + " busy");
                pub.send(seq + " execute_input");
                long nanos = Long.parseLong(request[1]) * 1000L;
                long t0 = System.nanoTime();
                while (System.nanoTime() - t0 < nanos) Thread.onSpinWait();
                pub.send(seq + " execute_result");
                router.send(identity, ZMQ.SNDMORE);
                router.send((seq + " reply").getBytes(StandardCharsets.US_ASCII), 0);
                pub.send(seq + " idle");
            }
        }
    }
}
