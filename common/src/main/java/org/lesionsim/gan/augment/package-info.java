/**
 * ADA (Karras et al. 2020), read against {@code training/augment.py}: {@link
 * org.lesionsim.gan.augment.AugmentPipe} applies pixel blits and colour transforms with probability
 * {@code p} per image, differentiably; {@link org.lesionsim.gan.augment.AdaptiveStrength} adjusts
 * {@code p} from the sign of D's logits on real images.
 */
package org.lesionsim.gan.augment;
