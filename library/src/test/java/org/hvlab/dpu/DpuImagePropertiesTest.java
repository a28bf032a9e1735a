package org.hvlab.dpu;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.NumericChars;
import net.jqwik.api.constraints.StringLength;

class DpuImagePropertiesTest {

    @Property(tries = 300)
    void header_encode_then_decode_round_trips(@ForAll @AlphaChars @NumericChars @StringLength(min = 1, max = 32) String version,
                                               @ForAll @AlphaChars @StringLength(min = 1, max = 64) String build,
                                               @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long size,
                                               @ForAll byte[] seedBytes) {
        byte[] digest = java.util.Arrays.copyOf(seedBytes, Sha256.SIZE);
        DpuImage img = new DpuImage("BlueField-2", version, build, size, Sha256.of(digest));
        assertThat(DpuImage.decode(img.encode())).isEqualTo(img);
    }

    @Property(tries = 100)
    void verifier_gives_the_same_verdict_for_any_chunking(@ForAll @IntRange(max = 5000) int size,
                                                          @ForAll long seed,
                                                          @ForAll @IntRange(min = 1, max = 700) int chunk,
                                                          @ForAll @IntRange(min = -1, max = 5300) int flip) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DpuImage.builder().payloadBytes(size).seed(seed).writeTo(out);
        byte[] img = out.toByteArray();
        if (flip >= 0 && flip < img.length) img[flip] ^= 0x10;
        DpuImageVerifier whole = DpuImage.verifier();
        whole.update(img, 0, img.length);
        DpuImageVerifier pieces = DpuImage.verifier();
        for (int off = 0; off < img.length; off += chunk) pieces.update(img, off, Math.min(chunk, img.length - off));
        ImageCheck a = whole.finish(), b = pieces.finish();
        assertThat(b.status()).isEqualTo(a.status());
        boolean damaged = flip >= 0 && flip < img.length;
        assertThat(a.valid()).isEqualTo(!damaged);
        if (damaged && flip >= DpuImage.HEADER_SIZE) assertThat(a.status()).isEqualTo(ImageStatus.HASH_MISMATCH);
        if (damaged && flip < DpuImage.HEADER_SIZE) assertThat(a.status()).isIn(ImageStatus.BAD_MAGIC, ImageStatus.BAD_HEADER);
    }
}
