package dev.ductor.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Optional;

/** The terminal the command talks to: questions are read line by line, so a scripted stdin works too. */
public final class Console {

    private final BufferedReader in;
    private final PrintWriter out;
    private final PrintWriter err;

    public Console(BufferedReader in, PrintWriter out, PrintWriter err) {
        this.in = in;
        this.out = out;
        this.err = err;
    }

    public PrintWriter out() {
        return out;
    }

    public PrintWriter err() {
        return err;
    }

    public void println(String line) {
        out.println(line);
        out.flush();
    }

    public void error(String line) {
        err.println(line);
        err.flush();
    }

    /** Prints {@code prompt} and reads one line, stripped; empty when the input has ended. */
    public Optional<String> ask(String prompt) {
        out.print(prompt + " ");
        out.flush();
        try {
            String line = in.readLine();
            if (line == null) {
                out.println();
                out.flush();
                return Optional.empty();
            }
            return Optional.of(line.strip());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
