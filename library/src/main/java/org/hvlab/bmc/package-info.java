/**
 * The emulated baseboard management controller (US20230229480A1 / US12182602B2): {@link org.hvlab.bmc.Bmc} serves
 * a real Redfish service over HTTP(S) on 127.0.0.1 (Undertow, Jackson) for one host and its DPUs: the host as a
 * {@code Physical} ComputerSystem and each DPU as a {@code DPU} one, with Boot, {@code ComputerSystem.Reset} that
 * resets the DPU, ETag-guarded PATCH; Chassis with PCIeDevices and NetworkAdapters; Managers; AccountService with
 * the roles of {@link org.hvlab.bmc.Role}; SessionService with idle timeout on an injected clock; UpdateService with
 * FirmwareInventory, {@code SimpleUpdate} and the multipart push; TaskService. The BMC fetches {@code ImageURI}
 * (resuming with Range), checks the capsule and the DPU image as they stream, writes the DPU's inactive slot and
 * resets it; a refused request changes nothing and a failed update leaves the DPU on its previous OS.
 *
 * <p>Clients: {@link org.hvlab.bmc.redfish} (typed client and raw wire view); the installer and capsule server:
 * {@link org.hvlab.bmc.install}. Notebook: {@code notebooks/09-dpu-provisioning.ipynb}. Reference:
 * {@code shared/reference/redfish.md}.
 */
package org.hvlab.bmc;
