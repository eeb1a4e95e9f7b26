/** Per-chat conversation state: the turn running and the messages waiting behind it. */
@NullMarked
package dev.ductor.orchestrator.conversation;

import org.jspecify.annotations.NullMarked;
