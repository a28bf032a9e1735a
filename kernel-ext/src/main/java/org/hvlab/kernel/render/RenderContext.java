package org.hvlab.kernel.render;

import java.util.Set;
import java.util.function.Supplier;

/** What a {@link RenderFunction} writes into: the requested MIME types and the bundle being built. */
public final class RenderContext {
    private final Set<String> requested;
    private final MimeBundle bundle;
    private final Renderer renderer;

    RenderContext(Set<String> requested, MimeBundle bundle, Renderer renderer) {
        this.requested = requested;
        this.bundle = bundle;
        this.renderer = renderer;
    }

    /** Whether the display asked for this type and no earlier renderer produced it. */
    public boolean wants(String mime) {
        return requested.contains(mime) && !bundle.has(mime);
    }

    public Set<String> requested() {
        return requested;
    }

    /** Produces text for {@code mime} only if requested (the supplier runs only then). */
    public void renderIfRequested(String mime, Supplier<String> text) {
        if (wants(mime)) bundle.put(mime, text.get());
    }

    /** Produces bytes for {@code mime} only if requested. */
    public void renderBytesIfRequested(String mime, Supplier<byte[]> bytes) {
        if (wants(mime)) bundle.put(mime, bytes.get());
    }

    public MimeBundle bundle() {
        return bundle;
    }

    /** The renderer, to render nested values. */
    public Renderer renderer() {
        return renderer;
    }
}
