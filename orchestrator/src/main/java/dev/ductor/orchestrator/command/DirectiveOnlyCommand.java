package dev.ductor.orchestrator.command;

import dev.ductor.model.InboundMessage;
import dev.ductor.orchestrator.models.ModelRegistry;
import dev.ductor.orchestrator.reply.Replies;
import dev.ductor.orchestrator.reply.Texts;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/** A message that is only an {@code @model} directive: it names the model of the next message, nothing runs. */
@Component
class DirectiveOnlyCommand implements ChatCommand {

    private static final Pattern DIRECTIVE_ONLY = Pattern.compile("@([a-zA-Z][a-zA-Z0-9_.\\[\\]-]*)");

    private final ModelRegistry models;
    private final Replies replies;
    private final Texts texts;

    DirectiveOnlyCommand(ModelRegistry models, Replies replies, Texts texts) {
        this.models = models;
        this.replies = replies;
        this.texts = texts;
    }

    @Override
    public Optional<MenuEntry> entry() {
        return Optional.empty();
    }

    @Override
    public boolean matches(InboundMessage message) {
        String text = message.text().strip();
        return DIRECTIVE_ONLY.matcher(text).matches() && models.isKnown(text.substring(1));
    }

    @Override
    public void handle(InboundMessage message) {
        String model = message.text().strip().substring(1).toLowerCase(Locale.ROOT);
        replies.text(message.chat(), texts.t("model.directive_next", "model", model), message.transportMessageId());
    }
}
