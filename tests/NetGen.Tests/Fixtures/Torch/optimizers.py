"""PyTorch's numbers for NetGen's RMSprop and Adagrad: the parameters of a small network after a few steps.

Run with Debian's python3-torch: /usr/bin/python3 optimizers.py. Writes optimizers.json next to this file; the tests
(RMSpropAdagradTorchTests) read it. CI does not run this script.

The network is NetGen's default 3-4-2: sigmoid layers, the square loss 0.5 * sum((y - t)^2) summed over the batch,
one full-batch step per epoch, in float64. Its parameters are listed in NetGen's flat order: for each layer the
weights W[i][j] from input i to unit j (torch's weight transposed), then the biases.
"""
import json
import math
import os

import torch

torch.set_default_dtype(torch.float64)
SIZES = [3, 4, 2]
STEPS = 10
X = [[0.5, -1.0, 2.0], [1.0, 0.0, -0.5], [-1.5, 0.25, 0.75], [0.1, 0.9, -0.3]]
T = [[0.2, 0.8], [0.9, 0.1], [0.4, 0.6], [0.7, 0.3]]

# torch.optim's constructor arguments for each case; the test builds the same NetGen networks.
CASES = {
    "RMSprop": ("RMSprop", dict(lr=0.01)),
    "RMSpropMomentum": ("RMSprop", dict(lr=0.01, alpha=0.9, eps=1e-6, weight_decay=0.01, momentum=0.5)),
    "Adagrad": ("Adagrad", dict(lr=0.01)),
    "AdagradDecay": ("Adagrad", dict(lr=0.05, eps=1e-6, weight_decay=0.1)),
}


def initial():
    """Deterministic starting parameters in NetGen's flat order: 0.5 * sin(k + 1)."""
    count = sum(SIZES[l - 1] * SIZES[l] + SIZES[l] for l in range(1, len(SIZES)))
    return [0.5 * math.sin(k + 1) for k in range(count)]


def layers_from(flat):
    layers, at = [], 0
    for l in range(1, len(SIZES)):
        n_in, n_out = SIZES[l - 1], SIZES[l]
        linear = torch.nn.Linear(n_in, n_out)
        with torch.no_grad():
            w = torch.tensor(flat[at:at + n_in * n_out]).reshape(n_in, n_out)
            linear.weight.copy_(w.T)
            at += n_in * n_out
            linear.bias.copy_(torch.tensor(flat[at:at + n_out]))
            at += n_out
        layers.append(linear)
    return layers


def flat_of(layers):
    out = []
    for linear in layers:
        out += linear.weight.detach().T.reshape(-1).tolist()
        out += linear.bias.detach().tolist()
    return out


def train(name, kwargs):
    layers = layers_from(initial())
    optimizer = getattr(torch.optim, name)([p for linear in layers for p in linear.parameters()], **kwargs)
    x, t = torch.tensor(X), torch.tensor(T)
    for _ in range(STEPS):
        optimizer.zero_grad()
        a = x
        for linear in layers:
            a = torch.sigmoid(linear(a))
        loss = 0.5 * ((a - t) ** 2).sum()
        loss.backward()
        optimizer.step()
    return flat_of(layers)


result = {
    "torch": torch.__version__,
    "sizes": SIZES,
    "steps": STEPS,
    "inputs": [v for row in X for v in row],
    "targets": [v for row in T for v in row],
    "initial": initial(),
    "cases": {case: {"optimizer": name, "arguments": kwargs, "parameters": train(name, kwargs)} for case, (name, kwargs) in CASES.items()},
}
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "optimizers.json"), "w") as f:
    json.dump(result, f, indent=1)
