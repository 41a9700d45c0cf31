package dev.edgepair.internal.pairing;

import dev.edgepair.device.ClientConfirmation;

import org.eclipse.californium.core.coap.CoAP.ResponseCode;

import dev.edgepair.endpoint.Call;
import dev.edgepair.internal.endpoint.DeviceResource;
import dev.edgepair.endpoint.Refusal;
import dev.edgepair.endpoint.Reply;
import dev.edgepair.iam.AccessList;

/**
 * {@code POST /pair}: fingerprint-confirmation pairing, as in Nabto Edge 5.1. Local connections only; the device
 * shows the client's fingerprint to its confirmation callback and, if accepted, adds the key to the access list.
 * 2.01 when paired (also when already paired), 4.03 when not local or not confirmed.
 */
public final class PairResource extends DeviceResource {
    private final AccessList access;
    private final ClientConfirmation confirmation;

    public PairResource(AccessList access, ClientConfirmation confirmation) {
        super("pair");
        this.access = access;
        this.confirmation = confirmation;
    }

    @Override
    protected Reply post(Call call) throws Refusal {
        call.requireLocal();
        if (access.isPaired(call.clientFingerprint())) {
            return Reply.empty(ResponseCode.CREATED);
        }
        if (!confirmation.confirm(call.clientFingerprint())) {
            throw Refusal.forbidden("pairing was not confirmed on the device");
        }
        access.pair(call.clientFingerprint());
        return Reply.empty(ResponseCode.CREATED);
    }
}
