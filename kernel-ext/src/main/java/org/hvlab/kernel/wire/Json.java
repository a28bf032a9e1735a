package org.hvlab.kernel.wire;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The one JSON mapper the kernel uses for message parts. */
public final class Json {
    private Json() {}

    public static final ObjectMapper MAPPER = new ObjectMapper();

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** Encodes a value to JSON text; values built by the kernel always encode. */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("value does not encode to JSON: " + e.getOriginalMessage(), e);
        }
    }
}
