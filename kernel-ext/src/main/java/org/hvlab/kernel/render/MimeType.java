package org.hvlab.kernel.render;

/** The MIME types the kernel's built-in renderers produce. */
public final class MimeType {
    private MimeType() {}

    public static final String TEXT_PLAIN = "text/plain";
    public static final String TEXT_HTML = "text/html";
    public static final String TEXT_MARKDOWN = "text/markdown";
    public static final String IMAGE_PNG = "image/png";
    public static final String IMAGE_SVG = "image/svg+xml";
    public static final String APPLICATION_JSON = "application/json";

    /** Whether values of this type travel as base64 text (binary images). */
    public static boolean isBinary(String mime) {
        return mime.startsWith("image/") && !mime.equals(IMAGE_SVG);
    }
}
