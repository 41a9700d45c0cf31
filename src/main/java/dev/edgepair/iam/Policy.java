package dev.edgepair.iam;

import java.util.List;

/**
 * A named list of statements, as in a Nabto Edge IAM config's {@code Policies}.
 *
 * @param id the policy's id, which roles name
 * @param statements its statements, in order
 */
public record Policy(String id, List<Statement> statements) {
    /**
     * A policy; {@code statements} is copied.
     *
     * @param id the policy's id
     * @param statements its statements
     */
    public Policy {
        statements = List.copyOf(statements);
    }
}
