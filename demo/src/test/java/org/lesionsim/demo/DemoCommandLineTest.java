package org.lesionsim.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lesionsim.infra.ParentWatchdog;
import picocli.CommandLine;

/**
 * bin/demo's options (what README.md and bin/demo's --help promise), the demo benchmarks' positional
 * counts, and ParentWatchdog, the entry point of every child server JVM, which must hand the
 * child's arguments on untouched.
 */
class DemoCommandLineTest {

    record Run(int exitCode, String out, String err) {
    }

    static Run run(Object command, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(command);
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exitCode = cli.execute(args);
        return new Run(exitCode, out.toString(), err.toString());
    }

    @Test
    void helpListsEveryOptionWithItsDefault() {
        Run help = run(new Demo(), "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).startsWith("Usage: bin/demo").contains("--count=N", "default 24; 6 with --pacs",
                "--seed=S", "Default: 7", "--resolution=R", "Default: 256", "--data=DIR", "--ham10000=DIR", "--models=DIR",
                "--no-models", "--train-kimg=K", "--keep-running", "--pacs", "orthanc-dicomweb");
    }

    @Test
    void anUnknownOptionOrABadValueIsAUsageError() {
        Run unknown = run(new Demo(), "--count", "3", "--colour");
        assertThat(unknown.exitCode()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(unknown.err()).contains("Unknown option: '--colour'"); // then the usage, or the near miss --count

        Run bad = run(new Demo(), "--count", "many");
        assertThat(bad.exitCode()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(bad.err()).contains("--count", "'many' is not an int");

        Run missing = run(new Demo(), "--train-kimg");
        assertThat(missing.exitCode()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(missing.err()).contains("Missing required parameter for option '--train-kimg'");
    }

    @Test
    void optionsFillTheModeDefaultsInAsBefore() throws Exception {
        Path root = Path.of("").toAbsolutePath();
        Demo.Options plain = parsed();
        assertThat(plain.count()).isEqualTo(24);
        assertThat(plain.seed()).isEqualTo(7);
        assertThat(plain.resolution()).isEqualTo(256);
        assertThat(plain.data()).isEqualTo(root.resolve(".lesionsim/demo"));
        assertThat(plain.models()).isEqualTo(Files.isDirectory(root.resolve("models")) ? root.resolve("models") : null);
        assertThat(plain.importDir()).isNull();
        assertThat(plain.pacs()).isFalse();
        assertThat(plain.keepRunning()).isFalse();

        assertThat(parsed("--pacs").count()).isEqualTo(6);
        assertThat(parsed("--pacs", "--count", "9").count()).isEqualTo(9);
        Demo.Options given = parsed("--count", "3", "--seed", "11", "--resolution", "128", "--data", "rel/data",
                "--ham10000", "ham", "--no-models", "--train-kimg", "0.5", "--keep-running");
        assertThat(given.count()).isEqualTo(3);
        assertThat(given.seed()).isEqualTo(11);
        assertThat(given.resolution()).isEqualTo(128);
        assertThat(given.data()).isEqualTo(root.resolve("rel/data"));
        assertThat(given.importDir()).isEqualTo(root.resolve("ham"));
        assertThat(given.models()).isNull();
        assertThat(given.trainKimg()).isEqualTo(0.5);
        assertThat(given.keepRunning()).isTrue();
        assertThat(parsed("--models", "no-such-models-dir").models()).isNull();
    }

    private static Demo.Options parsed(String... args) {
        Demo demo = new Demo();
        new CommandLine(demo).parseArgs(args);
        return demo.options();
    }

    @Test
    void benchmarksTakeTheirCountsAndRefuseTheRest() {
        assertThat(run(new PacsBenchmark(), "--help").out()).contains("[N]", "Default: 50", "--ingest-only");
        assertThat(run(new PipelineBenchmark(), "--help").out()).contains("[N]", "Default: 200", "[THREADS]", "Default: 2");
        assertThat(run(new ConsoleBenchmark(), "--help").out()).contains("[N]", "Default: 1000");
        assertThat(run(new PacsBenchmark(), "50", "--ingest-olny").exitCode()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(run(new PipelineBenchmark(), "200", "2", "3").exitCode()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(run(new ConsoleBenchmark(), "a thousand").exitCode()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(run(new FaultRun(), "--help").out()).contains("N", "--store-outage", "Default: 30", "--kills", "Default: 2");
        assertThat(run(new FaultRun()).exitCode()).as("N is required").isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(run(new FaultRun(), "1000", "--kils", "3").exitCode()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(run(new FaultRun(), "--help").out()).contains("--replicas", "Default: 1");
        assertThat(run(new ScaleOutBenchmark(), "--help").out()).contains("[N]", "Default: 200", "--window");
        assertThat(run(new ScaleOutBenchmark(), "two hundred").exitCode()).isEqualTo(CommandLine.ExitCode.USAGE);
    }

    /** Stands in for a server's main class. */
    public static final class RecordingMain {
        static final List<String> ARGS = new ArrayList<>();

        public static void main(String[] args) {
            ARGS.addAll(List.of(args));
        }
    }

    @Test
    void parentWatchdogHandsTheChildItsArgumentsVerbatim() {
        RecordingMain.ARGS.clear();
        String pid = Long.toString(ProcessHandle.current().pid());
        int exitCode = ParentWatchdog.commandLine().execute(pid, RecordingMain.class.getName(), "--config", "server.properties", "--help", "--", "@args");
        assertThat(exitCode).isZero();
        assertThat(RecordingMain.ARGS).containsExactly("--config", "server.properties", "--help", "--", "@args");

        CommandLine watchdog = ParentWatchdog.commandLine();
        watchdog.setErr(new PrintWriter(new StringWriter()));
        assertThat(watchdog.execute("not-a-pid", "Main")).isEqualTo(CommandLine.ExitCode.USAGE);
    }
}
