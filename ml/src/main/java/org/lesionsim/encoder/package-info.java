/**
 * GAN inversion with an e4e encoder (Tov et al. 2021, {@code omertov/encoder4editing}): the IR-SE
 * backbone and map2style heads ({@link org.lesionsim.encoder.E4eEncoder}), the latent
 * discriminator, encoder training against a frozen generator ({@link org.lesionsim.encoder.EncoderTraining},
 * {@link org.lesionsim.tools.encoder.TrainEncoder}), optional latent refinement, the
 * {@link org.lesionsim.encoder.Inversion} call a worker makes, and {@code .npy} latents
 * ({@link org.lesionsim.gan.WPlus}). Plain Java + DJL; no Kafka.
 */
package org.lesionsim.encoder;
