/**
 * What cell code sees of the kernel: the IJava-compatible {@link org.hvlab.kernel.runtime.Display} functions
 * ({@code display}, {@code updateDisplay}, {@code render}, {@code clearOutput}), {@code System.out}/{@code System.err}
 * routed to the running cell's output, and {@link org.hvlab.core.Progress} shown as a live-updating bar.
 *
 * <p>Shown in {@code notebooks/00-tour.ipynb}.
 */
package org.hvlab.kernel.runtime;
