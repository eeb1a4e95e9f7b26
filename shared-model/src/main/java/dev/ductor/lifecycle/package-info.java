/**
 * What every service does about its own lifecycle: restarting when {@code /restart} asks the whole bot to; a
 * poller's thread and how it stops ({@link PollingThread}).
 */
@NullMarked
package dev.ductor.lifecycle;

import org.jspecify.annotations.NullMarked;
