package org.lesionsim.scoring;

import java.awt.image.BufferedImage;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.lesionsim.imaging.PixelFont;
import org.lesionsim.imaging.Resampler;

/**
 * The progression figure with its judgement: the preprocessed input | its reconstruction | the frames,
 * left to right, each tile over a white band, and the verdict as a caption across the bottom. In: the
 * input and the reconstruction (either may be null: left out), the frames (one size), their
 * {@link FrameScore}s and the {@link ProgressionVerdict}. Under each frame: {@code α=…}, {@code P(MEL)=…}
 * ({@code P(MEL) N/A} without the judge) and, in red, {@code !} when the frame lies outside the real
 * images' range (its tile also gets a red border) and {@code NO LESION} where segmentation lost it.
 * Out: a {@code TYPE_INT_RGB} image {@code tiles·W} wide; the input and the reconstruction are resized
 * to the frames' size (area average). All text is {@link PixelFont}, so the bytes depend on no system font.
 */
public final class ScoredStrip {
    private static final int WHITE = 0xffffff;
    private static final int BLACK = 0x000000;
    private static final int RED = 0xd01010;
    private static final int GREEN = 0x107a10;
    private static final int GREY = 0x606060;
    private static final int BAND_LINES = 3;

    private ScoredStrip() {
    }

