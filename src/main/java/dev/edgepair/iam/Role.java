package dev.edgepair.iam;

import java.util.List;

/**
 * A role is a list of policy ids: what a user (or an unpaired connection) in the role may do.
 *
 * @param id the role's id, for example {@code Administrator}
 * @param policies the ids of its policies
 */
public record Role(String id, List<String> policies) {
    /**
     * A role; {@code policies} is copied.
     *
     * @param id the role's id
     * @param policies the ids of its policies
     */
    public Role {
        policies = List.copyOf(policies);
    }
}
