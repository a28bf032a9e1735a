package org.hvlab.kernel.render;

/** Renders one value of type {@code T} into a context (the IJava shape). */
@FunctionalInterface
public interface RenderFunction<T> {
    void render(T value, RenderContext context) throws Exception;
}
