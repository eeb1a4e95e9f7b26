package dev.ductor.runner.process;

import dev.ductor.agents.AgentApiTokens;
import dev.ductor.config.DuctorHome;
import dev.ductor.model.ChatRef;
import dev.ductor.state.DotEnv;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * The environment of a CLI process (behaviour §4.1): the allowed part of the runner's own ({@link
 * InheritedVariables}: never {@code DUCTOR_TELEGRAM_TOKEN}, other {@code DUCTOR_*} or {@code SPRING_*}), then
 * provider values from config.json (e.g. {@code gemini_api_key}) and then {@code DUCTOR_HOME/.env} values
 * (any name but those forbidden ones), each without overriding what is already there, plus the {@code
 * DUCTOR_*} variables of the turn, the agent API's address and token ({@link #AGENT_API}, behaviour §6.8:
 * the only {@code DUCTOR_*} values of the runner's own that a CLI gets, for its tool scripts; a sub-agent's
 * CLI gets its agent's token instead of the deployment's, {@link AgentApiTokens}), plus what the
 * provider needs. {@code .env} is read again only when its modification time or size changed: a status report,
 * a login check or a turn does not parse it each time.
 */
public final class CliEnvironment {

    /** The runner's variables handed to every CLI as they are, when both are set: where the tools call. */
    public static final List<String> AGENT_API = List.of("DUCTOR_AGENT_API_URL", "DUCTOR_AGENT_API_TOKEN");

    private final Map<String, String> base;
    private final Map<String, String> agentApi = new HashMap<>();
    private final DuctorHome home;
    private final AtomicReference<@Nullable DotEnvRead> lastRead = new AtomicReference<>();

    /** {@code .env}'s values as read when the file had this modification time and size. */
    private record DotEnvRead(FileTime modified, long size, Map<String, String> values) {}

    public CliEnvironment(Map<String, String> base, DuctorHome home) {
        this.base = Map.copyOf(InheritedVariables.of(base));
        this.home = home;
        if (AGENT_API.stream().allMatch(name -> !base.getOrDefault(name, "").isBlank())) {
            AGENT_API.forEach(name -> agentApi.put(name, base.get(name).strip()));
        }
    }

    public Map<String, String> build(ChatRef chat, Map<String, String> providerVariables) {
        return build(chat, Map.of(), providerVariables);
    }

    public Map<String, String> build(
            ChatRef chat, Map<String, String> configVariables, Map<String, String> providerVariables) {
        Map<String, String> env = new HashMap<>(base);
        configVariables.forEach(env::putIfAbsent);
        dotEnv().forEach(env::putIfAbsent);
        env.put("DUCTOR_CHAT_ID", Long.toString(chat.chatId()));
        Long topic = chat.topicId();
        if (topic != null) {
            env.put("DUCTOR_TOPIC_ID", Long.toString(topic));
        } else {
            env.remove("DUCTOR_TOPIC_ID");
        }
        env.put("DUCTOR_TRANSPORT", chat.transport());
        env.put("DUCTOR_AGENT_NAME", chat.agent());
        env.put("DUCTOR_HOME", home.forAgent(chat.agent()).root().toString());
        env.putAll(agentApi);
        if (!agentApi.isEmpty()) {
            env.put(
                    "DUCTOR_AGENT_API_TOKEN",
                    AgentApiTokens.forAgent(agentApi.get("DUCTOR_AGENT_API_TOKEN"), chat.agent()));
        }
        env.putAll(providerVariables);
        return env;
    }

    /** What every turn would see of the machine: the runner's environment, config values, then .env. */
    public Map<String, String> machine(Map<String, String> configVariables) {
        Map<String, String> env = new HashMap<>(base);
        configVariables.forEach(env::putIfAbsent);
        dotEnv().forEach(env::putIfAbsent);
        return env;
    }

    private Map<String, String> dotEnv() {
        Path file = home.envFile();
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            lastRead.set(null);
            return Map.of();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
        if (!attributes.isRegularFile()) {
            return Map.of();
        }
        DotEnvRead known = lastRead.get();
        if (known != null
                && known.modified().equals(attributes.lastModifiedTime())
                && known.size() == attributes.size()) {
            return known.values();
        }
        Map<String, String> values = new HashMap<>(DotEnv.read(file));
        values.keySet().removeIf(InheritedVariables::forbidden);
        // Read after the attributes: a write in between is seen again at the next call (a newer time).
        lastRead.set(new DotEnvRead(attributes.lastModifiedTime(), attributes.size(), Map.copyOf(values)));
        return values;
    }

    /** The part of the runner's own environment a CLI inherits, without anything of a turn. */
    public Map<String, String> base() {
        return base;
    }
}
