package dev.ductor.bus;

/**
 * Names of the exchanges and queues (docs/design.md, "Bus"), each prefixed with the configured namespace.
 *
 * <pre>
 * ductor.inbound    (topic)  rk &lt;transport&gt;.&lt;agent&gt;  → orchestrator.inbound (main), orchestrator.&lt;agent&gt;.inbound
 * ductor.runs       (direct) rk run                 → runner.requests
 * ductor.run-events (topic)  rk run.&lt;runId&gt;[.&lt;agent&gt;], runner.&lt;id&gt; → orchestrator.run-events (main),
 *                                                     orchestrator.&lt;agent&gt;.run-events
 * ductor.control    (fanout)                        → one exclusive queue per runner and per service instance
 * ductor.outbound   (topic)  rk &lt;transport&gt;.&lt;agent&gt;  → gateway.&lt;transport&gt;.&lt;agent&gt;.outbound
 * ductor.dlx        (direct) rk &lt;queue&gt;              → &lt;queue&gt;.dlq
 * </pre>
 *
 * <p>{@code agent} is the agent the service's context serves ({@code ductor.agent}): the main agent keeps the
 * names above, a sub-agent's orchestrator (behaviour §5.8) has queues of its own named after it, bound only
 * to its agent's routing keys.
 */
public record Topology(String namespace, String agent) {

    public static final String RUN_ROUTING_KEY = "run";
    public static final String MAIN_AGENT = "main";

    /** The main agent's topology. */
    public Topology(String namespace) {
        this(namespace, MAIN_AGENT);
    }

    private boolean main() {
        return agent.equals(MAIN_AGENT);
    }

    /** Whether this is a sub-agent's topology (behaviour §5.8), whose queues the broker's definitions do not name. */
    public boolean subAgent() {
        return !main();
    }

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

    /**
     * Where answers go to the one instance waiting for them (a synchronous {@code ask_agent}): direct, routing key
     * = the waiting instance's exclusive reply queue, which that instance binds there itself.
     */
    public String repliesExchange() {
        return name("ductor.replies");
    }

    public String orchestratorInboundQueue() {
        return name(main() ? "orchestrator.inbound" : "orchestrator." + agent + ".inbound");
    }

    public String orchestratorRunEventsQueue() {
        return name(main() ? "orchestrator.run-events" : "orchestrator." + agent + ".run-events");
    }

    /** What of {@code ductor.inbound} this agent's orchestrator consumes: every transport of its agent. */
    public String orchestratorInboundBinding() {
        return "*." + agent;
    }

    /** The run events of this agent's runs ({@link #runEventsKey(String, String)}). */
    public String orchestratorRunEventsBinding() {
        return main() ? "run.*" : "run.*." + agent;
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

    /** A run's events: {@code run.<runId>} for the main agent's runs, {@code run.<runId>.<agent>} otherwise. */
    public static String runEventsKey(String agent, String runId) {
        return agent.equals(MAIN_AGENT) ? runEventsKey(runId) : runEventsKey(runId) + "." + agent;
    }

    public static String runnerStatusKey(String runnerId) {
        return "runner." + runnerId;
    }

    public static String deadLetterQueue(String queue) {
        return queue + ".dlq";
    }
}
