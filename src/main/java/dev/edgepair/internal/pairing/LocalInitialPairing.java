package dev.edgepair.internal.pairing;

import dev.edgepair.endpoint.Call;
import dev.edgepair.endpoint.Refusal;
import dev.edgepair.endpoint.Reply;
import dev.edgepair.iam.Iam;
import dev.edgepair.iam.IamException;
import dev.edgepair.wire.WireException;

/**
 * Local-initial pairing: {@code POST /iam/pairing/local-initial {FingerprintName?}} gives the pre-created initial
 * user (usually {@code admin}) this client's key. Local only (4.03), switched on (4.04), {@code IAM:PairingLocalInitial};
 * 2.01 (also again for the same key), 4.09 once the initial user has another key or any administrator has paired.
 */
public final class LocalInitialPairing extends PostPairingMode<String> {
    /** The mode's name in {@code GET /iam/pairing}. */
    public static final String NAME = "LocalInitial";
    private final Iam iam;

    /** @param iam the device's IAM */
    public LocalInitialPairing(Iam iam) {
        super(NAME, "iam/pairing/local-initial", "IAM:PairingLocalInitial", true, iam);
        this.iam = iam;
    }

    @Override
    protected boolean switchedOn() {
        return iam.state().localInitialPairing();
    }

    @Override
    public boolean availableOn(Call call) {
        return super.availableOn(call) && iam.initialUserUnpaired();
    }

    @Override
    protected String read(Call call) throws Refusal, WireException {
        return call.cbor().onlyKeys("FingerprintName").optionalText("FingerprintName", 64).orElse("");
    }

    @Override
    protected Reply pair(Call call, String fingerprintName) throws Refusal, IamException {
        if (!iam.initialUserUnpaired()
                && iam.state().user(iam.state().initialUsername()).map(u -> !u.has(call.clientFingerprint()))
                .orElse(true)) {
            // an administrator has paired, by any mode: the local port no longer makes anyone an administrator
            throw Refusal.conflict("the device already has an administrator; local-initial pairing is over");
        }
        iam.pairExistingUser(iam.state().initialUsername(), call.clientFingerprint(), fingerprintName);
        return Reply.created();
    }
}
