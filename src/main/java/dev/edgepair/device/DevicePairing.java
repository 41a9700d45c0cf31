package dev.edgepair.device;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

import dev.edgepair.iam.Iam;
import dev.edgepair.iam.IamException;
import dev.edgepair.iam.IamState;
import dev.edgepair.identity.Fingerprint;
import dev.edgepair.internal.iam.PairingTokens;
import dev.edgepair.internal.pairing.PasswordPairing;
import dev.edgepair.internal.protocol.PairingPasswords;
import dev.edgepair.internal.protocol.DeviceSecretDerivation;
import dev.edgepair.pairing.PairingString;
import dev.edgepair.pairing.PairingWindow;

/**
 * Pairing on a device, from the device's side: the pairing window (open it on a button press), and the secrets a
 * person needs to pair, each returned once as a {@link PairingString} to show (printed, or as a QR code). The device
 * stores only what J-PAKE needs to check a secret, never the secret.
 */
public final class DevicePairing {
    private final Device.DeviceInfo info;
    private final Fingerprint fingerprint;
    private final Iam iam;
    private final DeviceSecretDerivation secrets;
    private final PasswordPairing password;
    private final Clock clock;

    DevicePairing(Device.DeviceInfo info, Fingerprint fingerprint, Iam iam, DeviceSecretDerivation secrets,
            PasswordPairing password, Clock clock) {
        this.info = info;
        this.fingerprint = fingerprint;
        this.iam = iam;
        this.secrets = secrets;
        this.password = password;
        this.clock = clock;
    }

    /**
     * The window of password authentication (open password and invitations).
     *
     * @return the window
     * @throws IllegalStateException if the device has no password pairing
     */
    public PairingWindow window() {
        return passwordPairing().window();
    }

    /**
     * Sets a new, generated open-pairing password (password-open pairing: anyone who has it may pair as a new user
     * with the open-pairing role while the window is open), and switches password-open pairing on.
     *
     * @return the pairing string with the password, to show once
     * @throws IamException if the state cannot be saved (nothing changed)
     * @throws IllegalStateException if the device has no password pairing
     */
    public PairingString newOpenPassword() throws IamException {
        return openPassword(PairingPasswords.newPassword());
    }

    /**
     * Sets the open-pairing password and switches password-open pairing on.
     *
     * @param password 8-64 characters; a generated-shape password ({@code XXXX-XXXX-XXXX}) is normalised
     * @return the pairing string with the password, to show once
     * @throws IamException if the state cannot be saved (nothing changed)
     * @throws IllegalArgumentException if the password breaks the rules
     * @throws IllegalStateException if the device has no password pairing
     */
    public PairingString openPassword(String password) throws IamException {
        passwordPairing();
        checkPassword(password);
        iam.setOpenPairingSecret(secrets.password("", password));
        iam.setSetting(IamState.Setting.PASSWORD_OPEN_PAIRING, true);
        return new PairingString(info.productId(), info.deviceId(), null, password, null, fingerprint, null);
    }

    /**
     * Invites a user (password-invite pairing): creates the user with the role if it does not exist and gives it a
     * new, generated invitation password, which pairs one client once; switches password-invite pairing on.
     *
     * @param username the user, 1-64 of {@code [a-z0-9_.-]}
     * @param role the role of a new user (an existing user keeps its role)
     * @return the pairing string with username and password, to show once
     * @throws IamException if the username or role is invalid, or the state cannot be saved
     * @throws IllegalStateException if the device has no password pairing
     */
    public PairingString invite(String username, String role) throws IamException {
        passwordPairing();
        Objects.requireNonNull(role);
        if (iam.state().user(username).isEmpty()) {
            iam.createUser(username, "", role);
        }
        String secret = PairingPasswords.newPassword();
        iam.setInvitation(username, secrets.password(username, secret));
        iam.setSetting(IamState.Setting.PASSWORD_INVITE_PAIRING, true);
        return new PairingString(info.productId(), info.deviceId(), username, secret, null, fingerprint, null);
    }

    /**
     * Issues a one-time pairing token for a user and role (token pairing, local or remote, window or not).
     *
     * @param username the user the token pairs (created on use if absent)
     * @param role its role
     * @param validity how long the token may be used
     * @return the pairing string with the token, to show once
     * @throws IamException if the username or role is invalid, conflicts with an existing user's role, or the state
     *         cannot be saved
     * @throws IllegalStateException if the device has no password pairing
     */
    public PairingString token(String username, String role, Duration validity) throws IamException {
        passwordPairing();
        if (validity.isNegative() || validity.isZero()) {
            throw new IllegalArgumentException("a token must be valid for a while");
        }
        PairingTokens.IssuedToken t = PairingTokens.issue(iam, secrets, username, role, validity.toSeconds(),
                clock.instant().getEpochSecond());
        return new PairingString(info.productId(), info.deviceId(), null, t.token(), t.id(), fingerprint, null);
    }

    private PasswordPairing passwordPairing() {
        if (password == null) {
            throw new IllegalStateException("this device has no password pairing: build it with passwordPairing(...)");
        }
        return password;
    }

    private static void checkPassword(String password) {
        String problem = PairingPasswords.passwordProblem(password);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }

    @Override
    public String toString() {
        return "DevicePairing[" + info.productId() + "/" + info.deviceId() + "]";
    }
}
