/**
 * A stateful, strict fake of the Telegram Bot API for tests: long polling, sending and editing with
 * Telegram's own errors, optional rate limits, and a user-side API to inject messages and inspect what
 * the bot made visible.
 */
@NullMarked
package dev.ductor.testkit.telegram;

import org.jspecify.annotations.NullMarked;
