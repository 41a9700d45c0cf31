package dev.edgepair.iam;

import java.util.List;

/** A role is a list of policy ids. */
public record Role(String id, List<String> policies) {
    public Role {
        policies = List.copyOf(policies);
    }
}
