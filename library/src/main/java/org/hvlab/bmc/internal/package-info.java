/**
 * The BMC's internals: the HTTP layer on Undertow ({@link org.hvlab.bmc.internal.RedfishHandler}), the Redfish
 * service state and resources ({@link org.hvlab.bmc.internal.RedfishService}), accounts, sessions, tasks, the
 * update engine with its resuming fetcher ({@link org.hvlab.bmc.internal.ImageFetcher}) and the streamed capsule
 * check ({@link org.hvlab.bmc.internal.CapsuleImageInstaller}), and the seam to the DPU model
 * ({@link org.hvlab.bmc.internal.DpuPort}). Not an API: use {@link org.hvlab.bmc.Bmc}.
 */
package org.hvlab.bmc.internal;
