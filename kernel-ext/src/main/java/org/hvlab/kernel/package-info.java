/**
 * The hvlab Jupyter kernel: {@link org.hvlab.kernel.Kernel} runs cells in JShell (local engine) with magics,
 * renderers and progress; {@link org.hvlab.kernel.JupyterServer} serves it over the Jupyter messaging protocol 5.3;
 * {@link org.hvlab.kernel.KernelMain} is the process the kernelspec starts.
 *
 * <p>Every notebook runs on it; {@code notebooks/00-tour.ipynb} shows the surface (a host, a table, a chart,
 * displays that update in place, progress, provenance).
 */
package org.hvlab.kernel;
