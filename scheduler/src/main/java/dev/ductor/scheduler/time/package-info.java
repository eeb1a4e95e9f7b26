/** Wall-clock rules shared by the triggers: which zone a job or the user lives in, and quiet hours. */
@NullMarked
package dev.ductor.scheduler.time;

import org.jspecify.annotations.NullMarked;
