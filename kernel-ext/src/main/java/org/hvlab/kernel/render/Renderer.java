package org.hvlab.kernel.render;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Turns cell values into MIME bundles. Registrations are matched by type (the most specific class first, then the
 * latest registration); each produces the requested types it knows and text/plain falls back to
 * {@code String.valueOf}.
 */
public final class Renderer {
    private final List<RenderRegistration.Entry<?>> entries = new CopyOnWriteArrayList<>();
    private final Set<String> installedExtensions = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** A renderer with the built-in registrations (tables, charts, images, Renderable). */
    public static Renderer withBuiltins() {
        Renderer r = new Renderer();
        BuiltinRenderers.install(r);
        return r;
    }

    public <T> RenderRegistration<T> createRegistration(Class<T> type) {
        return new RenderRegistration<>(this, type);
    }

    void add(RenderRegistration.Entry<?> entry) {
        entries.add(entry);
    }

    /** Installs every {@link RendererExtension} visible to {@code loader} that is not installed yet. */
    public List<String> installExtensions(ClassLoader loader) {
        List<String> installed = new ArrayList<>();
        // one by one: a jar that vanished from the class path, or a broken extension, must not keep the others out
        java.util.Iterator<ServiceLoader.Provider<RendererExtension>> it =
                ServiceLoader.load(RendererExtension.class, loader).stream().iterator();
        for (int errors = 0; errors < 100; ) {
            ServiceLoader.Provider<RendererExtension> p;
            try {
                if (!it.hasNext()) break;
                p = it.next();
            } catch (java.util.ServiceConfigurationError e) {
                errors++;
                System.err.println("hvlab kernel: a renderer extension could not be read: " + e.getMessage());
                continue;
            }
            try {
                if (installedExtensions.add(p.type().getName())) {
                    p.get().install(this);
                    installed.add(p.type().getName());
                }
            } catch (java.util.ServiceConfigurationError | RuntimeException | LinkageError e) {
                System.err.println("hvlab kernel: renderer extension " + p.type().getName() + " failed: " + e);
            }
        }
        return installed;
    }

    /** Whether a registration other than the text/plain fallback knows this value's type. */
    public boolean knows(Object value) {
        return !matching(value).isEmpty();
    }

    /** Renders with each matching registration's preferred types plus text/plain. */
    public MimeBundle render(Object value) {
        List<RenderRegistration.Entry<?>> matching = matching(value);
        Set<String> requested = new LinkedHashSet<>();
        for (RenderRegistration.Entry<?> e : matching) requested.addAll(e.preferred());
        requested.add(MimeType.TEXT_PLAIN);
        return render(value, matching, requested);
    }

    /** Renders only the given MIME types (e.g. {@code display(chart, "image/svg+xml")}). */
    public MimeBundle renderAs(Object value, String... mimeTypes) {
        if (mimeTypes.length == 0) return render(value);
        return render(value, matching(value), new LinkedHashSet<>(List.of(mimeTypes)));
    }

    private MimeBundle render(Object value, List<RenderRegistration.Entry<?>> matching, Set<String> requested) {
        MimeBundle bundle = new MimeBundle();
        RenderContext ctx = new RenderContext(requested, bundle, this);
        if (value instanceof MimeBundle given) return given;
        for (RenderRegistration.Entry<?> e : matching) {
            if (requested.stream().noneMatch(m -> e.produces(m) && !bundle.has(m))) continue;
            try {
                e.render(value, ctx);
            } catch (Exception ex) {
                bundle.put(MimeType.TEXT_PLAIN, "(rendering " + value.getClass().getSimpleName() + " as "
                        + e.preferred() + " failed: " + ex + ")\n" + safeToString(value));
            }
        }
        if (requested.contains(MimeType.TEXT_PLAIN) && !bundle.has(MimeType.TEXT_PLAIN)) {
            bundle.put(MimeType.TEXT_PLAIN, safeToString(value));
        }
        return bundle;
    }

    private List<RenderRegistration.Entry<?>> matching(Object value) {
        if (value == null) return List.of();
        List<RenderRegistration.Entry<?>> out = new ArrayList<>();
        for (RenderRegistration.Entry<?> e : entries) if (e.type().isInstance(value)) out.add(e);
        List<RenderRegistration.Entry<?>> snapshot = List.copyOf(entries);
        out.sort(Comparator.<RenderRegistration.Entry<?>>comparingInt(e -> distance(value.getClass(), e.type()))
                .thenComparing(e -> -snapshot.indexOf(e)));
        return out;
    }

    /** How far up the hierarchy {@code type} sits from {@code c}: 0 for the class itself. */
    static int distance(Class<?> c, Class<?> type) {
        int d = 0;
        for (Class<?> k = c; k != null; k = k.getSuperclass(), d++) {
            if (k == type) return d;
            if (type.isInterface() && List.of(k.getInterfaces()).contains(type)) return d + 1;
        }
        return 1000;
    }

    static String safeToString(Object value) {
        try {
            return String.valueOf(value);
        } catch (RuntimeException e) {
            return "(toString() of " + value.getClass().getName() + " threw " + e + ")";
        }
    }
}
