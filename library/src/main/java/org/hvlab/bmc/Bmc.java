package org.hvlab.bmc;

import io.undertow.UndertowOptions;
import org.hvlab.bmc.internal.CapsuleImageInstaller;
import org.hvlab.bmc.internal.DpuAdapter;
import org.hvlab.bmc.internal.DpuPort;
import org.hvlab.bmc.internal.ImageFetcher;
import org.hvlab.bmc.internal.ImageInstaller;
import org.hvlab.bmc.internal.LoopbackServer;
import org.hvlab.bmc.internal.RedfishHandler;
import org.hvlab.bmc.internal.RedfishService;
import org.hvlab.bmc.internal.SelfSignedTls;
import org.hvlab.bmc.redfish.Credentials;
import org.hvlab.bmc.redfish.RedfishClient;
import org.hvlab.bmc.redfish.RedfishHttp;
import org.hvlab.core.Html;
import org.hvlab.core.Renderable;
import org.hvlab.dpu.Dpu;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * An emulated baseboard management controller with a real Redfish service on 127.0.0.1 (Undertow, JSON with
 * Jackson): the host as a {@code Physical} ComputerSystem, each DPU as a {@code DPU} one, accounts, sessions,
 * UpdateService (SimpleUpdate and multipart push) and tasks. Closing it stops the server and its update workers.
 *
 * <pre>{@code
 * try (Bmc bmc = Bmc.builder().host(HostDescription.of("ampere-altra", "edge-01")).dpus(dpus).start()) {
 *     bmc.http().get("/redfish/v1/Systems/DPU0").json();      // the wire-level view
 *     bmc.client().dpus();                                     // the typed view
 * }
 * }</pre>
 */
public final class Bmc implements AutoCloseable, Renderable {
    private final LoopbackServer server;
    private final ExecutorService workers;
    private final ImageFetcher fetcher;
    private final Path staging;
    private final URI uri;
    private final Credentials admin;
    private final Optional<SelfSignedTls> tls;
    private final RedfishService service;
    private final HostDescription host;
    private volatile RedfishClient client;

