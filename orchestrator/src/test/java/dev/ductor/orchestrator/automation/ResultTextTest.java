package dev.ductor.orchestrator.automation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ResultTextTest {

    @Test
    void aTaskResultUnderItsHeaderOrItsStatusWhenEmpty() {
        assertThat(ResultText.task("**TASK: Daily**", "Report ready.", "success", false))
                .contains("**TASK: Daily**\n\nReport ready.");
        assertThat(ResultText.task("**TASK: Daily**", "", "error:exit_1", false))
                .contains("**TASK: Daily**\n\n_error:exit_1_");
        assertThat(ResultText.task("**TASK: Daily**", "", "success", false)).contains("**TASK: Daily**\n\n_success_");
    }

    @Test
    void theSilentTokenAndSilentOnSuccessDeliverNothingButFailuresAlwaysGo() {
        // scenario 64
        assertThat(ResultText.task("h", "All good\nHEARTBEAT_OK", "success", false))
                .isEmpty();
        assertThat(ResultText.task("h", "  HEARTBEAT_OK  ", "success", false)).isEmpty();
        assertThat(ResultText.task("h", "Done.", "success", true)).isEmpty();
        assertThat(ResultText.task("h", "It broke.", "error:exit_2", true)).contains("h\n\nIt broke.");
        assertThat(ResultText.task("h", "HEARTBEAT_OK", "error:timeout", false)).contains("h\n\n_error:timeout_");
    }

    @Test
    void deliveryConfirmationsAreRemoved() {
        assertThat(ResultText.clean("Weather: sunny\nMessage sent successfully, delivered to Telegram."))
                .isEqualTo("Weather: sunny");
        assertThat(ResultText.clean("Message sent successfully")).isEqualTo("Message sent successfully");
    }

    @Test
    void theHeartbeatAckIsSwallowedAtEitherEndButNotInTheMiddle() {
        // scenario 73
        assertThat(ResultText.heartbeat(" HEARTBEAT_OK\n", "HEARTBEAT_OK")).isEmpty();
        assertThat(ResultText.heartbeat("Reminder: call mom HEARTBEAT_OK", "HEARTBEAT_OK"))
                .isEqualTo("Reminder: call mom");
        assertThat(ResultText.heartbeat("HEARTBEAT_OK Reminder", "HEARTBEAT_OK"))
                .isEqualTo("Reminder");
        assertThat(ResultText.heartbeat("a HEARTBEAT_OK b", "HEARTBEAT_OK")).isEqualTo("a HEARTBEAT_OK b");
    }
}