    public static BufferedImage compose(BufferedImage input, BufferedImage reconstruction, List<BufferedImage> frames,
                                        List<FrameScore> scores, ProgressionVerdict verdict) {
        if (frames.isEmpty() || frames.size() != scores.size()) {
            throw new IllegalArgumentException("one score per frame needed: " + frames.size() + " frames, " + scores.size() + " scores");
        }
        int w = frames.get(0).getWidth();
        int h = frames.get(0).getHeight();
        int scale = Math.max(1, w / 64);
        int line = (PixelFont.GLYPH_HEIGHT + 2) * scale;
        int band = BAND_LINES * line + 2 * scale;

        List<BufferedImage> tiles = new ArrayList<>();
        List<List<Label>> labels = new ArrayList<>();
        List<Boolean> flagged = new ArrayList<>();
        for (var extra : new Object[][] {{input, "INPUT"}, {reconstruction, "RECONSTRUCTION"}}) {
            if (extra[0] != null) {
                BufferedImage image = (BufferedImage) extra[0];
                tiles.add(image.getWidth() == w && image.getHeight() == h ? image : Resampler.resize(image, w, h, Resampler.Filter.AREA));
                labels.add(List.of(new Label(fit((String) extra[1], w, scale), BLACK)));
                flagged.add(false);
            }
        }
        for (int k = 0; k < frames.size(); k++) {
            BufferedImage frame = frames.get(k);
            if (frame.getWidth() != w || frame.getHeight() != h) {
                throw new IllegalArgumentException("frame " + k + " is " + frame.getWidth() + "x" + frame.getHeight()
                        + ", frame 0 is " + w + "x" + h);
            }
            FrameScore s = scores.get(k);
            boolean unreal = Boolean.FALSE.equals(s.realistic());
            String marks = ((unreal ? "! " : "") + (s.lesionFound() ? "" : "NO LESION")).trim();
            tiles.add(frame);
            labels.add(List.of(new Label("α=" + number(s.alpha()), BLACK),
                    new Label(s.pMel() == null ? "P(MEL) N/A" : "P(MEL)=" + String.format(Locale.ROOT, "%.2f", s.pMel()), BLACK),
                    new Label(fit(marks, w, scale), RED)));
            flagged.add(unreal);
        }

        int width = w * tiles.size();
        List<String> caption = wrap("VERDICT: " + describe(verdict), width - 4 * scale, scale);
        int height = h + band + caption.size() * line + 2 * scale;
        BufferedImage strip = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                strip.setRGB(x, y, WHITE);
            }
        }
        for (int t = 0; t < tiles.size(); t++) {
            int x0 = t * w;
            strip.setRGB(x0, 0, w, h, tiles.get(t).getRGB(0, 0, w, h, null, 0, w), 0, w);
            if (flagged.get(t)) {
                border(strip, x0, w, h, Math.max(1, scale));
            }
            for (int l = 0; l < labels.get(t).size(); l++) {
                Label label = labels.get(t).get(l);
                PixelFont.draw(strip, label.text(), x0 + Math.max(0, (w - PixelFont.width(label.text(), scale)) / 2),
                        h + 2 * scale + l * line, scale, label.rgb());
            }
        }
        int colour = switch (verdict.status()) {
            case CREDIBLE -> GREEN;
            case NOT_CREDIBLE -> RED;
            case NOT_CONFIGURED -> GREY;
        };
        for (int l = 0; l < caption.size(); l++) {
            PixelFont.draw(strip, caption.get(l), 2 * scale, h + band + l * line, scale, colour);
        }
        return strip;
    }

    /** {@code NOT CREDIBLE: P_MEL_NOT_RISING RHO=0.42, OUTSIDE_REAL_RANGE FRAMES 3/4, SKIN_SHIFT ΔE=7.1>6}. */
    static String describe(ProgressionVerdict verdict) {
        StringBuilder text = new StringBuilder(verdict.status().name().replace('_', ' '));
        List<String> parts = new ArrayList<>();
        for (ProgressionVerdict.Failure f : verdict.failed()) {
            parts.add(switch (f.code()) {
                case P_MEL_NOT_RISING -> "P_MEL_NOT_RISING RHO=" + (f.value() == null ? "N/A" : number(f.value()))
                        + "<" + number(verdict.bounds().pMelSpearman());
                case P_MEL_RISE_TOO_SMALL -> "P_MEL_RISE " + number(f.value()) + "<" + number(verdict.bounds().pMelRise());
                case OUTSIDE_REAL_RANGE, LESION_LOST -> f.code() + " FRAMES " + String.join("/",
                        f.frames().stream().map(String::valueOf).toList());
                case SKIN_SHIFT -> "SKIN_SHIFT ΔE=" + number(f.value()) + ">" + number(verdict.bounds().skinDeltaE());
            });
        }
        if (!parts.isEmpty()) {
            text.append(": ").append(String.join(", ", parts));
        }
        if (verdict.notJudged() != null) {
            text.append(parts.isEmpty() ? ": " : ", ").append("NO JUDGE");
        }
        return text.toString();
    }

    private record Label(String text, int rgb) {
    }

    private static String number(double v) {
        BigDecimal rounded = BigDecimal.valueOf(v).setScale(2, RoundingMode.HALF_EVEN).stripTrailingZeros();
        return rounded.signum() == 0 ? "0" : rounded.toPlainString();
    }

    /** The text, shortened to {@code RECON} style prefixes until it fits {@code width}. */
    private static String fit(String text, int width, int scale) {
        String t = text;
        while (t.length() > 1 && PixelFont.width(t, scale) > width) {
            t = t.substring(0, t.length() - 1);
        }
        return t;
    }

    /** Words to lines no wider than {@code width}. */
    private static List<String> wrap(String text, int width, int scale) {
        List<String> lines = new ArrayList<>();
        String current = "";
        for (String word : text.split(" ")) {
            String candidate = current.isEmpty() ? word : current + " " + word;
            if (!current.isEmpty() && PixelFont.width(candidate, scale) > width) {
                lines.add(current);
                current = fit(word, width, scale);
            } else {
                current = candidate;
            }
        }
        lines.add(current);
        return lines;
    }

    private static void border(BufferedImage image, int x0, int w, int h, int thickness) {
        for (int y = 0; y < h; y++) {
            for (int x = x0; x < x0 + w; x++) {
                if (y < thickness || y >= h - thickness || x < x0 + thickness || x >= x0 + w - thickness) {
                    image.setRGB(x, y, RED);
                }
            }
        }
    }
}
