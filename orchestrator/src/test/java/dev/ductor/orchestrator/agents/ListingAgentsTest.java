package dev.ductor.orchestrator.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ductor.config.ConfigLoader;
import dev.ductor.config.ConfigStore;
import dev.ductor.orchestrator.reply.Texts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** behaviour §2.21: {@code /agents} lists the main agent and each sub-agent with its status. */
class ListingAgentsTest {

    @TempDir
    Path dir;

    @Test
    void listsTheMainAgentAndEachSubAgentWithStatusModelAndError() throws Exception {
        try (var served = TestSubAgents.start(dir, "{\"telegram_token\": \"1:main\", \"model\": \"opus\"}", """
                [{"name": "helper", "telegram_token": "2:h", "model": "sonnet"},
                 {"name": "broken", "telegram_token": "3:b"}]
                """)) {
            var agents = served.agents();
            var config = served.config();
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> agents.statuses().size() == 2
                            && agents.statuses().get("helper").state().equals("running")
                            && agents.statuses().get("broken").state().equals("crashed"));
            Instant now = Instant.now().plus(Duration.ofMinutes(75));
            var listing = new ListingAgents(
                    agents, config, Texts.english(), Clock.fixed(now, ZoneOffset.UTC), now.minus(Duration.ofDays(2)));

            assertThat(listing.answer())
                    .startsWith("**Agents**\n\n───\n\n")
                    .contains("  ● **main** [main] — running (2d 0h) | opus (medium)")
                    .contains("  ● **helper** [sub] — running (1h 15m) | sonnet (medium)")
                    .contains("  ✖ **broken** [sub] — crashed\n      Error: No Telegram bot token");
            assertThat(listing.answer().indexOf("**broken**"))
                    .isLessThan(listing.answer().indexOf("**helper**"));
        }
    }

    @Test
    void aSubAgentsContextSaysWhereToAsk() throws Exception {
        Files.createDirectories(dir.resolve("config"));
        ConfigStore config = new ConfigStore(new ConfigLoader(Map.of()), dir.resolve("config/config.json"));
        assertThat(new ListingAgents(null, config, Texts.english(), Clock.systemUTC(), Instant.now()).answer())
                .isEqualTo("/agents is answered in the main agent's chat.");
    }

    @Test
    void uptimeIsShort() {
        assertThat(ListingAgents.human(Duration.ofSeconds(45))).isEqualTo("45s");
        assertThat(ListingAgents.human(Duration.ofMinutes(12))).isEqualTo("12m");
        assertThat(ListingAgents.human(Duration.ofHours(50))).isEqualTo("2d 2h");
    }
}
