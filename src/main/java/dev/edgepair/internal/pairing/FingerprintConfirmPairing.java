package dev.edgepair.internal.pairing;

import dev.edgepair.endpoint.AccessControl;
import dev.edgepair.endpoint.Call;
import dev.edgepair.endpoint.Refusal;
import dev.edgepair.endpoint.Reply;
import dev.edgepair.iam.AccessList;
import dev.edgepair.pairing.ClientConfirmation;

/**
 * The Nabto Edge 5.1 pairing flow, {@code POST /pair}: on a local connection, the device's user confirms the
 * client's fingerprint and the client's key joins the access list. 2.01 when paired (also when already paired), 4.03
 * when not local or not confirmed. The confirmation is the access check: no IAM action. Only a person's confirmation
 * adds a key: a client let through because its key was paired when it asked changes nothing, so a key whose removal
 * is still being saved cannot add itself back past the person (third review).
 */
public final class FingerprintConfirmPairing extends PostPairingMode<FingerprintConfirmPairing.Attempt> {
    /** One request: whether the device's user confirmed it (else the key was paired already). */
    public static final class Attempt {
        private boolean confirmed;
    }

    /** The mode's name in {@code GET /iam/pairing}. */
    public static final String NAME = "FingerprintConfirm";
    private final AccessList access;
    private final ClientConfirmation confirmation;

    /**
     * @param access the access list keys join
     * @param confirmation asks the device's user
     */
    public FingerprintConfirmPairing(AccessList access, ClientConfirmation confirmation) {
        super(NAME, "pair", null, true, null); // the person's confirmation waits: never inside the IAM's step
        this.access = access;
        this.confirmation = confirmation;
    }

    @Override
    protected boolean switchedOn() {
        return true;
    }

    @Override
    protected Attempt read(Call call) {
        return new Attempt();
    }

    @Override
    protected void authorize(Call call, Attempt attempt, AccessControl accessControl) throws Refusal {
        if (access.isPaired(call.clientFingerprint())) {
            return;
        }
        if (!confirmation.confirm(call.clientFingerprint())) {
            throw Refusal.forbidden("pairing was not confirmed on the device");
        }
        attempt.confirmed = true;
    }

    @Override
    protected Reply pair(Call call, Attempt attempt) {
        if (attempt.confirmed) {
            access.pair(call.clientFingerprint());
        }
        return Reply.created();
    }
}
