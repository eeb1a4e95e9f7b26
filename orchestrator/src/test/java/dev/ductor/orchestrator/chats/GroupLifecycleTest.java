package dev.ductor.orchestrator.chats;

import static dev.ductor.orchestrator.TestMessages.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import dev.ductor.config.ConfigLoader;
import dev.ductor.config.ConfigStore;
import dev.ductor.config.DuctorHome;
import dev.ductor.model.ChatMembershipChanged;
import dev.ductor.model.ChatRef;
import dev.ductor.orchestrator.reply.Replies;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GroupLifecycleTest {

    @TempDir
    Path root;

    private DuctorHome home;
    private ConfigStore config;
    private ChatTracker tracker;
    private final Replies replies = mock(Replies.class);

    private static ChatRef group(long id) {
        return new ChatRef("tg", "main", id, null);
    }

    @BeforeEach
    void setUp() throws Exception {
        home = new DuctorHome(root);
        Files.createDirectories(home.configFile().getParent());
        Files.writeString(home.configFile(), "{\"allowed_user_ids\":[111],\"allowed_group_ids\":[-1,-2]}");
        config = new ConfigStore(new ConfigLoader(Map.of()), home.configFile());
        tracker = new ChatTracker(home);
    }

    private void added(long id, String title) {
        new ChangingMembership(
                        tracker,
                        config,
                        replies,
                        dev.ductor.orchestrator.reply.Texts.english(),
                        new PostingJoinNotification(home, replies))
                .changed(new ChatMembershipChanged(group(id), "supergroup", title, "member", 111));
    }

    @Test
    void whereListsActiveRejectedAndLeftGroupsAsDuctorDoes() {
        var commands = new GroupCommands(tracker, config, replies, dev.ductor.orchestrator.reply.Texts.english());
        assertThat(commands.where()).isEqualTo("No chat activity recorded yet.");

        added(-1, "Team");
        added(-3, "Strangers");
        tracker.rejected(group(-4), "group");
        tracker.rejected(group(-4), "group");
        tracker.topicRenamed(new ChatRef("tg", "main", -1, 7L), "Auth");

        assertThat(commands.where()).isEqualTo("""
                        **Where**

                        ───

                        **Active**
                        `-1` — Team (supergroup)

                        **Rejected**
                        `-4` — untitled (group) — 2x rejected

                        **Left**
                        `-3` — Strangers (supergroup) [auto_left]""");
        assertThat(tracker.topicName(new ChatRef("tg", "main", -1, 7L))).contains("Auth");
        assertThat(new ChatTracker(home).all()).hasSize(3);
    }

    @Test
    void theAuditLeavesActiveGroupsNoLongerAllowed() throws Exception {
        added(-1, "Team");
        added(-2, "Other");
        var audit = new AuditingGroups(tracker, config, replies);
        Files.writeString(home.configFile(), "{\"allowed_user_ids\":[111],\"allowed_group_ids\":[-1]}");
        Files.setLastModifiedTime(
                home.configFile(), java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5000));
        assertThat(config.reloadIfChanged()).isTrue();

        verify(replies).leave(group(-2));
        verify(replies, never()).leave(group(-1));
        assertThat(tracker.get(-2).orElseThrow().status()).isEqualTo("auto_left");
        assertThat(tracker.get(-1).orElseThrow().status()).isEqualTo("active");
        audit.audit(config.current());
        verify(replies).leave(any());
    }

    @Test
    void leaveChecksItsArgumentAndRecordsLeft() {
        var commands = new GroupCommands(tracker, config, replies, dev.ductor.orchestrator.reply.Texts.english());
        assertThat(commands.leave(group(111), "")).isEqualTo("**Usage**\n\n───\n\n`/leave <group_id>`");
        assertThat(commands.leave(group(111), "abc")).isEqualTo("Invalid group ID.");
        added(-1, "Team");
        assertThat(commands.leave(group(111), "-1")).isEqualTo("Left group <code>-1</code>.");
        verify(replies).leave(group(-1));
        assertThat(tracker.get(-1).orElseThrow().status()).isEqualTo("left");
    }

    @Test
    void channelsAnswerToAllowedChannelIdsAndAreAuditedToo() throws Exception {
        Files.writeString(
                home.configFile(),
                "{\"allowed_user_ids\":[111],\"allowed_group_ids\":[-5],\"allowed_channel_ids\":[-10]}");
        Files.setLastModifiedTime(
                home.configFile(), java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5000));
        config.reloadIfChanged();
        var membership = new ChangingMembership(
                tracker,
                config,
                replies,
                dev.ductor.orchestrator.reply.Texts.english(),
                new PostingJoinNotification(home, replies));

        membership.changed(new ChatMembershipChanged(group(-5), "channel", "Not this list", "administrator", 111));
        verify(replies).text(group(-5), "This channel is not whitelisted, I am out.", null);
        verify(replies).leave(group(-5));
        assertThat(tracker.get(-5).orElseThrow().status()).isEqualTo("auto_left");

        membership.changed(new ChatMembershipChanged(group(-10), "channel", "News", "administrator", 111));
        verify(replies, never()).leave(group(-10));
        assertThat(tracker.get(-10).orElseThrow().status()).isEqualTo("active");

        new AuditingGroups(tracker, config, replies);
        Files.writeString(home.configFile(), "{\"allowed_user_ids\":[111],\"allowed_group_ids\":[-10]}");
        Files.setLastModifiedTime(
                home.configFile(), java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 10000));
        assertThat(config.reloadIfChanged()).isTrue();
        verify(replies).leave(group(-10));
        assertThat(tracker.get(-10).orElseThrow().status()).isEqualTo("auto_left");
    }

    @Test
    void aGroupKnownOnlyFromItsMessagesIsAuditedToo() throws Exception {
        tracker.active(group(-2), "supergroup");
        tracker.active(group(-2), "supergroup");
        assertThat(tracker.get(-2).orElseThrow().status()).isEqualTo("active");
        new AuditingGroups(tracker, config, replies);
        Files.writeString(home.configFile(), "{\"allowed_user_ids\":[111],\"allowed_group_ids\":[-1]}");
        Files.setLastModifiedTime(
                home.configFile(), java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5000));
        assertThat(config.reloadIfChanged()).isTrue();
        verify(replies).leave(group(-2));
        assertThat(tracker.get(-2).orElseThrow().status()).isEqualTo("auto_left");
    }

    @Test
    void joiningAnAllowedGroupPostsAndPinsTheJoinNotification() throws Exception {
        added(-1, "Team");
        verify(replies, never()).pin(any(), any());

        Files.writeString(root.resolve("JOIN_NOTIFICATION.md"), "  Rules: be nice.\n");
        added(-2, "Other");
        var ref = org.mockito.ArgumentCaptor.forClass(String.class);
        verify(replies).named(eq(group(-2)), ref.capture(), any(), eq("Rules: be nice."), isNull(), eq(List.of()));
        verify(replies).pin(group(-2), ref.getValue());

        added(-3, "Strangers"); // not allowed: rejected, no notification
        verify(replies, never()).pin(eq(group(-3)), any());
    }

    @Test
    void aMessageFromATelegramGroupIsRecordedRejectedOrActive() {
        var recording = new RecordingGroupMessages(tracker, config);
        recording.heard(message(group(-7), "supergroup", 111, "1", "hi", null), false);
        recording.heard(message(group(-7), "supergroup", 111, "2", "hi", null), false);
        recording.heard(message(group(-1), "supergroup", 222, "3", "hi", null), false);
        recording.heard(message(group(-2), "group", 111, "4", "hi", null), true);
        recording.heard(message(new ChatRef("tg", "main", 111, null), "private", 111, "5", "hi", null), true);
        recording.heard(message(new ChatRef("mx", "main", -8, null), "group", 111, "6", "hi", null), false);

        assertThat(tracker.get(-7).orElseThrow().status()).isEqualTo("rejected");
        assertThat(tracker.get(-7).orElseThrow().rejectedCount()).isEqualTo(2);
        assertThat(tracker.get(-1))
                .as("allowed group, user not allowed: neither")
                .isEmpty();
        assertThat(tracker.get(-2).orElseThrow().status()).isEqualTo("active");
        assertThat(tracker.all()).hasSize(2);
    }

    @Test
    void groupBookkeepingThatCannotBeWrittenNeverFailsTheMessage() throws Exception {
        var failing = new ChatTracker(home);
        // chat_activity.json cannot be replaced now: a folder with something in it stands in its place
        Files.createDirectories(root.resolve("chat_activity.json").resolve("blocker"));
        var recording = new RecordingGroupMessages(failing, config);

        org.assertj.core.api.Assertions.assertThatCode(() -> {
                    recording.heard(message(group(-7), "supergroup", 111, "1", "hi", null), false);
                    recording.heard(message(group(-2), "group", 111, "2", "hi", null), true);
                })
                .doesNotThrowAnyException();
        assertThat(root.resolve("chat_activity.json")).isDirectory();
    }

    @Test
    void oddChatActivityEntriesAreMendedAtLoadAndNeverFailAMessage() throws Exception {
        Files.writeString(root.resolve("chat_activity.json"), """
                {"-1": {"chat_id": -1, "title": "Team", "allowed": true, "status": null, "topic_names": null},
                 "-2": {"title": "No id", "status": "rejected", "rejected_count": 2},
                 "not-a-chat": {"chat_id": 5},
                 "-5": null}
                """);

        var mended = new ChatTracker(home);

        assertThat(mended.all())
                .extracting(ChatActivity::chatId, ChatActivity::status, ChatActivity::transport, ChatActivity::agent)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(-1L, "left", "tg", "main"),
                        org.assertj.core.groups.Tuple.tuple(-2L, "rejected", "tg", "main"));
        mended.active(group(-1), "supergroup");
        mended.rejected(group(-2), "group");
        mended.topicRenamed(new ChatRef("tg", "main", -1, 7L), "Auth");
        assertThat(new ChatTracker(home).get(-1).orElseThrow().status()).isEqualTo("active");
        assertThat(new ChatTracker(home).get(-2).orElseThrow().rejectedCount()).isEqualTo(3);
        try (var files = Files.list(root)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .filteredOn(n -> n.startsWith("chat_activity.json.before-repair-"))
                    .hasSize(1);
        }
    }
}
