package dev.ductor.runner.process;

import dev.ductor.config.DuctorHome;
import dev.ductor.model.ChatRef;
import dev.ductor.state.DotEnv;
import java.util.HashMap;
import java.util.Map;

/**
 * The environment of a CLI process (spec §4.1): the runner's own, plus {@code DUCTOR_HOME/.env} values
 * that do not override it, plus the {@code DUCTOR_*} variables of the turn, plus what the provider needs.
 */
public final class CliEnvironment {

    private final Map<String, String> base;
    private final DuctorHome home;

    public CliEnvironment(Map<String, String> base, DuctorHome home) {
        this.base = Map.copyOf(base);
        this.home = home;
    }

    public Map<String, String> build(ChatRef chat, Map<String, String> providerVariables) {
        Map<String, String> env = new HashMap<>(base);
        DotEnv.read(home.envFile()).forEach(env::putIfAbsent);
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
        env.putAll(providerVariables);
        return env;
    }
}
