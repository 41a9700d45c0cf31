package dev.edgepair.internal.iam;

import java.util.Map;

import org.eclipse.californium.core.coap.CoAP.ResponseCode;

import dev.edgepair.endpoint.Call;
import dev.edgepair.endpoint.Endpoint;
import dev.edgepair.endpoint.Refusal;
import dev.edgepair.endpoint.Reply;
import dev.edgepair.iam.Iam;
import dev.edgepair.iam.IamState;
import dev.edgepair.wire.CborMap;

/** {@code GET /iam/settings} → the pairing switches, open-pairing role and friendly name; {@code IAM:GetSettings}. */
final class GetSettings extends Endpoint {
    private final Iam iam;

    GetSettings(Iam iam) {
        super("GET", "iam/settings");
        this.iam = iam;
    }

    @Override
    public Reply handle(Call call, Map<String, String> params) throws Refusal {
        iam.check(call, "IAM:GetSettings");
        IamState s = iam.state();
        CborMap.Builder b = CborMap.builder();
        for (IamState.Setting setting : IamState.Setting.values()) {
            b.put(setting.json(), s.setting(setting));
        }
        return Reply.cbor(ResponseCode.CONTENT, b.put("OpenPairingRole", s.openPairingRole())
                .put("FriendlyName", s.friendlyName()).build());
    }
}
