/**
 * The bus wiring every service shares: topology names, the JSON converter restricted to the known
 * contracts, publisher confirms, listener error handling and dead-lettering. Switched on by
 * {@link dev.ductor.bus.BusAutoConfiguration}.
 */
@NullMarked
package dev.ductor.bus;

import org.jspecify.annotations.NullMarked;
