/**
 * StyleGAN2-ADA in plain Java on DJL's PyTorch engine, read against NVlabs/stylegan2-ada-pytorch
 * {@code training/networks.py} and {@code torch_utils/ops}: one class per reference class
 * ({@link org.lesionsim.gan.MappingNetwork}, {@link org.lesionsim.gan.SynthesisLayer},
 * {@link org.lesionsim.gan.DiscriminatorBlock}, ...), ops as static functions
 * ({@link org.lesionsim.gan.Upfirdn2d}, {@link org.lesionsim.gan.Conv2dResample},
 * {@link org.lesionsim.gan.ModulatedConv2d}, {@link org.lesionsim.gan.BiasAct}).
 *
 * <p>Parameters live in a {@link org.lesionsim.gan.StateDict} under the official
 * {@code state_dict} names (see {@code OFFICIAL_CHECKPOINT_NAMES.md} in this directory), which an
 * optimiser iterates and {@link org.lesionsim.gan.NetworkFiles} saves as safetensors + JSON config.
 * Forward functions allocate on their input's manager: call them inside a per-step sub-manager or
 * {@code NDScope}.
 */
package org.lesionsim.gan;
