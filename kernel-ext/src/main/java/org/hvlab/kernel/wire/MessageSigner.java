package org.hvlab.kernel.wire;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 over the four JSON frames (header, parent header, metadata, content), hex encoded, as the messaging
 * spec requires. An empty key disables signing (the signature frame is empty and not checked).
 */
public final class MessageSigner {
    private final SecretKeySpec key;
    private final ThreadLocal<Mac> macs;

    public MessageSigner(String key, String scheme) {
        if (!key.isEmpty() && !scheme.equals("hmac-sha256")) {
            throw new IllegalArgumentException("signature scheme " + scheme + " is not supported: use hmac-sha256");
        }
        this.key = key.isEmpty() ? null : new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** The hex signature of the given frames, or "" when signing is off. */
    public String sign(List<byte[]> frames) {
        if (key == null) return "";
        Mac mac = macs.get();
        for (byte[] f : frames) mac.update(f);
        return HexFormat.of().formatHex(mac.doFinal());
    }

    /** Whether a received signature matches (constant-time comparison). */
    public boolean verify(String signature, List<byte[]> frames) {
        if (key == null) return true;
        return MessageDigest.isEqual(sign(frames).getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII));
    }
}
