package dev.edgepair.iam;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The static access rules: policies, roles, and the role of unpaired connections, read from a Nabto Edge IAM config
 * ({@code {"Version": 1, "Config": {"UnpairedRole"}, "Policies": [...], "Roles": [...]}}) unchanged.
 *
 * <p>Evaluation: collect the statements of the role's policies whose actions contain the action and whose conditions
 * all hold. Any such Deny, or any condition that errors, denies; else any such Allow allows; no match denies.
 */
public final class IamConfig {
    /** The answer to "may this connection do this action". */
    public enum Decision {
        /** The action is allowed. */
        ALLOW,
        /** The action is denied. */
        DENY
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Map<String, Policy> policies;
    private final Map<String, Role> roles;
    private final String unpairedRole;

    /**
     * A config built in code.
     *
     * @param policies the policies, ids unique
     * @param roles the roles, ids unique, naming only policies given here
     * @param unpairedRole the role of connections whose key no user holds; one of {@code roles}
     * @throws IamConfigException if an id repeats, a role names an unknown policy, or the unpaired role is missing
     */
    public IamConfig(List<Policy> policies, List<Role> roles, String unpairedRole) throws IamConfigException {
        Map<String, Policy> p = new LinkedHashMap<>();
        for (Policy policy : policies) {
            if (p.put(policy.id(), policy) != null) {
                throw new IamConfigException("policy " + policy.id() + " is defined twice");
            }
        }
        Map<String, Role> r = new LinkedHashMap<>();
        for (Role role : roles) {
            if (r.put(role.id(), role) != null) {
                throw new IamConfigException("role " + role.id() + " is defined twice");
            }
            for (String id : role.policies()) {
                if (!p.containsKey(id)) {
                    throw new IamConfigException("role " + role.id() + " names unknown policy " + id);
                }
            }
        }
        if (!r.containsKey(unpairedRole)) {
            throw new IamConfigException("the unpaired role " + unpairedRole + " is not defined");
        }
        this.policies = Map.copyOf(p);
        this.roles = java.util.Collections.unmodifiableMap(r);
        this.unpairedRole = unpairedRole;
    }

    /**
     * EdgePair's default: the roles of Nabto Edge's tunnel app ({@code Administrator}, {@code Standard},
     * {@code Guest}, unpaired {@code Unpaired}), with the application action {@code Hello:Get}. An application's own
     * actions are denied to every role here: give them in a config of your own.
     *
     * @return the bundled config
     */
    public static IamConfig defaults() {
        try (InputStream in = IamConfig.class.getResourceAsStream("default-iam-config.json")) {
            return parse(JSON.readTree(in));
        } catch (IOException | IamConfigException e) {
            throw new IllegalStateException("the bundled default IAM config is invalid", e);
        }
    }

