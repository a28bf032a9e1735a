package org.hvlab.kernel.render;

/** A library-style renderer extension, found through META-INF/services in the test resources. */
public final class TestExtension implements RendererExtension {
    /** A type only this extension knows how to render. */
    public static final class Marker {}

    @Override
    public void install(Renderer renderer) {
        renderer.createRegistration(Marker.class).preferring(MimeType.TEXT_HTML)
                .register((m, ctx) -> ctx.renderIfRequested(MimeType.TEXT_HTML, () -> "<b>marker</b>"));
    }
}
