package dev.edgepair.pairing;

import org.eclipse.californium.core.coap.CoAP.ResponseCode;

import dev.edgepair.device.Call;
import dev.edgepair.device.PostPairingMode;
import dev.edgepair.device.Refusal;
import dev.edgepair.device.Reply;
import dev.edgepair.iam.Iam;
import dev.edgepair.iam.IamException;
import dev.edgepair.wire.WireException;

/**
 * Token pairing: {@code POST /iam/pairing/token {FingerprintName?}} on a connection that authenticated with a pairing
 * token, local or remote. Pairs the token's user with its role and deletes the token. 4.01 not authenticated with a
 * token, or the token was used, revoked or expired meanwhile; {@code IAM:PairingToken}.
 */
final class TokenPairing extends PostPairingMode {
    static final String NAME = "Token";
    private final Iam iam;
    private final PasswordPairing pairing;

    TokenPairing(Iam iam, PasswordPairing pairing) {
        super(NAME, "iam/pairing/token");
        this.iam = iam;
        this.pairing = pairing;
    }

    @Override
    public boolean availableOn(Call call) {
        return !iam.state().tokens().isEmpty();
    }

    @Override
    protected Reply pair(Call call) throws Refusal, WireException {
        String name = call.cborOrEmpty().onlyKeys("FingerprintName")
                .optionalText("FingerprintName", 64).orElse("");
        Authenticated auth = PasswordPairing.authenticated(call);
        if (auth.tokenId() == null) {
            throw Refusal.unauthorized("not authenticated with a pairing token");
        }
        iam.check(call, "IAM:PairingToken");
        try {
            iam.pairWithToken(auth.tokenId(), auth.secretDigest(), call.clientFingerprint(), name,
                    pairing.nowEpochSecond());
        } catch (IamException e) {
            throw e.toRefusal();
        }
        call.context().state().remove(Authenticated.class);
        return Reply.empty(ResponseCode.CREATED);
    }
}
