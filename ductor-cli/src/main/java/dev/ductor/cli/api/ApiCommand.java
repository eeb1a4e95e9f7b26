package dev.ductor.cli.api;

import dev.ductor.cli.DuctorCommand;
import java.security.SecureRandom;
import java.util.Base64;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code ductor api enable|disable} (behaviour §11.5): the {@code api} block of {@code config.json} — on
 * enable a fresh random token, bound to 127.0.0.1 on port 8741 unless the block says otherwise.
 */
@Command(name = "api", description = "Switch the WebSocket API on or off (the api block of config.json).")
public final class ApiCommand {

    static final String SERVED_BY =
            "The gateway-api service serves it: docker compose --profile api up -d, or bin/run-local (which starts"
                    + " it when the block is enabled).";

    @ParentCommand
    DuctorCommand root;

    @Command(name = "enable", description = "Enable the API with a new random token.")
    public int enable() {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        var api = new ObjectNode[1];
        root.context().configLoader().update(root.context().configFile(), tree -> {
            ObjectNode block = tree.get("api") instanceof ObjectNode existing ? existing : tree.putObject("api");
            block.put("enabled", true);
            block.put("token", token);
            if (!block.has("host")) {
                block.put("host", "127.0.0.1");
            }
            if (!block.has("port")) {
                block.put("port", 8741);
            }
            if (!block.has("chat_id")) {
                block.put("chat_id", 0);
            }
            if (!block.has("allow_public")) {
                block.put("allow_public", false);
            }
            api[0] = block.deepCopy();
        });
        var console = root.context().console();
        console.println("API enabled on " + api[0].path("host").asString() + ":"
                + api[0].path("port").asInt() + ".");
        console.println(
                "Token (give it to your client; it is in " + root.context().configFile() + "): " + token);
        console.println("Restart the services for it to take effect.");
        console.println(SERVED_BY);
        return 0;
    }

    @Command(name = "disable", description = "Disable the API (the token is kept).")
    public int disable() {
        root.context().configLoader().update(root.context().configFile(), tree -> {
            if (tree.get("api") instanceof ObjectNode block) {
                block.put("enabled", false);
            }
        });
        root.context().console().println("API disabled. Restart the services for it to take effect.");
        return 0;
    }
}
