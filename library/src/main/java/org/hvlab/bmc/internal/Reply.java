package org.hvlab.bmc.internal;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.Map;

/** What a handler answers: a status, an optional JSON body and extra headers. */
public record Reply(int status, JsonNode body, Map<String, String> headers) {
    public Reply {
        headers = Map.copyOf(headers);
    }

    public static Reply ok(JsonNode body) {
        return new Reply(200, body, Map.of());
    }

    public static Reply noContent() {
        return new Reply(204, null, Map.of());
    }

    public Reply with(String header, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(header, value);
        return new Reply(status, body, h);
    }
}
