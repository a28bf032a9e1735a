package org.hvlab.kernel.magics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.hvlab.kernel.KernelException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * %maven through settings.xml, against a Maven repository served from loopback: a mirror of everything, then a
 * proxy in front of an unresolvable repository host, then offline. Nothing reaches Maven Central.
 */
class MavenMirrorTest {
    @TempDir
    Path dir;
    private HttpServer server;
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    /** When set, the Authorization header every request must carry. */
    private final java.util.concurrent.atomic.AtomicReference<String> authorization =
            new java.util.concurrent.atomic.AtomicReference<>();
    /** When set, a header (name and value) every request must carry, as a token-guarded registry asks. */
    private final java.util.concurrent.atomic.AtomicReference<String[]> token =
            new java.util.concurrent.atomic.AtomicReference<>();

    @BeforeEach
    void serve() throws Exception {
        publish("org.example.hvlab", "tiny", "1.0", "<dependencies><dependency><groupId>org.example.hvlab</groupId>"
                + "<artifactId>dep</artifactId><version>2.0</version></dependency></dependencies>");
        publish("org.example.hvlab", "dep", "2.0", "");
        publish("org.example.hvlab", "dep", "1.0", "");
        publish("org.example.hvlab", "other", "1.0", "<dependencies><dependency><groupId>org.example.hvlab</groupId>"
                + "<artifactId>dep</artifactId><version>1.0</version></dependency></dependencies>");
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            // a proxied request names the absolute URI; a mirror request only the path: serve both by path
            String path = ex.getRequestURI().getPath();
            requests.add(ex.getRequestMethod() + " " + ex.getRequestURI());
            String required = authorization.get();
            String[] header = token.get();
            if (required != null && !required.equals(ex.getRequestHeaders().getFirst("Authorization"))
                    || header != null && !header[1].equals(ex.getRequestHeaders().getFirst(header[0]))) {
                ex.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"repo\"");
                ex.sendResponseHeaders(401, -1);
                ex.close();
                return;
            }
            String key = path.substring(path.indexOf("/maven2/") + "/maven2/".length());
            byte[] body = files.get(key);
            if (body == null) {
                ex.sendResponseHeaders(404, -1);
            } else {
                ex.sendResponseHeaders(200, ex.getRequestMethod().equals("HEAD") ? -1 : body.length);
                if (!ex.getRequestMethod().equals("HEAD")) ex.getResponseBody().write(body);
            }
            ex.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void publish(String group, String artifact, String version, String dependencies) throws Exception {
        String base = group.replace('.', '/') + "/" + artifact + "/" + version + "/" + artifact + "-" + version;
        files.put(base + ".pom", ("<project><modelVersion>4.0.0</modelVersion><groupId>" + group + "</groupId>"
                + "<artifactId>" + artifact + "</artifactId><version>" + version + "</version>" + dependencies
                + "</project>").getBytes(StandardCharsets.UTF_8));
        ByteArrayOutputStream jar = new ByteArrayOutputStream();
        Manifest mf = new Manifest();
        mf.getMainAttributes().putValue("Manifest-Version", "1.0");
        new JarOutputStream(jar, mf).close();
        files.put(base + ".jar", jar.toByteArray());
    }

    private MavenSettings settings(boolean offline, List<MavenSettings.Mirror> mirrors,
                                   List<MavenSettings.Proxy> proxies) {
        return new MavenSettings(dir.resolve("local"), offline, mirrors, proxies, List.of(), List.of(), List.of());
    }

    @Test
    void should_add_only_the_winner_of_a_conflict_inside_the_request_and_report_it() {
        MavenSettings s = settings(false, List.of(new MavenSettings.Mirror("loop", url(), "*", false)), List.of());
        MavenResolver.Resolution r = new MavenResolver(s).resolve(
                List.of("org.example.hvlab:tiny:1.0", "org.example.hvlab:other:1.0"), List.of());
        assertThat(r.jars()).extracting(p -> p.getFileName().toString())
                .containsExactlyInAnyOrder("tiny-1.0.jar", "other-1.0.jar", "dep-2.0.jar");
        assertThat(r.conflicts()).containsExactly(
                "org.example.hvlab:dep: 1.0 was asked for, 2.0 is used (nearest wins)");
    }

