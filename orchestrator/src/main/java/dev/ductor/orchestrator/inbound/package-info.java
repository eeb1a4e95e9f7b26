/** Consuming what the gateways publish on ductor.inbound. */
@NullMarked
package dev.ductor.orchestrator.inbound;

import org.jspecify.annotations.NullMarked;
