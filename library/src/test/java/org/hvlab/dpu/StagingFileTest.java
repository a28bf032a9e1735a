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
import org.junit.jupiter.api.io.TempDir;

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

    @TempDir
    Path dir;

    /** A staging file in {@code dir} with {@code bytes} zero bytes queued (more than its buffers hold). */
    private StagingFile staged(String name, int bytes) throws IOException {
        StagingFile s = new StagingFile(dir.resolve(name), "test-flash");
        s.write(new byte[bytes], 0, bytes);
        return s;
    }

    @Test
    void should_delete_the_staged_file_when_discarded_midway() throws IOException {
        staged("slot-b.staging", (5 << 20) + 17).discard();
        assertThat(dir.resolve("slot-b.staging")).doesNotExist();
    }

    @Test
    void should_delete_the_staged_file_even_when_the_discarding_thread_is_interrupted() throws IOException {
        StagingFile s = staged("slot-a.staging", 3 << 20);
        Thread.currentThread().interrupt(); // as a BMC shutting down leaves its update worker
        try {
            s.discard();
            assertThat(Thread.currentThread().isInterrupted()).as("the interrupt is kept").isTrue();
        } finally {
            Thread.interrupted();
        }
        assertThat(dir.resolve("slot-a.staging")).doesNotExist();
    }
}
