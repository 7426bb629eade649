package org.lesionsim.tools.progression;

import org.lesionsim.tools.InversionModels;
import org.lesionsim.tools.Commands;
import org.lesionsim.data.CsvTable;
import org.lesionsim.sefa.GeneratorSefa;

import ai.djl.ndarray.NDManager;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import org.lesionsim.data.ProgressBar;
import org.lesionsim.encoder.E4eEncoder;
import org.lesionsim.encoder.Inversion;
import org.lesionsim.gan.Generator;
import org.lesionsim.imaging.GanPixels;
import org.lesionsim.imaging.Resampler;
import org.lesionsim.sefa.AxisRanking;
import org.lesionsim.sefa.LabelledLatent;
import org.lesionsim.sefa.LayerSelection;
import org.lesionsim.sefa.RankedAxis;
import org.lesionsim.sefa.SefaResult;
import org.lesionsim.sefa.SupervisedDirection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The axis choice on a labelled folder, offline (what the directions worker does as labelled cases
 * stream in): invert every image with the encoder, factorise the generator with SeFa, rank its
 * leading directions by how well they separate mel from nv latents (AUC, Cohen's d, oriented towards
 * melanoma) and fit the supervised direction beside them. Prints the ranking table. AUCs are
 * in-sample: they describe this data, they are not a classifier's validated accuracy.
 *
 * <p>Usage: {@code --generator G.safetensors --encoder E.safetensors --data DIR} (PNGs + {@code labels.csv}
 * {@code index,dx} as written by {@code PrepareTrainingImages}) {@code [--layers all] [--candidates 16] [--top 10]}.
 */
@Command(name = "RankProgressionAxes", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "SeFa axes ranked by how well they separate mel from nv latents, and the supervised direction.")
public final class RankProgressionAxes implements Callable<Integer> {
    @Mixin
    private InversionModels models;
    @Option(names = "--data", required = true, paramLabel = "DIR", description = "PNGs + labels.csv (index,dx)")
    private Path data;
    @Option(names = "--layers", description = "all | coarse | middle | fine | a range of W+ layers")
    private String layerSelection = "all";
    @Option(names = "--candidates", paramLabel = "N", description = "leading SeFa directions ranked")
    private int candidates = 16;
    @Option(names = "--top", paramLabel = "N", description = "rows printed")
    private int top = 10;

    public static void main(String[] args) {
        Commands.run(new RankProgressionAxes(), args);
    }

    @Override
    public Integer call() throws IOException {
        LayerSelection layers = LayerSelection.parse(layerSelection);
        List<String[]> labels = CsvTable.read(data.resolve("labels.csv")).rows().stream()
                .map(r -> r.fields().toArray(String[]::new)).filter(r -> r[1].equals("mel") || r[1].equals("nv")).toList();
        try (NDManager manager = NDManager.newBaseManager();
                E4eEncoder encoder = models.loadEncoder(manager)) {
            Generator generator = models.loadGenerator(manager);
            Inversion inversion = new Inversion(encoder, generator, null, manager);
            List<Integer> rows = new ArrayList<>();
            for (int i = 0; i < generator.numWs(); i++) {
                if (layers.includesIndex(i)) {
                    rows.add(i);
                }
            }
            int res = generator.resolution();
            List<LabelledLatent> latents = new ArrayList<>();
            ProgressBar bar = new ProgressBar("inverted", labels.size());
            long start = System.nanoTime();
            for (String[] row : labels) {
                BufferedImage image = ImageIO.read(data.resolve(String.format(Locale.ROOT, "%04d.png", Integer.parseInt(row[0]))).toFile());
                if (image.getWidth() != res || image.getHeight() != res) {
                    image = Resampler.resize(image, res, res);
                }
                Inversion.Result r = inversion.invert(GanPixels.toMinusOneToOne(image), 0);
                float[][] wPlus = new float[r.numWs()][r.wDim()];
                for (int k = 0; k < r.numWs(); k++) {
                    System.arraycopy(r.ws(), k * r.wDim(), wPlus[k], 0, r.wDim());
                }
                latents.add(LabelledLatent.ofWPlus(wPlus, rows, row[1].equals("mel")));
                bar.update(latents.size());
            }
            bar.finish();
            double msPerImage = (System.nanoTime() - start) / 1e6 / labels.size();
            SefaResult sefa = GeneratorSefa.factorize(generator, layers);
            float[][] leading = java.util.Arrays.copyOf(sefa.directions(), Math.min(candidates, sefa.directions().length));
            List<RankedAxis> ranking = AxisRanking.rank(latents, leading);
            long mel = latents.stream().filter(LabelledLatent::melanoma).count();
            System.out.printf(Locale.ROOT, "%d cases (%d mel, %d nv), layers %s, inversion %.1f ms/image; SeFa's %d leading "
                    + "directions ranked (in-sample AUC, + alpha oriented towards mel):%n", latents.size(), mel,
                    latents.size() - mel, layers, msPerImage, leading.length);
            System.out.println("| rank | SeFa direction | eigenvalue | AUC | Cohen's d | orientation |");
            System.out.println("|---|---|---|---|---|---|");
            for (int i = 0; i < Math.min(top, ranking.size()); i++) {
                RankedAxis axis = ranking.get(i);
                System.out.printf(Locale.ROOT, "| %d | %d | %.3f | %.3f | %.2f | %s |%n", i + 1, axis.index(),
                        sefa.eigenvalues()[axis.index()], axis.auc(), axis.cohensD(), axis.orientation() > 0 ? "+" : "-");
            }
            SupervisedDirection supervised = SupervisedDirection.fit(latents);
            System.out.printf(Locale.ROOT, "supervised (logistic normal on the same latents): in-sample AUC %.3f%n",
                    supervised.trainingAuc());
        }
        return 0;
    }
}
