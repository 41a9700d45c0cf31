package dev.edgepair.pairing;

import java.util.Map;

import org.eclipse.californium.core.coap.CoAP.ResponseCode;

import dev.edgepair.device.Call;
import dev.edgepair.device.PostPairingMode;
import dev.edgepair.device.Refusal;
import dev.edgepair.device.Reply;
import dev.edgepair.iam.Iam;
import dev.edgepair.iam.IamException;
import dev.edgepair.wire.WireException;

/**
 * Password-invite pairing: {@code POST /iam/pairing/password-invite {FingerprintName?}} on a connection that
 * authenticated as an invited user. Gives that user this key and consumes the invitation (it works once).
 * 4.01 not authenticated so (or the invitation was used meanwhile); 4.04 switched off; {@code IAM:PairingPasswordInvite}.
 */
final class PasswordInvitePairing extends PostPairingMode {
    static final String NAME = "PasswordInvite";
    private final Iam iam;

    PasswordInvitePairing(Iam iam) {
        super(NAME, "iam/pairing/password-invite");
        this.iam = iam;
    }

    @Override
    public boolean availableOn(Call call) {
        return iam.state().passwordInvitePairing();
    }

    @Override
    protected Reply pair(Call call) throws Refusal, WireException {
        String name = call.cborOrEmpty().onlyKeys("FingerprintName")
                .optionalText("FingerprintName", 64).orElse("");
        if (!iam.state().passwordInvitePairing()) {
            throw Refusal.notFound("password-invite pairing is disabled");
        }
        Authenticated auth = PasswordPairing.authenticated(call);
        String user = auth.invitedUser();
        if (user == null) {
            throw Refusal.unauthorized("not authenticated as an invited user");
        }
        iam.check(call, "IAM:PairingPasswordInvite", Map.of("IAM:Username", user));
        try {
            iam.pairInvited(user, auth.secretDigest(), call.clientFingerprint(), name);
        } catch (IamException e) {
            throw e.toRefusal();
        }
        call.context().state().remove(Authenticated.class);
        return Reply.empty(ResponseCode.CREATED);
    }
}
