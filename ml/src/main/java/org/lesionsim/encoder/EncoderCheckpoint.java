package org.lesionsim.encoder;

/**
 * {@code encoder_training.json} of an encoder checkpoint: what trained it and how far.
 *
 * @param format              file format version
 * @param step                training steps done
 * @param encoderAdamSteps    encoder optimiser steps
 * @param discriminatorAdamSteps latent discriminator optimiser steps
 * @param perceptualLoss      the perceptual term used ({@link PerceptualLoss#describe()})
 * @param generatorId         the generator checkpoint it was trained against ({@link GeneratorId})
 * @param encoder             the encoder architecture
 * @param options             the training options
 */
public record EncoderCheckpoint(int format, long step, long encoderAdamSteps, long discriminatorAdamSteps,
        String perceptualLoss, String generatorId, EncoderConfig encoder, EncoderTrainingOptions options) {
    public static final int FORMAT = 1;
}
