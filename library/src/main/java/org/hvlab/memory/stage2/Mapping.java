package org.hvlab.memory.stage2;

import org.hvlab.core.ByteSize;
import org.hvlab.core.Ipa;
import org.hvlab.core.Pa;

/**
 * A run of consecutive stage-2 pages with the same permissions that map either to consecutive frames or, when
 * {@code oneFrame}, all to the same frame (a shared page such as the 0xFF "no function" page).
 */
public record Mapping(Ipa ipa, ByteSize size, Pa pa, S2Ap ap, boolean oneFrame, boolean copyOnWrite) {
    public long pages() { return size.pages(); }

    public Ipa last() { return ipa.offset(size.bytes() - 1); }
}
