package dev.edgepair.internal.pairing;

import java.util.Map;

import dev.edgepair.endpoint.Call;
import dev.edgepair.endpoint.Refusal;
import dev.edgepair.iam.Iam;
import dev.edgepair.iam.IamException;
import dev.edgepair.iam.User;

/**
 * Password-invite pairing: {@code POST /iam/pairing/password-invite {Username?, FingerprintName?}} (or {@code Pair}
 * in {@code /pake/2}) on a connection that authenticated with a user's invitation password, local or remote. Adds
 * the key to that user and uses the invitation up, provided it is still the one authenticated with. 4.01 not
 * authenticated so; 4.04 switched off; {@code IAM:PairingPasswordInvite} with {@code IAM:Username}.
 */
final class PasswordInvitePairing extends AuthenticatedPairingMode {
    static final String NAME = "PasswordInvite";
    private final Iam iam;

    PasswordInvitePairing(Iam iam, PasswordPairing pairing) {
        super(NAME, "iam/pairing/password-invite", "IAM:PairingPasswordInvite", pairing);
        this.iam = iam;
    }

    @Override
    protected boolean switchedOn() {
        return iam.state().passwordInvitePairing();
    }

    @Override
    boolean accepts(Authenticated auth) {
        return auth.invitedUser() != null;
    }

    @Override
    Map<String, String> attributes(Attempt attempt) throws Refusal {
        requireSameUser(attempt.request, attempt.auth.invitedUser());
        return Map.of("IAM:Username", attempt.auth.invitedUser());
    }

    @Override
    User change(Call call, Attempt attempt) throws IamException {
        return iam.pairInvited(attempt.auth.invitedUser(), attempt.auth.secretDigest(), call.clientFingerprint(),
                attempt.request.fingerprintName());
    }
}
