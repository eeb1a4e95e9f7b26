/** The Bot API behind a narrow port, with its metrics. */
@NullMarked
package dev.ductor.gateway.telegram.api;

import org.jspecify.annotations.NullMarked;
