package dev.edgepair.internal.iam;

import java.util.Map;

import dev.edgepair.endpoint.Call;
import dev.edgepair.endpoint.Refusal;
import dev.edgepair.endpoint.Reply;
import dev.edgepair.iam.Iam;
import dev.edgepair.iam.IamException;
import dev.edgepair.internal.protocol.DeviceSecretDerivation;
import dev.edgepair.wire.WireException;

/**
 * {@code PUT /iam/users/{username}/password {Password}} → 2.04: invites the user (password-invite pairing, once).
 * Only the password's J-PAKE secret is stored. 4.00 shorter than 8 characters; action {@code IAM:SetUserPassword}.
 */
final class SetUserPassword extends UserEndpoint<SetUserPassword.Request> {
    private final DeviceSecretDerivation secrets;

    record Request(String username, String password) {
        @Override
        public String toString() {
            return "SetUserPassword.Request[" + username + ", password=(redacted)]";
        }
    }

    SetUserPassword(Iam iam, DeviceSecretDerivation secrets) {
        super(iam, Method.PUT, "iam/users/{username}/password", "IAM:SetUserPassword");
        this.secrets = secrets;
    }

    @Override
    protected Request read(Call call, Map<String, String> params) throws Refusal, WireException {
        return new Request(IamRequests.username(params),
                IamRequests.password(call.cbor().onlyKeys("Password"), "Password"));
    }

    @Override
    String username(Request r) {
        return r.username();
    }

    @Override
    Reply change(Call call, Request r) throws IamException {
        iam.setInvitation(r.username(), secrets.password(r.username(), r.password()));
        return Reply.changed();
    }
}
