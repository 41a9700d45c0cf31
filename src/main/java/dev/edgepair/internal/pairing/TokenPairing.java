package dev.edgepair.internal.pairing;

import java.util.Map;

import dev.edgepair.endpoint.Call;
import dev.edgepair.endpoint.Refusal;
import dev.edgepair.iam.Iam;
import dev.edgepair.iam.IamException;
import dev.edgepair.iam.PairingToken;
import dev.edgepair.iam.User;

/**
 * Token pairing: {@code POST /iam/pairing/token {FingerprintName?}} (or {@code Pair} in {@code /pake/2}) on a
 * connection that authenticated with a pairing token, local or remote. Pairs the token's user with its role and
 * deletes the token. 4.01 not authenticated with a token, or the token was used, revoked or expired meanwhile, or
 * its user's role changed; {@code IAM:PairingToken}.
 */
final class TokenPairing extends AuthenticatedPairingMode {
    static final String NAME = "Token";
    private final Iam iam;

    TokenPairing(Iam iam, PasswordPairing pairing) {
        super(NAME, "iam/pairing/token", "IAM:PairingToken", pairing);
        this.iam = iam;
    }

    @Override
    protected boolean switchedOn() {
        return true;
    }

    @Override
    public boolean availableOn(Call call) {
        return !iam.state().tokens().isEmpty();
    }

    @Override
    boolean accepts(Authenticated auth) {
        return auth.tokenId() != null;
    }

    @Override
    Map<String, String> attributes(Attempt attempt) throws Refusal {
        String user = iam.state().token(attempt.auth.tokenId()).map(PairingToken::username).orElse(null);
        if (user != null) {
            requireSameUser(attempt.request, user);
        }
        return Map.of();
    }

    @Override
    User change(Call call, Attempt attempt) throws IamException {
        return iam.pairWithToken(attempt.auth.tokenId(), attempt.auth.secretDigest(), call.clientFingerprint(),
                attempt.request.fingerprintName(), pairing.nowEpochSecond());
    }
}
