package dev.ductor.runner.process;

import dev.ductor.config.DuctorHome;
import dev.ductor.model.ChatRef;
import dev.ductor.state.DotEnv;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The environment of a CLI process (behaviour §4.1): the allowed part of the runner's own ({@link
 * InheritedVariables}: never {@code DUCTOR_TELEGRAM_TOKEN}, other {@code DUCTOR_*} or {@code SPRING_*}), then
 * provider values from config.json (e.g. {@code gemini_api_key}) and then {@code DUCTOR_HOME/.env} values
 * (any name but those forbidden ones), each without overriding what is already there, plus the {@code
 * DUCTOR_*} variables of the turn, the agent API's address and token ({@link #AGENT_API}, behaviour §6.8:
 * the only {@code DUCTOR_*} values of the runner's own that a CLI gets, for its tool scripts), plus what the
 * provider needs.
 */
public final class CliEnvironment {

    /** The runner's variables handed to every CLI as they are, when both are set: where the tools call. */
    public static final List<String> AGENT_API = List.of("DUCTOR_AGENT_API_URL", "DUCTOR_AGENT_API_TOKEN");

    private final Map<String, String> base;
    private final Map<String, String> agentApi = new HashMap<>();
    private final DuctorHome home;

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
        env.put("DUCTOR_HOME", home.root().toString());
        env.putAll(agentApi);
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
        Map<String, String> values = new HashMap<>(DotEnv.read(home.envFile()));
        values.keySet().removeIf(InheritedVariables::forbidden);
        return values;
    }

    /** The part of the runner's own environment a CLI inherits, without anything of a turn. */
    public Map<String, String> base() {
        return base;
    }
}
