package dev.ductor.orchestrator.lifecycle;

/** Ends the process with an exit code so its supervisor starts it again; a port so tests need not exit. */
public interface ProcessExit {

    void exit(int code);
}
