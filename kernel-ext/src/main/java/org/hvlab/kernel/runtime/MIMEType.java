package org.hvlab.kernel.runtime;

import org.hvlab.kernel.render.MimeType;

/**
 * MIME type names under IJava's class name, so IJava renderer snippets compile here with only their import line
 * dropped: {@code getKernelInstance().getRenderer().createRegistration(T.class).preferring(MIMEType.TEXT_HTML)}. The
 * constants are plain strings, the form hvlab's renderer takes; those hvlab's renderers produce are {@link MimeType}'s.
 */
public final class MIMEType {
    public static final String TEXT_PLAIN = MimeType.TEXT_PLAIN;
    public static final String TEXT_HTML = MimeType.TEXT_HTML;
    public static final String TEXT_MARKDOWN = MimeType.TEXT_MARKDOWN;
    public static final String TEXT_LATEX = "text/latex";
    public static final String IMAGE_PNG = MimeType.IMAGE_PNG;
    public static final String IMAGE_JPEG = "image/jpeg";
    public static final String IMAGE_SVG = MimeType.IMAGE_SVG;
    public static final String APPLICATION_JSON = MimeType.APPLICATION_JSON;
    public static final String APPLICATION_JAVASCRIPT = "application/javascript";

    private MIMEType() {}

    /** {@code type/subtype} as given, checked for its shape (IJava's {@code MIMEType.parse}). */
    public static String parse(String mime) {
        if (mime == null || !mime.matches("[\\w.+-]+/[\\w.+-]+")) {
            throw new IllegalArgumentException("'" + mime + "' is not a MIME type; write it as type/subtype, "
                    + "e.g. text/html");
        }
        return mime;
    }
}
