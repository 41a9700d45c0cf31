package dev.edgepair.iam.coap;

import java.util.List;

import dev.edgepair.device.Device;
import dev.edgepair.device.RoutedResource;
import dev.edgepair.iam.Iam;

/**
 * Installs IAM on a device in one call: access control for every guarded resource and {@code GET /iam/pairing}, the
 * user, role and settings endpoints of {@code spec/coap-api.md}, and the local-initial and local-open pairing modes.
 */
public final class IamModule {
    private IamModule() {
    }

    public static Device.Builder install(Device.Builder device, Iam iam) {
        return device.accessControl(iam)
                .resource("iam/users", new RoutedResource("users", List.of(new ListUsers(iam), new CreateUser(iam),
                        new GetUser(iam), new DeleteUser(iam), new SetUserRole(iam), new SetUserDisplayName(iam),
                        new SetUserFingerprint(iam), new DeleteUserFingerprint(iam))))
                .resource("iam/me", new RoutedResource("me", List.of(new GetMe(iam))))
                .resource("iam/roles", new RoutedResource("roles", List.of(new ListRoles(iam))))
                .resource("iam/settings", new RoutedResource("settings",
                        List.of(new GetSettings(iam), new SetSetting(iam))))
                .pairingMode(new LocalInitialPairing(iam))
                .pairingMode(new LocalOpenPairing(iam));
    }
}
