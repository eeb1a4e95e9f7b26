package dev.ductor.lifecycle;

/** Ends the service with an exit code so its supervisor starts it again; a port so tests need not exit. */
public interface ServiceExit {

    int RESTART = 42;

    void exit(int code);
}
