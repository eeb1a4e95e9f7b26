package dev.ductor.gateway.telegram.outbound;

import dev.ductor.gateway.telegram.api.ApiResult;
import dev.ductor.gateway.telegram.api.TelegramPort;
import dev.ductor.workspace.SendableFiles;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;

/** Outboxes and renderers wired for tests: ductor's streaming defaults, files limited to {@code workspace}. */
final class TestRenderers {

    private TestRenderers() {}

    /** An outbox on virtual time with short backoffs (50 ms to 200 ms). */
    static Outbox outbox(VirtualTime time) {
        return new Outbox(Duration.ofMillis(50), Duration.ofMillis(200), new SimpleMeterRegistry(), time, time);
    }

    /** {@code port}, except that Telegram refuses every edit ("message can't be edited"). */
    static TelegramPort editsRejected(TelegramPort port) {
        return (TelegramPort) Proxy.newProxyInstance(
                TelegramPort.class.getClassLoader(), new Class<?>[] {TelegramPort.class}, (proxy, method, args) -> {
                    if (method.getName().equals("editMessageText")) {
                        return new ApiResult(
                                "editMessageText", false, 400, "Bad Request: message can't be edited", null, null);
                    }
                    return method.invoke(port, args);
                });
    }

    static Renderer renderer(
            TelegramPort telegram,
            Outbox outbox,
            SentMessages sent,
            StreamSettings settings,
            Path workspace,
            VirtualTime time) {
        return renderer(
                telegram,
                outbox,
                sent,
                settings,
                workspace,
                new SimpleMeterRegistry(),
                new AnsweredButtons(telegram, outbox),
                time,
                time,
                new Drafts(false));
    }

    /** A renderer that shows private chats' streams as drafts as {@code drafts} says. */
    static Renderer renderer(
            TelegramPort telegram,
            Outbox outbox,
            SentMessages sent,
            StreamSettings settings,
            Path workspace,
            MeterRegistry registry,
            AnsweredButtons answers,
            InstantSource clock,
            Scheduler timers,
            Drafts drafts) {
        return new Renderer(
                telegram,
                outbox,
                sent,
                () -> settings,
                new StreamMetrics(registry),
                new FileTags(
                        telegram,
                        outbox,
                        new SendableFiles(() -> "workspace", workspace, workspace, workspace),
                        workspace),
                answers,
                clock,
                timers,
                drafts);
    }
}
