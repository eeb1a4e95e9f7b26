/**
 * User-level scenarios across every service, each started from its jar, against a real RabbitMQ. Each
 * {@link dev.ductor.systemtests.DuctorSystemTest} class has a stack of its own (the restart and crash
 * tests stop and kill its services).
 */
@NullMarked
package dev.ductor.systemtests;

import org.jspecify.annotations.NullMarked;
