package org.hvlab.bmc.install;

import io.undertow.Undertow;
import io.undertow.server.HttpHandler;
import io.undertow.server.handlers.resource.PathResourceManager;
import io.undertow.server.handlers.resource.ResourceHandler;
import io.undertow.util.Headers;
import org.hvlab.core.Html;
import org.hvlab.core.Renderable;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The installer's server component (US12182602B2 claim 1, "serves the capsule at a URI"): plain HTTP on 127.0.0.1
 * over one directory, with {@code Range} requests, files streamed from disk (never read whole into memory).
 *
 * <pre>{@code
 * try (CapsuleServer server = CapsuleServer.start(dir)) {
 *     URI uri = server.publish(capsuleFile);     // http://127.0.0.1:PORT/dpu0-os.cap
 * }
 * }</pre>
 */
public final class CapsuleServer implements AutoCloseable, Renderable {
    private final Undertow server;
    private final Path directory;
    private final URI base;
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong rangeRequests = new AtomicLong();
    private final AtomicLong bytesSent = new AtomicLong();

    private CapsuleServer(Path directory, int port) {
        this.directory = directory.toAbsolutePath();
        ResourceHandler files = new ResourceHandler(PathResourceManager.builder().setBase(this.directory)
                .setFollowLinks(true).setSafePaths(new String[] {"/"}).setTransferMinSize(1).build());
        files.setDirectoryListingEnabled(false);
        HttpHandler counting = ex -> {
            requests.incrementAndGet();
            if (ex.getRequestHeaders().contains(Headers.RANGE)) rangeRequests.incrementAndGet();
            ex.addExchangeCompleteListener((e, next) -> {
                bytesSent.addAndGet(e.getResponseBytesSent());
                next.proceed();
            });
            files.handleRequest(ex);
        };
        org.hvlab.bmc.internal.QuietLogs.apply();
        Undertow s = Undertow.builder().setIoThreads(1).setWorkerThreads(4).addHttpListener(port, "127.0.0.1")
                .setHandler(counting).build();
        try {
            s.start();
        } catch (RuntimeException e) {
            throw new InstallException(InstallException.Reason.SERVER_START, "the capsule server could not listen on 127.0.0.1:"
                    + port, String.valueOf(e.getMessage()), "Use port 0 for any free port", e);
        }
        this.server = s;
        int bound = ((InetSocketAddress) s.getListenerInfo().get(0).getAddress()).getPort();
        this.base = URI.create("http://127.0.0.1:" + bound + "/");
    }

    /** Serves {@code directory} on an ephemeral loopback port. */
    public static CapsuleServer start(Path directory) {
        return start(directory, 0);
    }

    public static CapsuleServer start(Path directory, int port) {
        if (!Files.isDirectory(directory)) {
            throw new InstallException(InstallException.Reason.BAD_SETTING, directory + " is not a directory",
                    "the capsule server serves the files of one directory", "Create it first (Files.createDirectories)");
        }
        return new CapsuleServer(directory, port);
    }

    public Path directory() { return directory; }

    public URI base() { return base; }

    /** The URI of {@code file}, linking it into the served directory if it lives elsewhere. */
    public URI publish(Path file) {
        Path abs = file.toAbsolutePath();
        Path name = abs.getFileName();
        if (!abs.getParent().equals(directory)) {
            Path link = directory.resolve(name);
            try {
                Files.deleteIfExists(link);
                Files.createSymbolicLink(link, abs);
            } catch (IOException e) {
                throw new InstallException(InstallException.Reason.PUBLISH, "cannot publish " + file, e.toString(),
                        "Write the file into " + directory + " instead", e);
            }
        }
        return base.resolve(name.toString());
    }

    /** Requests served so far. */
    public long requests() { return requests.get(); }

    /** Requests that carried a {@code Range} header (resumed transfers). */
    public long rangeRequests() { return rangeRequests.get(); }

    /** Response bytes sent so far, headers included. */
    public long bytesSent() { return bytesSent.get(); }

    @Override
    public String toText() {
        return "capsule server " + base + " serving " + directory + " (" + requests() + " requests, " + rangeRequests()
                + " with Range)";
    }

    @Override
    public String toHtml() {
        return "<div>capsule server <code>" + Html.escape(base.toString()) + "</code> serving <code>"
                + Html.escape(directory.toString()) + "</code></div>";
    }

    @Override
    public String toString() { return toText(); }

    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    /** Stops the server; closing twice does nothing. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) return;
        server.stop();
    }
}
