package org.lesionsim.infra;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * Entry point of every child server JVM: runs the real main class, and exits as soon as the
 * parent process is gone, even if the parent was killed without running its shutdown hooks.
 * Usage: {@code ParentWatchdog <parentPid> <mainClass> [args...]}.
 */
@Command(name = "ParentWatchdog", mixinStandardHelpOptions = true,
        description = "Runs MAIN_CLASS with ARGS, and exits as soon as process PARENT_PID is gone.")
public final class ParentWatchdog implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "PARENT_PID")
    private long parentPid;
    @Parameters(index = "1", paramLabel = "MAIN_CLASS")
    private String mainClass;
    @Parameters(index = "2..*", paramLabel = "ARGS", description = "passed to MAIN_CLASS as they are")
    private List<String> mainArgs = List.of();

    public static void main(String[] args) {
        int exitCode = commandLine().execute(args);
        if (exitCode != 0) {
            System.exit(exitCode); // on success the servers MAIN_CLASS started keep this JVM alive, as before
        }
    }

    /** Everything after the first positional is the child's own, verbatim: not ours to parse or expand. */
    public static CommandLine commandLine() {
        return new CommandLine(new ParentWatchdog()).setStopAtPositional(true).setExpandAtFiles(false);
    }

    @Override
    public Integer call() throws Exception {
        Optional<ProcessHandle> parent = ProcessHandle.of(parentPid);
        Thread watcher = new Thread(() -> {
            while (parent.map(ProcessHandle::isAlive).orElse(false)) {
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    return;
                }
            }
            Runtime.getRuntime().halt(0);
        }, "parent-watchdog");
        watcher.setDaemon(true);
        watcher.start();
        Method main = Class.forName(mainClass).getMethod("main", String[].class);
        main.invoke(null, (Object) mainArgs.toArray(String[]::new));
        return 0;
    }
}
