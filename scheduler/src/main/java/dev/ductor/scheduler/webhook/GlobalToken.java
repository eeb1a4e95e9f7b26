package dev.ductor.scheduler.webhook;

import dev.ductor.config.ConfigStore;
import dev.ductor.state.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The global webhook token: {@code webhooks.token}, generated on the first start with webhooks enabled
 * (32 random bytes, URL-safe Base64 as Python's {@code token_urlsafe(32)}) and written into
 * {@code config.json} — only that key, every other byte of the user's configuration kept.
 */
final class GlobalToken {

    private static final Logger log = LoggerFactory.getLogger(GlobalToken.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ConfigStore config;
    private volatile String generated = "";

    GlobalToken(ConfigStore config) {
        this.config = config;
    }

    String current() {
        String configured = config.current().webhooks().token();
        return configured == null || configured.isBlank() ? generated : configured;
    }

    /** Generates and persists a token when none is configured. */
    synchronized void ensure() {
        if (!current().isBlank()) {
            return;
        }
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        JsonMapper mapper = JsonMapper.builder().build();
        try {
            JsonNode root = mapper.readTree(Files.readAllBytes(config.file()));
            if (root instanceof ObjectNode object) {
                JsonNode webhooks = object.get("webhooks");
                ObjectNode block = webhooks instanceof ObjectNode o ? o : object.putObject("webhooks");
                block.put("token", token);
                AtomicFiles.write(
                        config.file(), mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
                log.info("Generated the global webhook token and saved it as webhooks.token in {}", config.file());
            }
        } catch (IOException | RuntimeException e) {
            log.error(
                    "Could not save the generated webhook token in {}: {} (it is used until a restart)",
                    config.file(),
                    e.toString());
        }
        generated = token;
    }
}
