/**
 * PCI Express configuration space and the absent-function page of US11561894B2.
 *
 * <p>{@link org.hvlab.pci.ConfigSpace} is a function's 4 KiB of config bytes with per-bit write masks (read-only,
 * read-write, write-1-to-clear), type-0 and type-1 headers, BAR sizing and the PCI Express, MSI and MSI-X
 * capabilities. {@link org.hvlab.pci.PciFunction} and {@link org.hvlab.pci.PciDevices} build emulated functions; a
 * {@link org.hvlab.pci.PciTopology} holds the present ones by {@link org.hvlab.pci.Bdf}, and
 * {@link org.hvlab.pci.Pci} reads and writes the {@code lspci -xxxx} text format (checked against the real
 * {@code lspci -F}).
 *
 * <p>Patent: US11561894B2 (one read-only host page of 0xFF mapped at stage 2 for every absent function).
 * Notebook: {@code notebooks/02-pcie-page-sharing.ipynb}. References: {@code shared/reference/pcie.md},
 * {@code stage2.md}.
 */
package org.hvlab.pci;
