package dev.ductor.scheduler.api;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The agent's API ({@code ductor.agent-api.*}, environment {@code DUCTOR_AGENT_API_*}): where it listens and
 * the per-deployment token the runners hand to the CLIs ({@code DUCTOR_AGENT_API_TOKEN}, the same value on
 * the scheduler and the runners). Without a token the API stays off.
 *
 * @param host the address to bind: loopback by default, the compose network's in a container
 * @param port ductor's internal API port
 * @param token the shared secret; blank turns the API off
 */
@ConfigurationProperties("ductor.agent-api")
public record AgentApiProperties(
        @DefaultValue("127.0.0.1") String host,
        @DefaultValue("8799") int port,
        @DefaultValue("") String token) {}
