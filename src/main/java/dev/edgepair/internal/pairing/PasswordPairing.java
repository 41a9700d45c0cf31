package dev.edgepair.internal.pairing;

import dev.edgepair.internal.protocol.PairingProtocol;

import dev.edgepair.internal.protocol.KeyConfirmation;
import dev.edgepair.internal.protocol.DeviceSecretDerivation;
import dev.edgepair.internal.protocol.SecretDerivation;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.edgepair.endpoint.Call;
import java.util.List;
import java.util.Map;

import dev.edgepair.endpoint.AccessControl;
import dev.edgepair.endpoint.Endpoint;
import dev.edgepair.internal.endpoint.ConnectionCall;
import dev.edgepair.internal.endpoint.IamAccessControl;
import dev.edgepair.internal.endpoint.IamRefusals;
import dev.edgepair.pairing.PairingOptions;
import dev.edgepair.pairing.PairingWindow;
import dev.edgepair.endpoint.Refusal;
import dev.edgepair.endpoint.Reply;
import dev.edgepair.iam.Iam;
import dev.edgepair.iam.IamException;
import dev.edgepair.iam.IamState;
import dev.edgepair.iam.PakeSecret;
import dev.edgepair.iam.PairingToken;
import dev.edgepair.iam.User;
import dev.edgepair.identity.Fingerprint;
import dev.edgepair.internal.jpake.EcJpakeException;
import dev.edgepair.internal.jpake.Participant;
import dev.edgepair.internal.jpake.PakeRole;
import dev.edgepair.internal.jpake.RoundOne;
import dev.edgepair.internal.jpake.RoundTwo;
import dev.edgepair.internal.jpake.SharedSecret;
import dev.edgepair.internal.jpake.TlsFraming;
import dev.edgepair.internal.transport.ConnectionState;
import dev.edgepair.wire.CborMap;
import dev.edgepair.internal.protocol.JpakeCbor;
import dev.edgepair.wire.WireException;

/**
 * Password and token authentication over EC J-PAKE, bound to the DTLS session (spec/pairing.md, pairing protocol 2),
 * and the pairing modes built on it: password-open, password-invite and token. {@link #install} adds everything to a
 * device.
 *
 * <pre>
 * C→D POST /pake/1 {Username | TokenId, Round1}          D→C 2.01 {Round1, Round2}
 * C→D POST /pake/2 {Round2, Confirm, Pair?}              D→C 2.01 {Confirm, Username?, Role?}
 * </pre>
 */
public final class PasswordPairing {
    static final String WINDOW_CLOSED = "the pairing window is closed; open it on the device";
    /**
     * Pairing events (who paired, failed and throttled attempts) at INFO, on a logger name that stays put when classes
     * move: an application (and the {@code edgepair} command) turns them on by this name.
     */
    public static final String EVENTS_LOGGER = "dev.edgepair.pairing";
    private static final Logger LOG = LoggerFactory.getLogger(EVENTS_LOGGER);

    private final Iam iam;
    private final DeviceSecretDerivation secrets;
    private final Fingerprint deviceFingerprint;
    private final PairingOptions options;
    private final AccessControl access;
    private final LongSupplier nanos;
    private final Clock clock;
    private final Throttle throttle;
    private final PasswordWindow window;
    private final byte[] decoyKey = new byte[32];
    private final RateLimitedLog throttledLog;
    private final RateLimitedLog failureLog;
    private final SecureRandom random = new SecureRandom();

    PasswordPairing(Iam iam, DeviceSecretDerivation secrets, Fingerprint deviceFingerprint, PairingOptions options, LongSupplier nanos,
                    Clock clock) {
        this.iam = iam;
        this.secrets = secrets;
        this.deviceFingerprint = deviceFingerprint;
        this.options = options;
        this.nanos = nanos;
        this.clock = clock;
        this.throttle = new Throttle(options.deviceBurst(), options.deviceRefill(), options.sourceBurst(),
                options.sourceRefill(), nanos);
        this.access = new IamAccessControl(iam);
        this.window = new PasswordWindow(options.windowAfterStart(), options.maxFailures(), options.failureMemory(),
                nanos);
        random.nextBytes(decoyKey);
        this.throttledLog = new RateLimitedLog(LOG, nanos);
        this.failureLog = new RateLimitedLog(LOG, nanos);
    }

