package dev.edgepair.internal.jpake;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;

import org.bouncycastle.math.ec.ECPoint;

import dev.edgepair.internal.jpake.EcJpakeException.Reason;
import dev.edgepair.internal.jpake.ScalarSource.Purpose;

/**
 * One party of an RFC 8236 EC J-PAKE exchange on P-256, byte-compatible with Mbed TLS (Thread commissioning).
 *
 * <p>Steps: {@link #createRoundOne()}, {@link #readRoundOne(RoundOne)}, {@link #createRoundTwo()},
 * {@link #readRoundTwo(RoundTwo)}, {@link #deriveSecret()}. Each runs once. Round one may be created and read in
 * either order (a server reads the client's round one first); both round-two steps need both round-one steps, and
 * the secret needs both round-two steps. A step out of order throws {@link IllegalStateException} and changes
 * nothing. A rejected received value throws {@link EcJpakeException} and changes nothing.
 *
 * <p>Not thread-safe: one exchange, one thread at a time.
 */
public final class Participant {
    /** Prover ids used by Thread / Mbed TLS. */
    public static final String CLIENT_ID = "client";
    public static final String SERVER_ID = "server";
    /** Weights of the batched proof check: fresh randomness the peer cannot predict, shared by all exchanges. */
    private static final SecureRandom VERIFIER_RANDOM = new SecureRandom();

    private final PakeRole role;
    private final byte[] ownId;
    private final byte[] peerId;
    private final ScalarSource scalars;
    private BigInteger s;

    private BigInteger x1;
    private BigInteger x2;
    private ECPoint ownX1;
    private ECPoint ownX2;
    private ECPoint peerX1;
    private ECPoint peerX2;
    private ECPoint peerA;

    private boolean createdOne;
    private boolean readOne;
    private boolean createdTwo;
    private boolean readTwo;
    private boolean derived;

    Participant(PakeRole role, byte[] password, byte[] ownId, byte[] peerId, ScalarSource scalars) {
        this.role = java.util.Objects.requireNonNull(role, "role");
        java.util.Objects.requireNonNull(password, "password");
        this.ownId = ownId.clone();
        this.peerId = peerId.clone();
        if (ownId.length == 0 || peerId.length == 0) {
            throw new IllegalArgumentException("prover ids must not be empty");
        }
        if (MessageDigest.isEqual(ownId, peerId)) {
            throw new IllegalArgumentException("own and peer prover ids must differ");
        }
        this.s = passwordScalar(password);
        this.scalars = scalars;
    }

    /** A participant with the Thread prover ids ("client", "server") for its role. */
    public static Participant create(PakeRole role, byte[] password, SecureRandom random) {
        byte[] client = CLIENT_ID.getBytes(StandardCharsets.US_ASCII);
        byte[] server = SERVER_ID.getBytes(StandardCharsets.US_ASCII);
        return role == PakeRole.CLIENT
                ? create(role, password, client, server, random)
                : create(role, password, server, client, random);
    }

    /**
     * A participant with explicit prover ids. The password bytes are read as an unsigned big-endian integer
     * mod n; a password that reduces to 0 is refused. The caller may wipe its array afterwards.
     */
    public static Participant create(PakeRole role, byte[] password, byte[] ownId, byte[] peerId, SecureRandom random) {
        return new Participant(role, password, ownId, peerId, ScalarSource.random(random));
    }

    static BigInteger passwordScalar(byte[] password) {
        BigInteger value = new BigInteger(1, password).mod(P256.N);
        if (value.signum() == 0) {
            throw new IllegalArgumentException("password reduces to 0 mod n");
        }
        return value;
    }

    public PakeRole role() {
        return role;
    }

