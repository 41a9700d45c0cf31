package dev.edgepair.internal.pairing;

import org.eclipse.californium.core.coap.CoAP.ResponseCode;

import dev.edgepair.endpoint.Call;
import dev.edgepair.endpoint.Refusal;
import dev.edgepair.endpoint.Reply;
import dev.edgepair.iam.Iam;
import dev.edgepair.iam.IamException;
import dev.edgepair.wire.WireException;

/**
 * Local-initial pairing: {@code POST /iam/pairing/local-initial {FingerprintName?}} gives the pre-created initial
 * user (usually {@code admin}) this client's key. Local only (4.03), switched on (4.04), {@code IAM:PairingLocalInitial};
 * 2.01 (also again for the same key), 4.09 once the initial user has another key.
 */
public final class LocalInitialPairing extends PostPairingMode {
    public static final String NAME = "LocalInitial";
    private final Iam iam;

    public LocalInitialPairing(Iam iam) {
        super(NAME, "iam/pairing/local-initial");
        this.iam = iam;
    }

    @Override
    public boolean availableOn(Call call) {
        return call.isLocal() && iam.state().localInitialPairing() && iam.initialUserUnpaired();
    }

    @Override
    protected Reply pair(Call call) throws Refusal, WireException {
        call.requireLocal();
        if (!iam.state().localInitialPairing()) {
            throw Refusal.notFound("local-initial pairing is disabled");
        }
        iam.check(call, "IAM:PairingLocalInitial");
        String name = call.cbor().onlyKeys("FingerprintName")
                .optionalText("FingerprintName", 64).orElse("");
        if (!iam.initialUserUnpaired()
                && iam.state().user(iam.state().initialUsername()).map(u -> !u.has(call.clientFingerprint()))
                .orElse(true)) {
            // an administrator has paired, by any mode: the local port no longer makes anyone an administrator
            throw Refusal.conflict("the device already has an administrator; local-initial pairing is over");
        }
        try {
            iam.pairExistingUser(iam.state().initialUsername(), call.clientFingerprint(), name);
        } catch (IamException e) {
            throw e.toRefusal();
        }
        return Reply.empty(ResponseCode.CREATED);
    }
}
