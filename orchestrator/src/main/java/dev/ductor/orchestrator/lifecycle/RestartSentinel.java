package dev.ductor.orchestrator.lifecycle;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.ductor.config.DuctorHome;
import dev.ductor.model.ChatRef;
import dev.ductor.model.Transport;
import dev.ductor.state.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code DUCTOR_HOME/restart-sentinel.json} (behaviour §2.20): ductor's {@code chat_id} and {@code message},
 * plus the transport, agent and topic the answer goes to.
 */
@Component
class RestartSentinel {

    private static final Logger log = LoggerFactory.getLogger(RestartSentinel.class);

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Content(
            long chatId,
            String message,
            @Nullable String transport,
            @Nullable String agent,
            @Nullable Long topicId) {

        ChatRef chat() {
            return new ChatRef(
                    transport == null ? Transport.TELEGRAM.code() : transport,
                    agent == null ? "main" : agent,
                    chatId,
                    topicId);
        }
    }

    private final Path file;
    private final JsonMapper mapper = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    RestartSentinel(DuctorHome home) {
        this.file = home.root().resolve("restart-sentinel.json");
    }

    void write(ChatRef chat, String message) {
        var content = new Content(chat.chatId(), message, chat.transport(), chat.agent(), chat.topicId());
        AtomicFiles.write(file, mapper.writeValueAsBytes(content));
    }

    /** The sentinel left by a {@code /restart}, if any (an unreadable one is removed and ignored). */
    Optional<Content> read() {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(mapper.readValue(Files.readAllBytes(file), Content.class));
        } catch (JacksonException e) {
            log.error("Restart sentinel {} is not valid ({}); ignored", file, e.getOriginalMessage());
            remove();
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removes the sentinel once its answer was handed on. */
    void remove() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("Cannot remove {}: {}", file, e.getMessage());
        }
    }
}
