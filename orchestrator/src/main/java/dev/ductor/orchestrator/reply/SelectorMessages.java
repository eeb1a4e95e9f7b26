package dev.ductor.orchestrator.reply;

import dev.ductor.config.DuctorHome;
import org.springframework.stereotype.Component;

/**
 * Makes the selectors' messages ({@link SelectorMessage}): each sends through {@link Replies} and keeps the
 * ref of its chat's open message in this agent's one {@link SelectorRefs}, so the outbound side holds no
 * selector state.
 */
@Component
public class SelectorMessages {

    private final Replies replies;
    private final SelectorRefs refs;

    public SelectorMessages(Replies replies, DuctorHome home) {
        this.replies = replies;
        this.refs = new SelectorRefs(home);
    }

    /**
     * @param prefix the start of the message's ref ({@code tsc}, {@code nsc}, {@code crn})
     * @param name what the selector is called in the log ({@code tasks selector})
     */
    public SelectorMessage of(String prefix, String name) {
        return new SelectorMessage(prefix, name, replies, refs);
    }
}