    public RoundOne createRoundOne() {
        require(!createdOne, "round one was already created");
        require(!derived, "exchange is finished");
        BigInteger a = scalars.next(Purpose.X1);
        BigInteger b = scalars.next(Purpose.X2);
        BigInteger va = scalars.next(Purpose.NONCE_X1);
        BigInteger vb = scalars.next(Purpose.NONCE_X2);
        // X1, X2 and both commitments in one batch: four fixed-base multiplications, one inversion.
        ECPoint[] points = P256.multiplyG(a, b, va, vb);
        ECPoint pa = points[0];
        ECPoint pb = points[1];
        KeyShare first = new KeyShare(pa, SchnorrProof.create(P256.G, a, pa, va, points[2], ownId));
        KeyShare second = new KeyShare(pb, SchnorrProof.create(P256.G, b, pb, vb, points[3], ownId));
        x1 = a;
        x2 = b;
        ownX1 = pa;
        ownX2 = pb;
        createdOne = true;
        return new RoundOne(first, second);
    }

    public void readRoundOne(RoundOne peer) throws EcJpakeException {
        require(!derived, "exchange is finished");
        require(!readOne, "peer round one was already read");
        checkRoundOne(peer);
        peerX1 = peer.first().x();
        peerX2 = peer.second().x();
        readOne = true;
    }

    /**
     * Reads the peer's round one in TLS framing with Mbed TLS's reasons: Mbed TLS checks each key share's proof right
     * after reading that share, so a message whose first proof is false is {@code proof-failed} even when a later
     * byte is malformed (spec/jpake.md, "Which reason"). The fast path parses everything and checks both proofs in a
     * batch; only a rejected message is looked at again in that order.
     *
     * @param message the round-one message in TLS framing
     * @throws EcJpakeException with the reason Mbed TLS would give; nothing changes
     */
    public void readRoundOne(byte[] message) throws EcJpakeException {
        RoundOne peer;
        try {
            peer = TlsFraming.decodeRoundOne(message);
        } catch (EcJpakeException e) {
            KeyShare first = TlsFraming.decodeFirstShare(message);
            if (first != null && !first.proof().verifies(P256.G, first.x(), peerId)) {
                throw new EcJpakeException(Reason.PROOF_FAILED, "proof for the peer's X1 does not verify");
            }
            throw e;
        }
        readRoundOne(peer);
    }

    /**
     * Reads the peer's round one and round two when they arrive together, as the server's flight does in Thread /
     * TLS and the device's answer to {@code /pake/1} does in EdgePair: needs our own round one. Accepts and rejects
     * exactly what {@link #readRoundOne} followed by {@link #readRoundTwo} would, with the same reasons, but checks
     * the three proofs in one batch. A rejection changes nothing.
     */
    public void readRounds(RoundOne peerOne, RoundTwo peerTwo) throws EcJpakeException {
        require(!derived, "exchange is finished");
        require(!readOne, "peer round one was already read");
        require(createdOne, "reading round two needs our own round one");
        ECPoint generator = peerGenerator(peerOne.first().x());
        java.util.List<SchnorrProof.Claim> claims = new java.util.ArrayList<>(roundOneClaims(peerOne));
        if (!generator.isInfinity()) {
            claims.add(new SchnorrProof.Claim(generator, peerTwo.share().x(), peerTwo.share().proof()));
        }
        if (generator.isInfinity() || !SchnorrProof.allVerify(claims, peerId, VERIFIER_RANDOM)) {
            // The single checks, in the order of the two single reads, name the first failure.
            checkRoundOne(peerOne);
            checkRoundTwo(generator, peerTwo);
        }
        peerX1 = peerOne.first().x();
        peerX2 = peerOne.second().x();
        peerA = peerTwo.share().x();
        readOne = true;
        readTwo = true;
    }

    /** Both round-one proofs on base G, batched; a failure names which proof is bad. */
    private void checkRoundOne(RoundOne peer) throws EcJpakeException {
        if (!SchnorrProof.allVerify(roundOneClaims(peer), peerId, VERIFIER_RANDOM)) {
            String which = peer.first().proof().verifies(P256.G, peer.first().x(), peerId) ? "X2" : "X1";
            throw new EcJpakeException(Reason.PROOF_FAILED, "proof for the peer's " + which + " does not verify");
        }
    }

    private static java.util.List<SchnorrProof.Claim> roundOneClaims(RoundOne peer) {
        return java.util.List.of(
                new SchnorrProof.Claim(P256.G, peer.first().x(), peer.first().proof()),
                new SchnorrProof.Claim(P256.G, peer.second().x(), peer.second().proof()));
    }

