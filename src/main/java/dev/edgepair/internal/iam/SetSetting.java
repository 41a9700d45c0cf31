package dev.edgepair.internal.iam;

import java.util.Map;

import dev.edgepair.endpoint.Call;
import dev.edgepair.endpoint.Refusal;
import dev.edgepair.endpoint.Reply;
import dev.edgepair.iam.Iam;
import dev.edgepair.iam.IamException;
import dev.edgepair.iam.IamState;
import dev.edgepair.internal.protocol.DeviceSecretDerivation;
import dev.edgepair.wire.CborMap;
import dev.edgepair.wire.WireException;

/**
 * {@code PUT /iam/settings/{setting} {Value}} → 2.04; action {@code IAM:SetSettings}. Settings: the four
 * {@code *-pairing} switches (Value: bool), {@code open-pairing-role}, {@code friendly-name} and
 * {@code open-pairing-password} (Value: text; only its J-PAKE secret is stored).
 */
final class SetSetting extends IamEndpoint<SetSetting.Request> {
    private final DeviceSecretDerivation secrets;

    record Request(String name, CborMap body) {
    }

    SetSetting(Iam iam, DeviceSecretDerivation secrets) {
        super(iam, Method.PUT, "iam/settings/{setting}", "IAM:SetSettings");
        this.secrets = secrets;
    }

    @Override
    protected Request read(Call call, Map<String, String> params) throws Refusal, WireException {
        return new Request(params.get("setting"), call.cbor().onlyKeys("Value"));
    }

    @Override
    Reply change(Call call, Request r) throws Refusal, IamException {
        String name = r.name();
        try {
            var toggle = IamState.Setting.byPath(name);
            if (toggle.isPresent()) {
                iam.setSetting(toggle.get(), r.body().bool("Value"));
            } else if (name.equals("open-pairing-role")) {
                iam.setOpenPairingRole(r.body().text("Value", 64));
            } else if (name.equals("open-pairing-password")) {
                iam.setOpenPairingSecret(secrets.password("", IamRequests.password(r.body(), "Value")));
            } else if (name.equals("friendly-name")) {
                iam.setFriendlyName(r.body().text("Value", 64));
            } else {
                throw Refusal.notFound("no setting " + (name.length() > 32 ? name.substring(0, 32) : name));
            }
        } catch (WireException e) {
            throw Refusal.badRequest(e.getMessage());
        }
        return Reply.changed();
    }
}