    private Bmc(Builder b) {
        this.host = b.host;
        this.admin = b.admin;
        try {
            this.staging = Files.createTempDirectory("hvlab-bmc-");
        } catch (IOException e) {
            throw new BmcException(BmcException.Reason.START_FAILED, "could not create the BMC's staging directory",
                    e.toString(), "Check java.io.tmpdir", e);
        }
        this.workers = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "bmc-update");
            t.setDaemon(true);
            return t;
        });
        this.fetcher = new ImageFetcher(b.maxResumes, b.fetchTimeout, b.stallTimeout.orElse(b.fetchTimeout));
        this.service = new RedfishService(b.host, b.ports, b.clock, b.sessionTimeout, workers, fetcher, b.installer,
                b.hostReset);
        service.accounts().add(b.admin.user(), b.admin.password(), Role.ADMINISTRATOR);
        for (Builder.Extra e : b.extra) service.accounts().add(e.user, e.password, e.role);
        this.tls = b.https ? Optional.of(SelfSignedTls.generate(staging)) : Optional.empty();
        this.server = LoopbackServer.start(LoopbackServer.builder().setIoThreads(2).setWorkerThreads(8)
                .setServerOption(UndertowOptions.ENABLE_HTTP2, false)
                // Undertow caps every body at 2 MiB by default and answers a bare 400 before any handler runs; a push
                // may carry up to MaxImageSizeBytes, and RedfishHandler sets each exchange's own limit (413 beyond it)
                .setServerOption(UndertowOptions.MAX_ENTITY_SIZE, -1L)
                .setServerOption(UndertowOptions.MULTIPART_MAX_ENTITY_SIZE, service.pushLimitBytes())
                .setHandler(new RedfishHandler(service, staging)), b.port, tls.map(SelfSignedTls::server), e -> {
                    workers.shutdownNow();
                    fetcher.close();
                    return new BmcException(BmcException.Reason.START_FAILED, "the BMC could not listen on 127.0.0.1:"
                            + b.port, String.valueOf(e.getMessage()),
                            "Pick another port(..) or leave it out for an ephemeral one", e);
                });
        this.uri = server.uri();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The service's base URI, e.g. {@code http://127.0.0.1:41234} (Redfish lives under {@code /redfish/v1}). */
    public URI uri() { return uri; }

    /** The Administrator account made at start. */
    public Credentials credentials() { return admin; }

    public HostDescription host() { return host; }

    public boolean https() { return tls.isPresent(); }

    /** For HTTPS, an SSL context that trusts this BMC's self-signed certificate. */
    public Optional<SSLContext> clientTls() { return tls.map(SelfSignedTls::client); }

    /** For HTTPS, the PKCS#12 key store holding the certificate (curl can use it via openssl export). */
    public Optional<Path> keyStore() { return tls.map(SelfSignedTls::keyStore); }

    /** A typed Redfish client logged in as the Administrator with Basic auth. */
    public RedfishClient client() {
        RedfishClient c = client;
        if (c == null) {
            synchronized (this) {
                if (client == null) client = client(admin);
                c = client;
            }
        }
        return c;
    }

    /** A typed Redfish client with other credentials (e.g. a ReadOnly account). */
    public RedfishClient client(Credentials credentials) {
        return RedfishClient.basic(uri, credentials, clientTls());
    }

    /** The wire-level escape hatch: {@code bmc.http().get("/redfish/v1/Systems/DPU0").json()}. */
    public RedfishHttp http() {
        return client().http();
    }

    @Override
    public String toText() {
        return "BMC of " + host.name() + " (" + host.platform() + ") at " + uri + "/redfish/v1, user "
                + admin.user();
    }

    @Override
    public String toHtml() {
        return "<div><b>BMC</b> of " + Html.escape(host.name()) + " (" + Html.escape(host.platform()) + ") at <code>"
                + Html.escape(uri + "/redfish/v1") + "</code>, user <code>" + Html.escape(admin.user()) + "</code></div>";
    }

    @Override
    public String toString() { return toText(); }

    /** Stops the server and the update workers and removes the staging directory; closing twice does nothing. */
    @Override
    public void close() {
        if (!server.stop()) return;
        workers.shutdownNow();
        fetcher.close();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> walk = Files.walk(staging)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // staging lives in the temp directory; the OS cleans what is left
        }
    }

    /** Settings for a BMC; each is checked when set. */
    public static final class Builder {
        private record Extra(String user, String password, Role role) {}

        private HostDescription host = HostDescription.of("demo", "host");
        private final List<DpuPort> ports = new ArrayList<>();
        private Clock clock = Clock.systemUTC();
        private int port;
        private boolean https;
        private Credentials admin = new Credentials("admin", randomPassword());
        private final List<Extra> extra = new ArrayList<>();
        private Duration sessionTimeout = Duration.ofMinutes(30);
        private int maxResumes = 3;
        private Duration fetchTimeout = Duration.ofSeconds(10);
        private Optional<Duration> stallTimeout = Optional.empty();
        private ImageInstaller installer = new CapsuleImageInstaller();
        private Consumer<ResetType> hostReset = type -> { };

        private Builder() {}

        public Builder host(HostDescription host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /** The host's DPUs; each becomes a {@code SystemType: DPU} ComputerSystem named after it. */
        public Builder dpus(Iterable<Dpu> dpus) {
            List<DpuPort> l = new ArrayList<>();
            for (Dpu d : dpus) l.add(new DpuAdapter(d));
            return dpuPorts(l);
        }

        /** Adds DPUs through the BMC's DPU seam (tests and other DPU models). */
        public Builder dpuPorts(List<? extends DpuPort> dpus) {
            for (DpuPort d : dpus) {
                if (ports.stream().anyMatch(p -> p.id().equals(d.id()))) {
                    throw new BmcException(BmcException.Reason.BAD_SETTING, "two DPUs are named " + d.id(),
                            "each DPU is a ComputerSystem with a unique Id", "Give the DPUs distinct ids");
                }
                ports.add(d);
            }
            return this;
        }

        /** The clock for session idle timeouts and task times (the system clock by default). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** A fixed TCP port on 127.0.0.1 (0, the default, picks a free one). */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new BmcException(BmcException.Reason.BAD_SETTING, "port " + port + " is out of range",
                        "a TCP port is 0..65535 (0 = any free port)", "Use port(0) or leave it out");
            }
            this.port = port;
            return this;
        }

        /** Serves HTTPS with a self-signed certificate made at start. */
        public Builder https(boolean https) {
            this.https = https;
            return this;
        }

        /** The Administrator account (by default {@code admin} with a random password). */
        public Builder admin(String user, String password) {
            this.admin = new Credentials(user, password);
            return this;
        }

        /** One more account made at start. */
        public Builder account(String user, String password, Role role) {
            extra.add(new Extra(Objects.requireNonNull(user), Objects.requireNonNull(password), Objects.requireNonNull(role)));
            return this;
        }

        public Builder sessionTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new BmcException(BmcException.Reason.BAD_SETTING, "session timeout " + timeout + " is not positive",
                        "an idle session must live for some time", "Use e.g. Duration.ofMinutes(30)");
            }
            this.sessionTimeout = timeout;
            return this;
        }

        /** How many times a broken image transfer is resumed with Range before the task fails (3 by default). */
        public Builder maxResumes(int n) {
            if (n < 0) {
                throw new BmcException(BmcException.Reason.BAD_SETTING, "maxResumes " + n + " is negative",
                        "it counts Range requests after a break", "Use 0 to never resume");
            }
            this.maxResumes = n;
            return this;
        }

        /** How long the image fetcher may take to connect (10 s by default; also the stall time unless set). */
        public Builder fetchTimeout(Duration timeout) {
            this.fetchTimeout = Objects.requireNonNull(timeout);
            return this;
        }

        /**
         * What {@code ComputerSystem.Reset} on the host does: {@code reset} receives each reset that changes the
         * host (a restart, {@code ForceOff}, or {@code On} while it is off; {@code On} while on is a no-op). Without
         * it only the Redfish PowerState follows.
         */
        public Builder hostReset(Consumer<ResetType> reset) {
            this.hostReset = Objects.requireNonNull(reset, "reset");
            return this;
        }

        /**
         * How long an image transfer may bring no data before the BMC drops the connection and resumes it with Range
         * (counted against {@link #maxResumes(int)}); the fetch timeout by default.
         */
        public Builder stallTimeout(Duration stall) {
            if (stall.isNegative() || stall.isZero()) {
                throw new BmcException(BmcException.Reason.BAD_SETTING, "stall timeout " + stall + " is not positive",
                        "a transfer must be allowed some time between two reads", "Use e.g. Duration.ofSeconds(10)");
            }
            this.stallTimeout = Optional.of(stall);
            return this;
        }

        /** Replaces how a fetched capsule is checked and written (the capsule installer by default). */
        public Builder installer(ImageInstaller installer) {
            this.installer = Objects.requireNonNull(installer);
            return this;
        }

        /** Starts the server; the returned BMC is listening. */
        public Bmc start() {
            return new Bmc(this);
        }

        private static String randomPassword() {
            String alphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
            SecureRandom r = new SecureRandom();
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < 16; i++) sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
            return sb.toString();
        }
    }
}
