package dev.ductor.orchestrator.named;

import jakarta.annotation.PostConstruct;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * After a restart, before any listener starts: a session whose run is still recorded stays
 * {@code running} until that run's end arrives (or it expires) and is reported; a session marked
 * {@code running} without one (its run was never handed over) is {@code idle} again, as ductor's load
 * makes it. Nothing is re-run: a prompt is never sent to a CLI twice.
 */
@Component
class ResumingNamedRuns {

    private static final Logger log = LoggerFactory.getLogger(ResumingNamedRuns.class);

    private final NamedSessions sessions;
    private final NamedRuns runs;

    ResumingNamedRuns(NamedSessions sessions, NamedRuns runs) {
        this.sessions = sessions;
        this.runs = runs;
    }

    @PostConstruct
    void resume() {
        Set<String> going =
                runs.all().stream().map(r -> r.chat().chatId() + ":" + r.name()).collect(Collectors.toSet());
        for (NamedSession session : sessions.allActive()) {
            if (session.status().equals(NamedSession.RUNNING)
                    && !going.contains(session.chatId() + ":" + session.name())) {
                log.warn("Named session {} was running without a recorded run; idle again", session.name());
                sessions.answered(session.chatId(), session.name(), null, false);
            }
        }
        if (!going.isEmpty()) {
            log.info("{} named session run(s) were going at the last stop; following them", going.size());
        }
    }
}
