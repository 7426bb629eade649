/**
 * The StyleGAN2 objective, read against {@code training/loss.py}: {@link
 * org.lesionsim.gan.loss.NonSaturatingLogisticLoss}, {@link org.lesionsim.gan.loss.R1Penalty} for D,
 * {@link org.lesionsim.gan.loss.PathLengthPenalty} and {@link org.lesionsim.gan.loss.StyleMixing} for
 * G. The penalties need {@code torch.autograd.grad(create_graph=True)}, which {@link
 * org.lesionsim.gan.loss.AutogradGrad} provides through a TorchScript module written in Java. Which
 * phase runs when (lazy regularisation intervals, gains, optimiser settings) belongs to the training
 * loop. {@link org.lesionsim.gan.loss.StyleGan2Loss} puts them together phase by phase, as
 * {@code StyleGAN2Loss.accumulate_gradients}.
 */
package org.lesionsim.gan.loss;
