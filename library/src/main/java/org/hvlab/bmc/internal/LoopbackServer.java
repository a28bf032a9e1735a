package org.hvlab.bmc.internal;

import io.undertow.Undertow;

import javax.net.ssl.SSLContext;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * An Undertow server on 127.0.0.1 as the BMC and the installer's capsule server run it: Undertow's start-up chatter
 * kept off the notebook ({@link QuietLogs}), one HTTP or HTTPS listener on loopback, a failure to listen turned into
 * the caller's own exception, the bound port read back (port 0 picks a free one), and a stop that runs once.
 *
 * <pre>{@code
 * LoopbackServer s = LoopbackServer.start(LoopbackServer.builder().setHandler(h), 0, Optional.empty(),
 *         e -> new InstallException(SERVER_START, "could not listen", e.getMessage(), "Use port 0", e));
 * s.uri();    // http://127.0.0.1:41234
 * }</pre>
 */
public final class LoopbackServer {
    private static final String LOOPBACK = "127.0.0.1";

    private final Undertow server;
    private final URI uri;
    private final AtomicBoolean stopped = new AtomicBoolean();

    private LoopbackServer(Undertow server, URI uri) {
        this.server = server;
        this.uri = uri;
    }

    /** An Undertow builder, after quieting Undertow's INFO logs (do it before any server exists). */
    public static Undertow.Builder builder() {
        QuietLogs.apply();
        return Undertow.builder();
    }

    /**
     * Adds a listener on 127.0.0.1:{@code port} (HTTPS when {@code tls} is present) to {@code configured} and starts
     * it; if it cannot listen, throws what {@code failure} makes of Undertow's error.
     */
    public static LoopbackServer start(Undertow.Builder configured, int port, Optional<SSLContext> tls,
                                       Function<RuntimeException, ? extends RuntimeException> failure) {
        if (tls.isPresent()) configured.addHttpsListener(port, LOOPBACK, tls.get());
        else configured.addHttpListener(port, LOOPBACK);
        Undertow s = configured.build();
        try {
            s.start();
        } catch (RuntimeException e) {
            throw failure.apply(e);
        }
        int bound = ((InetSocketAddress) s.getListenerInfo().get(0).getAddress()).getPort();
        return new LoopbackServer(s, URI.create((tls.isPresent() ? "https" : "http") + "://" + LOOPBACK + ":" + bound));
    }

    /** The base URI without a trailing slash, e.g. {@code http://127.0.0.1:41234}. */
    public URI uri() { return uri; }

    /** Stops the server; true only for the call that stopped it (later calls do nothing and return false). */
    public boolean stop() {
        if (!stopped.compareAndSet(false, true)) return false;
        server.stop();
        return true;
    }
}
