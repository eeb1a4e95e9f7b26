package dev.ductor.systemtests;

/**
 * {@link InterAgentIT}'s scenarios on compose's broker (docs/design.md, "Messages between agents" and "Trust
 * boundaries"): each service logged in as its own broker user of the definitions, none declaring the shared
 * topology. The orchestrator's user publishes the answers (to {@code ductor.inbound} and {@code ductor.replies}),
 * the scheduler's binds its reply queue to {@code ductor.replies}: a sync ask is answered there too.
 */
class InterAgentUnderComposeIT extends InterAgentIT {

    private final DuctorStack composed;

    InterAgentUnderComposeIT(DuctorStack stack) {
        super(stack);
        this.composed = stack;
    }

    @BeforeStackStart
    void onComposesBroker() {
        composed.withComposeBroker();
    }
}
