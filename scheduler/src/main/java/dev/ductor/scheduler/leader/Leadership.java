package dev.ductor.scheduler.leader;

/** Whether this scheduler instance is the one that fires time-driven triggers now. */
@FunctionalInterface
public interface Leadership {

    boolean leading();

    Leadership ALWAYS = () -> true;
}
