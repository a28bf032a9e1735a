/**
 * A Redfish client over java.net.http: {@link org.hvlab.bmc.redfish.RedfishClient} (systems, DPUs,
 * FirmwareInventory, SimpleUpdate, tasks with a progress bar; Basic or session auth) and
 * {@link org.hvlab.bmc.redfish.RedfishHttp}, the wire-level escape hatch whose
 * {@link org.hvlab.bmc.redfish.RedfishResponse} renders the exchange as it crossed the wire. Used by the installer
 * (US12182602B2, "receive from the BMC a listing of DPU devices") and by notebook
 * {@code notebooks/09-dpu-provisioning.ipynb}.
 */
package org.hvlab.bmc.redfish;
