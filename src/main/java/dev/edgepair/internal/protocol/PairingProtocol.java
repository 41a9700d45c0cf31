package dev.edgepair.internal.protocol;

/** Constants of the pairing protocol that device and client share (spec/pairing.md). */
public final class PairingProtocol {
    /** The pairing protocol version a device announces in {@code GET /iam/pairing} ({@code PakeVersion}). */
    public static final int VERSION = 2;
    /** The J-PAKE prover id of the DTLS client: Mbed TLS's, which stock Mbed TLS builds hard-code. */
    public static final String CLIENT_PROVER_ID = "client";
    /** The J-PAKE prover id of the device (the DTLS server): Mbed TLS's. */
    public static final String DEVICE_PROVER_ID = "server";

    private PairingProtocol() {
    }
}
