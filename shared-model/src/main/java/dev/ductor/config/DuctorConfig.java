package dev.ductor.config;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The typed view of {@code config.json} (behaviour §7.2) the services use. Keys not modelled here stay in the
 * file untouched; see {@code config-defaults.json} for every default.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DuctorConfig(
        String logLevel,
        String provider,
        String model,
        int idleTimeoutMinutes,
        int sessionAgeWarningHours,
        int dailyResetHour,
        boolean dailyResetEnabled,
        String userTimezone,
        String language,
        @Nullable Double maxBudgetUsd,
        @Nullable Integer maxTurns,
        @Nullable Integer maxSessionMessages,
        String permissionMode,
        double cliTimeout,
        String reasoningEffort,
        String fileAccess,
        @Nullable String geminiApiKey,
        String transport,
        List<String> transports,
        String telegramToken,
        String telegramApiUrl,
        List<Long> allowedUserIds,
        List<Long> allowedGroupIds,
        List<Long> allowedChannelIds,
        boolean groupMentionOnly,
        Streaming streaming,
        Timeouts timeouts,
        CliParameters cliParameters,
        Scene scene,
        Docker docker,
        Matrix matrix,
        Heartbeat heartbeat,
        Cleanup cleanup,
        Webhooks webhooks,
        Tasks tasks,
        @Nullable Api api,
        boolean updateCheck,
        Notifications notifications) {

    /**
     * The {@code notifications} block (behaviour §5.9, §2.19): where the start notices and the update notice go.
     * An empty list keeps the default routing (every allowed user, the Matrix broadcast rooms); a list whose
     * entries are all disabled sends nothing.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Notifications(List<NoticeTarget> startupTargets, List<NoticeTarget> upgradeTargets) {}

    /** A chat (and Telegram topic) a notice goes to; an entry without {@code enabled} is on, as in ductor. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record NoticeTarget(
            @Nullable Boolean enabled,
            long chatId,
            @Nullable Long topicId) {

        public boolean on() {
            return !Boolean.FALSE.equals(enabled);
        }
    }

    /**
     * The {@code tasks} block (behaviour §5.7): background tasks on or off, how many run at once per chat
     * (for priorities other than {@code interactive}), a task run's timeout, and how long finished tasks are
     * kept (by age and by count, each pruning on its own).
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Tasks(
            boolean enabled, int maxParallel, int timeoutSeconds, int finishedRetentionHours, int finishedKeepLast) {}

    /**
     * The {@code api} block (behaviour §10): written only by {@code ductor api enable}, so null when the
     * WebSocket API was never set up; every key may be missing (a block written by hand), none makes the file
     * invalid. {@code token} is a secret and never appears in {@link #toString()}.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Api(
            @Nullable Boolean enabled,
            @Nullable String host,
            @Nullable Integer port,
            @Nullable String token,
            @Nullable Long chatId,
            @Nullable Boolean allowPublic) {

        /** Serving: enabled and with a token (an empty token would let anyone in). */
        public boolean serving() {
            return Boolean.TRUE.equals(enabled) && token != null && !token.isBlank();
        }

        @Override
        public String toString() {
            return Redacted.toString(this, Set.of("token"));
        }
    }

    /**
     * The {@code heartbeat} block (behaviour §6.3): every {@code intervalMinutes} a silent check-in turn in each
     * allowed private chat and enabled group target, unless quiet, busy, recently active or on another
     * provider; an answer equal to {@code ackToken} is swallowed.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Heartbeat(
            boolean enabled,
            int intervalMinutes,
            int cooldownMinutes,
            @Nullable Integer quietStart,
            @Nullable Integer quietEnd,
            String prompt,
            String ackToken,
            List<GroupTarget> groupTargets) {}

    /** A group chat or topic the heartbeat also visits; null fields fall back to the global values. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record GroupTarget(
            boolean enabled,
            long chatId,
            @Nullable Long topicId,
            @Nullable String prompt,
            @Nullable String ackToken,
            @Nullable Integer intervalMinutes,
            @Nullable Integer quietStart,
            @Nullable Integer quietEnd) {}

    /** The {@code cleanup} block (behaviour §6.4); {@code telegram_files_days} is the legacy name of the media days. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Cleanup(
            boolean enabled,

            @com.fasterxml.jackson.annotation.JsonAlias("telegram_files_days")
            int mediaFilesDays,

            int outputToUserDays,
            int apiFilesDays,
            int checkHour) {}

    /** The {@code webhooks} block (behaviour §6.2); {@code token} is a secret and never appears in {@link #toString()}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Webhooks(
            boolean enabled, String host, int port, String token, int maxBodyBytes, int rateLimitPerMinute) {

        @Override
        public String toString() {
            return "Webhooks[enabled=" + enabled + ", host=" + host + ", port=" + port + ", token="
                    + (token == null || token.isEmpty() ? "" : "***") + ", maxBodyBytes=" + maxBodyBytes
                    + ", rateLimitPerMinute=" + rateLimitPerMinute + "]";
        }
    }

    /**
     * This agent's transports as ductor normalises {@code transport} and {@code transports} (behaviour §7.1):
     * {@code transport} is the primary and comes first; the other entries of {@code transports} follow when the
     * list names the primary, else the primary is the only one ({@code "transport": "matrix"} with {@code
     * "transports": ["telegram"]} is Matrix only).
     */
    public List<String> activeTransports() {
        if (!transports.contains(transport)) {
            return List.of(transport);
        }
        return Stream.concat(Stream.of(transport), transports.stream().filter(other -> !other.equals(transport)))
                .distinct()
                .toList();
    }

    /**
     * Telegram is one of this agent's transports ({@link #activeTransports()}): not for a Matrix sub-agent's
     * configuration, nor a main agent on Matrix only (behaviour §5.8, §9).
     */
    public boolean onTelegram() {
        return activeTransports().contains("telegram");
    }

    /**
     * Matrix is one of this agent's transports: the {@code matrix} block names a homeserver, which is when the
     * Matrix gateway logs in for it (behaviour §7.1, §9.1), whatever {@code transports} lists.
     */
    public boolean onMatrix() {
        return matrix != null && matrix.configured();
    }

    /** {@code telegram_token}, {@code gemini_api_key} and the Matrix secrets never appear here. */
    @Override
    public String toString() {
        return Redacted.toString(this, Set.of("telegramToken", "geminiApiKey"));
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Streaming(
            boolean enabled,
            int minChars,
            int maxChars,
            int idleMs,
            double editIntervalSeconds,
            int maxEditFailures,
            boolean appendMode,
            boolean sentenceBreak) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Timeouts(
            int normal,
            int background,
            int subagent,
            List<Integer> warningIntervals,
            boolean extendOnActivity,
            int activityExtension,
            int maxExtensions) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record CliParameters(List<String> claude, List<String> codex, List<String> gemini) {

        public List<String> forProvider(String provider) {
            return switch (provider) {
                case "codex" -> codex;
                case "gemini" -> gemini;
                default -> claude;
            };
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Scene(boolean seenReaction, boolean statusReaction, boolean technicalFooter) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Docker(boolean enabled, String imageName, String containerName, List<String> mounts) {}

    /**
     * The {@code matrix} block (behaviour §7.4, §9.1). {@code allowedRooms} holds room ids ({@code !…}) or
     * aliases ({@code #…}) compared literally with the room id; {@code allowedUsers} holds Matrix user
     * ids ({@code @local:server}). {@code password} and {@code accessToken} are secrets: they never
     * appear in {@link #toString()}.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Matrix(
            String homeserver,
            String userId,
            String password,
            String accessToken,
            String deviceId,
            List<String> allowedRooms,
            List<String> allowedUsers,
            String storePath) {

        /** A homeserver is set: Matrix is one of the transports (the block itself is always there). */
        public boolean configured() {
            return homeserver != null && !homeserver.isBlank();
        }

        @Override
        public String toString() {
            return Redacted.toString(this, Set.of("password", "accessToken"));
        }
    }
}
