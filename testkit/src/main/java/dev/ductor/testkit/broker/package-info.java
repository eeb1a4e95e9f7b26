/** A RabbitMQ for tests, and per-run names so no test sees another's messages. */
@NullMarked
package dev.ductor.testkit.broker;

import org.jspecify.annotations.NullMarked;
