package dev.edgepair.internal.iam;

import java.time.Clock;
import java.util.Map;

import org.eclipse.californium.core.coap.CoAP.ResponseCode;

import dev.edgepair.endpoint.Call;
import dev.edgepair.endpoint.Endpoint;
import dev.edgepair.endpoint.Refusal;
import dev.edgepair.endpoint.Reply;
import dev.edgepair.iam.Iam;
import dev.edgepair.iam.IamException;
import dev.edgepair.iam.User;
import dev.edgepair.internal.pairing.PairingTokens;
import dev.edgepair.internal.protocol.DeviceSecrets;
import dev.edgepair.wire.CborMap;
import dev.edgepair.wire.WireException;

/**
 * {@code POST /iam/pairing-tokens {Username, Role?, ValidSeconds?}} → 2.01 {@code {Id, Token, Username, Role,
 * Expires}}: a one-time token (80 bits) that pairs {@code Username} with {@code Role} (default: the open-pairing
 * role), valid for {@code ValidSeconds} (default 1 day, at most 30 days). The token is shown only in this answer.
 * Action {@code IAM:CreatePairingToken}.
 */
final class CreatePairingToken extends Endpoint {
    static final long DEFAULT_VALIDITY = 24 * 3600;
    static final long MAX_VALIDITY = 30 * 24 * 3600;
    private final Iam iam;
    private final DeviceSecrets secrets;
    private final Clock clock;

    CreatePairingToken(Iam iam, DeviceSecrets secrets, Clock clock) {
        super("POST", "iam/pairing-tokens");
        this.iam = iam;
        this.secrets = secrets;
        this.clock = clock;
    }

    @Override
    public Reply handle(Call call, Map<String, String> params) throws Refusal, WireException {
        CborMap body = call.cbor().onlyKeys("Username", "Role", "ValidSeconds");
        String username = body.text("Username", 64);
        long valid = body.has("ValidSeconds") ? body.unsigned("ValidSeconds", MAX_VALIDITY) : DEFAULT_VALIDITY;
        // A token for an existing user adds a key with that user's role: the check sees the role the token really
        // grants, so nobody hands out a role they could not grant by naming an existing user (spec/iam.md).
        String existingRole = iam.state().user(username).map(User::role).orElse(null);
        String role = body.optionalText("Role", 64).orElse(existingRole != null ? existingRole
                : iam.state().openPairingRole());
        iam.check(call, "IAM:CreatePairingToken", Map.of("IAM:Username", username, "IAM:RoleId", role));
        if (existingRole != null && !existingRole.equals(role)) {
            throw Refusal.conflict("user " + username + " exists with role " + existingRole
                    + "; a token for it grants that role only");
        }
        if (!User.isValidUsername(username)) {
            throw Refusal.badRequest("usernames are 1-64 of [a-z0-9_.-]");
        }
        if (valid == 0) {
            throw Refusal.badRequest("ValidSeconds must be at least 1");
        }
        PairingTokens.IssuedToken t;
        try {
            t = PairingTokens.issue(iam, secrets, username, role, valid, clock.instant().getEpochSecond());
        } catch (IamException e) {
            throw e.toRefusal();
        }
        return Reply.cbor(ResponseCode.CREATED, CborMap.builder().put("Id", t.id()).put("Token", t.token())
                .put("Username", username).put("Role", role).put("Expires", t.expiresAtEpochSecond()).build());
    }
}
