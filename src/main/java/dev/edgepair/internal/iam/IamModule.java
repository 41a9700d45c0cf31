package dev.edgepair.internal.iam;

import java.time.Clock;
import java.util.List;

import dev.edgepair.endpoint.Endpoint;
import dev.edgepair.iam.Iam;
import dev.edgepair.internal.protocol.DeviceSecretDerivation;

/**
 * The {@code /iam/...} endpoints of spec/coap-api.md: users, roles, settings, pairing tokens, {@code /iam/me}. The
 * device facade installs them with IAM as its access control.
 */
public final class IamModule {
    private IamModule() {
    }

    /**
     * @param iam the device's IAM
     * @param secrets the device's secret derivation (passwords and tokens set through these endpoints)
     * @param clock the wall clock (pairing-token expiry)
     * @return the endpoints
     */
    public static List<Endpoint<?>> endpoints(Iam iam, DeviceSecretDerivation secrets, Clock clock) {
        return List.of(new ListUsers(iam), new CreateUser(iam), new GetUser(iam), new DeleteUser(iam),
                new SetUserRole(iam), new SetUserDisplayName(iam), new SetUserFingerprint(iam),
                new DeleteUserFingerprint(iam), new SetUserPassword(iam, secrets),
                new CreatePairingToken(iam, secrets, clock), new ListPairingTokens(iam), new DeletePairingToken(iam),
                new GetMe(iam), new ListRoles(iam), new GetSettings(iam), new SetSetting(iam, secrets));
    }
}
