#!/usr/bin/env python3
"""Does geneft train the same model as PyTorch? Loss curves side by side.

Runs build/bin/bench_fidelity (or --binary), which trains geneft's real
Train() for a few configurations and writes, per configuration, the initial
embeddings and decoder weights, the labels, the training pairs and geneft's
mean training loss after every step. This script builds the same network in
PyTorch (float32, one thread): an nn.Embedding with those weights, the
decoder mode (concat [E1, E2], diff E1 - E2, sqdiff (E1 - E2)^2), nn.Linear
layers with weight = W^T, the activation, sigmoid + BCE (2 classes) or
softmax + cross-entropy (C > 2), and torch.optim.Adam / AdamW / SGD with
two parameter groups (encoder, decoder) at geneft's lr, weight decay,
betas, eps and momentum. It trains full batch for the same steps and
compares the curves: max relative difference per step range, and PASS when
every step is within the tolerance. Training can amplify float32 rounding
(an Adam spike, a ReLU kink): PyTorch float32 itself then leaves PyTorch
float64 by far more than 1e-4. So the script also trains PyTorch in
float64 from the same start, and float32 from the same start moved by one
ulp (--perturbed runs); a step range where this noise floor (the largest
float32 vs float64 difference) exceeds the tolerance passes when geneft is
as close to float64 as PyTorch float32 is (within --noise-factor times).

    /usr/bin/python3 bench/torch_fidelity.py [--steps 300] [--seed 7]
        [--tolerance 1e-4] [--binary build/bin/bench_fidelity] [--keep DIR]

Exit status 0 when every configuration passes, 1 otherwise, 2 when torch or
the binary is missing.
"""
import argparse
import json
import math
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def geneft_activation(torch, name):
    nn = torch.nn
    table = {
        "tanh": nn.Tanh,
        "relu": nn.ReLU,
        "leaky_relu": lambda: nn.LeakyReLU(0.01),
        "gelu": lambda: nn.GELU(approximate="tanh"),  # geneft's gelu is the tanh form
        "silu": nn.SiLU,
        "sigmoid": nn.Sigmoid,
        "identity": nn.Identity,
    }
    return table[name]()


def build(torch, cfg):
    nn = torch.nn
    n, d = cfg["n"], cfg["d"]
    encoder = nn.Embedding(n, d)
    with torch.no_grad():
        encoder.weight.copy_(torch.tensor(cfg["encoder"], dtype=torch.float32).view(n, d))
    modules = []
    layers = cfg["layers"]
    for index, layer in enumerate(layers):
        fan_in, fan_out = layer["fan_in"], layer["fan_out"]
        linear = nn.Linear(fan_in, fan_out)
        with torch.no_grad():
            # geneft's W is fan_in x fan_out (z = W^T x + b); torch's weight is out x in.
            w = torch.tensor(layer["W"], dtype=torch.float32).view(fan_in, fan_out)
            linear.weight.copy_(w.t())  # (exact in float64 too)
            linear.bias.copy_(torch.tensor(layer["b"], dtype=torch.float32))
        modules.append(linear)
        if index + 1 < len(layers):
            modules.append(geneft_activation(torch, cfg["activation"]))
    decoder = nn.Sequential(*modules)
    return encoder, decoder


def decoder_input(torch, mode, e1, e2):
    if mode == "concat":
        return torch.cat([e1, e2], dim=1)
    if mode == "diff":
        return e1 - e2
    if mode == "sqdiff":
        return (e1 - e2) ** 2
    raise ValueError(f"decoder mode {mode} is not modelled here")


def make_optimizer(torch, cfg, encoder, decoder):
    groups = [
        {"params": list(encoder.parameters()), "lr": cfg["lr_enc"], "weight_decay": cfg["wd_enc"]},
        {"params": list(decoder.parameters()), "lr": cfg["lr_dec"], "weight_decay": cfg["wd_dec"]},
    ]
    kind = cfg["optimizer"]
    betas = (cfg["beta1"], cfg["beta2"])
    if kind == "adam":  # weight decay as L2 (added to the gradient)
        return torch.optim.Adam(groups, betas=betas, eps=cfg["eps"])
    if kind == "adamw":  # decoupled: p *= 1 - lr * wd
        return torch.optim.AdamW(groups, betas=betas, eps=cfg["eps"])
    if kind == "sgd":
        return torch.optim.SGD(groups, lr=cfg["lr_enc"], momentum=cfg["momentum"])
    raise ValueError(kind)


def torch_curve(torch, cfg, steps, dtype, perturb=None):
    """Loss after 0..steps updates; `perturb` (a seed) first moves every
    initial weight by one float32 ulp up or down, at random."""
    n = cfg["n"]
    torch.set_default_dtype(dtype)
    encoder, decoder = build(torch, cfg)
    if perturb is not None:
        gen = torch.Generator().manual_seed(perturb)
        with torch.no_grad():
            for p in list(encoder.parameters()) + list(decoder.parameters()):
                sign = torch.randint(0, 2, p.shape, generator=gen).to(p.dtype) * 2 - 1
                p.mul_(1 + sign * 2.0 ** -23)
    pairs = torch.tensor(cfg["train_pairs"], dtype=torch.long)
    left, right = pairs // n, pairs % n
    labels = torch.tensor(cfg["labels"], dtype=torch.long)[pairs]
    if cfg["num_classes"] == 2:
        loss_fn = torch.nn.BCEWithLogitsLoss()
        target = labels.to(torch.get_default_dtype()).unsqueeze(1)
    else:
        loss_fn = torch.nn.CrossEntropyLoss()
        target = labels
    optimizer = make_optimizer(torch, cfg, encoder, decoder)
    losses = []
    for step in range(steps + 1):
        optimizer.zero_grad(set_to_none=True)
        x = decoder_input(torch, cfg["mode"], encoder(left), encoder(right))
        loss = loss_fn(decoder(x), target)
        losses.append(loss.item())  # the loss after `step` updates
        if step == steps:
            break
        loss.backward()
        optimizer.step()
    torch.set_default_dtype(torch.float32)
    return losses, encoder.weight.detach().view(-1).tolist()


