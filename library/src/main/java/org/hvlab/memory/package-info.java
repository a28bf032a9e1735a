/**
 * Host physical memory and guest address maps: {@link org.hvlab.memory.HostMemory} (a sparse set of 4 KiB frames,
 * backed on first write, reference counted so one frame can back many guest pages read-only or copy-on-write),
 * the MMIO bus ({@link org.hvlab.memory.MmioBus}, sorted non-overlapping ranges of
 * {@link org.hvlab.memory.MmioDevice}s) and the {@link org.hvlab.memory.MemoryMap} tree that shows a VM's address
 * space like QEMU's {@code info mtree}.
 *
 * <p>Frame sharing is what US11561894B2 (one read-only 0xFF page for every absent PCIe function) relies on.
 * Notebook 01 (guest memory, stage-2 tables, software TLB) shows it.
 */
package org.hvlab.memory;