    /**
     * Reads a Nabto Edge {@code Version 1} IAM config file.
     *
     * @param file a JSON file
     * @return the config
     * @throws IamConfigException if the file cannot be read or is not a valid config; the message names the file
     */
    public static IamConfig load(Path file) throws IamConfigException {
        try {
            return parse(JSON.readTree(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new IamConfigException(file + ": cannot read IAM config: " + e.getMessage());
        } catch (IamConfigException e) {
            throw new IamConfigException(file + ": " + e.getMessage());
        }
    }

    /**
     * Parses an IAM config in the JSON format of spec/iam.md (Nabto Edge's).
     *
     * @param json the config text
     * @return the config
     * @throws IamConfigException if it is not valid JSON or not a valid Version 1 config (the message says where)
     */
    public static IamConfig parse(String json) throws IamConfigException {
        try {
            return parse(JSON.readTree(json));
        } catch (IOException e) {
            throw new IamConfigException("not JSON: " + e.getMessage());
        }
    }

    /**
     * This config with one more policy, allowing {@code actions}, added to each of {@code roles}: how an application
     * grants its own endpoints' actions (for example {@code Thermostat:Set} to Administrator and Standard).
     *
     * @param policyId the new policy's id
     * @param actions the actions it allows
     * @param roles the roles that get it
     * @return the new config
     * @throws IamConfigException if the policy id is taken or a role is not defined
     */
    public IamConfig withGrant(String policyId, java.util.Set<String> actions, List<String> roles)
            throws IamConfigException {
        List<Policy> newPolicies = new ArrayList<>(policies.values());
        newPolicies.add(new Policy(policyId, List.of(new Statement(Statement.Effect.ALLOW, actions, List.of()))));
        List<Role> newRoles = new ArrayList<>();
        for (String r : roles) {
            if (!this.roles.containsKey(r)) {
                throw new IamConfigException("role " + r + " is not defined");
            }
        }
        for (Role role : this.roles.values()) {
            if (roles.contains(role.id())) {
                List<String> ps = new ArrayList<>(role.policies());
                ps.add(policyId);
                newRoles.add(new Role(role.id(), ps));
            } else {
                newRoles.add(role);
            }
        }
        return new IamConfig(newPolicies, newRoles, unpairedRole);
    }

    static IamConfig parse(JsonNode root) throws IamConfigException {
        if (root == null || !root.isObject() || root.path("Version").asInt(-1) != 1) {
            throw new IamConfigException("not a Version 1 IAM config");
        }
        String unpaired = text(root.path("Config"), "UnpairedRole", "Config");
        List<Policy> policies = new ArrayList<>();
        for (JsonNode p : array(root, "Policies", "config")) {
            String id = text(p, "Id", "policy");
            List<Statement> statements = new ArrayList<>();
            for (JsonNode s : array(p, "Statements", "policy " + id)) {
                statements.add(statement(s, id));
            }
            policies.add(new Policy(id, statements));
        }
        List<Role> roles = new ArrayList<>();
        for (JsonNode r : array(root, "Roles", "config")) {
            String id = text(r, "Id", "role");
            List<String> ids = new ArrayList<>();
            for (JsonNode p : array(r, "Policies", "role " + id)) {
                if (!p.isTextual()) {
                    throw new IamConfigException("role " + id + ": policy ids are strings");
                }
                ids.add(p.asText());
            }
            roles.add(new Role(id, ids));
        }
        return new IamConfig(policies, roles, unpaired);
    }

    private static Statement statement(JsonNode s, String policy) throws IamConfigException {
        String where = "policy " + policy;
        Statement.Effect effect = switch (text(s, "Effect", where)) {
            case "Allow" -> Statement.Effect.ALLOW;
            case "Deny" -> Statement.Effect.DENY;
            default -> throw new IamConfigException(where + ": Effect is Allow or Deny");
        };
        Set<String> actions = new LinkedHashSet<>();
        for (JsonNode a : array(s, "Actions", where)) {
            if (!a.isTextual()) {
                throw new IamConfigException(where + ": actions are strings");
            }
            actions.add(a.asText());
        }
        List<Condition> conditions = new ArrayList<>();
        if (s.has("Conditions")) {
            for (JsonNode c : array(s, "Conditions", where)) {
                if (!c.isObject() || c.size() != 1) {
                    throw new IamConfigException(where + ": a condition is {Operator: {Attribute: [values]}}");
                }
                String opName = c.fieldNames().next();
                Condition.Operator op = Condition.Operator.parse(opName);
                if (op == null) {
                    throw new IamConfigException(where + ": unknown condition operator " + opName);
                }
                JsonNode body = c.get(opName);
                if (!body.isObject() || body.size() != 1) {
                    throw new IamConfigException(where + ": " + opName + " takes one attribute");
                }
                String attribute = body.fieldNames().next();
                JsonNode vals = body.get(attribute);
                List<String> values = new ArrayList<>();
                for (JsonNode v : vals.isArray() ? vals : JSON.createArrayNode().add(vals)) {
                    if (!v.isValueNode() || v.isNull()) {
                        throw new IamConfigException(where + ": condition values are strings, numbers or booleans");
                    }
                    values.add(v.asText());
                }
                conditions.add(new Condition(op, attribute, values));
            }
        }
        return new Statement(effect, actions, conditions);
    }

    private static String text(JsonNode node, String field, String where) throws IamConfigException {
        if (!node.path(field).isTextual()) {
            throw new IamConfigException(where + ": " + field + " must be a string");
        }
        return node.get(field).asText();
    }

    private static JsonNode array(JsonNode node, String field, String where) throws IamConfigException {
        if (!node.path(field).isArray()) {
            throw new IamConfigException(where + ": " + field + " must be an array");
        }
        return node.get(field);
    }

    /**
     * The role of connections whose key no user holds.
     *
     * @return a role id defined in this config
     */
    public String unpairedRole() {
        return unpairedRole;
    }

    /**
     * Whether a role is defined.
     *
     * @param id a role id
     * @return true if this config defines it
     */
    public boolean hasRole(String id) {
        return roles.containsKey(id);
    }

    /**
     * The roles defined.
     *
     * @return their ids, in the config's order
     */
    public List<String> roleIds() {
        return List.copyOf(roles.keySet());
    }

    /**
     * Evaluates {@code action} for a connection in {@code role}; an unknown role is denied everything.
     *
     * @param role the connection's role
     * @param action the action asked for, for example {@code IAM:ListUsers}
     * @param attributes the request's attributes that conditions read, by name
     * @return {@link Decision#ALLOW} only if an Allow statement matches and no Deny does and no condition errors
     */
    public Decision decide(String role, String action, Map<String, String> attributes) {
        Role r = roles.get(role);
        if (r == null) {
            return Decision.DENY;
        }
        boolean allowed = false;
        for (String policyId : r.policies()) {
            for (Statement s : policies.get(policyId).statements()) {
                if (!s.actions().contains(action)) {
                    continue;
                }
                Condition.Outcome outcome = Condition.Outcome.MATCH;
                for (Condition c : s.conditions()) {
                    Condition.Outcome o = c.evaluate(attributes);
                    if (o == Condition.Outcome.ERROR) {
                        return Decision.DENY;
                    }
                    if (o == Condition.Outcome.NO_MATCH) {
                        outcome = o;
                        break;
                    }
                }
                if (outcome == Condition.Outcome.MATCH) {
                    if (s.effect() == Statement.Effect.DENY) {
                        return Decision.DENY;
                    }
                    allowed = true;
                }
            }
        }
        return allowed ? Decision.ALLOW : Decision.DENY;
    }
}
