package org.hvlab.kernel.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;

/**
 * One Jupyter message: routing identities, header, parent header, metadata, content and binary buffers.
 *
 * @param identities the ZeroMQ routing prefix to reply to (empty on iopub)
 */
public record Message(List<byte[]> identities, ObjectNode header, JsonNode parentHeader, ObjectNode metadata,
                      ObjectNode content, List<byte[]> buffers) {

    public static final String PROTOCOL_VERSION = "5.3";
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSXXX");

    public String type() {
        return header.path("msg_type").asText();
    }

    public String id() {
        return header.path("msg_id").asText();
    }

    /**
     * A new message of {@code type} whose parent is this one, routed back to the same peer. Its header carries the
     * sender's session, {@code session} (the kernel's), as every message a session sends does; the client's own
     * session id stays in the parent header.
     */
    public Message reply(String type, ObjectNode content, String session) {
        return new Message(identities, newHeader(type, session, header.path("username").asText("hvlab")), header,
                Json.object(), content, List.of());
    }

    /** A new message of {@code type} with the given parent (may be an empty object), for iopub. */
    public static Message broadcast(String type, JsonNode parentHeader, String session, ObjectNode content) {
        return new Message(List.of(), newHeader(type, session, "hvlab"), parentHeader, Json.object(), content,
                List.of());
    }

    static ObjectNode newHeader(String type, String session, String username) {
        ObjectNode h = Json.object();
        h.put("msg_id", UUID.randomUUID().toString());
        h.put("session", session);
        h.put("username", username);
        h.put("date", OffsetDateTime.now(ZoneOffset.UTC).format(DATE));
        h.put("msg_type", type);
        h.put("version", PROTOCOL_VERSION);
        return h;
    }
}
