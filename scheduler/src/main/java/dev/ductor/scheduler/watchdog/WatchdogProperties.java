package dev.ductor.scheduler.watchdog;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The watchdog's settings ({@code ductor.watchdog.*}, environment {@code DUCTOR_WATCHDOG_*}); it runs when at
 * least one channel is set: {@code webhookUrl}, or {@code telegramToken} with {@code telegramChatId}.
 *
 * @param interval how often the leading scheduler looks
 * @param downAfter how long looks must fail without a break before the owner is told (a restart is no incident)
 * @param recoverAfter how long looks must pass without a break before the recovery is announced
 * @param stalledAfter how long ready messages may sit in a queue without going down
 * @param webhookUrl the owner's URL the alerts are POSTed to (a secret: never logged)
 * @param telegramToken a second bot's token (not the bot's own: that one may be what went silent)
 * @param telegramChatId the chat that second bot writes to (the owner's user id for a private chat)
 * @param telegramApiUrl the Bot API's address
 * @param health {@code name=url} health endpoints of the services to look at
 */
@ConfigurationProperties("ductor.watchdog")
public record WatchdogProperties(
        @DefaultValue("30s") Duration interval,
        @DefaultValue("2m") Duration downAfter,
        @DefaultValue("1m") Duration recoverAfter,
        @DefaultValue("5m") Duration stalledAfter,
        @DefaultValue("") String webhookUrl,
        @DefaultValue("") String telegramToken,
        @DefaultValue("0") long telegramChatId,
        @DefaultValue("https://api.telegram.org") String telegramApiUrl,
        @DefaultValue List<String> health) {

    public WatchdogProperties {
        health = List.copyOf(health);
    }

    boolean telegram() {
        return !telegramToken.isBlank() && telegramChatId != 0;
    }

    boolean webhook() {
        return !webhookUrl.isBlank();
    }

    @Override
    public String toString() {
        return "WatchdogProperties[interval=" + interval + ", downAfter=" + downAfter + ", recoverAfter="
                + recoverAfter + ", stalledAfter=" + stalledAfter + ", webhookUrl=" + (webhook() ? "<secret>" : "")
                + ", telegramToken=" + (telegramToken.isBlank() ? "" : "<secret>") + ", telegramChatId="
                + telegramChatId + ", telegramApiUrl=" + telegramApiUrl + ", health=" + health + "]";
    }
}
