package dev.edgepair.internal.iam;

import java.util.Map;

import org.eclipse.californium.core.coap.CoAP.ResponseCode;

import dev.edgepair.endpoint.Call;
import dev.edgepair.endpoint.Endpoint;
import dev.edgepair.endpoint.Refusal;
import dev.edgepair.endpoint.Reply;
import dev.edgepair.iam.Iam;
import dev.edgepair.iam.IamException;
import dev.edgepair.iam.IamState;
import dev.edgepair.internal.protocol.DeviceSecrets;
import dev.edgepair.wire.CborMap;
import dev.edgepair.wire.WireException;

/**
 * {@code PUT /iam/settings/{setting} {Value}} → 2.04; action {@code IAM:SetSettings}. Settings: the four
 * {@code *-pairing} switches (Value: bool), {@code open-pairing-role}, {@code friendly-name} and
 * {@code open-pairing-password} (Value: text; only its J-PAKE secret is stored).
 */
final class SetSetting extends Endpoint {
    private final Iam iam;
    private final DeviceSecrets secrets;

    SetSetting(Iam iam, DeviceSecrets secrets) {
        super("PUT", "iam/settings/{setting}");
        this.iam = iam;
        this.secrets = secrets;
    }

    @Override
    public Reply handle(Call call, Map<String, String> params) throws Refusal, WireException {
        iam.check(call, "IAM:SetSettings");
        String name = params.get("setting");
        CborMap body = call.cbor().onlyKeys("Value");
        try {
            var toggle = IamState.Setting.byPath(name);
            if (toggle.isPresent()) {
                iam.setSetting(toggle.get(), body.bool("Value"));
            } else if (name.equals("open-pairing-role")) {
                iam.setOpenPairingRole(body.text("Value", 64));
            } else if (name.equals("open-pairing-password")) {
                iam.setOpenPairingSecret(secrets.password("", IamHandlers.password(body, "Value")));
            } else if (name.equals("friendly-name")) {
                iam.setFriendlyName(body.text("Value", 64));
            } else {
                throw Refusal.notFound("no setting " + (name.length() > 32 ? name.substring(0, 32) : name));
            }
        } catch (IamException e) {
            throw e.toRefusal();
        }
        return Reply.empty(ResponseCode.CHANGED);
    }
}
