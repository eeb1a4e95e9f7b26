/**
 * What every service's log does to secrets: the bot token ({@code bot<digits>:<token>}), the configured
 * secrets and secret-looking environment values are masked in every line and stack trace
 * ({@code logback-spring.xml} of shared-model).
 */
@NullMarked
package dev.ductor.logging;

import org.jspecify.annotations.NullMarked;
