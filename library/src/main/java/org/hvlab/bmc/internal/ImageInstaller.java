package org.hvlab.bmc.internal;

import java.io.InputStream;

/**
 * Reads a capsule from a stream, checks it (capsule header, DPU management-OS GUID, image header, SHA-256),
 * writes the image to the DPU's inactive slot and commits it; on any failure it aborts the slot writer and throws
 * {@link UpdateFailure}, so the DPU keeps booting what it booted before.
 */
@FunctionalInterface
public interface ImageInstaller {
    /** What was installed: the image's version and build, the slot written, and the boot after the switch. */
    record Installed(String version, String build, String slotId, long imageBytes, DpuPort.BootInfo boot) {}

    Installed install(DpuPort dpu, InputStream capsule) throws UpdateFailure;
}
