/**
 * StyleGAN2-ADA training, read against NVlabs/stylegan2-ada-pytorch {@code training/training_loop.py}
 * and {@code train.py}: {@link org.lesionsim.gan.training.TrainingOptions} (the {@code cfg_specs}),
 * {@link org.lesionsim.gan.training.Adam} with lazy-regularisation correction,
 * {@link org.lesionsim.gan.training.ImageDataset}, and {@link org.lesionsim.gan.training.TrainingLoop}
 * (phases Gmain, Greg, Dmain, Dreg; ADA; G EMA; ticks; snapshots that resume bit-identically).
 * {@link org.lesionsim.tools.gan.TrainGan} is the command line.
 */
package org.lesionsim.gan.training;