    /** An operator sees that someone is guessing, without a line per datagram: at most one line per 10 s (each). */
    private static final class RateLimitedLog {
        private static final long EVERY_NANOS = 10_000_000_000L;
        private final Logger log;
        private final LongSupplier nanos;
        private long last;
        private boolean logged;
        private int suppressed;

        RateLimitedLog(Logger log, LongSupplier nanos) {
            this.log = log;
            this.nanos = nanos;
        }

        synchronized void note(String what) {
            long now = nanos.getAsLong();
            if (logged && now - last < EVERY_NANOS) {
                suppressed++;
                return;
            }
            log.info("{}{}", what, suppressed > 0 ? " (" + suppressed + " more since the last line)" : "");
            last = now;
            logged = true;
            suppressed = 0;
        }
    }

    private PasswordOpenPairing openMode;
    private PasswordInvitePairing inviteMode;
    private TokenPairing tokenMode;

    /**
     * The J-PAKE endpoints and the password-open, password-invite and token pairing modes of a device.
     *
     * @param iam the device's IAM
     * @param secrets the device's secret derivation (product and device id)
     * @param deviceFingerprint the device's key, bound into the key confirmation
     * @param options guessing limits and timeouts
     * @param monotonicNanos a monotonic clock in nanoseconds (window, throttle, timeouts)
     * @param wallClock the wall clock (token expiry)
     * @return the pairing; install its {@link #endpoints()} and {@link #modes()}
     */
    public static PasswordPairing create(Iam iam, DeviceSecretDerivation secrets, Fingerprint deviceFingerprint,
            PairingOptions options, LongSupplier monotonicNanos, Clock wallClock) {
        PasswordPairing p = new PasswordPairing(iam, secrets, deviceFingerprint, options, monotonicNanos, wallClock);
        p.openMode = new PasswordOpenPairing(iam, p);
        p.inviteMode = new PasswordInvitePairing(iam, p);
        p.tokenMode = new TokenPairing(iam, p);
        return p;
    }

    /** @return {@code POST /pake/1} and {@code POST /pake/2} */
    public List<Endpoint<?>> endpoints() {
        return List.of(new Start(), new Finish());
    }

    /** @return the password-open, password-invite and token modes */
    public List<PairingMode> modes() {
        return List.of(openMode, inviteMode, tokenMode);
    }

    /** The window of password authentication (open and invite), e.g. to open it on a button press. */
    public PairingWindow window() {
        return window;
    }

    public DeviceSecretDerivation secrets() {
        return secrets;
    }

    long nowEpochSecond() {
        return clock.instant().getEpochSecond();
    }

    /**
     * Takes the connection's authentication for a mode (spec/pairing.md, "Authentication result"): taken (one use,
     * whatever follows), younger than the exchange timeout, of the mode's kind; a password needs the window open.
     */
    Authenticated takeAuthentication(Call call, AuthenticatedPairingMode mode) throws Refusal {
        Authenticated auth = ConnectionCall.context(call).state().take(Authenticated.class);
        if (auth == null) {
            throw Refusal.unauthorized("not password-authenticated on this connection");
        }
        if (nanos.getAsLong() - auth.atNanos() > options.exchangeTimeout().toNanos()) {
            throw Refusal.unauthorized("the password authentication expired; authenticate again");
        }
        if (!mode.accepts(auth)) {
            throw Refusal.unauthorized("not authenticated for " + mode.name() + " pairing");
        }
        if (auth.isOpenPassword() && !window.isOpen()) {
            throw Refusal.forbidden(WINDOW_CLOSED);
        }
        return auth;
    }

    /** Logs a pairing. */
    void paired(Call call, AuthenticatedPairingMode mode, User user) {
        LOG.info("paired {} ({}, {}, key {})", user.username(), mode.name(), call.isLocal() ? "local" : "remote",
                call.clientFingerprint().shortHex());
    }

    /** {@code Pair} in {@code /pake/2}: the mode's pipeline after the body, on the authentication just made. */
    private User pairAuthenticated(Call call, AuthenticatedPairingMode mode, PairRequest request) throws Refusal {
        AuthenticatedPairingMode.Attempt attempt = new AuthenticatedPairingMode.Attempt(request);
        return iam.atomically(() -> {
            mode.check(call, attempt, access);
            try {
                User user = mode.change(call, attempt);
                paired(call, mode, user);
                return user;
            } catch (IamException e) {
                throw IamRefusals.of(e);
            }
        });
    }

    /** The device's IAM: the modes' checks and pairings run as one step against its other changes. */
    Iam iam() {
        return iam;
    }

