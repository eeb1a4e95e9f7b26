/** Telegram gateway: long polling in, paced rendering out. */
@NullMarked
package dev.ductor.gateway.telegram;

import org.jspecify.annotations.NullMarked;
