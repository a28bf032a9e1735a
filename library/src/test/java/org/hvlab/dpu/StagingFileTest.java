package org.hvlab.dpu;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class StagingFileTest {

    @Property(tries = 30)
    void staged_bytes_reach_the_file_in_order_whatever_the_write_sizes(
            @ForAll @IntRange(min = 0, max = 3 << 20) int total, @ForAll @IntRange(min = 1, max = 1 << 21) int chunk,
            @ForAll long seed) throws IOException {
        byte[] data = new byte[total];
        new SplittableRandom(seed).nextBytes(data);
        Path f = Files.createTempFile("staging", ".img");
        try {
            StagingFile s = new StagingFile(f, "test-flash");
            for (int off = 0; off < total; off += chunk) s.write(data, off, Math.min(chunk, total - off));
            s.finish();
            assertThat(Files.readAllBytes(f)).isEqualTo(data);
        } finally {
            Files.deleteIfExists(f);
        }
    }

    @Test
    void should_delete_the_staged_file_when_discarded_midway() throws IOException {
        Path dir = Files.createTempDirectory("staging");
        Path f = dir.resolve("slot-b.staging");
        StagingFile s = new StagingFile(f, "test-flash");
        s.write(new byte[(5 << 20) + 17], 0, (5 << 20) + 17);
        s.discard();
        assertThat(f).doesNotExist();
        Files.delete(dir);
    }

    @Test
    void should_delete_the_staged_file_even_when_the_discarding_thread_is_interrupted() throws IOException {
        Path dir = Files.createTempDirectory("staging");
        Path f = dir.resolve("slot-a.staging");
        StagingFile s = new StagingFile(f, "test-flash");
        s.write(new byte[3 << 20], 0, 3 << 20);
        Thread.currentThread().interrupt(); // as a BMC shutting down leaves its update worker
        try {
            s.discard();
            assertThat(Thread.currentThread().isInterrupted()).as("the interrupt is kept").isTrue();
        } finally {
            Thread.interrupted();
        }
        assertThat(f).doesNotExist();
        Files.delete(dir);
    }
}
