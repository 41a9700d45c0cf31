package dev.edgepair.internal.pairing;

import dev.edgepair.endpoint.Call;
import dev.edgepair.endpoint.Refusal;
import dev.edgepair.endpoint.Reply;
import dev.edgepair.iam.Iam;
import dev.edgepair.wire.CborMap;
import dev.edgepair.wire.WireException;

/**
 * Local-open pairing: {@code POST /iam/pairing/local-open {Username, FingerprintName?}} creates a user with the
 * open-pairing role and this client's key. Local only (4.03), switched on (4.04), {@code IAM:PairingLocalOpen};
 * 2.01 (also again for the same user and key), 4.09 for a taken username or a key paired to another user.
 */
public final class LocalOpenPairing extends PostPairingMode {
    public static final String NAME = "LocalOpen";
    private final Iam iam;

    public LocalOpenPairing(Iam iam) {
        super(NAME, "iam/pairing/local-open");
        this.iam = iam;
    }

    @Override
    public boolean availableOn(Call call) {
        return call.isLocal() && iam.state().localOpenPairing();
    }

    @Override
    protected Reply pair(Call call) throws Refusal, WireException {
        call.requireLocal();
        if (!iam.state().localOpenPairing()) {
            throw Refusal.notFound("local-open pairing is disabled");
        }
        iam.check(call, "IAM:PairingLocalOpen");
        CborMap body = call.cbor().onlyKeys("Username", "FingerprintName");
        return iam.pairCaller(call, body);
    }
}
