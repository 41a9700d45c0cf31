package dev.edgepair.device;

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
}
