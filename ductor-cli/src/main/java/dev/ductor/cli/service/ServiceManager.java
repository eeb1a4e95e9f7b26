package dev.ductor.cli.service;

/** A background service of the operating system's own supervisor (systemd user unit, launchd agent). */
public interface ServiceManager {

    /** Writes the unit/plist, loads and starts it; returns what the user should still do (may be empty). */
    String install();

    boolean installed();

    void start();

    void stop();

    /** The supervisor's own account of the service. */
    String status();

    /** The latest log lines; with {@code follow} it keeps printing (attached to the terminal). */
    int logs(boolean follow);

    void uninstall();
}
