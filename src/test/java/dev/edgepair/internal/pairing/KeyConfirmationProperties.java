package dev.edgepair.internal.pairing;

import dev.edgepair.internal.protocol.KeyConfirmation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import dev.edgepair.identity.Fingerprint;
import dev.edgepair.tags.Unit;

/**
 * The claim behind channel binding: change any one input of the confirmation (PMS, principal, either fingerprint,
 * the exporter value, any J-PAKE message) and both MACs change, so the other side refuses.
 */
@Unit
class KeyConfirmationProperties {
    private static Fingerprint fp(byte[] seed) {
        return Fingerprint.ofSubjectPublicKeyInfo(seed);
    }

    @Property(tries = 300)
    void anyChangedInputChangesBothMacs(@ForAll @Size(value = 32) byte[] pms, @ForAll @Size(value = 32) byte[] exporter,
                                        @ForAll @Size(min = 1, max = 200) byte[] message,
                                        @ForAll @IntRange(min = 0, max = 8) int which,
                                        @ForAll @IntRange(min = 0, max = 199) int at) {
        KeyConfirmation.Transcript base = new KeyConfirmation.Transcript("user:", fp(new byte[] {1}), fp(new byte[] {2}),
                exporter, message, message, message, message);
        byte[] changed = message.clone();
        changed[at % changed.length] ^= 1;
        byte[] otherExporter = exporter.clone();
        otherExporter[at % 32] ^= 1;
        byte[] otherPms = pms.clone();
        otherPms[at % 32] ^= 1;
        KeyConfirmation.Transcript t = switch (which) {
            case 0 -> new KeyConfirmation.Transcript("user:x", base.client(), base.device(), exporter, message, message,
                    message, message);
            case 1 -> new KeyConfirmation.Transcript("user:", fp(new byte[] {3}), base.device(), exporter, message,
                    message, message, message);
            case 2 -> new KeyConfirmation.Transcript("user:", base.client(), fp(new byte[] {3}), exporter, message,
                    message, message, message);
            case 3 -> new KeyConfirmation.Transcript("user:", base.client(), base.device(), otherExporter, message,
                    message, message, message);
            case 4 -> new KeyConfirmation.Transcript("user:", base.client(), base.device(), exporter, changed, message,
                    message, message);
            case 5 -> new KeyConfirmation.Transcript("user:", base.client(), base.device(), exporter, message, changed,
                    message, message);
            case 6 -> new KeyConfirmation.Transcript("user:", base.client(), base.device(), exporter, message, message,
                    changed, message);
            case 7 -> new KeyConfirmation.Transcript("user:", base.client(), base.device(), exporter, message, message,
                    message, changed);
            default -> base;
        };
        KeyConfirmation honest = KeyConfirmation.derive(pms, base);
        KeyConfirmation other = KeyConfirmation.derive(which == 8 ? otherPms : pms, t);
        assertThat(other.clientMacMatches(honest.clientMac())).isFalse();
        assertThat(honest.deviceMacMatches(other.deviceMac())).isFalse();
        assertThat(Arrays.equals(honest.clientMac(), honest.deviceMac())).isFalse();
    }

    @Property(tries = 100)
    void lengthPrefixesKeepFieldsApart(@ForAll @Size(min = 2, max = 40) byte[] joined,
                                       @ForAll @IntRange(min = 1, max = 39) int cut) {
        int c = Math.min(cut, joined.length - 1);
        byte[] a = Arrays.copyOf(joined, c);
        byte[] b = Arrays.copyOfRange(joined, c, joined.length);
        byte[] exporter = new byte[32];
        var one = new KeyConfirmation.Transcript("user:", fp(new byte[] {1}), fp(new byte[] {2}), exporter, a, b,
                new byte[0], new byte[0]);
        var two = new KeyConfirmation.Transcript("user:", fp(new byte[] {1}), fp(new byte[] {2}), exporter, joined,
                new byte[0], new byte[0], new byte[0]);
        assertThat(one.hash()).isNotEqualTo(two.hash());
    }
}
