package dev.edgepair.internal.pairing;

import java.net.InetAddress;

import dev.edgepair.internal.jpake.Participant;

/** A connection attribute: the device's half of a password authentication between its two requests. */
final class PakeExchange implements AutoCloseable {
    final Participant participant;
    final String principal;
    final byte[] secretDigest;
    final byte[] clientRoundOne;
    final byte[] deviceRoundOne;
    final byte[] deviceRoundTwo;
    final long startedNanos;
    final InetAddress source;

    PakeExchange(Participant participant, String principal, byte[] secretDigest, byte[] clientRoundOne,
                 byte[] deviceRoundOne, byte[] deviceRoundTwo, long startedNanos, InetAddress source) {
        this.participant = participant;
        this.principal = principal;
        this.secretDigest = secretDigest;
        this.clientRoundOne = clientRoundOne;
        this.deviceRoundOne = deviceRoundOne;
        this.deviceRoundTwo = deviceRoundTwo;
        this.startedNanos = startedNanos;
        this.source = source;
    }

    /** Dropped with its connection or replaced: the scalars go. */
    @Override
    public void close() {
        participant.forgetSecrets();
    }

    @Override
    public String toString() {
        return "PakeExchange[" + principal + "]";
    }
}
