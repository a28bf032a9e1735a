package org.hvlab.memory.stage2;

import org.hvlab.core.ByteSize;

/**
 * The stage-2 table pages one VM's translation reaches.
 *
 * @param tablePages  table pages reachable from the root (root included)
 * @param sharedPages of those, pages also used by other holders (reference count above one)
 * @param hostBytes   {@code tablePages} x 4 KiB; sum the distinct {@link Stage2#tableFrames()} across VMs for the host
 */
public record TableUsage(long tablePages, long sharedPages, ByteSize hostBytes) {
    /** Table pages only this VM uses. */
    public long privatePages() { return tablePages - sharedPages; }
}
