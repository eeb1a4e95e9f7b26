/** The chats the bot is in (behaviour §3.18): the chat tracker, joining and leaving groups, {@code /where}, {@code /leave}. */
@NullMarked
package dev.ductor.orchestrator.chats;

import org.jspecify.annotations.NullMarked;
