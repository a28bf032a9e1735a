package org.hvlab.dpu;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DpuImageTest {

    @TempDir
    Path dir;

    @Test
    void should_write_the_same_image_to_a_file_and_a_stream() throws Exception {
        DpuImageBuilder b = DpuImage.builder().version("4.5.0").build("b1").payloadBytes(3 * (1 << 20) + 5).seed(9);
        Path f = dir.resolve("a.img");
        DpuImage h1 = b.writeTo(f);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DpuImage h2 = b.writeTo(out);
        assertThat(h1).isEqualTo(h2).isEqualTo(b.header());
        assertThat(Files.readAllBytes(f)).isEqualTo(out.toByteArray());
        assertThat(DpuImage.verify(f).status()).isEqualTo(ImageStatus.VALID);
        assertThat(DpuImage.read(f)).isEqualTo(h1);
    }

    @Test
    void should_give_different_payloads_for_different_seeds() {
        DpuImage a = DpuImage.builder().payloadBytes(4096).seed(1).header();
        DpuImage b = DpuImage.builder().payloadBytes(4096).seed(2).header();
        assertThat(a.payloadSha256()).isNotEqualTo(b.payloadSha256());
    }

    @Test
    void should_detect_truncation_and_header_damage() throws Exception {
        Path f = dir.resolve("a.img");
        DpuImage.builder().payloadBytes(10_000).writeTo(f);
        byte[] all = Files.readAllBytes(f);
        Files.write(f, java.util.Arrays.copyOf(all, all.length - 1));
        assertThat(DpuImage.verify(f).status()).isEqualTo(ImageStatus.TRUNCATED);
        all[60] ^= 1; // inside the model field: CRC catches it
        Files.write(f, all);
        assertThat(DpuImage.verify(f).status()).isEqualTo(ImageStatus.BAD_HEADER);
    }
}
