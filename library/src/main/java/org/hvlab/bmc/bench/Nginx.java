package org.hvlab.bmc.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Debian's nginx started for a benchmark: one worker, loopback only, a temporary prefix, stopped on close. */
final class Nginx implements AutoCloseable {
    static final Path BINARY = Path.of("/usr/sbin/nginx");
    private final Process process;
    private final Path root;
    private final int port;

    private Nginx(Process process, Path root, int port) {
        this.process = process;
        this.root = root;
        this.port = port;
    }

    /** Starts nginx serving {@code prefix/www}; waits until it accepts connections. */
    static Nginx start(Path prefix) throws IOException, InterruptedException {
        if (!Files.isExecutable(BINARY)) {
            throw new BenchException(BenchException.Reason.TOOL_MISSING, BINARY + " is missing",
                    "the BMC bench compares against nginx", "apt-get install -y nginx-light");
        }
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Path www = Files.createDirectories(prefix.resolve("www"));
        Files.createDirectories(prefix.resolve("logs"));
        Files.createDirectories(prefix.resolve("tmp"));
        String conf = "worker_processes 1;\ndaemon off;\nmaster_process on;\npid " + prefix.resolve("nginx.pid")
                + ";\nerror_log " + prefix.resolve("logs/error.log") + " warn;\n"
                + "events { worker_connections 1024; }\n"
                + "http {\n  access_log off;\n  sendfile on;\n  tcp_nopush on;\n  keepalive_requests 1000000;\n"
                + "  client_body_temp_path " + prefix.resolve("tmp") + ";\n  proxy_temp_path " + prefix.resolve("tmp")
                + ";\n  fastcgi_temp_path " + prefix.resolve("tmp") + ";\n  uwsgi_temp_path " + prefix.resolve("tmp")
                + ";\n  scgi_temp_path " + prefix.resolve("tmp") + ";\n  default_type application/json;\n"
                + "  server {\n    listen 127.0.0.1:" + port + ";\n    root " + www + ";\n  }\n}\n";
        Path confFile = prefix.resolve("nginx.conf");
        Files.writeString(confFile, conf);
        openUp(prefix);
        Process p = new ProcessBuilder(List.of(BINARY.toString(), "-p", prefix.toString(), "-c", confFile.toString()))
                .redirectErrorStream(true).redirectOutput(prefix.resolve("logs/stdout.log").toFile()).start();
        for (int i = 0; i < 100; i++) {
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return new Nginx(p, www, port);
            } catch (IOException notYet) {
                if (!p.isAlive()) break;
                Thread.sleep(50);
            }
        }
        p.destroyForcibly();
        throw new BenchException(BenchException.Reason.TOOL_FAILED, "nginx did not start on 127.0.0.1:" + port,
                Files.readString(prefix.resolve("logs/stdout.log")).strip(), "Look at " + prefix.resolve("logs"));
    }

    /** nginx as root runs its worker as nobody: let it read and traverse the prefix. */
    static void openUp(Path prefix) throws IOException {
        for (Path p = prefix; p != null && !p.equals(p.getRoot()); p = p.getParent()) {
            if (p.startsWith(Path.of(System.getProperty("java.io.tmpdir"))) || p.equals(prefix)) {
                try {
                    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
                } catch (IOException | UnsupportedOperationException ignored) {
                    // not ours to change; nginx will say if it cannot read
                }
            }
        }
    }

    Path root() { return root; }

    URI uri(String path) { return URI.create("http://127.0.0.1:" + port + path); }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
}
