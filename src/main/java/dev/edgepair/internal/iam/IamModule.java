package dev.edgepair.internal.iam;

import dev.edgepair.internal.pairing.LocalInitialPairing;
import dev.edgepair.internal.pairing.LocalOpenPairing;

import java.time.Clock;
import java.util.List;

import dev.edgepair.device.Device;
import dev.edgepair.internal.endpoint.RoutedResource;
import dev.edgepair.iam.Iam;
import dev.edgepair.internal.protocol.DeviceSecrets;

/**
 * Installs IAM on a device in one call: access control for every guarded resource and {@code GET /iam/pairing}, the
 * user, role, settings and pairing-token endpoints of {@code spec/coap-api.md}, and the local-initial and local-open
 * pairing modes. Password and token authentication come with {@code PasswordPairing.install}.
 */
public final class IamModule {
    private IamModule() {
    }

    /**
     * Installs IAM with the system clock.
     *
     * @param device the device being built
     * @param iam its access control
     * @return the builder
     */
    public static Device.Builder install(Device.Builder device, Iam iam) {
        return install(device, iam, Clock.systemUTC());
    }

    /**
     * Installs IAM with the given wall clock (pairing-token expiry), so tests need not sleep.
     *
     * @param device the device being built
     * @param iam its access control
     * @param clock the wall clock
     * @return the builder
     */
    public static Device.Builder install(Device.Builder device, Iam iam, Clock clock) {
        DeviceSecrets secrets = new DeviceSecrets(device.productId(), device.deviceId());
        return device.accessControl(iam)
                .resource("iam/users", new RoutedResource("users", List.of(new ListUsers(iam), new CreateUser(iam),
                        new GetUser(iam), new DeleteUser(iam), new SetUserRole(iam), new SetUserDisplayName(iam),
                        new SetUserFingerprint(iam), new DeleteUserFingerprint(iam),
                        new SetUserPassword(iam, secrets))))
                .resource("iam/pairing-tokens", new RoutedResource("pairing-tokens", List.of(
                        new CreatePairingToken(iam, secrets, clock), new ListPairingTokens(iam),
                        new DeletePairingToken(iam))))
                .resource("iam/me", new RoutedResource("me", List.of(new GetMe(iam))))
                .resource("iam/roles", new RoutedResource("roles", List.of(new ListRoles(iam))))
                .resource("iam/settings", new RoutedResource("settings",
                        List.of(new GetSettings(iam), new SetSetting(iam, secrets))))
                .pairingMode(new LocalInitialPairing(iam))
                .pairingMode(new LocalOpenPairing(iam));
    }
}
