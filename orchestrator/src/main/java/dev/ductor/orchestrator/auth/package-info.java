/** Who may talk to the bot: ductor's dual allowlist, read from the live config on every message. */
@NullMarked
package dev.ductor.orchestrator.auth;

import org.jspecify.annotations.NullMarked;
