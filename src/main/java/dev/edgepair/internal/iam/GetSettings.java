package dev.edgepair.internal.iam;

import java.util.Map;

import dev.edgepair.endpoint.Call;
import dev.edgepair.endpoint.Reply;
import dev.edgepair.iam.Iam;
import dev.edgepair.iam.IamState;
import dev.edgepair.wire.CborMap;

/** {@code GET /iam/settings} → the pairing switches, open-pairing role and friendly name; {@code IAM:GetSettings}. */
final class GetSettings extends IamEndpoint<Void> {
    GetSettings(Iam iam) {
        super(iam, Method.GET, "iam/settings", "IAM:GetSettings");
    }

    @Override
    protected Void read(Call call, Map<String, String> params) {
        return null;
    }

    @Override
    Reply change(Call call, Void none) {
        IamState s = iam.state();
        CborMap.Builder b = CborMap.builder();
        for (IamState.Setting setting : IamState.Setting.values()) {
            b.put(setting.json(), s.setting(setting));
        }
        return Reply.content(b.put("OpenPairingRole", s.openPairingRole()).put("FriendlyName", s.friendlyName())
                .build());
    }
}
