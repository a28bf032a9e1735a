/**
 * UEFI capsules for DPU management OS provisioning (US20230229480A1 / US12182602B2, claims 6-7): GUIDs in EFI byte
 * order, EFI_CAPSULE_HEADER (HeaderSize 28 or 32), the FMP capsule (EFI_FIRMWARE_MANAGEMENT_CAPSULE_HEADER and image
 * headers v2/v3) whose UpdateImageTypeId is {@link org.hvlab.firmware.Guid#DPU_MANAGEMENT_OS_IMAGE}, and the plain
 * capsule whose CapsuleGuid is that GUID. Build with {@link org.hvlab.firmware.Capsule#fmp(Guid)} or
 * {@link org.hvlab.firmware.Capsule#plain(Guid)}, parse with {@link org.hvlab.firmware.Capsule#read(java.nio.file.Path)}
 * or {@link org.hvlab.firmware.Capsule#stream(java.io.InputStream)}; images are never held whole in memory.
 * For the same inputs the FMP capsule is byte-identical to U-Boot's {@code mkeficapsule}.
 *
 * <p>Notebook: {@code notebooks/09-dpu-provisioning.ipynb}. Reference: {@code shared/reference/capsule.md}.
 */
package org.hvlab.firmware;
