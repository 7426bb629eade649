package org.lesionsim.tools.progression;

import org.lesionsim.tools.Ham10000Folder;
import org.lesionsim.tools.InversionModels;
import org.lesionsim.tools.Commands;
import org.lesionsim.events.JsonMappers;
import org.lesionsim.progression.AxisStatistics;
import org.lesionsim.progression.FrameReadings;
import org.lesionsim.sefa.GeneratorSefa;
import org.lesionsim.progression.ProgressionAxisFile;
import org.lesionsim.progression.ProgressionRenderer;
import org.lesionsim.progression.ProgressionStrip;
import org.lesionsim.progression.WalkSchedule;
import org.lesionsim.progression.WalkStop;
import org.lesionsim.tools.judge.TrainFoldJudge;

import ai.djl.ndarray.NDManager;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import org.lesionsim.data.ham10000.Ham10000Dataset;
import org.lesionsim.data.ham10000.Ham10000Record;
import org.lesionsim.data.ham10000.LesionSplit;
import org.lesionsim.encoder.E4eEncoder;
import org.lesionsim.encoder.Inversion;
import org.lesionsim.gan.Generator;
import org.lesionsim.imaging.GanPixels;
import org.lesionsim.imaging.ImagePreprocessor;
import org.lesionsim.imaging.PngEncoder;
import org.lesionsim.imaging.PreprocessingConfig;
import org.lesionsim.judge.JudgeConfiguration;
import org.lesionsim.judge.MelanomaJudge;
import org.lesionsim.metrics.PlanarImage;
import org.lesionsim.metrics.abcd.CieLab;
import org.lesionsim.scoring.FrameScore;
import org.lesionsim.scoring.ProgressionScorer;
import org.lesionsim.scoring.ProgressionScores;
import org.lesionsim.scoring.ProgressionVerdict;
import org.lesionsim.progression.nuisance.NuisanceAttributes;
import org.lesionsim.progression.nuisance.NuisanceDirections;
import org.lesionsim.sefa.AxisRanking;
import org.lesionsim.sefa.LabelledLatent;
import org.lesionsim.sefa.LayerSelection;
import org.lesionsim.sefa.RankedAxis;
import org.lesionsim.sefa.RidgeRegression;
import org.lesionsim.sefa.SefaResult;
import org.lesionsim.sefa.SupervisedDirection;
import org.lesionsim.storage.Checksums;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Chooses the progression axis by what it does, and writes the choice to ship with the generator.
 * <ol>
 *   <li>Every nv/mel image of a HAM10000 folder is preprocessed (the pipeline's recipe), inverted by the
 *       encoder, and its reconstruction's {@link NuisanceAttributes} measured.</li>
 *   <li>Lesion folds {@code LesionSplit.folds(records, 5, 0)} (the judge's fold assignment):
 *       {@code --validation-fold} (default 0) is held out from everything that is fitted; the other
 *       four are the development folds.</li>
 *   <li>Candidates, each a procedure refitted on training data: {@code ranked:L:j} (SeFa's 16 leading
 *       directions on layers L ranked by AUC, the j-th, oriented towards mel), {@code supervised}
 *       (logistic normal), and each one's nuisance-free version {@code …-nf} (InterFaceGAN's conditional
 *       manipulation: the nuisance directions, ridge-fitted on the same training cases, projected out).
 *       Their AUC is <b>cross-validated</b>: 4-fold over the development folds, out-of-fold projections pooled.</li>
 *   <li>Each candidate refitted on all development folds walks the validation fold's first
 *       {@code --cases} lesions, with the calibrated schedule (to the melanoma centre + 1 σ, 8 frames) and
 *       with the old fixed α 0..10 (8 frames), graded by a judge that has not seen the validation
 *       fold ({@code --judge}, e.g. from {@link TrainFoldJudge}): Spearman ρ(α, P(mel)), frames within
 *       the real range, lesion found in every frame, skin ΔE (CIE76 of the skin's mean L*a*b*) first → last.</li>
 *   <li>The choice, among candidates with cross-validated AUC ≥ 0.55 and their calibrated walks: of the
 *       credible ones (lesion lost in ≤ 10% of walks, ≥ 90% of walks within the real range, median skin
 *       ΔE ≤ 5, median ρ ≥ 0.5) a nuisance-free one first (part of a raw axis' AUC is what it gains from
 *       the nuisances, i.e. from how and where the images were taken, which a walk should not change),
 *       then the highest cross-validated AUC; if none is credible, the
 *       best by median ρ − share lesion lost − share leaving the real range − median skin ΔE / 20. It
 *       is written to {@code --out} ({@link ProgressionAxisFile}), and a strip of 8 validation cases along it to {@code --strip}.</li>
 * </ol>
 * Usage: {@code --generator G.safetensors --encoder E.safetensors --ham10000 DIR --judge judge.safetensors
 * --out progression-axis.json [--strip docs/x.png] [--cases 60] [--validation-fold 0] [--cache scratch.ser]
 * [--walk ranked:all:0,supervised-nf] [--margins 1,4,8]} ({@code --walk}: only these candidates walk; the others get their
 * cross-validated AUC and cosines only; {@code --margins}: also walk them calibrated to each margin as the
 * pipeline does, cut by {@link WalkStop} and graded by the metrics worker's verdict).
 */
@Command(name = "ChooseProgressionAxis", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "Chooses the progression axis: candidates cross-validated by fold, walked and graded by a fold judge.")
public final class ChooseProgressionAxis implements Callable<Integer> {
    static final int FRAMES = 8;
    static final double MARGIN_SIGMA = 1.0;
    static final int CANDIDATE_SEFA = 16;
    static final List<String> GROUPS = List.of("all", "coarse", "middle", "fine");
    /** A credible walk (calibrated schedule, over the validation cases): these bounds on what it does. */
    static final double MAX_LESION_LOST = 0.10;
    static final double MIN_WITHIN_REAL = 0.90;
    static final double MAX_SKIN_DELTA_E = 5.0;
    static final double MIN_RHO = 0.5;

    record Case(Ham10000Record record, float[][] wPlus, double[] nuisance, boolean melanoma) {
    }

    /** One fitted candidate: its direction, the layers it edits. */
    record Fitted(String label, LayerSelection layers, float[] direction, float[] raw) {
    }

    record Grade(double lesionLost, double medianSkinDeltaE, double medianRho, double withinReal, List<String> stops) {
    }

    @Mixin
    private InversionModels models;
    @Mixin
    private Ham10000Folder ham10000;
    @Option(names = "--judge", required = true, paramLabel = "FILE", description = "a fold judge (TrainFoldJudge)")
    private Path judgeFile;
    @Option(names = "--out", required = true, paramLabel = "FILE", description = "the chosen axis (progression-axis.json)")
    private Path out;
    @Option(names = "--strip", paramLabel = "PNG", description = "a strip of 8 validation cases along the chosen axis")
    private Path strip;
    @Option(names = "--strip-margin", paramLabel = "SIGMA",
            description = "how far beyond the melanoma centre the strip's walks go (the deployment's lesionsim.progression.margin-sigma)")
    private double stripMargin = MARGIN_SIGMA;
    @Option(names = "--cases", paramLabel = "N", description = "at most N cases per fold")
    private int maxCases = 60;
    @Option(names = "--validation-fold", paramLabel = "K")
    private int validationFold;
    @Option(names = "--cache", paramLabel = "FILE", description = "inverted latents kept between runs")
    private Path cachePath;
    @Option(names = "--walk", paramLabel = "LABEL,LABEL", description = "only these candidates walk (default: all)")
    private String walk;
    @Option(names = "--margins", paramLabel = "M,M", description = "also walk them calibrated to each margin (in σ)")
    private String margins;

    public static void main(String[] args) {
        Commands.run(new ChooseProgressionAxis(), args);
    }

    @Override
    public Integer call() throws IOException {
        System.setProperty("ai.djl.offline", "true");
        Ham10000Dataset dataset = ham10000.open();
        List<List<Ham10000Record>> folds = LesionSplit.folds(dataset.records(), 5, 0);
        long t0 = System.nanoTime();
        try (NDManager manager = NDManager.newBaseManager();
             E4eEncoder encoder = models.loadEncoder(manager);
             MelanomaJudge judge = MelanomaJudge.open(new JudgeConfiguration.Configured(judgeFile), manager)) {
            Generator generator = models.loadGenerator(manager);
            Inversion inversion = new Inversion(encoder, generator, null, manager);
            PreprocessingConfig config = PreprocessingConfig.research(generator.resolution());
            List<List<Case>> byFold = new ArrayList<>();
            Map<String, Object[]> cache = readCache(cachePath);
            for (List<Ham10000Record> fold : folds) {
                List<Case> cases = new ArrayList<>();
                for (Ham10000Record r : fold) {
                    Object[] hit = cache.get(r.imageId());
                    if (hit != null) {
                        cases.add(new Case(r, (float[][]) hit[0], (double[]) hit[1], r.dx().equals("mel")));
                        continue;
                    }
                    byte[] png = ImagePreprocessor.preprocess(Files.readAllBytes(r.image()), config).png();
                    Inversion.Result inv = inversion.invert(GanPixels.toMinusOneToOne(ImageIO.read(new ByteArrayInputStream(png))), 0);
                    float[][] w = new float[inv.numWs()][inv.wDim()];
                    for (int k = 0; k < inv.numWs(); k++) {
                        System.arraycopy(inv.ws(), k * inv.wDim(), w[k], 0, inv.wDim());
                    }
                    BufferedImage rec = ProgressionRenderer.render(generator, w, new float[inv.wDim()], LayerSelection.all(),
                            List.of(0.0), manager).get(0);
                    cases.add(new Case(r, w, NuisanceAttributes.measure(rec), r.dx().equals("mel")));
                    cache.put(r.imageId(), new Object[] {w, cases.get(cases.size() - 1).nuisance()});
                }
                byFold.add(cases);
            }
            writeCache(cachePath, cache);
            System.out.printf(Locale.ROOT, "%d images inverted and measured in %.0f s; folds %s by lesion, validation fold %d%n",
                    dataset.records().size(), (System.nanoTime() - t0) / 1e9,
                    byFold.stream().map(f -> String.valueOf(f.size())).toList(), validationFold);
            Map<String, SefaResult> sefa = new LinkedHashMap<>();
            for (String g : GROUPS) {
                sefa.put(g, GeneratorSefa.factorize(generator, LayerSelection.parse(g)));
            }
            List<Integer> dev = new ArrayList<>();
            for (int f = 0; f < folds.size(); f++) {
                if (f != validationFold) {
                    dev.add(f);
                }
            }

            // cross-validated AUC over the development folds
            Map<String, List<double[]>> outOfFold = new LinkedHashMap<>(); // label -> [projection, melanoma]
            for (int held : dev) {
                List<Case> train = new ArrayList<>();
                dev.stream().filter(f -> f != held).forEach(f -> train.addAll(byFold.get(f)));
                for (Fitted c : fit(train, sefa)) {
                    for (Case v : byFold.get(held)) {
                        outOfFold.computeIfAbsent(c.label(), k -> new ArrayList<>()).add(new double[] {
                                AxisStatistics.project(mean(v.wPlus(), c.layers()), c.direction()), v.melanoma() ? 1 : 0});
                    }
                }
            }
            List<Case> devCases = new ArrayList<>();
            dev.forEach(f -> devCases.addAll(byFold.get(f)));
            NuisanceDirections.Regression nuisance = NuisanceDirections.regress(devCases.stream().map(Case::wPlus).toList(),
                    devCases.stream().map(Case::nuisance).toList(), NuisanceAttributes.NAMES, RidgeRegression.DEFAULT_RELATIVE_L2);
            System.out.printf(Locale.ROOT, "nuisance regressions on the flattened W+ of %d development cases, in-sample R2: %s%n",
                    devCases.size(), fmt(nuisance.r2()));
            List<Fitted> finals = fit(devCases, sefa);
            List<Case> validation = pick(byFold.get(validationFold), maxCases);
            System.out.printf(Locale.ROOT, "walks: %d validation cases (%d mel) x %d frames; judge %s (must not have seen fold %d)%n",
                    validation.size(), validation.stream().filter(Case::melanoma).count(), FRAMES, judgeFile, validationFold);
            List<Double> fixed = new ArrayList<>();
            for (int k = 0; k < FRAMES; k++) {
                fixed.add(10.0 * k / (FRAMES - 1));
            }
            System.out.println();
            System.out.println("| candidate | layers | AUC (cross-validated, 4-fold dev) | schedule | lesion lost | median skin ΔE first→last "
                    + "| median ρ(α, P(mel)) | walks within real range | stopped (completed/target/realism/lesion) | median α_last "
                    + "| cos nuisance " + String.join("/", NuisanceAttributes.NAMES) + " raw → used |");
            System.out.println("|---|---|---|---|---|---|---|---|---|---|---|");
            Set<String> walked = walk == null ? Set.of() : Set.of(walk.split(","));
            String best = null;
            double bestScore = Double.NEGATIVE_INFINITY;
            Map<String, double[]> cvAucs = new LinkedHashMap<>();
            for (Fitted c : finals) {
                List<double[]> oof = outOfFold.get(c.label());
                double cvAuc = AxisRanking.auc(oof.stream().filter(p -> p[1] == 1).mapToDouble(p -> p[0]).toArray(),
                        oof.stream().filter(p -> p[1] == 0).mapToDouble(p -> p[0]).toArray());
                cvAucs.put(c.label(), new double[] {cvAuc});
                NuisanceDirections nd = nuisance.forLayers(c.layers());
                String cosines = fmt(nd.cosines(c.raw())) + " → " + fmt(nd.cosines(c.direction()));
                AxisStatistics stats = AxisStatistics.of(devCases.stream().map(x -> new LabelledLatent(mean(x.wPlus(), c.layers()),
                        x.melanoma())).toList(), c.direction());
                if (!walked.isEmpty() && !walked.contains(c.label())) {
                    System.out.printf(Locale.ROOT, "| %s | %s | %.3f | (not walked) | | | | | | | %s |%n", c.label(), c.layers(), cvAuc, cosines);
                    continue;
                }
                for (String schedule : List.of("calibrated", "fixed 0..10")) {
                    List<Double> lastAlphas = new ArrayList<>();
                    Grade g = grade(validation, c, stats, schedule.equals("calibrated") ? null : fixed, generator, judge, manager, lastAlphas);
                    System.out.printf(Locale.ROOT, "| %s | %s | %.3f | %s | %.0f%% | %.1f | %.2f | %.0f%% | %s | %.1f | %s |%n", c.label(),
                            c.layers(), cvAuc, schedule, 100 * g.lesionLost(), g.medianSkinDeltaE(), g.medianRho(), 100 * g.withinReal(),
                            counts(g.stops()), median(lastAlphas.stream().mapToDouble(Double::doubleValue).toArray()), cosines);
                    if (schedule.equals("calibrated") && cvAuc >= 0.55) {
                        boolean credible = g.lesionLost() <= MAX_LESION_LOST && g.withinReal() >= MIN_WITHIN_REAL
                                && g.medianSkinDeltaE() <= MAX_SKIN_DELTA_E && g.medianRho() >= MIN_RHO;
                        double score = credible ? 10 + (c.label().endsWith("-nf") ? 1 : 0) + cvAuc
                                : g.medianRho() - g.lesionLost() - (1 - g.withinReal()) - g.medianSkinDeltaE() / 20;
                        if (score > bestScore) {
                            bestScore = score;
                            best = c.label();
                        }
                    }
                }
            }
            if (margins != null) {
                sweepMargins(margins, walked, finals, devCases, validation, generator, judge, manager);
            }
            String chosenLabel = best != null ? best : finals.get(0).label();
            Fitted chosen = finals.stream().filter(f -> f.label().equals(chosenLabel)).findFirst().orElseThrow();
            AxisStatistics stats = AxisStatistics.of(devCases.stream().map(x -> new LabelledLatent(mean(x.wPlus(), chosen.layers()),
                    x.melanoma())).toList(), chosen.direction());
            NuisanceDirections nd = nuisance.forLayers(chosen.layers());
            Map<String, double[]> cos = new LinkedHashMap<>();
            cos.put("raw", nd.cosines(chosen.raw()));
            cos.put("shipped", nd.cosines(chosen.direction()));
            String checkpointId = readCheckpointId(models.generator);
            ProgressionAxisFile file = new ProgressionAxisFile(ProgressionAxisFile.FORMAT_VERSION, checkpointId,
                    Checksums.sha256Hex(Files.readAllBytes(models.generator)), chosen.label(), chosen.layers().toString(), chosen.direction(),
                    stats, cvAucs.get(chosen.label())[0], String.format(Locale.ROOT, "fitted on the %d cases of lesion folds %s of "
                    + "LesionSplit.folds(records, 5, 0); AUC cross-validated 4-fold over those folds; walks graded on fold %d by a judge "
                    + "not trained on it; chosen as the highest cross-validated AUC among credible calibrated walks, nuisance-free first (lesion lost <= 10%%, "
                    + "within real range >= 90%%, median skin dE <= 5, median rho >= 0.5; %d held-out cases); class statistics in-sample on the fitting folds", devCases.size(), dev,
                    validationFold, validation.size()), cos, NuisanceAttributes.NAMES);
            Files.write(out, file.toJson());
            System.out.printf(Locale.ROOT, "%nchosen: %s on %s (cross-validated AUC %.3f, mel centre %.2f σ from nv, σ %.3f) → %s (%d bytes); "
                            + "%.0f s in all%n", chosen.label(), chosen.layers(), file.crossValidatedAuc(), stats.melCentreInSigma(),
                    stats.sigma(), out, Files.size(out), (System.nanoTime() - t0) / 1e9);
            if (strip != null) {
                writeStrip(strip, pick(byFold.get(validationFold), 8), chosen, stats, stripMargin, generator, manager);
            }
        }
        return 0;
    }

    /** Every candidate procedure fitted on {@code train}. */
    static List<Fitted> fit(List<Case> train, Map<String, SefaResult> sefa) {
        NuisanceDirections.Regression nuisance = NuisanceDirections.regress(train.stream().map(Case::wPlus).toList(),
                train.stream().map(Case::nuisance).toList(), NuisanceAttributes.NAMES, RidgeRegression.DEFAULT_RELATIVE_L2);
        List<Fitted> raw = new ArrayList<>();
        for (String g : GROUPS) {
            LayerSelection layers = LayerSelection.parse(g);
            float[][] leading = Arrays.copyOf(sefa.get(g).directions(), CANDIDATE_SEFA);
            List<RankedAxis> ranked = AxisRanking.rank(labelled(train, layers), leading);
            raw.add(new Fitted("ranked:" + g + ":0", layers, ranked.get(0).direction(), ranked.get(0).direction()));
            if (g.equals("all")) {
                raw.add(new Fitted("ranked:all:1", layers, ranked.get(1).direction(), ranked.get(1).direction()));
            }
        }
        LayerSelection all = LayerSelection.all();
        float[] supervised = SupervisedDirection.fit(labelled(train, all)).direction();
        raw.add(new Fitted("supervised", all, supervised, supervised));
        List<Fitted> out = new ArrayList<>(raw);
        for (Fitted f : raw) {
            float[] clean = nuisance.forLayers(f.layers()).projectOut(f.raw());
            float[] oriented = AxisRanking.rank(labelled(train, f.layers()), new float[][] {clean}).get(0).direction();
            out.add(new Fitted(f.label() + "-nf", f.layers(), oriented, f.raw()));
        }
        return out;
    }

    static Grade grade(List<Case> cases, Fitted c, AxisStatistics stats, List<Double> fixed, Generator generator, MelanomaJudge judge,
                       NDManager manager, List<Double> lastAlphas) {
        int lost = 0;
        int withLesion = 0;
        int real = 0;
        List<Double> deltaE = new ArrayList<>();
        List<Double> rhos = new ArrayList<>();
        List<String> stops = new ArrayList<>();
        for (Case x : cases) {
            List<Double> alphas = fixed != null ? fixed : new WalkSchedule.Calibrated(MARGIN_SIGMA, FRAMES)
                    .plan(AxisStatistics.project(mean(x.wPlus(), c.layers()), c.direction()), stats).alphas();
            lastAlphas.add(alphas.get(alphas.size() - 1));
            List<BufferedImage> frames = ProgressionRenderer.render(generator, x.wPlus(), c.direction(), c.layers(), alphas, manager);
            double[] p = new double[frames.size()];
            List<WalkStop.FrameReading> readings = new ArrayList<>();
            boolean allReal = true;
            boolean allLesion = true;
            double[] first = null;
            double[] last = null;
            for (int k = 0; k < frames.size(); k++) {
                MelanomaJudge.Reading r = judge.read(PlanarImage.fromBufferedImage(frames.get(k)));
                NuisanceAttributes.Measurement m = NuisanceAttributes.measureFrame(frames.get(k));
                p[k] = r.pMel();
                allReal &= r.withinRealRange();
                if (k > 0) {
                    allLesion &= m.lesionFound();
                }
                readings.add(new WalkStop.FrameReading(r.pMel(), r.withinRealRange(), m.lesionFound()));
                double[] skin = {m.values()[1], m.values()[2], m.values()[3]};
                if (k == 0) {
                    first = skin;
                }
                last = skin;
                if (k == 0 && m.lesionFound()) {
                    withLesion++;
                }
            }
            if (readings.get(0).lesionFound() && !allLesion) {
                lost++;
            }
            real += allReal ? 1 : 0;
            deltaE.add(CieLab.deltaE(first[0], first[1], first[2], last[0], last[1], last[2]));
            double[] a = alphas.stream().mapToDouble(Double::doubleValue).toArray();
            rhos.add(spearman(a, p));
            stops.add(WalkStop.decide(readings, TARGET_P_MEL).reason());
        }
        return new Grade(withLesion == 0 ? Double.NaN : lost / (double) withLesion, median(deltaE.stream().mapToDouble(d -> d).toArray()),
                median(rhos.stream().mapToDouble(d -> d).toArray()), real / (double) cases.size(), stops);
    }

    /**
     * {@code --margins 1,4,8}: each walked candidate's calibrated walk to the melanoma centre plus each margin,
     * exactly as the pipeline makes and grades it: the progression worker's {@link WalkStop} (realism,
     * lesion, target P(mel) {@value #TARGET_P_MEL}) cuts the walk, then the metrics worker's scorer gives
     * its verdict ({@link ProgressionVerdict}). Prints the share of credible walks and why the others are not.
     */
    static void sweepMargins(String margins, Set<String> walked, List<Fitted> finals, List<Case> devCases, List<Case> validation,
                             Generator generator, MelanomaJudge judge, NDManager manager) {
        System.out.println();
        System.out.println("| candidate | margin σ | credible | not credible: by failed condition | stopped (completed/target/realism/lesion) "
                + "| median frames kept | median α_last | median P(mel) rise | median skin ΔE |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        ProgressionScorer scorer = ProgressionScorer.withoutLpips(judge);
        for (Fitted c : finals) {
            if (!walked.isEmpty() && !walked.contains(c.label())) {
                continue;
            }
            AxisStatistics stats = AxisStatistics.of(devCases.stream().map(x -> new LabelledLatent(mean(x.wPlus(), c.layers()),
                    x.melanoma())).toList(), c.direction());
            for (String m : margins.split(",")) {
                double margin = Double.parseDouble(m.trim());
                int credible = 0;
                Map<String, Integer> failures = new java.util.TreeMap<>();
                List<String> stops = new ArrayList<>();
                List<Double> kept = new ArrayList<>();
                List<Double> lastAlpha = new ArrayList<>();
                List<Double> rise = new ArrayList<>();
                List<Double> skin = new ArrayList<>();
                for (Case x : validation) {
                    List<Double> alphas = new WalkSchedule.Calibrated(margin, FRAMES)
                            .plan(AxisStatistics.project(mean(x.wPlus(), c.layers()), c.direction()), stats).alphas();
                    List<BufferedImage> frames = ProgressionRenderer.render(generator, x.wPlus(), c.direction(), c.layers(), alphas, manager);
                    WalkStop.Decision stop = WalkStop.decide(FrameReadings.read(judge, frames), TARGET_P_MEL);
                    stops.add(stop.reason());
                    List<BufferedImage> walk = frames.subList(0, stop.framesKept());
                    List<Double> walkAlphas = alphas.subList(0, stop.framesKept());
                    kept.add((double) walk.size());
                    lastAlpha.add(walkAlphas.get(walkAlphas.size() - 1));
                    ProgressionScores scores = scorer.score(walk.stream().map(PlanarImage::fromBufferedImage).toList(), walkAlphas);
                    List<FrameScore> fs = scores.frames();
                    if (fs.get(0).pMel() != null && fs.get(fs.size() - 1).pMel() != null) {
                        rise.add(fs.get(fs.size() - 1).pMel() - fs.get(0).pMel());
                    }
                    skin.add(fs.get(fs.size() - 1).skinDeltaE());
                    if (scores.verdict().status() == ProgressionVerdict.Status.CREDIBLE) {
                        credible++;
                    }
                    scores.verdict().failed().forEach(f -> failures.merge(f.code().name(), 1, Integer::sum));
                }
                System.out.printf(Locale.ROOT, "| %s | %.0f | %d of %d (%.0f%%) | %s | %s | %.0f | %.2f | %.3f | %.1f |%n", c.label(), margin,
                        credible, validation.size(), 100.0 * credible / validation.size(), failures, counts(stops),
                        median(kept.stream().mapToDouble(d -> d).toArray()), median(lastAlpha.stream().mapToDouble(d -> d).toArray()),
                        median(rise.stream().mapToDouble(d -> d).toArray()), median(skin.stream().mapToDouble(d -> d).toArray()));
            }
        }
    }

    static final double TARGET_P_MEL = 0.9;

    static void writeStrip(Path path, List<Case> cases, Fitted c, AxisStatistics stats, double marginSigma, Generator generator,
                           NDManager manager) throws IOException {
        int res = generator.resolution();
        BufferedImage sheet = null;
        for (int i = 0; i < cases.size(); i++) {
            Case x = cases.get(i);
            List<Double> alphas = new WalkSchedule.Calibrated(marginSigma, FRAMES)
                    .plan(AxisStatistics.project(mean(x.wPlus(), c.layers()), c.direction()), stats).alphas();
            BufferedImage strip = ProgressionStrip.compose(ProgressionRenderer.render(generator, x.wPlus(), c.direction(), c.layers(),
                    alphas, manager), alphas);
            if (sheet == null) {
                sheet = new BufferedImage(strip.getWidth(), strip.getHeight() * cases.size(), BufferedImage.TYPE_INT_RGB);
            }
            Graphics2D g = sheet.createGraphics();
            g.drawImage(strip, 0, i * strip.getHeight(), null);
            g.dispose();
        }
        Files.createDirectories(path.toAbsolutePath().getParent());
        Files.write(path, PngEncoder.encode(sheet));
        System.out.printf(Locale.ROOT, "strip of %d validation cases along %s to %s σ beyond the melanoma centre (%dx%d per frame) → %s%n",
                cases.size(), c.label(), marginSigma, res, res, path);
    }

    /** The first n cases, alternating the classes so both appear. */
    static List<Case> pick(List<Case> fold, int n) {
        List<Case> mel = fold.stream().filter(Case::melanoma).toList();
        List<Case> nv = fold.stream().filter(x -> !x.melanoma()).toList();
        List<Case> out = new ArrayList<>();
        for (int i = 0; out.size() < n && (i < mel.size() || i < nv.size()); i++) {
            if (i < nv.size()) {
                out.add(nv.get(i));
            }
            if (i < mel.size() && out.size() < n) {
                out.add(mel.get(i));
            }
        }
        return out;
    }

    static List<LabelledLatent> labelled(List<Case> cases, LayerSelection layers) {
        return cases.stream().map(x -> new LabelledLatent(mean(x.wPlus(), layers), x.melanoma())).toList();
    }

    static float[] mean(float[][] wPlus, LayerSelection layers) {
        List<Integer> rows = new ArrayList<>();
        for (int i = 0; i < wPlus.length; i++) {
            if (layers.includesIndex(i)) {
                rows.add(i);
            }
        }
        return LabelledLatent.ofWPlus(wPlus, rows, false).latent();
    }

    static double spearman(double[] x, double[] y) {
        double[] rx = ranks(x);
        double[] ry = ranks(y);
        double mx = Arrays.stream(rx).average().orElse(0);
        double my = Arrays.stream(ry).average().orElse(0);
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (rx[i] - mx) * (ry[i] - my);
            sxx += (rx[i] - mx) * (rx[i] - mx);
            syy += (ry[i] - my) * (ry[i] - my);
        }
        return sxx == 0 || syy == 0 ? 0 : sxy / Math.sqrt(sxx * syy);
    }

    private static double[] ranks(double[] v) {
        Integer[] order = new Integer[v.length];
        for (int i = 0; i < v.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(v[a], v[b]));
        double[] r = new double[v.length];
        for (int s = 0; s < v.length; ) {
            int e = s;
            while (e + 1 < v.length && v[order[e + 1]] == v[order[s]]) {
                e++;
            }
            for (int k = s; k <= e; k++) {
                r[order[k]] = (s + e) / 2.0;
            }
            s = e + 1;
        }
        return r;
    }

    static double median(double[] values) {
        double[] v = Arrays.stream(values).filter(Double::isFinite).sorted().toArray();
        if (v.length == 0) {
            return Double.NaN;
        }
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static String counts(List<String> stops) {
        return List.of(WalkStop.COMPLETED, WalkStop.TARGET_REACHED, WalkStop.REALISM_LOST, WalkStop.LESION_LOST).stream()
                .map(s -> String.valueOf(stops.stream().filter(s::equals).count())).reduce((a, b) -> a + "/" + b).orElse("");
    }

    private static String fmt(double[] v) {
        StringBuilder b = new StringBuilder();
        for (double x : v) {
            b.append(b.length() == 0 ? "" : "/").append(String.format(Locale.ROOT, "%.2f", x));
        }
        return b.toString();
    }

    /** Inverted W+ and nuisance attributes per image id, so a rerun skips the inversion (a scratch file, not shipped). */
    @SuppressWarnings("unchecked")
    private static Map<String, Object[]> readCache(Path path) throws IOException {
        if (path == null || !Files.exists(path)) {
            return new LinkedHashMap<>();
        }
        try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(Files.newInputStream(path))) {
            return (Map<String, Object[]>) in.readObject();
        } catch (ClassNotFoundException e) {
            throw new IOException(e);
        }
    }

    private static void writeCache(Path path, Map<String, Object[]> cache) throws IOException {
        if (path != null) {
            try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(Files.newOutputStream(path))) {
                out.writeObject(new LinkedHashMap<>(cache));
            }
        }
    }

    private static String readCheckpointId(Path generator) throws IOException {
        Path config = generator.resolveSibling("config.json");
        if (!Files.exists(config)) {
            return null;
        }
        return JsonMappers.compact().readTree(config.toFile()).path("checkpointId").asText(null);
    }
}
