package dev.ductor.systemtests.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import org.awaitility.Awaitility;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * compose's broker definitions ({@code deploy/rabbitmq/definitions.template.json}, rendered as {@code
 * deploy/rabbitmq/start.sh} does) imported with {@code rabbitmqctl import_definitions} into a vhost of their own
 * on the test broker: the topology of docs/design.md, "Bus", and one user per service with the permissions of
 * "Trust boundaries". User names are global on a broker, so this run's carry a prefix; each gets a fresh
 * password. {@link #close()} deletes the vhost and the users. Skipped, saying so, without a {@code rabbitmqctl}
 * that can reach the test broker.
 */
public final class BrokerDefinitions implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Tool rabbitmqctl;
    private final String vhost;
    private final String userPrefix;
    private final Map<String, String> passwords = new TreeMap<>();

    private BrokerDefinitions(Tool rabbitmqctl, String run) {
        this.rabbitmqctl = rabbitmqctl;
        this.vhost = "ductor-definitions-" + run;
        this.userPrefix = "t" + run + "-";
    }

    /** Imports the definitions for a run ({@code run} names the vhost and prefixes the users). */
    public static BrokerDefinitions imported(String run) {
        Tool rabbitmqctl = Tool.required("rabbitmqctl", "rabbitmq-server", "load broker definitions");
        try {
            Tool.Result status = rabbitmqctl.run("-q", "list_vhosts");
            assumeTrue(
                    status.exitCode() == 0,
                    () -> "rabbitmqctl cannot reach the test broker (run as root or the rabbitmq user next to it): "
                            + status.output().strip() + ". Skipping.");
            var definitions = new BrokerDefinitions(rabbitmqctl, run);
            definitions.load();
            return definitions;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void load() throws IOException, InterruptedException {
        // readable by all: Debian's rabbitmqctl runs as the rabbitmq user (this rabbitmqctl reads no stdin)
        Path file = Files.createTempFile(
                "ductor-definitions",
                ".json",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--")));
        try {
            Files.write(file, JSON.writeValueAsBytes(rendered()));
            rabbitmqctl.succeed("import_definitions", file.toString());
        } finally {
            Files.delete(file);
        }
        // the import is asynchronous; 13 bindings besides the default exchange's (whose source name is blank)
        Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .until(() -> lines("list_bindings", "-p", vhost, "source_name").size() == 13
                        && lines("list_permissions", "-p", vhost).size() == 7);
    }

    /** The template with this run's vhost, prefixed user names and fresh passwords, as start.sh renders it. */
    private JsonNode rendered() {
        String text = ProjectFiles.read("deploy/rabbitmq/definitions.template.json")
                .replace("@VHOST@", vhost)
                .replace("@ADMIN_USER@", "ductor");
        for (String placeholder : List.of(
                "ADMIN_PASSWORD",
                "GATEWAY_TELEGRAM_PASSWORD",
                "GATEWAY_MATRIX_PASSWORD",
                "GATEWAY_API_PASSWORD",
                "ORCHESTRATOR_PASSWORD",
                "CLI_RUNNER_PASSWORD",
                "SCHEDULER_PASSWORD")) {
            byte[] bytes = new byte[24];
            ThreadLocalRandom.current().nextBytes(bytes);
            text = text.replace("@" + placeholder + "@", HexFormat.of().formatHex(bytes));
        }
        assertThat(text).as("every placeholder rendered").doesNotContain("@");
        JsonNode definitions = JSON.readTree(text);
        for (JsonNode user : definitions.get("users")) {
            String name = userPrefix + user.get("name").asString();
            ((ObjectNode) user).put("name", name);
            passwords.put(name, user.get("password").asString());
        }
        for (JsonNode permission : definitions.get("permissions")) {
            ((ObjectNode) permission)
                    .put("user", userPrefix + permission.get("user").asString());
        }
        return definitions;
    }

    public String vhost() {
        return vhost;
    }

    /** The broker user of a service ({@code orchestrator}, {@code gateway-telegram}, …). */
    public String user(String service) {
        return userPrefix + "ductor-" + service;
    }

    /** The administrator ({@code RABBITMQ_USER}), given to no service. */
    public String admin() {
        return userPrefix + "ductor";
    }

    public String password(String user) {
        return passwords.get(user);
    }

    Tool rabbitmqctl() {
        return rabbitmqctl;
    }

    /** The lines rabbitmqctl prints for {@code args} without headers; none if it fails. */
    public List<String> lines(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("-q", "--no-table-headers"));
        command.addAll(List.of(args));
        Tool.Result result = rabbitmqctl.run(command.toArray(String[]::new));
        return result.exitCode() != 0
                ? List.of()
                : result.output().lines().filter(line -> !line.isBlank()).toList();
    }

    /** Deletes the vhost (with everything in it) and this run's users. */
    @Override
    public void close() {
        try {
            rabbitmqctl.run("delete_vhost", vhost);
            for (String user : passwords.keySet()) {
                rabbitmqctl.run("delete_user", user);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
