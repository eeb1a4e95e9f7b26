package dev.ductor.gateway.telegram.outbound;

import dev.ductor.gateway.telegram.api.TelegramPort;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;

/** Renderers wired for tests: ductor's streaming defaults, files limited to {@code workspace}. */
final class TestRenderers {

    private TestRenderers() {}

    static Renderer renderer(
            TelegramPort telegram, Outbox outbox, SentMessages sent, StreamSettings settings, Path workspace) {
        return renderer(telegram, outbox, sent, settings, workspace, new SimpleMeterRegistry());
    }

    static Renderer renderer(
            TelegramPort telegram,
            Outbox outbox,
            SentMessages sent,
            StreamSettings settings,
            Path workspace,
            MeterRegistry registry) {
        return renderer(telegram, outbox, sent, settings, workspace, registry, new AnsweredButtons(telegram, outbox));
    }

    static Renderer renderer(
            TelegramPort telegram,
            Outbox outbox,
            SentMessages sent,
            StreamSettings settings,
            Path workspace,
            MeterRegistry registry,
            AnsweredButtons answers) {
        return new Renderer(
                telegram,
                outbox,
                sent,
                () -> settings,
                new StreamMetrics(registry),
                new FileTags(telegram, outbox, () -> "workspace", workspace, workspace),
                answers);
    }
}
