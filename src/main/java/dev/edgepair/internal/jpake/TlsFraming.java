package dev.edgepair.internal.jpake;

import java.io.ByteArrayOutputStream;

import dev.edgepair.internal.jpake.EcJpakeException.Reason;

/**
 * The TLS / Thread framing of the J-PAKE messages (draft-cragie-tls-ecjpake, as Mbed TLS writes them):
 * ECPoint = u8 len || SEC1 point; KKP = ECPoint X || ECPoint V || u8 len(r) || r; round one = KKP || KKP;
 * the server's round two = ECParameters (03 00 17, named curve secp256r1) || KKP; the client's = KKP.
 */
public final class TlsFraming {
    private static final int NAMED_CURVE = 3;
    private static final int SECP256R1 = 23;

    private TlsFraming() {
    }

    public static byte[] encodeRoundOne(RoundOne round) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(2 * 165);
        writeShare(out, round.first());
        writeShare(out, round.second());
        return out.toByteArray();
    }

    public static byte[] encodeRoundTwo(RoundTwo round, PakeRole sender) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(170);
        if (sender == PakeRole.SERVER) {
            out.write(NAMED_CURVE);
            out.write(0);
            out.write(SECP256R1);
        }
        writeShare(out, round.share());
        return out.toByteArray();
    }

    public static RoundOne decodeRoundOne(byte[] message) throws EcJpakeException {
        Cursor in = new Cursor(message);
        KeyShare first = readShare(in);
        KeyShare second = readShare(in);
        in.end();
        return new RoundOne(first, second);
    }

    /**
     * The first key share of a round-one message when it parses on its own, else null: what Mbed TLS has read (and
     * checked the proof of) before it reaches a fault further on.
     */
    static KeyShare decodeFirstShare(byte[] message) {
        try {
            return readShare(new Cursor(message));
        } catch (EcJpakeException e) {
            return null;
        }
    }

    public static RoundTwo decodeRoundTwo(byte[] message, PakeRole sender) throws EcJpakeException {
        Cursor in = new Cursor(message);
        if (sender == PakeRole.SERVER) {
            int curveType = in.u8("ECParameters curve type");
            if (curveType != NAMED_CURVE) {
                // Mbed TLS answers BAD_INPUT_DATA here, not FEATURE_UNAVAILABLE
                throw new EcJpakeException(Reason.MALFORMED, "curve type " + curveType + " is not named_curve");
            }
            int curve = (in.u8("named curve") << 8) | in.u8("named curve");
            if (curve != SECP256R1) {
                throw new EcJpakeException(Reason.UNSUPPORTED, "named curve " + curve + " is not secp256r1");
            }
        }
        KeyShare share = readShare(in);
        in.end();
        return new RoundTwo(share);
    }

    private static void writeShare(ByteArrayOutputStream out, KeyShare share) {
        writeVector(out, share.publicKey());
        writeVector(out, share.proof().commitment());
        writeVector(out, share.proof().response());
    }

    private static void writeVector(ByteArrayOutputStream out, byte[] value) {
        out.write(value.length);
        out.write(value, 0, value.length);
    }

    private static KeyShare readShare(Cursor in) throws EcJpakeException {
        org.bouncycastle.math.ec.ECPoint x = P256.decode(in.vector("X"), "X");
        org.bouncycastle.math.ec.ECPoint v = P256.decode(in.vector("V"), "V");
        byte[] r = in.vector("r");
        if (r.length == 0) {
            throw new EcJpakeException(Reason.MALFORMED, "r is empty");
        }
        return new KeyShare(x, new SchnorrProof(v, P256.decodeScalar(r, "r")));
    }

    /** Reads a TLS message front to back; every overrun is MALFORMED. */
    private static final class Cursor {
        private final byte[] data;
        private int pos;

        Cursor(byte[] data) {
            this.data = data;
        }

        int u8(String what) throws EcJpakeException {
            if (pos >= data.length) {
                throw new EcJpakeException(Reason.MALFORMED, "truncated before " + what);
            }
            return data[pos++] & 0xff;
        }

        byte[] vector(String what) throws EcJpakeException {
            int len = u8("length of " + what);
            if (data.length - pos < len) {
                throw new EcJpakeException(Reason.MALFORMED, "truncated inside " + what);
            }
            byte[] out = java.util.Arrays.copyOfRange(data, pos, pos + len);
            pos += len;
            return out;
        }

        void end() throws EcJpakeException {
            if (pos != data.length) {
                throw new EcJpakeException(Reason.MALFORMED, (data.length - pos) + " trailing bytes");
            }
        }
    }
}
