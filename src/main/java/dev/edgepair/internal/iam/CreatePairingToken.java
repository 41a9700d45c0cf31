package dev.edgepair.internal.iam;

import java.time.Clock;
import java.util.Map;

import dev.edgepair.endpoint.Call;
import dev.edgepair.endpoint.Refusal;
import dev.edgepair.endpoint.Reply;
import dev.edgepair.iam.Iam;
import dev.edgepair.iam.IamException;
import dev.edgepair.iam.User;
import dev.edgepair.internal.protocol.DeviceSecretDerivation;
import dev.edgepair.wire.CborMap;
import dev.edgepair.wire.WireException;

/**
 * {@code POST /iam/pairing-tokens {Username, Role?, ValidSeconds?}} → 2.01 {@code {Id, Token, Username, Role,
 * Expires}}: a one-time token (80 bits) that pairs {@code Username} with {@code Role} (default: the open-pairing
 * role), valid for {@code ValidSeconds} (default 1 day, at most 30 days). The token is shown only in this answer.
 * Action {@code IAM:CreatePairingToken}.
 */
final class CreatePairingToken extends IamEndpoint<CreatePairingToken.Request> {
    static final long DEFAULT_VALIDITY = 24 * 3600;
    static final long MAX_VALIDITY = 30 * 24 * 3600;

    private final DeviceSecretDerivation secrets;
    private final Clock clock;

    record Request(String username, String role, long validSeconds, String existingRole) {
    }

    CreatePairingToken(Iam iam, DeviceSecretDerivation secrets, Clock clock) {
        super(iam, Method.POST, "iam/pairing-tokens", "IAM:CreatePairingToken");
        this.secrets = secrets;
        this.clock = clock;
    }

    @Override
    protected Request read(Call call, Map<String, String> params) throws Refusal, WireException {
        CborMap body = call.cbor().onlyKeys("Username", "Role", "ValidSeconds");
        String username = IamRequests.username(body.text("Username", 64));
        long valid = body.has("ValidSeconds") ? body.unsigned("ValidSeconds", MAX_VALIDITY) : DEFAULT_VALIDITY;
        if (valid == 0) {
            throw Refusal.badRequest("ValidSeconds must be at least 1");
        }
        // A token for an existing user adds a key with that user's role: the check sees the role the token really
        // grants, so nobody hands out a role they could not grant by naming an existing user (spec/iam.md).
        String existingRole = iam.state().user(username).map(User::role).orElse(null);
        String role = body.optionalText("Role", 64).orElse(existingRole != null ? existingRole
                : iam.state().openPairingRole());
        return new Request(username, role, valid, existingRole);
    }

    @Override
    protected Map<String, String> attributes(Request r) {
        return Map.of("IAM:Username", r.username(), "IAM:RoleId", r.role());
    }

    @Override
    Reply change(Call call, Request r) throws Refusal, IamException {
        if (r.existingRole() != null && !r.existingRole().equals(r.role())) {
            throw Refusal.conflict("user " + r.username() + " exists with role " + r.existingRole()
                    + "; a token for it grants that role only");
        }
        PairingTokens.IssuedToken t = PairingTokens.issue(iam, secrets, r.username(), r.role(), r.validSeconds(),
                clock.instant().getEpochSecond());
        return Reply.created(CborMap.builder().put("Id", t.id()).put("Token", t.token())
                .put("Username", r.username()).put("Role", r.role()).put("Expires", t.expiresAtEpochSecond())
                .build());
    }
}
