/**
 * DPUs as host-level devices and their management OS (US20230229480A1 / US12182602B2): the PCIe function the host
 * sees, a flash with two management-OS slots, a boot loader that verifies the active slot's image (header, size,
 * SHA-256, model) and falls back to the other slot, and the slot writer the BMC uses to provision a new image
 * ({@link org.hvlab.dpu.Dpu#openUpdate()}: stage, verify, switch, reset; an aborted or failed update changes
 * nothing). {@link org.hvlab.dpu.DpuImage} is the image format, {@link org.hvlab.dpu.DpuImageCatalog} the
 * preinstalled images the installer matches DPUs against ({@code datasets/dpu-images.csv}).
 *
 * <p>Notebook: {@code notebooks/09-dpu-provisioning.ipynb}. References: {@code shared/reference/capsule.md},
 * {@code redfish.md}, {@code patents.md} entry 7.
 */
package org.hvlab.dpu;
