package dev.ductor.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnswerMarkupTest {

    @Test
    void buttonLinesBecomeRowsAndLeaveTheText() {
        AnswerMarkup m = AnswerMarkup.parse("Pick one:\n\n[button:Yes] [button:No]\n[button: Later ]\n\n\n");
        assertThat(m.text()).isEqualTo("Pick one:");
        assertThat(m.buttons())
                .containsExactly(
                        List.of(new Button("Yes", "Yes"), new Button("No", "No")),
                        List.of(new Button("Later", "Later")));
    }

    @Test
    void markersInsideCodeStay() {
        String text = "Use `[button:x]` like this:\n```\n[button:y]\n<file:z.txt>\n```";
        AnswerMarkup m = AnswerMarkup.parse(text);
        assertThat(m.buttons()).isEmpty();
        assertThat(m.files()).isEmpty();
        assertThat(m.text()).isEqualTo(text);
    }

    @Test
    void callbackDataIsCutAt64BytesWithoutBreakingACharacter() {
        String label = "ä".repeat(40); // 80 bytes
        String data = AnswerMarkup.callbackData(label);
        assertThat(data.getBytes(StandardCharsets.UTF_8)).hasSize(64);
        assertThat(data).isEqualTo("ä".repeat(32));
        assertThat(AnswerMarkup.callbackData("😀".repeat(17)).getBytes(StandardCharsets.UTF_8))
                .hasSize(64);
    }

    @Test
    void fileTagsAreCollectedAndRemoved() {
        AnswerMarkup m = AnswerMarkup.parse("Here: <file:output_to_user/chart.png>\nand <file:/etc/passwd>");
        assertThat(m.files()).containsExactly("output_to_user/chart.png", "/etc/passwd");
        assertThat(m.text()).isEqualTo("Here: \nand");
    }
}
