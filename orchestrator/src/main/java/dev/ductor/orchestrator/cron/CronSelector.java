package dev.ductor.orchestrator.cron;

import dev.ductor.model.Button;
import dev.ductor.model.ButtonPressed;
import dev.ductor.model.ChatRef;
import dev.ductor.orchestrator.reply.SelectorMessage;
import dev.ductor.orchestrator.reply.SelectorMessage.View;
import dev.ductor.orchestrator.reply.SelectorMessages;
import dev.ductor.orchestrator.reply.Texts;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * {@code /cron} (behaviour §2.16): the jobs of {@code cron_jobs.json}, six per page, each with a button that
 * switches it on or off, page buttons, Refresh, All ON and All OFF ({@code crn:*} callbacks, behaviour §3.16).
 * A toggle names its job by page, slot and a fingerprint of the job list, so a list changed meanwhile
 * (a job added or removed) is refused with ductor's "Cron list changed" instead of switching the wrong
 * job. The selector is one message, edited in place.
 */
@Component
public class CronSelector {

    public static final String CALLBACK_PREFIX = dev.ductor.model.ButtonData.CRON_SELECTOR;
    static final int PAGE_SIZE = 6;

    private static final Logger log = LoggerFactory.getLogger(CronSelector.class);

    /** A page of the selector: its text and buttons. */
    private final CronJobs jobs;

    private final Texts texts;
    /** The selector message of each chat, so presses edit it. */
    private final SelectorMessage message;

    CronSelector(CronJobs jobs, SelectorMessages selectors, Texts texts) {
        this.jobs = jobs;
        this.texts = texts;
        this.message = selectors.of("crn", "cron selector");
    }

    public void open(ChatRef chat, String replyTo) {
        message.open(chat, replyTo, view(0, null));
    }

    /**
     * Handles a {@code crn:*} press: the selector message is edited (with the result as a note), and the
     * note is returned for the press's answer. A press delivered twice changes nothing the second time:
     * a toggle carries the state it asks for.
     */
    public @Nullable String press(ButtonPressed press) {
        String[] parts = press.data().split(":");
        String action = parts.length > 1 ? parts[1] : "";
        int page = parts.length > 2 ? parse(parts[2]) : 0;
        String answer = null;
        int show = page;
        try {
            switch (action) {
                case "r" -> {}
                case "n" -> show = page + 1;
                case "p" -> show = Math.max(0, page - 1);
                case "ao", "af" -> answer = all(action.equals("ao"));
                case "t" ->
                    answer = toggle(
                            page,
                            parts.length > 3 ? parse(parts[3]) : -1,
                            parts.length > 4 ? parts[4] : "",
                            parts.length > 5 ? parts[5].equals("1") : null);
                default -> {
                    answer = texts.t("cron.unknown_action");
                    show = 0;
                }
            }
        } catch (RuntimeException e) {
            log.warn("Cron selector action {} failed: {}", press.data(), e.toString());
            answer = texts.t("cron.unreadable", "error", String.valueOf(e.getMessage()));
        }
        message.update(press, view(show, answer));
        return answer == null || answer.length() <= 200 ? answer : answer.substring(0, 199) + "…";
    }

