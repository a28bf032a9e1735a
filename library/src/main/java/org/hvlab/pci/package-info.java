/**
 * PCI Express configuration space and the absent-function page of US11561894B2.
 *
 * <p>Config space: {@link org.hvlab.pci.ConfigSpace} is a function's 4 KiB of bytes with per-bit write masks
 * (read-only, read-write, write-1-to-clear), type-0 and type-1 headers ({@link org.hvlab.pci.Header}), BAR sizing
 * ({@link org.hvlab.pci.Bar}) and the PCI Express, MSI and MSI-X capabilities. {@link org.hvlab.pci.PciFunction} and
 * {@link org.hvlab.pci.PciDevices} build emulated functions; a {@link org.hvlab.pci.PciTopology} holds the present
 * ones by {@link org.hvlab.pci.Bdf}; {@link org.hvlab.pci.Pci} reads and writes the {@code lspci -xxxx} text format
 * (checked against the real {@code lspci -F}).
 *
 * <p>Absent functions: an {@link org.hvlab.pci.Ecam} puts an {@link org.hvlab.pci.EcamWindow} (one PCI segment) in a
 * VM's IPA space on its MMIO bus, all or nothing (a refused attach changes no frame, table or bus region); present functions' pages stay unmapped (accesses exit to the device model) and an
 * {@link org.hvlab.pci.AbsentFunctionStrategy} decides the rest: trap and emulate, a 0xFF frame per function, the
 * host's one shared 0xFF page mapped read-only (the patent, {@link org.hvlab.pci.NoFunctionPage}), or one shared
 * read-only leaf table for every empty 2 MiB stretch. {@link org.hvlab.pci.Enumerator} plays the guest (Linux-like
 * scan or brute force); {@link org.hvlab.pci.EcamFootprint} counts host bytes from the real stage-2 tables;
 * {@link org.hvlab.pci.EcamExperiment} and {@link org.hvlab.pci.PciBench} make the notebook's and the bench's tables.
 *
 * <p>Patent: US11561894B2 (one read-only host page of 0xFF mapped at stage 2 for every absent function).
 * Notebook: {@code notebooks/02-pcie-page-sharing.ipynb}. References: {@code shared/reference/pcie.md},
 * {@code stage2.md}, {@code patents.md}.
 */
package org.hvlab.pci;
