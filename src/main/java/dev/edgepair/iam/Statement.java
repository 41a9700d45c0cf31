package dev.edgepair.iam;

import java.util.List;
import java.util.Set;

/** Allow or Deny a set of exact action names when every condition holds. */
public record Statement(Effect effect, Set<String> actions, List<Condition> conditions) {
    public enum Effect { ALLOW, DENY }

    public Statement {
        actions = Set.copyOf(actions);
        conditions = List.copyOf(conditions);
    }
}
