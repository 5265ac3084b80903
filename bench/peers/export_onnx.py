#!/usr/bin/python3
"""ONNX files written by PyTorch's exporter, for vecnn's import tests (onnx module, PyTorchImportTest).

Writes into onnx/src/test/resources/dev/vecnn/onnx/pytorch/ (see the README there):
  reference.onnx        the reference network of docs/DESIGN.md, torch.flatten, constant folding on
  view_unfolded.onnx    a small network flattened by x.view(x.size(0), -1), constant folding off, so
                        the flatten is Shape, Gather, Unsqueeze, Concat and Reshape nodes
  layers_unfolded.onnx  PReLU, BatchNorm2d (running statistics), average pooling, LeakyReLU,
                        dropout, sigmoid and tanh, constant folding off
Weights are PyTorch's default initialisation from torch.manual_seed(SEED); batch-norm statistics are
drawn from the same generator. Every file has a dynamic batch dimension, opset 17, input 'input' and
output 'logits'.

Usage: /usr/bin/python3 bench/peers/export_onnx.py   (needs: apt-get install python3-torch python3-onnx)
"""
import os
import sys

try:
    import torch
    import torch.nn as nn
except ImportError as missing:
    sys.exit(f"{missing}: install PyTorch from Debian with: apt-get install python3-torch python3-onnx")

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "..", "onnx", "src", "test", "resources", "dev", "vecnn", "onnx", "pytorch")
SEED = 2024
OPSET = 17


class ViewNet(nn.Module):
    """conv(4,3) relu maxpool(2) flatten dense(10) in vecnn's words, flattened with view."""

    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(1, 4, 3)
        self.pool = nn.MaxPool2d(2)
        self.fc = nn.Linear(4 * 13 * 13, 10)

    def forward(self, x):
        x = self.pool(torch.relu(self.conv(x)))
        return self.fc(x.view(x.size(0), -1))


def layers_network():
    return nn.Sequential(
        nn.Conv2d(1, 4, 3, stride=2, padding=1), nn.PReLU(4), nn.BatchNorm2d(4),
        nn.AvgPool2d(2), nn.Conv2d(4, 6, 3, padding=1), nn.LeakyReLU(0.2), nn.Dropout(0.3),
        nn.Flatten(), nn.Linear(6 * 7 * 7, 16), nn.Sigmoid(), nn.Linear(16, 12), nn.Tanh(), nn.Linear(12, 10))


def reference_network():
    return nn.Sequential(
        nn.Conv2d(1, 32, 3), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(32, 64, 3), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(1600, 128), nn.ReLU(), nn.Linear(128, 10))


def export(model, name, folding):
    model.eval()
    path = os.path.join(OUT, name)
    torch.onnx.export(model, torch.rand(2, 1, 28, 28), path, opset_version=OPSET, do_constant_folding=folding,
                      input_names=["input"], output_names=["logits"],
                      dynamic_axes={"input": {0: "batch"}, "logits": {0: "batch"}})
    print(f"{path}: {os.path.getsize(path):,} bytes")


def main():
    os.makedirs(OUT, exist_ok=True)
    torch.manual_seed(SEED)
    export(reference_network(), "reference.onnx", True)
    export(ViewNet(), "view_unfolded.onnx", False)
    layers = layers_network()
    bn = layers[2]
    bn.running_mean.copy_(torch.randn(4) * 0.3)
    bn.running_var.copy_(torch.rand(4) * 2 + 0.2)
    bn.weight.data.copy_(torch.rand(4) + 0.5)
    bn.bias.data.copy_(torch.randn(4) * 0.3)
    export(layers, "layers_unfolded.onnx", False)
    print(f"PyTorch {torch.__version__}")


if __name__ == "__main__":
    main()
