package org.hvlab.bmc.redfish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.hvlab.core.Html;
import org.hvlab.core.Renderable;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One request and its response as they crossed the wire: method, path, status, headers and body. Renders as the
 * exchange itself, which is what the notebook shows.
 */
public final class RedfishResponse implements Renderable {
    private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final String method;
    private final RedfishPath path;
    private final String requestBody;
    private final int status;
    private final Map<String, List<String>> headers;
    private final byte[] body;

    RedfishResponse(String method, RedfishPath path, String requestBody, int status, Map<String, List<String>> headers,
                    byte[] body) {
        this.method = method;
        this.path = path;
        this.requestBody = requestBody;
        this.status = status;
        TreeMap<String, List<String>> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((k, v) -> { if (!k.startsWith(":")) h.put(k, List.copyOf(v)); });
        this.headers = java.util.Collections.unmodifiableMap(h);
        this.body = body.clone();
    }

    public String method() { return method; }

    public RedfishPath path() { return path; }

    public int status() { return status; }

    public boolean ok() { return status >= 200 && status < 300; }

    /** Response headers, names case-insensitive. */
    public Map<String, List<String>> headers() { return headers; }

    public Optional<String> header(String name) {
        List<String> v = headers.get(name);
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
    }

    public Optional<String> etag() { return header("ETag"); }

    public byte[] bytes() { return body.clone(); }

    public String text() { return new String(body, StandardCharsets.UTF_8); }

    /** The body as JSON (Redfish error bodies included). */
    public JsonNode json() {
        try {
            return PRETTY.readTree(body);
        } catch (IOException e) {
            throw new RedfishException(RedfishException.Reason.NOT_JSON, method + " " + path + " answered " + status
                    + " with a body that is not JSON", e.getMessage(), "Look at text() instead", e);
        }
    }

    /** The {@code error.message} of a Redfish error body, or the status line. */
    public String errorMessage() {
        try {
            JsonNode n = PRETTY.readTree(body);
            if (n != null && n.has("error")) {
                JsonNode info = n.path("error").path("@Message.ExtendedInfo");
                if (info.isArray() && !info.isEmpty()) return info.get(0).path("Message").asText();
                return n.path("error").path("message").asText();
            }
        } catch (IOException ignored) {
            // not JSON: fall through to the status line
        }
        return "HTTP " + status;
    }

    /** Throws {@link RedfishException} unless the status is 2xx. */
    public RedfishResponse orThrow() {
        if (!ok()) {
            throw new RedfishException(RedfishException.Reason.HTTP_STATUS, status, method + " " + path
                    + " was refused with HTTP " + status, errorMessage(),
                    "Look at the response body: bmc.http().get(..).json()");
        }
        return this;
    }

    @Override
    public String toText() {
        StringBuilder sb = new StringBuilder();
        sb.append("> ").append(method).append(' ').append(path).append('\n');
        if (requestBody != null && !requestBody.isEmpty()) sb.append("> ").append(requestBody).append('\n');
        sb.append("< ").append(status).append('\n');
        headers.forEach((k, v) -> sb.append("< ").append(k).append(": ").append(String.join(", ", v)).append('\n'));
        if (body.length > 0) {
            try {
                sb.append(PRETTY.writeValueAsString(PRETTY.readTree(body)));
            } catch (IOException e) {
                sb.append(text());
            }
        }
        return sb.toString();
    }

    @Override
    public String toHtml() {
        return "<pre style=\"max-height:30em;overflow:auto\">" + Html.escape(toText()) + "</pre>";
    }

    @Override
    public String toString() { return method + " " + path + " -> " + status; }
}
