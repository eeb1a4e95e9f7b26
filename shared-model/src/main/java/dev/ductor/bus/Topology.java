package dev.ductor.bus;

/**
 * Names of the exchanges and queues (docs/design.md, "Bus"), each prefixed with the configured namespace.
 *
 * <pre>
 * ductor.inbound    (topic)  rk &lt;transport&gt;.&lt;agent&gt;  → orchestrator.inbound
 * ductor.runs       (direct) rk run                 → runner.requests
 * ductor.run-events (topic)  rk run.&lt;runId&gt;, runner.&lt;id&gt; → orchestrator.run-events
 * ductor.control    (fanout)                        → one exclusive queue per runner
 * ductor.outbound   (topic)  rk &lt;transport&gt;.&lt;agent&gt;  → gateway.&lt;transport&gt;.&lt;agent&gt;.outbound
 * ductor.dlx        (direct) rk &lt;queue&gt;              → &lt;queue&gt;.dlq
 * </pre>
 */
public record Topology(String namespace) {

    public static final String RUN_ROUTING_KEY = "run";

    private String name(String base) {
        return namespace.isEmpty() ? base : namespace + "." + base;
    }

    public String inboundExchange() {
        return name("ductor.inbound");
    }

    public String runsExchange() {
        return name("ductor.runs");
    }

    public String runEventsExchange() {
        return name("ductor.run-events");
    }

    public String controlExchange() {
        return name("ductor.control");
    }

    public String outboundExchange() {
        return name("ductor.outbound");
    }

    public String deadLetterExchange() {
        return name("ductor.dlx");
    }

    public String orchestratorInboundQueue() {
        return name("orchestrator.inbound");
    }

    public String orchestratorRunEventsQueue() {
        return name("orchestrator.run-events");
    }

    public String runnerRequestsQueue() {
        return name("runner.requests");
    }

    public String gatewayOutboundQueue(String transport, String agent) {
        return name("gateway." + transport + "." + agent + ".outbound");
    }

    public static String addressKey(String transport, String agent) {
        return transport + "." + agent;
    }

    public static String runEventsKey(String runId) {
        return "run." + runId;
    }

    public static String runnerStatusKey(String runnerId) {
        return "runner." + runnerId;
    }

    public static String deadLetterQueue(String queue) {
        return queue + ".dlq";
    }
}
