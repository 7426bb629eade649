/**
 * ADA (Karras et al. 2020), read against {@code training/augment.py}: {@link
 * org.lesionsim.gan.augment.AugmentPipe} applies pixel blits, general geometric transforms and
 * colour transforms with probability {@code p} per image, differentiably (to second order, for R1);
 * {@link org.lesionsim.gan.augment.AdaptiveStrength} adjusts {@code p} from the sign of D's logits
 * on real images.
 */
package org.lesionsim.gan.augment;
