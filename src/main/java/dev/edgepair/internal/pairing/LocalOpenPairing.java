package dev.edgepair.internal.pairing;

import dev.edgepair.endpoint.Call;
import dev.edgepair.endpoint.Refusal;
import dev.edgepair.endpoint.Reply;
import dev.edgepair.iam.Iam;
import dev.edgepair.iam.IamException;
import dev.edgepair.wire.WireException;

/**
 * Local-open pairing: {@code POST /iam/pairing/local-open {Username, FingerprintName?}} creates a user with the
 * open-pairing role and this client's key. Local only (4.03), switched on (4.04), {@code IAM:PairingLocalOpen};
 * 2.01 (also again for the same user and key), 4.09 for a taken username or a key paired to another user.
 */
public final class LocalOpenPairing extends PostPairingMode<PairRequest> {
    /** The mode's name in {@code GET /iam/pairing}. */
    public static final String NAME = "LocalOpen";
    private final Iam iam;

    /** @param iam the device's IAM */
    public LocalOpenPairing(Iam iam) {
        super(NAME, "iam/pairing/local-open", "IAM:PairingLocalOpen", true, iam);
        this.iam = iam;
    }

    @Override
    protected boolean switchedOn() {
        return iam.state().localOpenPairing();
    }

    @Override
    protected PairRequest read(Call call) throws Refusal, WireException {
        return PairRequest.readWithUsername(call.cbor());
    }

    @Override
    protected Reply pair(Call call, PairRequest request) throws IamException {
        iam.pairNewUser(request.username(), call.clientFingerprint(), request.fingerprintName());
        return Reply.created();
    }
}
