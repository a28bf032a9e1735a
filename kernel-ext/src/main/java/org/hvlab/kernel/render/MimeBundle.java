package org.hvlab.kernel.render;

import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a value renders to: data by MIME type (text, or base64 for binary images) and per-type metadata, as the
 * {@code display_data} and {@code execute_result} messages carry it.
 */
public final class MimeBundle {
    private final Map<String, Object> data = new LinkedHashMap<>();
    private final Map<String, Object> metadata = new LinkedHashMap<>();

    /** A bundle holding only text/plain. */
    public static MimeBundle text(String text) {
        MimeBundle b = new MimeBundle();
        b.put(MimeType.TEXT_PLAIN, text);
        return b;
    }

    /** Puts text data; later puts of the same type replace earlier ones. */
    public MimeBundle put(String mime, String text) {
        data.put(mime, text);
        return this;
    }

    /** Puts binary data, base64 encoded as the protocol wants. */
    public MimeBundle put(String mime, byte[] bytes) {
        data.put(mime, Base64.getEncoder().encodeToString(bytes));
        return this;
    }

    /** Puts structured data (for JSON MIME types). */
    public MimeBundle putObject(String mime, Object json) {
        data.put(mime, json);
        return this;
    }

    public MimeBundle putMetadata(String key, Object value) {
        metadata.put(key, value);
        return this;
    }

    public boolean has(String mime) {
        return data.containsKey(mime);
    }

    public boolean isEmpty() {
        return data.isEmpty();
    }

    /** The data of one type, or null when absent. */
    public Object get(String mime) {
        return data.get(mime);
    }

    public Map<String, Object> data() {
        return Collections.unmodifiableMap(data);
    }

    public Map<String, Object> metadata() {
        return Collections.unmodifiableMap(metadata);
    }

    @Override
    public String toString() {
        return "MimeBundle" + data.keySet();
    }
}
