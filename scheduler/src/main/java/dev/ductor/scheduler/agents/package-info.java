/** The sub-agents the scheduler serves beside the main agent (behaviour §5.8). */
@NullMarked
package dev.ductor.scheduler.agents;

import org.jspecify.annotations.NullMarked;
