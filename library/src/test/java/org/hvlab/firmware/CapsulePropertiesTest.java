package org.hvlab.firmware;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Build then parse, for any payload and header fields; and every cut of a capsule is refused. */
class CapsulePropertiesTest {

    @Provide
    Arbitrary<Guid> guids() {
        return Arbitraries.longs().tuple2().map(t -> new Guid(t.get1(), t.get2()))
                .filter(g -> !g.equals(Guid.FMP_CAPSULE));
    }

    @Property(tries = 300)
    void fmp_capsule_round_trips(@ForAll("guids") Guid type, @ForAll @IntRange(min = 1, max = 255) int index,
                                 @ForAll long instance, @ForAll @IntRange(min = 2, max = 3) int version,
                                 @ForAll boolean edk2Header, @ForAll @IntRange(min = 0, max = 0xffff) int oem,
                                 @ForAll @Size(max = 2000) byte[] payload) throws Exception {
        CapsuleBuilder b = Capsule.fmp(type).index(index).instance(instance).imageHeaderVersion(version)
                .headerSize(edk2Header ? 32 : 28).oemFlags(oem).payload(payload);
        byte[] bytes = b.toBytes();
        Capsule c = Capsule.parse(bytes);
        assertThat(c).isEqualTo(b.layout());
        CapsuleImage img = c.image(type);
        assertThat(img.updateImageIndex()).isEqualTo(index);
        assertThat(img.updateHardwareInstance()).isEqualTo(instance);
        assertThat(img.fmpHeader().orElseThrow().version()).isEqualTo(version);
        assertThat(c.header().oemFlags()).isEqualTo(oem);
        assertThat(c.totalBytes()).isEqualTo(bytes.length);
        assertThat(Arrays.copyOfRange(bytes, (int) img.payloadOffset(), (int) img.payloadEnd())).isEqualTo(payload);
        try (CapsuleStream cs = Capsule.stream(new ByteArrayInputStream(bytes))) {
            assertThat(cs.payload().readAllBytes()).isEqualTo(payload);
            assertThat(cs.finish()).isEqualTo(c);
        }
    }

    @Property(tries = 200)
    void plain_capsule_round_trips(@ForAll("guids") Guid guid, @ForAll boolean edk2Header,
                                   @ForAll @Size(max = 2000) byte[] payload) throws Exception {
        byte[] bytes = Capsule.plain(guid).headerSize(edk2Header ? 32 : 28).payload(payload).toBytes();
        Capsule c = Capsule.parse(bytes);
        assertThat(c.kind()).isEqualTo(CapsuleKind.PLAIN);
        assertThat(c.header().capsuleGuid()).isEqualTo(guid);
        assertThat(c.image(guid).payloadLength()).isEqualTo(payload.length);
        try (CapsuleStream cs = Capsule.stream(new ByteArrayInputStream(bytes))) {
            assertThat(cs.payload().readAllBytes()).isEqualTo(payload);
            assertThat(cs.finish()).isEqualTo(c);
        }
    }

    @Property(tries = 300)
    void every_cut_or_extension_is_refused(@ForAll @Size(min = 1, max = 300) byte[] payload,
                                           @ForAll @IntRange(min = 1, max = 400) int cut, @ForAll boolean longer) {
        byte[] bytes = Capsule.fmp(Guid.DPU_MANAGEMENT_OS_IMAGE).payload(payload).toBytes();
        int n = longer ? bytes.length + cut : Math.max(0, bytes.length - cut);
        FirmwareException.Reason expected = longer ? FirmwareException.Reason.OVERSIZED : FirmwareException.Reason.TRUNCATED;
        assertThat(CapsuleTest.reasonOf(() -> Capsule.parse(Arrays.copyOf(bytes, n)))).isEqualTo(expected);
    }
}
