package dev.edgepair.endpoint;

import java.util.Map;

import dev.edgepair.identity.Fingerprint;

/**
 * Decides whether the connection of a call may perform an action, such as {@code IAM:CreateUser} or
 * {@code Thermostat:Set}. A device with IAM uses its policies; {@link #ALLOW_ALL} is for devices without access
 * control.
 */
public interface AccessControl {
    /** Allows every action to every connection, and treats no client as paired. */
    AccessControl ALLOW_ALL = (call, action, attributes) -> {
    };

    /**
     * Returns normally if the caller may perform the action.
     *
     * @param call the request
     * @param action the action, for example {@code Hello:Get}
     * @param requestAttributes attributes of the request that policy conditions may test, such as
     *        {@code IAM:Username}
     * @throws Refusal 4.03 naming the action when it is denied
     */
    void check(Call call, String action, Map<String, String> requestAttributes) throws Refusal;

    /**
     * Whether a client key is paired: paired clients keep room on the listeners when unpaired ones flood them
     * (spec/transport.md, "Connection limits"). Without access control nobody is.
     *
     * @param client the key's fingerprint
     * @return whether it belongs to a user
     */
    default boolean isPaired(Fingerprint client) {
        return false;
    }
}
