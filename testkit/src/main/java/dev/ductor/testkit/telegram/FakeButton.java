package dev.ductor.testkit.telegram;

/** An inline keyboard button of a bot message. */
public record FakeButton(String text, String callbackData) {}
