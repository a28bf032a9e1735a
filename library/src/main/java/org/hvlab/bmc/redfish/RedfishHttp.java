package org.hvlab.bmc.redfish;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Raw Redfish requests over java.net.http, authenticated the way the client was opened (Basic or a session's
 * {@code X-Auth-Token}). Non-2xx answers are returned, not thrown; call {@link RedfishResponse#orThrow()}.
 */
public final class RedfishHttp {
    private final HttpClient client;
    private final URI base;
    private final Supplier<Map<String, String>> auth;

    RedfishHttp(URI base, Optional<SSLContext> tls, Supplier<Map<String, String>> auth) {
        HttpClient.Builder b = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10));
        tls.ifPresent(b::sslContext);
        this.client = b.build();
        this.base = base;
        this.auth = auth;
    }

    public URI base() { return base; }

    public RedfishResponse get(String path) { return get(RedfishPath.of(path)); }

    public RedfishResponse get(RedfishPath path) { return send("GET", path, null, Map.of()); }

    public RedfishResponse post(String path, String json) { return post(RedfishPath.of(path), json); }

    public RedfishResponse post(RedfishPath path, String json) { return send("POST", path, json, Map.of()); }

    /** PATCH with an optional {@code If-Match} ETag. */
    public RedfishResponse patch(RedfishPath path, String json, Optional<String> ifMatch) {
        return send("PATCH", path, json, ifMatch.map(e -> Map.of("If-Match", e)).orElse(Map.of()));
    }

    public RedfishResponse delete(RedfishPath path) { return send("DELETE", path, null, Map.of()); }

    /** Any request, with extra headers. */
    public RedfishResponse send(String method, RedfishPath path, String json, Map<String, String> headers) {
        return send(method, path, json, headers, true);
    }

    RedfishResponse send(String method, RedfishPath path, String json, Map<String, String> headers, boolean withAuth) {
        HttpRequest.Builder rb = HttpRequest.newBuilder(base.resolve(path.value())).timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json").header("OData-Version", "4.0");
        if (withAuth) auth.get().forEach(rb::header);
        headers.forEach(rb::header);
        if (json != null) {
            rb.header("Content-Type", "application/json");
            rb.method(method, HttpRequest.BodyPublishers.ofString(json));
        } else {
            rb.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            HttpResponse<byte[]> r = client.send(rb.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new RedfishResponse(method, path, json, r.statusCode(), r.headers().map(), r.body());
        } catch (IOException e) {
            throw new RedfishException(RedfishException.Reason.IO, method + " " + base + path + " failed",
                    e.toString(), "Check that the BMC is running (bmc.uri())", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RedfishException(RedfishException.Reason.IO, method + " " + path + " was interrupted", "",
                    "Run it again", e);
        }
    }
}
