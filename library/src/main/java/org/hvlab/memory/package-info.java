/**
 * Host physical memory and guest address maps: {@link org.hvlab.memory.HostMemory} (a sparse set of 4 KiB frames,
 * backed on first write, reference counted so one frame can back many guest pages read-only or copy-on-write),
 * the MMIO bus ({@link org.hvlab.memory.MmioBus}, sorted non-overlapping ranges of
 * {@link org.hvlab.memory.MmioDevice}s) and the {@link org.hvlab.memory.MemoryMap} tree that shows a VM's address
 * space like QEMU's {@code info mtree}.
 *
 * <p>Frame sharing is what US11561894B2 (one read-only 0xFF page for every absent PCIe function) relies on. Host
 * memory keeps per-frame marks the stage-2 model enforces: read-only for every guest, write-dropping (the 0xFF
 * page: stores are discarded, stage2.md section 4) and stage-2 table pages with their level; and it counts bytes
 * saved as (guest pages mapped - host frames they use) x 4 KiB from every VM's leaf mappings.
 * Notebook 01 (guest memory, stage-2 tables, software TLB) shows it.
 */
package org.hvlab.memory;
