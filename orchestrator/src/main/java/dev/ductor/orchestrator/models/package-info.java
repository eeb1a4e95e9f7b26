/**
 * Choosing the provider and model of a chat: the registry, the caches of the models the runners list, the
 * effective runtime when a provider is logged in nowhere, {@code /model}, its wizard, config.json writes.
 */
@NullMarked
package dev.ductor.orchestrator.models;

import org.jspecify.annotations.NullMarked;