    private AuthenticatedPairingMode modeFor(Authenticated auth) {
        return auth.tokenId() != null ? tokenMode : auth.isOpenPassword() ? openMode : inviteMode;
    }

    /** {@code POST /pake/1}: reads the client's round one, answers the device's rounds one and two. */
    final class Start extends Endpoint<CborMap> {
        Start() {
            super(Method.POST, "pake/1", null); // the password is the access check
        }

        @Override
        protected CborMap read(Call call, Map<String, String> params) throws Refusal, WireException {
            return call.cbor().onlyKeys("Username", "TokenId", "Round1");
        }

        @Override
        protected Reply act(Call call, CborMap body) throws Refusal {
            try {
                return start(call, body);
            } catch (WireException e) {
                throw Refusal.badRequest(e.getMessage());
            }
        }

        private Reply start(Call call, CborMap body) throws Refusal, WireException {
            String principal;
            PakeSecret secret;
            IamState s = iam.state();
            if (body.has("Username") == body.has("TokenId")) {
                throw Refusal.badRequest("give exactly one of Username and TokenId");
            }
            if (body.has("Username")) {
                String username = body.text("Username", 64);
                if (!username.isEmpty() && !User.isValidUsername(username)) {
                    throw Refusal.badRequest("usernames are 1-64 of [a-z0-9_.-]");
                }
                principal = SecretDerivation.userPrincipal(username);
                if (username.isEmpty()) {
                    if (!s.passwordOpenPairing() || s.openPairingSecret() == null) {
                        throw Refusal.notFound("password-open pairing is disabled");
                    }
                    secret = s.openPairingSecret();
                    if (!window.isOpen()) {
                        throw Refusal.forbidden(WINDOW_CLOSED);
                    }
                } else {
                    if (!s.passwordInvitePairing()) {
                        throw Refusal.notFound("password-invite pairing is disabled");
                    }
                    secret = s.user(username).map(User::invitation).orElse(null); // lasts until used or revoked
                }
            } else {
                String id = body.text("TokenId", 8);
                if (!PairingToken.isValidId(id)) {
                    throw Refusal.badRequest("token ids are 8 lowercase hex characters");
                }
                principal = SecretDerivation.tokenPrincipal(id);
                secret = s.token(id).filter(t -> !t.expiredAt(nowEpochSecond())).map(PairingToken::secret)
                        .orElse(null);
            }
            // An unknown name, a missing invitation or token: the same work against a decoy secret, the same 4.01
            // at the end, so the answer says nothing about which names exist.
            PakeSecret used = secret != null ? secret : decoy(principal);
            RoundOne clientOne;
            try {
                clientOne = JpakeCbor.readRoundOne(body.map("Round1"));
            } catch (EcJpakeException e) {
                throw refusal(e);
            }
            InetAddress source = ConnectionCall.context(call).source();
            long wait = principal.startsWith(SecretDerivation.userPrincipal("")) ? window.secondsUntilSourceMayTry(source)
                    : 0;
            if (wait > 0) {
                throttledLog.note("password attempts refused from a source past its share of failures; latest "
                        + source);
                throw Refusal.tooManyRequests("too many failed passwords from your address; retry later", wait);
            }
            wait = throttle.tryAcquire(source);
            if (wait > 0) {
                throttledLog.note("throttled password attempts (4.29); latest from " + source);
                throw Refusal.tooManyRequests("too many password attempts; retry later", wait);
            }
            ConnectionState state = ConnectionCall.context(call).state();
            state.remove(Authenticated.class); // a new exchange resets any earlier result on this connection
            state.remove(PakeExchange.class);
            Participant device = SecretDerivation.participant(used, PakeRole.SERVER, PairingProtocol.DEVICE_PROVER_ID.getBytes(StandardCharsets.US_ASCII),
                    PairingProtocol.CLIENT_PROVER_ID.getBytes(StandardCharsets.US_ASCII), random);
            RoundOne deviceOne;
            RoundTwo deviceTwo;
            try {
                device.readRoundOne(clientOne);
                deviceOne = device.createRoundOne();
                deviceTwo = device.createRoundTwo();
            } catch (EcJpakeException e) {
                throw refusal(e); // a bad round-one proof tests no password: no window failure
            }
            state.put(PakeExchange.class, new PakeExchange(device, principal, used.digest(),
                    TlsFraming.encodeRoundOne(clientOne), TlsFraming.encodeRoundOne(deviceOne),
                    TlsFraming.encodeRoundTwo(deviceTwo, PakeRole.SERVER), nanos.getAsLong(), source));
            return Reply.created(CborMap.builder()
                    .put("Round1", JpakeCbor.roundOne(deviceOne))
                    .put("Round2", JpakeCbor.roundTwo(deviceTwo)).build());
        }
    }

