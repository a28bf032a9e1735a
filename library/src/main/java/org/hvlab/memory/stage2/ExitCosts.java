package org.hvlab.memory.stage2;

import org.hvlab.core.CostModel;

/** The costs the guest access path charges, looked up once per VM from the cost model. */
record ExitCosts(long tlbHit, long walkLevel, long vmExit, long stage2Fault, long pageZero, long pageCopy,
                 long mmioEmulate, long writeDrop, long tlbi) {

    static ExitCosts of(CostModel c) {
        return new ExitCosts(c.cycles("tlb_hit"), c.cycles("stage2_walk_level"), c.cycles("vm_exit"),
                c.cycles("stage2_fault"), c.cycles("page_zero"), c.cycles("page_copy"), c.cycles("mmio_emulate"),
                c.cycles("write_drop"), c.cycles("tlbi"));
    }
}
