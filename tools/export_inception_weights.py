#!/usr/bin/env python3
"""Write pytorch-fid's FID Inception-v3 weights as one safetensors file for lesionsim's Java FID.

Run once, on any machine with Python and the packages below:

    pip install torch torchvision pytorch-fid safetensors
    python tools/export_inception_weights.py --out pt_inception-2015-12-05.safetensors
    # or, from the .pth you downloaded yourself (pytorch-fid's FID_WEIGHTS_URL,
    # pt_inception-2015-12-05-6726825d.pth), with no pytorch-fid install and no network:
    python tools/export_inception_weights.py --pth pt_inception-2015-12-05-6726825d.pth \
        --out pt_inception-2015-12-05.safetensors
    # then point lesionsim at it (the .sha256 file written beside it supplies the checksum):
    export LESIONSIM_FID_WEIGHTS=$PWD/pt_inception-2015-12-05.safetensors   # or -Dlesionsim.fid.weights=...

In:  the state_dict of pytorch-fid's fid_inception_v3() (weights pt_inception-2015-12-05, ported from
     TensorFlow's inception-2015-12-05 graph that FID was defined on).
Out: <out>, float32 tensors under the state_dict's own (torchvision) names, e.g.
     Conv2d_1a_3x3.conv.weight, Conv2d_1a_3x3.bn.weight/bias/running_mean/running_var,
     Mixed_5b.branch1x1.conv.weight ... Mixed_7c.branch_pool.bn.running_var (470 tensors);
     fc.* and num_batches_tracked are left out (FID uses the 2048-d pool features, eval-mode BN);
     and <out>.sha256 in sha256sum's format, which lesionsim checks before loading.
With --check it also prints the pool3 features' sum for a fixed 299x299 ramp image, to compare with
InceptionFeatureExtractor on the same input.
"""
import argparse
import hashlib

import torch
from safetensors.torch import save_file

EXPECTED_TENSORS = 470


def fid_state_dict(pth):
    if pth:
        return torch.load(pth, map_location="cpu")
    from pytorch_fid.inception import fid_inception_v3  # downloads FID_WEIGHTS_URL once

    return fid_inception_v3().state_dict()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", required=True, help="safetensors file to write")
    parser.add_argument("--pth", help="pt_inception-2015-12-05-*.pth already downloaded (else via pytorch-fid)")
    parser.add_argument("--check", action="store_true", help="print a feature checksum (needs pytorch-fid)")
    args = parser.parse_args()

    state = fid_state_dict(args.pth)
    tensors = {name: t.detach().float().contiguous().cpu() for name, t in state.items()
               if not name.startswith("fc.") and not name.endswith("num_batches_tracked")}
    assert len(tensors) == EXPECTED_TENSORS, "expected %d tensors, got %d" % (EXPECTED_TENSORS, len(tensors))
    save_file(tensors, args.out, metadata={"source": "pytorch-fid pt_inception-2015-12-05"})
    with open(args.out, "rb") as f:
        digest = hashlib.sha256(f.read()).hexdigest()
    with open(args.out + ".sha256", "w") as f:
        f.write("%s  %s\n" % (digest, args.out.split("/")[-1]))
    print("wrote %d tensors (%d parameters) to %s, sha256 %s"
          % (len(tensors), sum(t.numel() for t in tensors.values()), args.out, digest))

    if args.check:
        from pytorch_fid.inception import InceptionV3

        model = InceptionV3([3], resize_input=False, normalize_input=True).eval()
        ramp = torch.linspace(0, 1, 299)
        x = (ramp.view(1, 1, 1, 299) * ramp.view(1, 1, 299, 1)).expand(1, 3, 299, 299).contiguous()
        with torch.no_grad():
            features = model(x)[0].flatten()
        print("pool3 of the 299x299 ramp x*y in [0, 1]: sum %.6f, first %.6f" % (features.sum().item(), features[0].item()))


if __name__ == "__main__":
    main()
