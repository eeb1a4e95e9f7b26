/** The webhook ingress: {@code POST /hooks/{id}} with ductor's validation order, bearer and HMAC auth, prompt templates, {@code webhooks.json} and its counters. */
@NullMarked
package dev.ductor.scheduler.webhook;

import org.jspecify.annotations.NullMarked;
