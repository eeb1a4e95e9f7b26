package dev.ductor.orchestrator.models;

import dev.ductor.config.ConfigStore;
import dev.ductor.model.Button;
import dev.ductor.model.ButtonPressed;
import dev.ductor.model.ChatRef;
import dev.ductor.orchestrator.reply.Replies;
import dev.ductor.orchestrator.reply.Texts;
import dev.ductor.orchestrator.runners.Runners;
import dev.ductor.orchestrator.session.SessionStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The {@code /model} wizard (behaviour §2.12, callbacks {@code ms:*} of behaviour §3.16): provider, then model, then
 * thinking level where the model has one, as buttons on one message edited in place. Providers offered
 * are those a runner reports logged in.
 */
@Component
public class ChoosingModel {

    public static final String CALLBACK_PREFIX = dev.ductor.model.ButtonData.MODEL_SELECTOR;

    private record Step(String text, List<List<Button>> buttons) {}

    private final Runners runners;
    private final SessionStore sessions;
    private final ConfigStore config;
    private final ModelRegistry registry;
    private final SwitchingModel switching;
    private final Replies replies;
    private final Texts texts;
    /** The latest selector message of each chat, the one a press edits. */
    private final Map<ChatRef, String> selectors = new ConcurrentHashMap<>();

    ChoosingModel(
            Runners runners,
            SessionStore sessions,
            ConfigStore config,
            ModelRegistry registry,
            SwitchingModel switching,
            Replies replies,
            Texts texts) {
        this.texts = texts;
        this.runners = runners;
        this.sessions = sessions;
        this.config = config;
        this.registry = registry;
        this.switching = switching;
        this.replies = replies;
    }

    public void open(ChatRef chat, String replyTo) {
        String ref = "ms-" + chat.storageKey() + "-" + replyTo;
        selectors.put(chat, ref);
        Step step = root(chat);
        replies.named(chat, ref, ref + ":show", step.text(), replyTo, step.buttons());
    }

    public void press(ButtonPressed press) {
        String[] parts = press.data().split(":", 4);
        String action = parts.length > 1 ? parts[1] : "";
        String arg = parts.length > 2 ? parts[2] : "";
        Step step = switch (action) {
            case "p" -> models(arg);
            case "b" -> arg.equals("root") ? root(press.chat()) : models(arg);
            case "m" -> chooseModel(press.chat(), press.data().substring("ms:m:".length()));
            case "r" ->
                parts.length > 3
                        ? new Step(switching.switchTo(press.chat(), parts[3], arg), List.of())
                        : root(press.chat());
            default -> new Step(texts.t("model.unknown_action"), List.of());
        };
        String ref = selectors.getOrDefault(press.chat(), "ms-" + press.chat().storageKey());
        replies.edit(press.chat(), ref, ref + ":" + press.callbackId(), step.text(), step.buttons());
    }

    private Step chooseModel(ChatRef chat, String model) {
        List<String> efforts = registry.efforts(model);
        if (efforts.isEmpty()) {
            return new Step(switching.switchTo(chat, model, null), List.of());
        }
        List<Button> buttons = efforts.stream()
                .map(e -> new Button(label(e), "ms:r:" + e + ":" + model))
                .toList();
        var rows = new ArrayList<>(rows(buttons, 2));
        rows.add(List.of(new Button(texts.t("model.btn_back"), "ms:b:" + registry.providerOf(model))));
        return new Step(texts.t("model.thinking_level", "model", model), rows);
    }

    private Step root(ChatRef chat) {
        var authenticated = runners.loggedIn();
        String header = header(chat);
        if (authenticated.isEmpty()) {
            return new Step(header + "\n\n" + texts.t("model.no_auth"), List.of());
        }
        if (authenticated.size() == 1) {
            Step only = models(authenticated.first());
            return new Step(header + "\n\n" + only.text(), only.buttons());
        }
        List<Button> buttons = authenticated.stream()
                .map(p -> new Button(p.toUpperCase(Locale.ROOT), "ms:p:" + p))
                .toList();
        return new Step(header + "\n\n" + texts.t("model.pick_provider"), rows(buttons, 2));
    }

    private Step models(String provider) {
        List<Button> buttons;
        String prompt;
        switch (provider) {
            case "claude" -> {
                buttons = ModelRegistry.CLAUDE.stream()
                        .map(m -> new Button(m.toUpperCase(Locale.ROOT), "ms:m:" + m))
                        .toList();
                prompt = texts.t("model.select_claude");
            }
            case "codex" -> {
                buttons = registry.codexModels().stream()
                        .map(m -> new Button(m.displayName(), "ms:m:" + m.id()))
                        .toList();
                prompt = texts.t(buttons.isEmpty() ? "model.no_codex" : "model.select_codex");
            }
            case "gemini" -> {
                buttons = registry.geminiModels().stream()
                        .map(m -> new Button(m.replaceFirst("^(auto-)?gemini-", ""), "ms:m:" + m))
                        .toList();
                prompt = texts.t("model.select_gemini");
            }
            default -> {
                buttons = List.of();
                prompt = texts.t("model.unknown_provider");
            }
        }
        var rows = new ArrayList<>(rows(buttons, 2));
        rows.add(List.of(new Button(texts.t("model.btn_back"), "ms:b:root")));
        return new Step(prompt, rows);
    }

    private String header(ChatRef chat) {
        var current = config.current();
        String model = sessions.get(chat).map(s -> s.model()).orElse(current.model());
        String text = texts.t("model.header") + "\n"
                + (registry.efforts(model).isEmpty()
                        ? texts.t("model.current", "model", model)
                        : texts.t("model.current_with_effort", "model", model, "effort", current.reasoningEffort()));
        if (chat.topicId() == null && !model.equals(current.model())) {
            text += "\n" + texts.t("model.configured_default", "configured", current.model());
        }
        return text;
    }

    private static String label(String effort) {
        return effort.equals("xhigh") ? "XHigh" : effort.substring(0, 1).toUpperCase(Locale.ROOT) + effort.substring(1);
    }

    private static <T> List<List<T>> rows(List<T> items, int perRow) {
        List<List<T>> rows = new ArrayList<>();
        for (int i = 0; i < items.size(); i += perRow) {
            rows.add(List.copyOf(items.subList(i, Math.min(items.size(), i + perRow))));
        }
        return rows;
    }
}
