package dev.edgepair.iam;

import java.util.List;
import java.util.Set;

/**
 * Allow or Deny a set of exact action names when every condition holds.
 *
 * @param effect allow or deny
 * @param actions the action names it applies to, for example {@code IAM:ListUsers}
 * @param conditions the conditions that must all hold; none means always
 */
public record Statement(Effect effect, Set<String> actions, List<Condition> conditions) {
    /** A statement's effect; a matching Deny wins over any Allow. */
    public enum Effect {
        /** The actions are allowed. */
        ALLOW,
        /** The actions are denied. */
        DENY
    }

    /**
     * A statement; the collections are copied.
     *
     * @param effect allow or deny
     * @param actions the action names it applies to
     * @param conditions the conditions that must all hold
     */
    public Statement {
        actions = Set.copyOf(actions);
        conditions = List.copyOf(conditions);
    }
}
