package dev.edgepair.internal.pairing;

import java.util.Map;

import dev.edgepair.endpoint.Call;
import dev.edgepair.endpoint.Refusal;
import dev.edgepair.iam.Iam;
import dev.edgepair.iam.IamException;
import dev.edgepair.iam.User;

/**
 * Password-invite pairing: {@code POST /iam/pairing/password-invite {FingerprintName?}} (or {@code Pair} in
 * {@code /pake/2}) on a connection that authenticated as an invited user. Gives that user this key and consumes the
 * invitation (it works once). 4.01 not authenticated so (or the invitation was used or changed meanwhile); 4.04
 * switched off; {@code IAM:PairingPasswordInvite}.
 */
final class PasswordInvitePairing extends AuthenticatedPairingMode {
    static final String NAME = "PasswordInvite";
    private final Iam iam;

    PasswordInvitePairing(Iam iam, PasswordPairing pairing) {
        super(NAME, "iam/pairing/password-invite", pairing);
        this.iam = iam;
    }

    @Override
    boolean switchedOn() {
        return iam.state().passwordInvitePairing();
    }

    @Override
    boolean accepts(Authenticated auth) {
        return auth.invitedUser() != null;
    }

    @Override
    User pair(Call call, Authenticated auth, PairRequest request) throws Refusal, IamException {
        String user = auth.invitedUser();
        requireSameUser(request, user);
        iam.check(call, "IAM:PairingPasswordInvite", Map.of("IAM:Username", user));
        return iam.pairInvited(user, auth.secretDigest(), call.clientFingerprint(), request.fingerprintName());
    }
}
