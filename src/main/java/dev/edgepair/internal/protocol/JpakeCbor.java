package dev.edgepair.internal.protocol;

import dev.edgepair.wire.Cbor;
import dev.edgepair.wire.CborMap;
import dev.edgepair.wire.WireException;

import dev.edgepair.internal.jpake.EcJpakeException;
import dev.edgepair.internal.jpake.KeyShare;
import dev.edgepair.internal.jpake.RoundOne;
import dev.edgepair.internal.jpake.RoundTwo;

/**
 * EdgePair's CBOR encoding of the J-PAKE rounds ({@code spec/jpake.md}): a key share is
 * {@code {"X": bstr .size 65, "V": bstr .size 65, "r": bstr .size (1..32)}}, round one is
 * {@code {"X1": share, "X2": share}}, round two is a share (the curve is fixed by the protocol, so no ECParameters).
 */
public final class JpakeCbor {
    private JpakeCbor() {
    }

    public static CborMap roundOne(RoundOne round) {
        return CborMap.builder().put("X1", share(round.first())).put("X2", share(round.second())).build();
    }

    public static CborMap roundTwo(RoundTwo round) {
        return share(round.share());
    }

    public static RoundOne readRoundOne(CborMap map) throws WireException, EcJpakeException {
        map.onlyKeys("X1", "X2");
        return new RoundOne(readShare(map.map("X1")), readShare(map.map("X2")));
    }

    public static RoundTwo readRoundTwo(CborMap map) throws WireException, EcJpakeException {
        return new RoundTwo(readShare(map));
    }

    /** A stand-alone round-one body; CBOR errors are reported as {@code malformed}. */
    public static RoundOne decodeRoundOne(byte[] body) throws EcJpakeException {
        try {
            return readRoundOne(Cbor.decodeMap(body));
        } catch (WireException e) {
            throw new EcJpakeException(EcJpakeException.Reason.MALFORMED, e.getMessage());
        }
    }

    /** A stand-alone round-two body; CBOR errors are reported as {@code malformed}. */
    public static RoundTwo decodeRoundTwo(byte[] body) throws EcJpakeException {
        try {
            return readRoundTwo(Cbor.decodeMap(body));
        } catch (WireException e) {
            throw new EcJpakeException(EcJpakeException.Reason.MALFORMED, e.getMessage());
        }
    }

    private static CborMap share(KeyShare share) {
        return CborMap.builder()
                .put("X", share.publicKey())
                .put("V", share.proof().commitment())
                .put("r", share.proof().response())
                .build();
    }

    private static KeyShare readShare(CborMap map) throws WireException, EcJpakeException {
        map.onlyKeys("X", "V", "r");
        byte[] x = map.bytes("X", 1, 65);
        byte[] v = map.bytes("V", 1, 65);
        byte[] r = map.bytes("r", 1, 32);
        if (r[0] == 0) {
            // the confirmation transcript rebuilds the TLS framing from these bytes: only one encoding may exist
            throw new EcJpakeException(EcJpakeException.Reason.MALFORMED, "r is not in minimal length");
        }
        return KeyShare.of(x, v, r);
    }
}