    /**
     * {@code POST /pake/2}: reads the client's round two and MAC; on success marks the connection authenticated,
     * pairs if the body asks to, and answers the device's MAC.
     */
    final class Finish extends Endpoint<Void> {
        Finish() {
            super(Method.POST, "pake/2", null); // the password is the access check
        }

        /** The body is decoded after the exchange is taken: one try per exchange, whatever the body holds. */
        @Override
        protected Void read(Call call, Map<String, String> params) {
            return null;
        }

        @Override
        protected Reply act(Call call, Void none) throws Refusal {
            try {
                return finish(call);
            } catch (WireException e) {
                throw Refusal.badRequest(e.getMessage());
            }
        }

        private Reply finish(Call call) throws Refusal, WireException {
            ConnectionState state = ConnectionCall.context(call).state();
            PakeExchange ex = state.take(PakeExchange.class); // one try per exchange, whatever happens next
            if (ex == null) {
                throw Refusal.badRequest("no password authentication in progress on this connection");
            }
            KeyConfirmation confirmation;
            try {
                if (nanos.getAsLong() - ex.startedNanos > options.exchangeTimeout().toNanos()) {
                    throw Refusal.badRequest("the password authentication timed out; start again");
                }
                CborMap body = call.cbor().onlyKeys("Round2", "Confirm", "Pair");
                byte[] clientMac = body.bytes("Confirm", 32, 32);
                PairRequest pair = body.has("Pair") ? PairRequest.read(body.map("Pair")) : null;
                RoundTwo clientTwo = JpakeCbor.readRoundTwo(body.map("Round2"));
                ex.participant.readRoundTwo(clientTwo);
                SharedSecret shared = ex.participant.deriveSecret();
                byte[] pms = shared.premasterSecret();
                shared.destroy();
                confirmation = KeyConfirmation.derive(pms, new KeyConfirmation.Transcript(ex.principal,
                        call.clientFingerprint(), deviceFingerprint, ConnectionCall.context(call).exporter(), ex.clientRoundOne,
                        ex.deviceRoundOne, ex.deviceRoundTwo, TlsFraming.encodeRoundTwo(clientTwo, PakeRole.CLIENT)));
                java.util.Arrays.fill(pms, (byte) 0);
                try {
                    if (!confirmation.clientMacMatches(clientMac)) {
                        recordFailure(ex.principal, ex.source);
                        failureLog.note("password authentication failed for " + ex.principal + " from " + ex.source);
                        throw Refusal.unauthorized("password authentication failed");
                    }
                    throttle.release(ex.source);
                    Authenticated auth = new Authenticated(ex.principal, ex.secretDigest, nanos.getAsLong());
                    state.put(Authenticated.class, auth);
                    CborMap.Builder answer = CborMap.builder().put("Confirm", confirmation.deviceMac());
                    if (pair != null) {
                        User user = pairAuthenticated(call, modeFor(auth), pair);
                        answer.put("Username", user.username()).put("Role", user.role());
                    }
                    return Reply.created(answer.build());
                } finally {
                    confirmation.destroy();
                }
            } catch (EcJpakeException e) {
                throw refusal(e); // a bad round two tests no password either: only a wrong MAC does
            } finally {
                ex.close();
            }
        }
    }

    /**
     * A wrong MAC for a password (open or invitation, decoys included) is a guess: it counts against the window and
     * against its source's share. A token failure never does, nor does a malformed or unproven round (it tests no
     * password).
     */
    private void recordFailure(String principal, InetAddress source) {
        if (principal.startsWith(SecretDerivation.userPrincipal(""))) {
            window.recordFailure(source);
        }
    }

    private PakeSecret decoy(String principal) {
        return new PakeSecret(KeyConfirmation.hmac(decoyKey, principal.getBytes(StandardCharsets.UTF_8)));
    }

    static Refusal refusal(EcJpakeException e) {
        return e.reason() == EcJpakeException.Reason.PROOF_FAILED
                ? Refusal.unauthorized("J-PAKE proof failed (this device speaks pairing protocol " + PairingProtocol.VERSION
                        + ": prover ids \"client\" and \"server\")")
                : Refusal.badRequest("bad J-PAKE message: " + e.reason().code());
    }
}
