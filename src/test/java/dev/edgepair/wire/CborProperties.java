package dev.edgepair.wire;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

/** The CBOR layer never throws anything but WireException, and round-trips what it builds. */
class CborProperties {
    @Property(tries = 2000)
    void garbageIsAWireExceptionNeverACrash(@ForAll @Size(max = 600) byte[] body) {
        try {
            CborMap map = Cbor.decodeMap(body);
            assertThat(Cbor.decodeMap(body).keys()).isEqualTo(map.keys());
        } catch (WireException e) {
            assertThat(e.getMessage()).isNotBlank().hasSizeLessThan(120);
        }
    }

    @Property(tries = 300)
    void builtMapsRoundTrip(@ForAll @StringLength(max = 80) String text, @ForAll byte[] bytes,
                            @ForAll long number, @ForAll boolean flag) throws Exception {
        CborMap map = CborMap.builder().put("t", text).put("b", bytes).put("n", Math.abs(number % Long.MAX_VALUE))
                .put("f", flag).build();
        CborMap back = Cbor.decodeMap(Cbor.encode(map), Integer.MAX_VALUE);
        assertThat(back.text("t", 80)).isEqualTo(text);
        assertThat(back.bytes("b", 0, Integer.MAX_VALUE)).isEqualTo(bytes);
        assertThat(back.unsigned("n", Long.MAX_VALUE)).isEqualTo(Math.abs(number % Long.MAX_VALUE));
        assertThat(back.bool("f")).isEqualTo(flag);
    }
}
