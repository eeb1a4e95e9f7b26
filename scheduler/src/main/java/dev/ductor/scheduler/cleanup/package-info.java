/** The daily retention of received and produced files (behaviour §6.4). */
@NullMarked
package dev.ductor.scheduler.cleanup;

import org.jspecify.annotations.NullMarked;
