/** User-level scenarios across every service, each started from its jar, against a real RabbitMQ. */
@NullMarked
package dev.ductor.systemtests;

import org.jspecify.annotations.NullMarked;
