/**
 * The watchdog: tells the owner through a second channel (a webhook, a second Telegram bot) when the bot goes
 * silent — a gateway, the orchestrator or every runner stopped taking their messages — and again when it
 * recovers, once per incident; only the scheduler holding the lease watches.
 */
@NullMarked
package dev.ductor.scheduler.watchdog;

import org.jspecify.annotations.NullMarked;