def rel(a, b):
    return abs(a - b) / max(abs(a), abs(b), 1e-30)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--steps", type=int, default=300)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--tolerance", type=float, default=1e-4,
                        help="max relative loss difference at any step (default 1e-4)")
    parser.add_argument("--noise-factor", type=float, default=3.0,
                        help="allowed g-t64 / t32-t64 once float32 noise exceeds the tolerance")
    parser.add_argument("--perturbed", type=int, default=3,
                        help="extra float32 torch runs from ulp-perturbed weights (noise floor)")
    parser.add_argument("--ranges", type=int, default=6, help="step ranges to report")
    parser.add_argument("--binary", default=os.path.join(ROOT, "build", "bin", "bench_fidelity"))
    parser.add_argument("--keep", help="write the JSON files here and keep them")
    args = parser.parse_args()

    try:
        import torch
    except ImportError:
        print("torch_missing (apt-get install python3-torch)")
        return 2
    torch.set_num_threads(1)
    if not os.access(args.binary, os.X_OK):
        print(f"bench_fidelity not found at {args.binary} (build it, or pass --binary)")
        return 2

    out_dir = args.keep or tempfile.mkdtemp(prefix="geneft_fidelity_")
    subprocess.run([args.binary, out_dir, str(args.steps), str(args.seed)], check=True)
    files = sorted(f for f in os.listdir(out_dir) if f.endswith(".json"))
    all_pass = True
    print(f"\nPyTorch {torch.__version__} vs geneft, {args.steps} full-batch steps from the same "
          f"weights and split. Per step range, the max relative loss difference of\n"
          f"  geneft vs torch float32 (g-t32), torch float32 vs torch float64 (t32-t64: the "
          f"float32 noise\n  floor of this run) and geneft vs torch float64 (g-t64).\n"
          f"PASS per range: g-t32 <= {args.tolerance:g}, or (after float32 noise grew past it) "
          f"g-t64 <= {args.noise_factor:g} x t32-t64.")
    for name in files:
        with open(os.path.join(out_dir, name)) as f:
            cfg = json.load(f)
        t32, final_enc = torch_curve(torch, cfg, args.steps, torch.float32)
        t64, _ = torch_curve(torch, cfg, args.steps, torch.float64)
        ours = cfg["loss"]
        print(f"\n{cfg['name']}: {cfg['relation']}, mode {cfg['mode']}, depth {cfg['depth']} x "
              f"{cfg['width']} {cfg['activation']}, {cfg['num_classes']} classes, "
              f"{cfg['optimizer']} lr {cfg['lr_enc']:g}/{cfg['lr_dec']:g} "
              f"wd {cfg['wd_enc']:g}/{cfg['wd_dec']:g}, {len(cfg['train_pairs'])} pairs, "
              f"geneft kernels {cfg['kernel_isa']}")
        if len(ours) != len(t32) or not all(math.isfinite(x) for x in ours):
            print(f"  geneft recorded {len(ours)} losses ({cfg['status']}), torch {len(t32)}: FAIL")
            all_pass = False
            continue
        g32 = [rel(a, b) for a, b in zip(ours, t32)]
        g64 = [rel(a, b) for a, b in zip(ours, t64)]
        # The float32 noise floor: how far PyTorch float32 runs from float64,
        # as is and with every initial weight moved by one ulp (chaotic
        # stretches amplify any rounding; one sample of it is not enough).
        runs = [t32] + [torch_curve(torch, cfg, args.steps, torch.float32, perturb=k)[0]
                        for k in range(1, args.perturbed + 1)]
        n64 = [max(rel(r[i], t64[i]) for r in runs) for i in range(len(t64))]
        strict = next((i for i, x in enumerate(g32) if x > args.tolerance), len(g32))
        print(f"  loss step 0: geneft {ours[0]:.8f}  torch {t32[0]:.8f}  "
              f"(rel diff {g32[0]:.1e}: same initial weights)")
        print(f"  loss step {args.steps}: geneft {ours[-1]:.8f}  torch {t32[-1]:.8f}  "
              f"torch float64 {t64[-1]:.8f}")
        edges = [round(i * args.steps / args.ranges) for i in range(args.ranges + 1)]
        ok = True
        for lo, hi in zip(edges, edges[1:]):
            top = hi if hi == args.steps else hi - 1
            a, b, c = (max(x[lo:top + 1]) for x in (g32, n64, g64))
            good = a <= args.tolerance or c <= args.noise_factor * b
            ok = ok and good
            print(f"  steps {lo:4d}-{top:4d}: g-t32 {a:.2e}  t32-t64 {b:.2e}  g-t64 {c:.2e}  "
                  f"{'ok' if good else 'DIFFERENT'}")
        enc_diff = max(abs(a - b) for a, b in zip(cfg["final_encoder"], final_enc))
        all_pass = all_pass and ok
        print(f"  within {args.tolerance:g} of torch float32 for steps 0-{strict - 1}; final "
              f"embeddings max abs diff {enc_diff:.2e}: {'PASS' if ok else 'FAIL'}")
    if not args.keep:
        for name in files:
            os.remove(os.path.join(out_dir, name))
        os.rmdir(out_dir)
    print(f"\nfidelity: {'PASS' if all_pass else 'FAIL'} ({len(files)} configurations)")
    return 0 if all_pass else 1


if __name__ == "__main__":
    sys.exit(main())
