package dev.edgepair.iam;

import java.util.List;

public record Policy(String id, List<Statement> statements) {
    public Policy {
        statements = List.copyOf(statements);
    }
}
