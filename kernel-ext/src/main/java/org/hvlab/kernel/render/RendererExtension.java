package org.hvlab.kernel.render;

/**
 * A library's hook to register renderers for its own types, exceptions included (a cell that throws an exception
 * with a registered renderer shows that rendering above the error): list the implementation in
 * {@code META-INF/services/org.hvlab.kernel.render.RendererExtension}. The kernel installs every extension found on
 * its class path at start-up and in jars added later with {@code %jars}, {@code %classpath} or {@code %maven}.
 */
public interface RendererExtension {
    void install(Renderer renderer);
}