    View view(int requestedPage, @Nullable String note) {
        List<CronJobs.Job> all;
        try {
            all = jobs.list();
        } catch (RuntimeException e) {
            return new View(
                    Texts.fmt(
                            texts.t("cron.header"),
                            Texts.SEP,
                            texts.t("cron.unreadable", "error", String.valueOf(e.getMessage()))),
                    List.of());
        }
        if (all.isEmpty()) {
            return new View(
                    Texts.fmt(
                            texts.t("cron.header"),
                            Texts.SEP,
                            texts.t("cron.empty"),
                            Texts.SEP,
                            texts.t("cron.empty_hint")),
                    List.of());
        }
        int pages = (all.size() + PAGE_SIZE - 1) / PAGE_SIZE;
        int page = Math.min(Math.max(0, requestedPage), pages - 1);
        String fingerprint = fingerprint(all);
        List<String> lines = new ArrayList<>();
        List<Button> toggles = new ArrayList<>();
        for (int slot = 0; slot < PAGE_SIZE && page * PAGE_SIZE + slot < all.size(); slot++) {
            int number = page * PAGE_SIZE + slot + 1;
            CronJobs.Job job = all.get(number - 1);
            lines.add(texts.t(
                    "cron.job_line",
                    "number",
                    number,
                    "title",
                    job.title(),
                    "status",
                    texts.t(job.enabled() ? "cron.status_active" : "cron.status_paused"),
                    "schedule",
                    job.schedule()));
            toggles.add(new Button(
                    texts.t(job.enabled() ? "cron.btn_disable" : "cron.btn_enable", "number", number),
                    CALLBACK_PREFIX + "t:" + page + ":" + slot + ":" + fingerprint + ":"
                            + (job.enabled() ? "0" : "1")));
        }
        long active = all.stream().filter(CronJobs.Job::enabled).count();
        String info = texts.t("cron.info_active", "active", active, "total", all.size());
        if (pages > 1) {
            info += " · " + texts.t("cron.info_page", "current", page + 1, "total", pages);
        }
        List<List<Button>> rows = new ArrayList<>();
        toggles.forEach(toggle -> rows.add(List.of(toggle)));
        List<Button> navigation = new ArrayList<>();
        if (page > 0) {
            navigation.add(new Button(texts.t("cron.btn_prev"), CALLBACK_PREFIX + "p:" + page));
        }
        navigation.add(new Button(texts.t("cron.btn_refresh"), CALLBACK_PREFIX + "r:" + page));
        if (page < pages - 1) {
            navigation.add(new Button(texts.t("cron.btn_next"), CALLBACK_PREFIX + "n:" + page));
        }
        rows.add(navigation);
        rows.add(List.of(
                new Button(texts.t("cron.btn_all_on"), CALLBACK_PREFIX + "ao:" + page),
                new Button(texts.t("cron.btn_all_off"), CALLBACK_PREFIX + "af:" + page)));
        return new View(
                Texts.fmt(
                        texts.t("cron.header"),
                        Texts.SEP,
                        String.join("\n", lines),
                        Texts.SEP,
                        note == null ? info : note + "\n" + info),
                rows);
    }

    private String toggle(int page, int slot, String fingerprint, @Nullable Boolean wanted) {
        List<CronJobs.Job> all = jobs.list();
        int index = page * PAGE_SIZE + slot;
        if (slot < 0
                || slot >= PAGE_SIZE
                || index >= all.size()
                || !fingerprint(all).equals(fingerprint)) {
            return texts.t("cron.list_changed");
        }
        CronJobs.Job job = all.get(index);
        // The button says which state it asks for (ductor's older buttons do not: then it flips).
        boolean enable = wanted != null ? wanted : !job.enabled();
        jobs.setEnabled(Set.of(job.id()), enable);
        log.info("Cron job {} {} from the chat", job.id(), enable ? "enabled" : "disabled");
        return texts.t(
                "cron.toggled",
                "title",
                job.title(),
                "state",
                texts.t(enable ? "cron.state_enabled" : "cron.state_disabled"));
    }

    private String all(boolean enable) {
        Set<String> ids = jobs.list().stream().map(CronJobs.Job::id).collect(Collectors.toSet());
        int changed = jobs.setEnabled(ids, enable);
        if (changed == 0) {
            return texts.t(enable ? "cron.already_enabled" : "cron.already_disabled");
        }
        return texts.t(enable ? "cron.all_enabled" : "cron.all_disabled");
    }

    /** Eight hex digits of a hash of the job ids in order: changes when a job is added, removed or moved. */
    static String fingerprint(List<CronJobs.Job> all) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(all.stream()
                            .map(CronJobs.Job::id)
                            .collect(Collectors.joining("\n"))
                            .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int parse(String number) {
        try {
            return Integer.parseInt(number);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
