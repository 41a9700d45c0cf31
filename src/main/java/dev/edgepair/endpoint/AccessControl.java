package dev.edgepair.endpoint;

import java.util.Map;

/**
 * Decides whether the connection of a call may perform an action (design brief item 8). The IAM module implements
 * it; {@link #ALLOW_ALL} is for devices without access control.
 */
public interface AccessControl {
    AccessControl ALLOW_ALL = (call, action, attributes) -> {
    };

    /** Returns normally if allowed; otherwise 4.03 naming the action. */
    void check(Call call, String action, Map<String, String> requestAttributes) throws Refusal;

    default void check(Call call, String action) throws Refusal {
        check(call, action, Map.of());
    }

    /**
     * Whether a client key is paired: paired clients keep room on the listeners when unpaired ones flood them
     * (spec/transport.md, "Connection limits"). Without access control nobody is.
     *
     * @param client the key's fingerprint
     * @return whether it belongs to a user
     */
    default boolean isPaired(dev.edgepair.identity.Fingerprint client) {
        return false;
    }
}
