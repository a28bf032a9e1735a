package org.hvlab.bmc.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;

/** One shared, thread-safe Jackson mapper and small helpers for Redfish resource bodies. */
public final class Json {
    private Json() {}

    /**
     * Strict on input: trailing tokens after the object ({@code {"A":1} garbage}) and duplicate keys are malformed
     * JSON, never half-read requests that change state.
     */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    public static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    /** A resource with {@code @odata.id}, {@code @odata.type}, {@code Id} and {@code Name}. */
    public static ObjectNode resource(String odataId, String odataType, String id, String name) {
        ObjectNode n = object();
        n.put("@odata.id", odataId);
        n.put("@odata.type", odataType);
        if (id != null) n.put("Id", id);
        n.put("Name", name);
        return n;
    }

    /** {@code {"@odata.id": path}}. */
    public static ObjectNode link(String path) {
        ObjectNode n = object();
        n.put("@odata.id", path);
        return n;
    }

    public static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    /** Parses a request body as a JSON object, or throws the Redfish 400 MalformedJSON error. */
    public static ObjectNode parseObject(byte[] body) {
        if (body.length == 0) throw RedfishError.malformedJson("the body is empty");
        JsonNode n;
        try {
            n = MAPPER.readTree(body);
        } catch (IOException e) {
            String msg = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
            throw RedfishError.malformedJson(msg);
        }
        if (n == null || !n.isObject()) throw RedfishError.malformedJson("the body is not a JSON object");
        return (ObjectNode) n;
    }
}
