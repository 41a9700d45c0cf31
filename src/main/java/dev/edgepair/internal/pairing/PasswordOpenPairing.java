package dev.edgepair.internal.pairing;

import java.util.Map;

import dev.edgepair.endpoint.Call;
import dev.edgepair.endpoint.Refusal;
import dev.edgepair.iam.Iam;
import dev.edgepair.iam.IamException;
import dev.edgepair.iam.User;

/**
 * Password-open pairing: {@code POST /iam/pairing/password-open {Username, FingerprintName?}} (or {@code Pair} in
 * {@code /pake/2}) on a connection that authenticated with the open-pairing password (username ""), local or remote.
 * Creates a user with the open-pairing role, provided the open password is still the one authenticated with.
 * 4.01 not authenticated so; 4.04 switched off; 4.09 taken; {@code IAM:PairingPasswordOpen}.
 */
final class PasswordOpenPairing extends AuthenticatedPairingMode {
    static final String NAME = "PasswordOpen";
    private final Iam iam;

    PasswordOpenPairing(Iam iam, PasswordPairing pairing) {
        super(NAME, "iam/pairing/password-open", "IAM:PairingPasswordOpen", pairing);
        this.iam = iam;
    }

    @Override
    protected boolean switchedOn() {
        return iam.state().passwordOpenPairing() && iam.state().openPairingSecret() != null;
    }

    @Override
    boolean accepts(Authenticated auth) {
        return auth.isOpenPassword();
    }

    @Override
    Map<String, String> attributes(Attempt attempt) throws Refusal {
        if (attempt.request.username() == null) {
            throw Refusal.badRequest("missing field Username");
        }
        return Map.of();
    }

    @Override
    User change(Call call, Attempt attempt) throws IamException {
        return iam.pairWithOpenPassword(attempt.auth.secretDigest(), attempt.request.username(),
                call.clientFingerprint(), attempt.request.fingerprintName());
    }
}
