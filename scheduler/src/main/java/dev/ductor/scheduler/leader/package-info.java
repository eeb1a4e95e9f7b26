/** Which of several scheduler instances fires: the holder of an exclusive broker queue (a lease that ends with its connection). */
@NullMarked
package dev.ductor.scheduler.leader;

import org.jspecify.annotations.NullMarked;
