"""Writes reference_io.safetensors: what NVlabs/stylegan2-ada-pytorch computes for the tiny networks here.

usage: python make_reference.py /path/to/stylegan2-ada-pytorch   (needs torch and numpy; CPU is enough)

Reads generator/discriminator .safetensors + .json beside this file (written by lesionsim), loads
them into the reference `training.networks` classes with load_state_dict(strict=True), and stores
for the z in reference_io.safetensors: ws (truncation psi 0.6, cutoff 3), images with
noise_mode='const' (fused and non-fused modulated convolutions), D logits of those images and
dD/dimage of sum(logits). On CPU the reference runs its pure-PyTorch paths (_upfirdn2d_ref,
_bias_act_ref, conv_transpose2d for upsampling).
"""
import json, os, struct, sys

import numpy as np
import torch

sys.path.insert(0, sys.argv[1])
from training.networks import Discriminator, Generator  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
PSI, CUTOFF = 0.6, 3


def load_safetensors(path):
    with open(path, 'rb') as f:
        n = struct.unpack('<Q', f.read(8))[0]
        header = json.loads(f.read(n))
        data = f.read()
    out = {}
    for k, v in header.items():
        if k != '__metadata__':
            s, e = v['data_offsets']
            out[k] = torch.from_numpy(np.frombuffer(data[s:e], dtype=np.float32).copy().reshape(v['shape']))
    return out


def save_safetensors(path, tensors):
    header, blobs, offset = {}, [], 0
    for k, t in tensors.items():
        b = t.detach().contiguous().numpy().astype('<f4').tobytes()
        header[k] = {'dtype': 'F32', 'shape': list(t.shape), 'data_offsets': [offset, offset + len(b)]}
        blobs.append(b)
        offset += len(b)
    h = json.dumps(header).encode()
    h += b' ' * (-len(h) % 8)
    with open(path, 'wb') as f:
        f.write(struct.pack('<Q', len(h)) + h + b''.join(blobs))


gc = json.load(open(f'{HERE}/generator.json'))['config']
dc = json.load(open(f'{HERE}/discriminator.json'))['config']
G = Generator(z_dim=gc['zDim'], c_dim=0, w_dim=gc['wDim'], img_resolution=gc['resolution'], img_channels=gc['imgChannels'],
              mapping_kwargs=dict(num_layers=gc['mappingLayers'], lr_multiplier=gc['mappingLrMultiplier'], w_avg_beta=gc['wAvgBeta']),
              synthesis_kwargs=dict(channel_base=gc['channelBase'], channel_max=gc['channelMax'], conv_clamp=gc['convClamp'])).eval()
D = Discriminator(c_dim=0, img_resolution=dc['resolution'], img_channels=dc['imgChannels'], channel_base=dc['channelBase'],
                  channel_max=dc['channelMax'], conv_clamp=dc['convClamp'],
                  epilogue_kwargs=dict(mbstd_group_size=dc['mbstdGroupSize'], mbstd_num_channels=dc['mbstdChannels']))
G.load_state_dict(load_safetensors(f'{HERE}/generator.safetensors'), strict=True)
D.load_state_dict(load_safetensors(f'{HERE}/discriminator.safetensors'), strict=True)

z = load_safetensors(f'{HERE}/z.safetensors')['z']
with torch.no_grad():
    ws = G.mapping(z, None, truncation_psi=PSI, truncation_cutoff=CUTOFF)
    img = G.synthesis(ws, noise_mode='const', fused_modconv=True)
    img_non_fused = G.synthesis(ws, noise_mode='const', fused_modconv=False)
x = img.clone().requires_grad_(True)
logits = D(x, None)
dimg, = torch.autograd.grad(logits.sum(), [x])
save_safetensors(f'{HERE}/reference_io.safetensors',
                 dict(ws=ws, img=img, img_non_fused=img_non_fused, logits=logits, dimg=dimg))
print('wrote reference_io.safetensors', 'torch', torch.__version__)
