/** The Matrix client-server API (v3) behind a narrow port: login, credentials, metrics. */
@NullMarked
package dev.ductor.gateway.matrix.client;

import org.jspecify.annotations.NullMarked;
