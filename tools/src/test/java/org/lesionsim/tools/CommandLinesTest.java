package org.lesionsim.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.lesionsim.gan.training.TrainingSpec;
import org.lesionsim.tools.bench.AugmentBenchmark;
import org.lesionsim.tools.bench.EncoderBenchmark;
import org.lesionsim.tools.bench.GanBenchmark;
import org.lesionsim.tools.bench.KernelCheck;
import org.lesionsim.tools.bench.PreprocessBenchmark;
import org.lesionsim.tools.bench.ProgressionBenchmark;
import org.lesionsim.tools.bench.TrainingBenchmark;
import org.lesionsim.tools.data.PrepareTrainingImages;
import org.lesionsim.tools.encoder.EvaluateInversion;
import org.lesionsim.tools.encoder.ExportEncoder;
import org.lesionsim.tools.encoder.TrainEncoder;
import org.lesionsim.tools.gan.ExportGenerator;
import org.lesionsim.tools.gan.TrainGan;
import org.lesionsim.tools.gan.TrainingCurve;
import org.lesionsim.tools.judge.TrainFoldJudge;
import org.lesionsim.tools.judge.TrainLesionClassifier;
import org.lesionsim.tools.metrics.AbcdValidation;
import org.lesionsim.tools.metrics.ProgressionScoringBenchmark;
import org.lesionsim.tools.metrics.ScoringReport;
import org.lesionsim.tools.progression.ChooseProgressionAxis;
import org.lesionsim.tools.progression.RankProgressionAxes;
import picocli.CommandLine;

/**
 * The tools' command lines, parsed by picocli: {@code --help} names every option with its default,
 * and an unknown option, a bad value or a missing required option is a usage error (exit 2) that
 * says which, before any work starts.
 */
class CommandLinesTest {

    /** What one run printed and returned. */
    record Run(int exitCode, String out, String err) {
    }

    static Run run(Callable<Integer> command, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(command);
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exitCode = cli.execute(args);
        return new Run(exitCode, out.toString(), err.toString());
    }

    static Stream<Callable<Integer>> everyTool() {
        return Stream.of(new AugmentBenchmark(), new EncoderBenchmark(), new GanBenchmark(), new PreprocessBenchmark(),
                new ProgressionBenchmark(), new TrainingBenchmark(), new PrepareTrainingImages(), new EvaluateInversion(),
                new ExportEncoder(), new TrainEncoder(), new ExportGenerator(), new TrainGan(), new TrainingCurve(),
                new TrainFoldJudge(), new TrainLesionClassifier(), new AbcdValidation(), new ScoringReport(),
                new ChooseProgressionAxis(), new RankProgressionAxes(), new ProgressionScoringBenchmark(), new KernelCheck());
    }

    @ParameterizedTest
    @MethodSource("everyTool")
    void everyToolHasHelpAndRefusesAnUnknownOption(Callable<Integer> command) {
        Run help = run(command, "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).startsWith("Usage: ").contains("--help");

        Run unknown = run(command, "--no-such-option");
        assertThat(unknown.exitCode()).isEqualTo(CommandLine.ExitCode.USAGE);
        // picocli names missing required options first, then an unknown one
        assertThat(unknown.err()).containsAnyOf("Unknown option: '--no-such-option'", "Missing required option")
                .contains("Usage: ");
    }

    @Test
    void trainGanHelpNamesEveryTrainingSpecOverrideAndTheDefaults() {
        Run help = run(new TrainGan(), "--help");
        for (String override : TrainingSpec.OVERRIDES) {
            assertThat(help.out()).contains("--" + override);
        }
        assertThat(help.out()).contains("--data=DIR", "--out=DIR", "--preset=NAME", "Default: cpu", "--seed=N",
                "Default: 0", "--resume=DIR", "--init-generator=FILE");
    }

    @Test
    void trainGanRefusesABadPresetOrValueBeforeTouchingTheData() {
        Run preset = run(new TrainGan(), "--data", "no-such-dir", "--out", "no-such-out", "--preset", "paper1024");
        assertThat(preset.exitCode()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(preset.err()).contains("unknown preset 'paper1024'");

        Run resolution = run(new TrainGan(), "--data", "no-such-dir", "--out", "no-such-out", "--resolution", "63");
        assertThat(resolution.exitCode()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(resolution.err()).contains("resolution must be a power of two");

        Run kimg = run(new TrainGan(), "--data", "d", "--out", "o", "--kimg", "ten");
        assertThat(kimg.exitCode()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(kimg.err()).contains("--kimg", "'ten'");

        Run mirror = run(new TrainGan(), "--data", "d", "--out", "o", "--mirror", "sometimes");
        assertThat(mirror.exitCode()).isEqualTo(CommandLine.ExitCode.USAGE);
    }

    @Test
    void theExportersRequireTheirIds() {
        Run generator = run(new ExportGenerator(), "--snapshot", "s", "--out", "o");
        assertThat(generator.exitCode()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(generator.err()).contains("Missing required option: '--id=CHECKPOINT_ID'");

        Run encoder = run(new ExportEncoder(), "--snapshot", "s", "--out", "o", "--id", "e");
        assertThat(encoder.exitCode()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(encoder.err()).contains("--generator-id=CHECKPOINT_ID");
        assertThat(run(new ExportEncoder(), "--help").out()).contains("--snapshot=DIR", "--note=key=value", "--log=FILE");
    }

    @Test
    void helpShowsTheDefaultsTheDocsQuote() {
        assertThat(run(new TrainEncoder(), "--help").out()).contains("--steps=N", "Default: 2000", "--snapshot-every=N",
                "Default: 500", "--resume", "--depth=shallow|50", "Default: shallow");
        assertThat(run(new TrainLesionClassifier(), "--help").out()).contains("--epochs=N", "Default: 30", "--lr=X",
                "Default: 0.001", "--folds=K", "Default: 5");
        // -Dbatches=8,16 still works: it is --batches' default
        assertThat(run(new TrainingBenchmark(), "--help").out()).contains("--batches", "Default: 8,16", "[RESOLUTION...]",
                "Default: [32, 64]");
        assertThat(run(new PrepareTrainingImages(), "--help").out()).contains("--classes", "Default: [nv, mel]");
    }

    @Test
    void scoringReportTakesExactlyOneInput() {
        Run both = run(new ScoringReport(), "--frames", "f", "--images", "i", "--out", "o");
        assertThat(both.exitCode()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(both.err()).contains("mutually exclusive");

        Run neither = run(new ScoringReport(), "--out", "o");
        assertThat(neither.exitCode()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(neither.err()).contains("Missing required argument");
    }

    @Test
    void positionalBenchmarksRefuseAStrayArgument() {
        Run extra = run(new ProgressionBenchmark(), "64", "10", "3");
        assertThat(extra.exitCode()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(extra.err()).contains("'3'");
        assertThat(run(new GanBenchmark(), "three").err()).contains("'three' is not a double");
        assertThat(run(new AbcdValidation(), "--synthetic", "x").exitCode()).isEqualTo(CommandLine.ExitCode.USAGE);
    }
}
