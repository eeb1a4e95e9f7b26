/** Who may talk to the bot on each transport, read from the live config on every message. */
@NullMarked
package dev.ductor.orchestrator.auth;

import org.jspecify.annotations.NullMarked;
