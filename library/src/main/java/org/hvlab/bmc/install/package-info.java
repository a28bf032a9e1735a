/**
 * The management hypervisor's DPU installer and its capsule server (US20230229480A1 / US12182602B2, claim 1):
 * {@link org.hvlab.bmc.install.Installer} lists the DPUs through the BMC's Redfish service, matches each to a
 * preinstalled management OS image of the catalog ({@code datasets/dpu-images.csv}), wraps it in a capsule marked
 * with the DPU management OS GUID, serves it from {@link org.hvlab.bmc.install.CapsuleServer} (HTTP with Range,
 * streamed from disk) and sends the URI to the BMC with SimpleUpdate, following each task to its end.
 * Notebook: {@code notebooks/09-dpu-provisioning.ipynb}.
 */
package org.hvlab.bmc.install;
