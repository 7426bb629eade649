package org.lesionsim.tools;

import picocli.CommandLine;

/**
 * How every command-line program starts: picocli parses the arguments ({@code --help} lists the options
 * and their defaults; a bad option prints why and exits 2), then the command runs. The JVM exits with the
 * command's code only on failure: a command that finished returns from {@code main}, so a caller in the
 * same JVM (a test, the demo) carries on.
 */
public final class Commands {
    private Commands() {
    }

    public static void run(Object command, String[] args) {
        int exitCode = new CommandLine(command).execute(args);
        if (exitCode != 0) {
            System.exit(exitCode);
        }
    }
}