    @Test
    void should_resolve_from_an_active_profiles_repository_before_central() {
        MavenSettings s = new MavenSettings(dir.resolve("local"), false, List.of(), List.of(), List.of(),
                List.of(new MavenSettings.Repository("internal", url())), List.of());
        assertThat(new MavenResolver(s).resolve(List.of("org.example.hvlab:tiny:1.0"), List.of()).jars()).hasSize(2);
        assertThat(requests).anyMatch(q -> q.endsWith("/maven2/org/example/hvlab/tiny/1.0/tiny-1.0.jar"));
    }

    @Test
    void should_send_the_servers_credentials_to_the_mirror_of_that_id() {
        authorization.set("Basic " + java.util.Base64.getEncoder().encodeToString("ada:s3cret".getBytes()));
        MavenSettings without = settings(false, List.of(new MavenSettings.Mirror("corp", url(), "*", false)),
                List.of());
        assertThatThrownBy(() -> new MavenResolver(without).resolve(List.of("org.example.hvlab:tiny:1.0"), List.of()))
                .isInstanceOf(KernelException.class);
        MavenSettings with = new MavenSettings(dir.resolve("local"), false, without.mirrors(), List.of(),
                List.of(new MavenSettings.Server("corp", "ada", "s3cret")), List.of(), List.of());
        assertThat(new MavenResolver(with).resolve(List.of("org.example.hvlab:tiny:1.0"), List.of()).jars())
                .hasSize(2);
    }

    @Test
    void should_send_the_servers_http_headers_to_the_mirror_of_that_id() {
        token.set(new String[] {"Private-Token", "glpat-123"});
        MavenSettings without = settings(false, List.of(new MavenSettings.Mirror("gitlab", url(), "*", false)),
                List.of());
        assertThatThrownBy(() -> new MavenResolver(without).resolve(List.of("org.example.hvlab:tiny:1.0"), List.of()))
                .isInstanceOf(KernelException.class);
        MavenSettings with = new MavenSettings(dir.resolve("local"), false, without.mirrors(), List.of(),
                List.of(new MavenSettings.Server("gitlab", "", "", Map.of("Private-Token", "glpat-123"))), List.of(),
                List.of());
        assertThat(new MavenResolver(with).resolve(List.of("org.example.hvlab:tiny:1.0"), List.of()).jars())
                .hasSize(2);
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/maven2/";
    }

    @Test
    void should_resolve_through_a_mirror_of_everything() {
        MavenSettings s = settings(false, List.of(new MavenSettings.Mirror("loop", url(), "*", false)), List.of());
        MavenResolver.Resolution r = new MavenResolver(s).resolve(List.of("org.example.hvlab:tiny:1.0"), List.of());
        assertThat(r.jars()).extracting(p -> p.getFileName().toString()).containsExactly("tiny-1.0.jar", "dep-2.0.jar");
        assertThat(r.jars()).allMatch(p -> p.startsWith(dir.resolve("local")));
        assertThat(requests).anyMatch(q -> q.endsWith("/maven2/org/example/hvlab/dep/2.0/dep-2.0.jar"));
    }

    @Test
    void should_resolve_through_a_proxy_and_then_offline_from_the_local_repository() {
        // the mirror's host does not resolve: only the proxy can reach it, by the absolute URI
        MavenSettings proxied = settings(false,
                List.of(new MavenSettings.Mirror("corp", "http://repo.invalid/maven2/", "*", false)),
                List.of(new MavenSettings.Proxy("default", true, "http", "127.0.0.1", server.getAddress().getPort(), "",
                        "", "")));
        MavenResolver.Resolution r = new MavenResolver(proxied).resolve(List.of("org.example.hvlab:tiny:1.0"),
                List.of());
        assertThat(r.jars()).hasSize(2);
        assertThat(requests).anyMatch(q -> q.startsWith("GET http://repo.invalid/maven2/org/example/hvlab/tiny/"));

        requests.clear();
        MavenSettings offline = settings(true, proxied.mirrors(), proxied.proxies());
        assertThat(new MavenResolver(offline).resolve(List.of("org.example.hvlab:tiny:1.0"), List.of()).jars())
                .hasSize(2);
        assertThat(requests).isEmpty();
        assertThatThrownBy(() -> new MavenResolver(offline).resolve(List.of("org.example.hvlab:absent:1.0"),
                List.of())).isInstanceOf(KernelException.class).hasMessageContaining("offline")
                .hasMessageContaining(dir.resolve("local").toString());
        assertThat(requests).as("offline: not even the missing artifact is asked for").isEmpty();
    }
}
