package org.hvlab.bmc.redfish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import javax.net.ssl.SSLContext;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A typed Redfish client over java.net.http: systems and DPUs, FirmwareInventory, SimpleUpdate and tasks, with
 * {@link #http()} for anything else. Opened with Basic auth ({@link #basic}) or a session ({@link #session}, which
 * {@link #close()} logs out).
 */
public final class RedfishClient implements AutoCloseable {
    private final RedfishHttp http;
    private final AtomicReference<Optional<RedfishPath>> session = new AtomicReference<>(Optional.empty());

    private RedfishClient(URI base, Optional<SSLContext> tls, AtomicReference<Map<String, String>> auth) {
        this.http = new RedfishHttp(base, tls, auth::get);
    }

    /** A client that sends {@code Authorization: Basic} on every request. */
    public static RedfishClient basic(URI base, Credentials credentials, Optional<SSLContext> tls) {
        return new RedfishClient(base, tls, new AtomicReference<>(Map.of("Authorization", credentials.basicHeader())));
    }

    /** Logs in (POST to the service root's {@code Links.Sessions}) and sends the {@code X-Auth-Token} after that. */
    public static RedfishClient session(URI base, Credentials credentials, Optional<SSLContext> tls) {
        AtomicReference<Map<String, String>> auth = new AtomicReference<>(Map.of());
        RedfishClient c = new RedfishClient(base, tls, auth);
        String sessions = c.http.send("GET", RedfishPath.SERVICE_ROOT, null, Map.of(), false).orThrow().json()
                .path("Links").path("Sessions").path("@odata.id").asText("/redfish/v1/SessionService/Sessions");
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("UserName", credentials.user())
                .put("Password", credentials.password());
        RedfishResponse r = c.http.send("POST", RedfishPath.of(sessions), body.toString(), Map.of(), false).orThrow();
        String token = r.header("X-Auth-Token").orElseThrow(() -> new RedfishException(
                RedfishException.Reason.HTTP_STATUS, r.status(), "login answered without X-Auth-Token",
                "a Redfish session login returns the token in that header", "Use RedfishClient.basic(..)"));
        auth.set(Map.of("X-Auth-Token", token));
        c.session.set(r.header("Location").map(l -> RedfishPath.of(URI.create(l).getPath())));
        return c;
    }

    /** The raw requests of this client (same authentication). */
    public RedfishHttp http() { return http; }

    /** The session resource when opened with {@link #session}. */
    public Optional<RedfishPath> sessionPath() { return session.get(); }

    private List<JsonNode> members(RedfishPath collection) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode m : http.get(collection).orThrow().json().path("Members")) {
            out.add(http.get(RedfishPath.of(m.path("@odata.id").asText())).orThrow().json());
        }
        return out;
    }

    /** Every ComputerSystem: the host and each DPU. */
    public List<RedfishSystem> systems() {
        return members(RedfishPath.of("/redfish/v1/Systems")).stream().map(RedfishSystem::of).toList();
    }

    /** The patent's "listing of DPU devices from the BMC": systems with {@code SystemType: DPU}. */
    public List<RedfishSystem> dpus() {
        return systems().stream().filter(RedfishSystem::isDpu).toList();
    }

    public RedfishSystem system(RedfishPath path) {
        return RedfishSystem.of(http.get(path).orThrow().json());
    }

    public FirmwareInventory firmwareInventory() {
        List<FirmwareInventory.Item> items = new ArrayList<>();
        for (JsonNode n : members(RedfishPath.of("/redfish/v1/UpdateService/FirmwareInventory"))) {
            JsonNode related = n.path("RelatedItem");
            items.add(new FirmwareInventory.Item(n.path("Id").asText(), n.path("Version").asText(),
                    n.path("SoftwareId").asText(""), n.path("Status").path("State").asText(),
                    n.path("Oem").path("Hvlab").path("Active").asBoolean("Enabled".equals(n.path("Status").path("State").asText())),
                    related.isArray() && !related.isEmpty() ? related.get(0).path("@odata.id").asText() : ""));
        }
        return new FirmwareInventory(items);
    }

    /** POSTs {@code UpdateService.SimpleUpdate} for {@code targets}; the BMC fetches {@code image} itself. */
    public RedfishTask simpleUpdate(URI image, List<RedfishPath> targets) {
        RedfishPath action = RedfishPath.of(http.get("/redfish/v1/UpdateService").orThrow().json()
                .path("Actions").path("#UpdateService.SimpleUpdate").path("target").asText());
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("ImageURI", image.toString());
        body.put("TransferProtocol", image.getScheme().toUpperCase(java.util.Locale.ROOT));
        targets.forEach(t -> body.withArray("Targets").add(t.value()));
        RedfishResponse r = http.post(action, body.toString()).orThrow();
        return task(r);
    }

    /** The task named by an accepted (202) response: its body's {@code @odata.id}, else its {@code Location}. */
    public RedfishTask task(RedfishResponse accepted) {
        String id = accepted.json().path("@odata.id").asText("");
        if (id.isEmpty()) id = URI.create(accepted.header("Location").orElseThrow(() -> new RedfishException(
                RedfishException.Reason.HTTP_STATUS, accepted.status(), "the answer has no task",
                "an asynchronous Redfish operation returns Location", "Look at the response headers"))).getPath();
        return new RedfishTask(http, RedfishPath.of(id));
    }

    public RedfishTask task(RedfishPath path) {
        return new RedfishTask(http, path);
    }

    /** Logs out if this client opened a session. */
    @Override
    public void close() {
        session.getAndSet(Optional.empty()).ifPresent(p -> http.delete(p));
    }
}
