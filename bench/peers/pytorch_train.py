#!/usr/bin/python3
"""Trains vecnn's reference network in PyTorch on the same IDX files, for the side-by-side timing
that bench/peers/compare runs: conv(32,3) relu maxpool(2) conv(64,3) relu maxpool(2) flatten
dense(128) relu dense(10), He-uniform weights and zero biases, Adam lr 1e-3, batch 64, float32,
pixels / 255, a seeded shuffle each epoch. --memory-format channels_last runs the model and the
batches channels-last (NHWC), which PyTorch's CPU convolutions run fastest for this network.

Usage: /usr/bin/python3 bench/peers/pytorch_train.py --data DIR [--epochs N] [--threads T] [--seed S]
                                                     [--memory-format contiguous|channels_last]
Prints one JSON line per epoch: {"epoch", "seconds", "imagesPerSecond", "trainLoss"} and at the end
{"testAccuracy", "evalImagesPerSecond", "blas"}. Refuses to run on the reference BLAS, which is 2-3x
slower than OpenBLAS and would flatter vecnn.
"""
import argparse
import json
import os
import sys
import time

try:
    import numpy as np
    import torch
    import torch.nn as nn
    from idx import read_idx
except ImportError as missing:
    sys.exit(f"{missing}: install PyTorch from Debian with: apt-get install python3-torch libopenblas0-openmp")


def mapped_blas():
    """The BLAS library this process mapped: openblas, mkl, blis or the reference libblas."""
    with open("/proc/self/maps") as maps:
        text = maps.read()
    for name in ("openblas", "mkl", "blis"):
        if name in text:
            return name
    if "libblas" in text:
        return "reference"
    return "none"


def load(directory, prefix):
    arrays = []
    for kind in ("images-idx3-ubyte", "labels-idx1-ubyte"):
        for name in (f"{prefix}-{kind}.gz", f"{prefix}-{kind}"):
            path = os.path.join(directory, name)
            if os.path.exists(path):
                arrays.append(read_idx(path))
                break
        else:
            sys.exit(f"{prefix}-{kind}[.gz] not found in {directory}")
    images = torch.from_numpy(arrays[0].astype(np.float32) / 255.0).unsqueeze(1)
    return images, torch.from_numpy(arrays[1].astype(np.int64))


def reference_network():
    model = nn.Sequential(
        nn.Conv2d(1, 32, 3), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(32, 64, 3), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(1600, 128), nn.ReLU(), nn.Linear(128, 10))
    for module in model:
        if isinstance(module, (nn.Conv2d, nn.Linear)):
            nn.init.kaiming_uniform_(module.weight, nonlinearity="relu")
            nn.init.zeros_(module.bias)
    return model


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", required=True)
    parser.add_argument("--epochs", type=int, default=1)
    parser.add_argument("--threads", type=int, default=os.cpu_count())
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--memory-format", choices=("contiguous", "channels_last"), default="contiguous")
    args = parser.parse_args()
    memory_format = torch.channels_last if args.memory_format == "channels_last" else torch.contiguous_format

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    blas = mapped_blas()
    if blas in ("reference", "none"):
        sys.exit(f"PyTorch is using the {blas} BLAS, which would make this comparison unfair: "
                 "apt-get install libopenblas0-openmp")
    train_x, train_y = load(args.data, "train")
    test_x, test_y = load(args.data, "t10k")
    model = reference_network().to(memory_format=memory_format)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = nn.CrossEntropyLoss()
    generator = torch.Generator().manual_seed(args.seed)

    for epoch in range(1, args.epochs + 1):
        model.train()
        order = torch.randperm(len(train_x), generator=generator)
        total_loss, batches = 0.0, 0
        start = time.perf_counter()
        for first in range(0, len(order), args.batch_size):
            index = order[first:first + args.batch_size]
            optimizer.zero_grad()
            loss = loss_fn(model(train_x[index].contiguous(memory_format=memory_format)), train_y[index])
            loss.backward()
            optimizer.step()
            total_loss += loss.item()
            batches += 1
        seconds = time.perf_counter() - start
        print(json.dumps({"epoch": epoch, "seconds": round(seconds, 3),
                          "imagesPerSecond": round(len(order) / seconds, 1),
                          "trainLoss": round(total_loss / batches, 5)}), flush=True)

    model.eval()
    correct = 0
    start = time.perf_counter()
    with torch.no_grad():
        for first in range(0, len(test_x), 256):
            logits = model(test_x[first:first + 256].contiguous(memory_format=memory_format))
            correct += (logits.argmax(1) == test_y[first:first + 256]).sum().item()
    eval_seconds = time.perf_counter() - start
    print(json.dumps({"testAccuracy": correct / len(test_x),
                      "evalImagesPerSecond": round(len(test_x) / eval_seconds, 1),
                      "blas": blas, "torch": torch.__version__, "threads": args.threads,
                      "memoryFormat": args.memory_format}), flush=True)


if __name__ == "__main__":
    main()
