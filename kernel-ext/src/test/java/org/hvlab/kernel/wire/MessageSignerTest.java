package org.hvlab.kernel.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class MessageSignerTest {
    static List<byte[]> frames(String... parts) {
        return java.util.Arrays.stream(parts).map(p -> p.getBytes(StandardCharsets.UTF_8)).toList();
    }

    @Test
    void should_sign_as_hmac_sha256_over_the_concatenated_frames() {
        // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?" (split across frames)
        MessageSigner s = new MessageSigner("Jefe", "hmac-sha256");
        assertThat(s.sign(frames("what do ya ", "want ", "for nothing", "?")))
                .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    @Property(tries = 50)
    void should_verify_what_it_signed_and_reject_a_changed_frame(@ForAll String header, @ForAll String content) {
        MessageSigner s = new MessageSigner("secret-key", "hmac-sha256");
        List<byte[]> f = frames(header, "{}", "{}", content);
        String sig = s.sign(f);
        assertThat(s.verify(sig, f)).isTrue();
        assertThat(s.verify(sig, frames(header, "{}", "{}", content + "x"))).isFalse();
    }

    @Test
    void should_not_sign_with_an_empty_key() {
        MessageSigner s = new MessageSigner("", "hmac-sha256");
        assertThat(s.sign(frames("a", "b", "c", "d"))).isEmpty();
        assertThat(s.verify("", frames("a", "b", "c", "d"))).isTrue();
    }

    @Test
    void should_reject_an_unknown_scheme() {
        assertThatThrownBy(() -> new MessageSigner("k", "hmac-md5")).hasMessageContaining("hmac-sha256");
    }
}
