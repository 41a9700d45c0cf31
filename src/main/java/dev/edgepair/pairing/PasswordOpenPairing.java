package dev.edgepair.pairing;

import dev.edgepair.device.Call;
import dev.edgepair.device.PostPairingMode;
import dev.edgepair.device.Refusal;
import dev.edgepair.device.Reply;
import dev.edgepair.iam.Iam;
import dev.edgepair.wire.CborMap;
import dev.edgepair.wire.WireException;

/**
 * Password-open pairing: {@code POST /iam/pairing/password-open {Username, FingerprintName?}} on a connection that
 * authenticated with the open-pairing password (username ""), local or remote. Creates a user with the open-pairing
 * role. 4.01 not authenticated so; 4.04 switched off; 4.09 taken; {@code IAM:PairingPasswordOpen}.
 */
final class PasswordOpenPairing extends PostPairingMode {
    static final String NAME = "PasswordOpen";
    private final Iam iam;

    PasswordOpenPairing(Iam iam) {
        super(NAME, "iam/pairing/password-open");
        this.iam = iam;
    }

    @Override
    public boolean availableOn(Call call) {
        return iam.state().passwordOpenPairing() && iam.state().openPairingSecret() != null;
    }

    @Override
    protected Reply pair(Call call) throws Refusal, WireException {
        CborMap body = call.cbor().onlyKeys("Username", "FingerprintName");
        if (!iam.state().passwordOpenPairing()) {
            throw Refusal.notFound("password-open pairing is disabled");
        }
        if (!PasswordPairing.authenticated(call).isOpenPassword()) {
            throw Refusal.unauthorized("not authenticated with the open-pairing password");
        }
        iam.check(call, "IAM:PairingPasswordOpen");
        return iam.pairCaller(call, body);
    }
}
