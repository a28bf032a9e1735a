/**
 * The BMC's benchmark for {@code ./hvlab bench bmc} ({@link org.hvlab.bmc.bench.BmcBench}): Redfish GETs with
 * Basic auth under {@code wrk} beside nginx, and a provisioning transfer beside {@code curl}, in the same run on
 * loopback. Mechanism: US12182602B2's BMC and capsule server; notebook {@code notebooks/09-dpu-provisioning.ipynb}.
 */
package org.hvlab.bmc.bench;
