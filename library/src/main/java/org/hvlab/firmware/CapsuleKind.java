package org.hvlab.firmware;

/** The two encodings of a DPU management OS image capsule. */
public enum CapsuleKind {
    /** CapsuleGuid = EFI_FIRMWARE_MANAGEMENT_CAPSULE_ID_GUID; each image names its type in UpdateImageTypeId. */
    FMP,
    /** CapsuleGuid names the body itself (US20230229480A1 claim 7: the GUID is in the capsule header). */
    PLAIN
}
