#!/usr/bin/env python3
"""Write the official LPIPS weights as one safetensors file for lesionsim's Java LPIPS.

Run once, on any machine with Python and the packages below (they fetch the torchvision
backbone and ship the LPIPS v0.1 "lin" weights):

    pip install torch torchvision lpips safetensors
    python tools/export_lpips_weights.py --net alex --out lpips-alex.safetensors
    # then point lesionsim at it:
    export LESIONSIM_LPIPS_WEIGHTS=$PWD/lpips-alex.safetensors   # or -Dlesionsim.lpips.weights=...
    export LESIONSIM_LPIPS_BACKBONE=alex                         # or vgg (default alex)

In:  lpips.LPIPS(net=alex|vgg, version='0.1') with its pretrained weights.
Out: a safetensors file, float32, with
     - the backbone under torchvision's names: features.<i>.weight, features.<i>.bias
       (lpips keeps torchvision's indices inside its slices, e.g. net.slice2.3.weight -> features.3.weight);
     - the learned 1x1 weights under LPIPS's names: lin0.model.1.weight ... lin4.model.1.weight,
       shape [1, C, 1, 1], non-negative, no bias.
With --check it also prints LPIPS of two fixed ramps, to compare with LpipsDistance on the same images.
"""
import argparse

import torch
import lpips
from safetensors.torch import save_file


def lpips_tensors(model):
    tensors = {}
    for key, value in model.net.state_dict().items():
        _slice, rest = key.split(".", 1)  # "slice2.3.weight" -> "3.weight"
        tensors["features." + rest] = value
    for k in range(len(model.chns)):
        lin = getattr(model, "lin%d" % k)
        convs = [m for m in lin.model if isinstance(m, torch.nn.Conv2d)]
        assert len(convs) == 1 and convs[0].bias is None, "unexpected lin layer %d: %s" % (k, lin)
        tensors["lin%d.model.1.weight" % k] = convs[0].weight
    return {name: t.detach().float().contiguous().cpu() for name, t in tensors.items()}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--net", choices=["alex", "vgg"], default="alex")
    parser.add_argument("--out", required=True, help="safetensors file to write")
    parser.add_argument("--check", action="store_true",
                        help="print LPIPS of two 64x64 ramps in [-1, 1] (horizontal vs vertical, all channels)")
    args = parser.parse_args()

    model = lpips.LPIPS(net=args.net, version="0.1").eval()
    tensors = lpips_tensors(model)
    save_file(tensors, args.out, metadata={"lpips_net": args.net, "lpips_version": "0.1"})
    print("wrote %d tensors (%d parameters) to %s"
          % (len(tensors), sum(t.numel() for t in tensors.values()), args.out))

    if args.check:
        ramp = torch.linspace(-1, 1, 64)
        x0 = ramp.view(1, 1, 1, 64).expand(1, 3, 64, 64).contiguous()  # value depends on column
        x1 = ramp.view(1, 1, 64, 1).expand(1, 3, 64, 64).contiguous()  # value depends on row
        with torch.no_grad():
            print("LPIPS(x0, x1) = %.6f" % model(x0, x1).item())


if __name__ == "__main__":
    main()
