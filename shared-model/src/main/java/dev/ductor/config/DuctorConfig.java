package dev.ductor.config;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The typed view of {@code config.json} (spec §7.2) the services use. Keys not modelled here stay in the
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
        Matrix matrix) {

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
     * The {@code matrix} block (spec §7.4, §9.1). {@code allowedRooms} holds room ids ({@code !…}) or
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

        @Override
        public String toString() {
            return Redacted.toString(this, Set.of("password", "accessToken"));
        }
    }
}
