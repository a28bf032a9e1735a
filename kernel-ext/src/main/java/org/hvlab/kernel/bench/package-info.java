/**
 * Baselines for the kernel benchmark ({@code kernel-ext/src/test/python/bench_kernel.py}, {@code ./hvlab bench
 * kernel}): JShell's own evaluation time in-process, and a trivial Java program's start-to-exit time.
 */
package org.hvlab.kernel.bench;
