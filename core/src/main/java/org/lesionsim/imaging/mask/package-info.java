/**
 * The one binary lesion mask and its geometry, shared by the synthetic generator (its ground
 * truth and the image check of it) and the ABCD scorer, so both measure with the same code. Where
 * they measure differently on purpose (square vs disc morphology, 4- vs 8-connected components,
 * the diameter's end points) the variant is a named option the caller picks.
 */
package org.lesionsim.imaging.mask;
