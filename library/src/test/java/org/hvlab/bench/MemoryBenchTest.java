package org.hvlab.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The benchmark's setup is sound: the three cases read the same values, and the miss case really misses. */
class MemoryBenchTest {

    @Test
    void should_read_the_same_values_in_every_case() {
        MemoryBench b = new MemoryBench();
        b.setUp();
        try {
            long plain = b.plainArray();
            assertThat(b.stage2TlbHit()).isEqualTo(plain);
            assertThat(b.stage2TlbMiss()).isEqualTo(plain);
        } finally {
            b.tearDown();
        }
    }

    @Test
    void should_miss_mostly_in_the_miss_case_and_never_in_the_hit_case() {
        assertThat(MemoryBench.tlbMissRatio()).isGreaterThan(0.9);
        assertThat(MemoryBench.tlbHitCaseMissRatio()).isZero();
    }
}
