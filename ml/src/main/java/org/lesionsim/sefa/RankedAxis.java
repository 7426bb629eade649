package org.lesionsim.sefa;

/**
 * How well one candidate direction separates melanoma from nevus latents, after orienting it so that
 * moving along {@code +direction} (+α) goes towards melanoma.
 *
 * @param index       the direction's index among the candidates (for SeFa: the eigenvalue rank)
 * @param auc         P(projection of a mel latent &gt; that of an nv latent), ties counting ½, after
 *                    orientation: always ≥ 0.5
 * @param cohensD     (mean_mel − mean_nv) / pooled standard deviation of the projections, after orientation
 * @param orientation +1 if the candidate was kept as given, −1 if it was flipped
 * @param direction   the oriented unit direction
 */
public record RankedAxis(int index, double auc, double cohensD, int orientation, float[] direction) {
}
