package dev.ductor.gateway.telegram.api;

/** Who the bot is (getMe): needed to tell whether a group message is addressed to it. */
public record BotIdentity(long id, String username) {}
