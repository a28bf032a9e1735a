/**
 * Rendering cell values as MIME bundles: an IJava-shaped registry ({@code createRegistration(Type.class)
 * .preferring(..).register(..)}), a {@link java.util.ServiceLoader} hook ({@link org.hvlab.kernel.render.RendererExtension})
 * so libraries ship renderers for their own types, and the built-ins: Tablesaw tables (text and capped, escaped
 * HTML), XChart charts (PNG, SVG on request), images (PNG) and every {@link org.hvlab.core.Renderable} (its views).
 *
 * <p>Shown in {@code notebooks/00-tour.ipynb} (a table and a chart).
 */
package org.hvlab.kernel.render;
