package dev.edgepair.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.edgepair.iam.IamConfig.Decision;
import dev.edgepair.tags.Unit;

/** spec/iam.md, "Evaluation", as a table over a Nabto Edge config file that loads unchanged. */
@Unit
class IamConfigTest {
    static IamConfig nabtoStyle() throws Exception {
        try (var in = IamConfigTest.class.getResourceAsStream("/nabto-style-iam-config.json")) {
            return IamConfig.parse(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    @ParameterizedTest(name = "{0} {1} local={2} user={3} about={4} -> {5}")
    @CsvSource({
        // role,          action,               local, user,  about (IAM:Username), decision
        "Unpaired,        IAM:GetPairing,        true,  ,      ,      ALLOW",
        "Unpaired,        Thermostat:Get,        true,  ,      ,      DENY",    // no match denies
        "Guest,           Thermostat:Get,        false, bob,   ,      ALLOW",
        "Guest,           Thermostat:Set,        true,  bob,   ,      ALLOW",   // Bool condition holds
        "Guest,           Thermostat:Set,        false, bob,   ,      DENY",    // Bool condition fails
        "Administrator,   Device:FactoryReset,   false, ann,   ,      ALLOW",
        "Restricted,      Device:FactoryReset,   false, ann,   ,      DENY",    // any Deny wins over Allow
        "Restricted,      IAM:ListUsers,         false, ann,   ,      ALLOW",
        "Guest,           IAM:GetUser,           false, bob,   bob,   ALLOW",   // ${Connection:Username}
        "Guest,           IAM:GetUser,           false, bob,   ann,   DENY",
        "Unpaired,        IAM:GetUser,           false, ,      bob,   DENY",    // missing variable never matches
        "NoSuchRole,      IAM:GetPairing,        true,  bob,   ,      DENY",    // unknown role: denied everything
        "Administrator,   iam:getpairing,        true,  ann,   ,      DENY",    // exact action names only
    })
    void decides(String role, String action, boolean local, String user, String about, Decision expected)
            throws Exception {
        var attrs = new java.util.HashMap<String, String>();
        attrs.put("Connection:IsLocal", Boolean.toString(local));
        if (user != null) {
            attrs.put("Connection:Username", user);
        }
        if (about != null) {
            attrs.put("IAM:Username", about);
        }
        assertThat(nabtoStyle().decide(role, action, attrs)).isEqualTo(expected);
    }

    @Test
    void aConditionThatCannotBeEvaluatedDenies() throws Exception {
        IamConfig config = IamConfig.parse(("""
                {"Version": 1, "Config": {"UnpairedRole": "U"},
                 "Policies": [{"Id": "P", "Statements": [
                   {"Effect": "Allow", "Actions": ["A"]},
                   {"Effect": "Deny", "Actions": ["A"], "Conditions": [{"NumericLessThan": {"Level": ["3"]}}]}]}],
                 "Roles": [{"Id": "U", "Policies": ["P"]}]}"""));
        assertThat(config.decide("U", "A", Map.of("Level", "5"))).isEqualTo(Decision.ALLOW);
        assertThat(config.decide("U", "A", Map.of("Level", "2"))).isEqualTo(Decision.DENY);
        // "high" is no number: the Deny cannot be evaluated, and an error denies rather than skipping the Deny
        assertThat(config.decide("U", "A", Map.of("Level", "high"))).isEqualTo(Decision.DENY);
    }

    @Test
    void theDefaultConfigHasTheTunnelAppRolesAndHello() {
        IamConfig d = IamConfig.defaults();
        assertThat(d.roleIds()).containsExactly("Unpaired", "Administrator", "Standard", "Guest");
        assertThat(d.unpairedRole()).isEqualTo("Unpaired");
        assertThat(d.decide("Standard", "Hello:Get", Map.of())).isEqualTo(Decision.ALLOW);
        assertThat(d.decide("Guest", "Hello:Get", Map.of())).isEqualTo(Decision.DENY);
        assertThat(d.decide("Unpaired", "Hello:Get", Map.of())).isEqualTo(Decision.DENY);
        assertThat(d.decide("Unpaired", "IAM:PairingLocalInitial", Map.of())).isEqualTo(Decision.ALLOW);
        assertThat(d.decide("Standard", "IAM:ListUsers", Map.of())).as("only administrators list users")
                .isEqualTo(Decision.DENY);
        assertThat(d.decide("Administrator", "IAM:ListUsers", Map.of())).isEqualTo(Decision.ALLOW);
        assertThat(d.decide("Standard", "IAM:CreateUser", Map.of())).isEqualTo(Decision.DENY);
    }

    @Test
    void badConfigsAreClearErrors(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("iam.json");
        Files.writeString(file, "{\"Version\": 2}");
        assertThatThrownBy(() -> IamConfig.load(file)).isInstanceOf(IamConfigException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("Version 1");
        Files.writeString(file, """
                {"Version": 1, "Config": {"UnpairedRole": "U"}, "Policies": [],
                 "Roles": [{"Id": "U", "Policies": ["Missing"]}]}""");
        assertThatThrownBy(() -> IamConfig.load(file)).hasMessageContaining("unknown policy Missing");
        Files.writeString(file, """
                {"Version": 1, "Config": {"UnpairedRole": "U"},
                 "Policies": [{"Id": "P", "Statements": [{"Effect": "Allow", "Actions": ["A"],
                   "Conditions": [{"Regex": {"X": ["y"]}}]}]}], "Roles": [{"Id": "U", "Policies": ["P"]}]}""");
        assertThatThrownBy(() -> IamConfig.load(file)).hasMessageContaining("unknown condition operator Regex");
        Files.writeString(file, "{\"Version\": 1, \"Config\": {\"UnpairedRole\": \"Nope\"}, \"Policies\": [], \"Roles\": []}");
        assertThatThrownBy(() -> IamConfig.load(file)).hasMessageContaining("unpaired role Nope");
    }
}