    /** The peer's round-two base GB = X3 + X1 + X2 (peer X3, own X1, X2), normalized; may be infinity. */
    private ECPoint peerGenerator(ECPoint peerFirst) {
        return peerFirst.add(ownX1).add(ownX2).normalize();
    }

    /** The peer's round-two proof on base {@code generator}, which must not be infinity. */
    private void checkRoundTwo(ECPoint generator, RoundTwo peer) throws EcJpakeException {
        if (generator.isInfinity()) {
            throw new EcJpakeException(Reason.INVALID_POINT, "peer round-two generator X1+X2+X3 is infinity");
        }
        if (!peer.share().proof().verifies(generator, peer.share().x(), peerId)) {
            throw new EcJpakeException(Reason.PROOF_FAILED, "proof for the peer's round-two key does not verify");
        }
    }

    public RoundTwo createRoundTwo() throws EcJpakeException {
        require(!derived, "exchange is finished");
        require(createdOne && readOne, "round two needs both round-one messages");
        require(!createdTwo, "round two was already created");
        ECPoint generator = ownX1.add(peerX1).add(peerX2).normalize();
        if (generator.isInfinity()) {
            throw new EcJpakeException(Reason.INVALID_POINT, "round-two generator X1+X3+X4 is infinity");
        }
        BigInteger secret = x2.multiply(s).mod(P256.N);
        BigInteger nonce = scalars.next(Purpose.NONCE_ROUND_TWO);
        // A and the commitment share one comb table for the generator and one inversion.
        ECPoint[] points = P256.multiplyFixedBase(generator, secret, nonce);
        ECPoint a = points[0];
        SchnorrProof proof = SchnorrProof.create(generator, secret, a, nonce, points[1], ownId);
        createdTwo = true;
        return new RoundTwo(new KeyShare(a, proof));
    }

    public void readRoundTwo(RoundTwo peer) throws EcJpakeException {
        require(!derived, "exchange is finished");
        require(createdOne && readOne, "reading round two needs both round-one messages");
        require(!readTwo, "peer round two was already read");
        checkRoundTwo(peerGenerator(peerX1), peer);
        peerA = peer.share().x();
        readTwo = true;
    }

    /**
     * K = x2 * (A' - (x2*s) * X4') and PMS = SHA-256(x(K)). The participant forgets its scalars afterwards.
     */
    public SharedSecret deriveSecret() throws EcJpakeException {
        require(createdTwo && readTwo, "the secret needs both round-two messages");
        require(!derived, "the secret was already derived");
        BigInteger minusX2SquaredS = P256.N.subtract(x2.multiply(x2).mod(P256.N).multiply(s).mod(P256.N));
        ECPoint k = P256.sumOfTwoMultipliesSecret(peerA, x2, peerX2, minusX2SquaredS);
        if (k.isInfinity()) {
            throw new EcJpakeException(Reason.INVALID_POINT, "shared point K is infinity");
        }
        byte[] x = k.getAffineXCoord().getEncoded();
        MessageDigest sha256 = SchnorrProof.sha256();
        byte[] pms = sha256.digest(x);
        Arrays.fill(x, (byte) 0);
        derived = true;
        forgetSecrets();
        return new SharedSecret(pms, k.getEncoded(false));
    }

    /** Drops the scalars early, for an exchange that is abandoned. Java cannot wipe a BigInteger in place. */
    public void forgetSecrets() {
        x1 = null;
        x2 = null;
        s = null;
        derived = true;
    }

    /** Known-answer seam: accept the peer's round-one keys without proofs (see {@link KnownAnswer}). */
    void installPeerRoundOne(ECPoint first, ECPoint second) {
        require(!readOne, "peer round one was already read");
        peerX1 = first;
        peerX2 = second;
        readOne = true;
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }

    @Override
    public String toString() {
        return "Participant[" + role + ", " + new String(ownId, StandardCharsets.US_ASCII) + "]";
    }
}
