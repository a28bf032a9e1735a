package org.hvlab.dpu;

/** Whether a DPU is running its management OS. */
public enum DpuState {
    /** Powered off (never booted, or {@link Dpu#powerOff()}). */
    OFF,
    /** Running the management OS from one slot. */
    RUNNING,
    /** Powered on but neither slot holds a bootable image. */
    FAILED
}
