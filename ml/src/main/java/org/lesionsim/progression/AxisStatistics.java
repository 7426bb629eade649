package org.lesionsim.progression;

import java.util.List;
import org.lesionsim.sefa.LabelledLatent;

/**
 * Where the two classes lie along one unit, oriented axis: the mean projection of the nevus and of the
 * melanoma latents and the pooled within-class standard deviation σ of the projections (n − 2
 * degrees of freedom), so that positions can be read in σ units: z = (p − μ_nv) / σ puts the nevus
 * centre at 0 and the melanoma centre at Cohen's d. Latents are the mean of the W+ rows the walk
 * edits ({@link LabelledLatent#ofWPlus}); adding α·axis to each of those rows moves p by exactly α.
 */
public record AxisStatistics(double nvCentre, double melCentre, double sigma, int nevi, int melanomas) {
    public AxisStatistics {
        if (!(sigma > 0) || !Double.isFinite(sigma) || !Double.isFinite(nvCentre) || !Double.isFinite(melCentre)) {
            throw new IllegalArgumentException("class statistics need finite centres and σ > 0, got nv " + nvCentre
                    + ", mel " + melCentre + ", σ " + sigma);
        }
    }

    public static AxisStatistics of(List<LabelledLatent> cases, float[] axis) {
        double sumMel = 0;
        double sumNv = 0;
        int mel = 0;
        int nv = 0;
        double[] p = new double[cases.size()];
        for (int i = 0; i < p.length; i++) {
            p[i] = project(cases.get(i).latent(), axis);
            if (cases.get(i).melanoma()) {
                sumMel += p[i];
                mel++;
            } else {
                sumNv += p[i];
                nv++;
            }
        }
        if (mel < 1 || nv < 1 || mel + nv < 3) {
            throw new IllegalArgumentException("class statistics need both classes and 3 cases, got " + mel + " mel, " + nv + " nv");
        }
        double mMel = sumMel / mel;
        double mNv = sumNv / nv;
        double ss = 0;
        for (int i = 0; i < p.length; i++) {
            double m = cases.get(i).melanoma() ? mMel : mNv;
            ss += (p[i] - m) * (p[i] - m);
        }
        return new AxisStatistics(mNv, mMel, Math.sqrt(ss / (mel + nv - 2)), nv, mel);
    }

    /** A projection in σ units from the nevus centre. */
    public double inSigma(double projection) {
        return (projection - nvCentre) / sigma;
    }

    /** The melanoma centre in σ units from the nevus centre (Cohen's d along the axis). */
    public double melCentreInSigma() {
        return inSigma(melCentre);
    }

    public static double project(float[] latent, float[] axis) {
        double s = 0;
        for (int i = 0; i < latent.length; i++) {
            s += (double) latent[i] * axis[i];
        }
        return s;
    }
}
