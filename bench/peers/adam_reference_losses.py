#!/usr/bin/python3
"""Losses of 10 Adam steps of the reference network in PyTorch, from weights and batches that vecnn
can rebuild exactly: the constants of engine's PyTorchAgreementTest come from this script.

Weights: parameter tensor t (conv1.w, conv1.b, conv2.w, conv2.b, fc1.w, fc1.b, fc2.w, fc2.b, in
PyTorch's layout, which is vecnn's) element i is (2 u - 1) / sqrt(fan_in), PyTorch's default range,
where u = hash(i, t) / 2^32 from a 32-bit integer hash (exact in any language), computed in float64
and rounded to float32; fan_in is the weight's inputs per output, for a bias that of its weight. Batches: the first 10 x 64 training images of the
bundled MNIST sample in file order, pixels / 255. Adam lr 1e-3, betas (0.9, 0.999), eps 1e-8.

Usage: /usr/bin/python3 bench/peers/adam_reference_losses.py [DIR]   (needs: apt-get install python3-torch)
DIR defaults to the sample bundled in engine/src/main/resources.
"""
import math
import os
import sys

try:
    import numpy as np
    import torch
    import torch.nn as nn
    from idx import read_idx
except ImportError as missing:
    sys.exit(f"{missing}: install PyTorch from Debian with: apt-get install python3-torch")

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_DIR = os.path.join(HERE, "..", "..", "engine", "src", "main", "resources", "dev", "vecnn", "engine",
                           "data", "mnist-sample")
BATCH, STEPS = 64, 10


def find(directory, stem):
    for name in (stem + ".gz", stem):
        path = os.path.join(directory, name)
        if os.path.exists(path):
            return path
    sys.exit(f"{stem} not found in {directory}")


def reference_network():
    return nn.Sequential(
        nn.Conv2d(1, 32, 3), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(32, 64, 3), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(1600, 128), nn.ReLU(), nn.Linear(128, 10))


def hash_unit(i, t):
    """u in [0, 1) from element i of tensor t: multiply-xorshift mixing on 32-bit integers."""
    mask = 0xFFFFFFFF
    h = (i * 0x9E3779B1 + (t + 1) * 0x85EBCA77) & mask
    h ^= h >> 15
    h = (h * 0x2C1B3C6D) & mask
    h ^= h >> 12
    return h.astype(np.float64) / 2.0 ** 32


def deterministic_init(model):
    fan_in = 1
    for t, (name, p) in enumerate(model.named_parameters()):
        if name.endswith("weight"):
            fan_in = p[0].numel()
        u = hash_unit(np.arange(p.numel(), dtype=np.uint64), t)
        values = (2.0 * u - 1.0) / math.sqrt(fan_in)
        with torch.no_grad():
            p.copy_(torch.from_numpy(values.astype(np.float32)).reshape(p.shape))


def main():
    directory = sys.argv[1] if len(sys.argv) > 1 else DEFAULT_DIR
    images = read_idx(find(directory, "train-images-idx3-ubyte"))
    labels = read_idx(find(directory, "train-labels-idx1-ubyte"))
    torch.set_num_threads(1)
    model = reference_network()
    deterministic_init(model)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3, betas=(0.9, 0.999), eps=1e-8)
    loss_fn = nn.CrossEntropyLoss()
    losses = []
    for step in range(STEPS):
        x = torch.from_numpy(images[step * BATCH:(step + 1) * BATCH].astype(np.float32) / 255.0).unsqueeze(1)
        y = torch.from_numpy(labels[step * BATCH:(step + 1) * BATCH].astype(np.int64))
        optimizer.zero_grad()
        loss = loss_fn(model(x), y)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    print(f"torch {torch.__version__}")
    print("losses = {" + ", ".join(f"{v:.9g}" for v in losses) + "}")


if __name__ == "__main__":
    main()
