package org.hvlab.kernel.render;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Builds one renderer registration, IJava style:
 * {@code renderer.createRegistration(Table.class).preferring(TEXT_HTML).supporting(TEXT_PLAIN).register((t, ctx) -> ..)}.
 * Preferred types are produced by default; supported ones only when a display asks for them ({@link #ANY} supports
 * whatever the function can produce).
 */
public final class RenderRegistration<T> {
    /** Supports every MIME type: the render function decides from {@link RenderContext#wants(String)}. */
    public static final String ANY = "*/*";

    private final Renderer renderer;
    private final Class<T> type;
    private final Set<String> preferred = new LinkedHashSet<>();
    private final Set<String> supported = new LinkedHashSet<>();

    RenderRegistration(Renderer renderer, Class<T> type) {
        this.renderer = renderer;
        this.type = type;
    }

    public RenderRegistration<T> preferring(String... mimeTypes) {
        preferred.addAll(List.of(mimeTypes));
        return this;
    }

    public RenderRegistration<T> supporting(String... mimeTypes) {
        supported.addAll(List.of(mimeTypes));
        return this;
    }

    /** Registers the function; later registrations for the same type win over earlier ones. */
    public void register(RenderFunction<T> function) {
        if (preferred.isEmpty()) preferred.add(MimeType.TEXT_PLAIN);
        renderer.add(new Entry<>(type, Set.copyOf(preferred), Set.copyOf(supported), function));
    }

    record Entry<T>(Class<T> type, Set<String> preferred, Set<String> supported, RenderFunction<T> function) {
        boolean produces(String mime) {
            return preferred.contains(mime) || supported.contains(mime) || supported.contains(ANY);
        }

        @SuppressWarnings("unchecked")
        void render(Object value, RenderContext ctx) throws Exception {
            function.render((T) value, ctx);
        }
    }
}
