"""PyTorch's numbers for NetGen's GELU, SiLU and ELU, and Python's erf for NetGen's own.

Run with Debian's python3-torch (``/usr/bin/python3 activations.py``); it writes ``activations.json`` and ``erf.json``
next to itself. CI does not run it: the JSON files are checked in, and ActivationFixtureTests / ErfTests read them.

* ``erf.json``: ``math.erf`` over 4,001 points of [-7, 7] and tiny magnitudes, for the erf NetGen writes itself (.NET
  has none); in single precision the expected value is ``math.erf`` of the float input, rounded to float.
* ``activations.json``: for each activation (``nn.GELU()`` exact, ``nn.SiLU()``, ``nn.ELU(alpha=0.8)``), its value and
  derivative (autograd) at a sweep of z, in float64; and a 3-4-2 network with that activation in both layers, with
  given parameters in NetGen's flat order (W1 as inputs x units row-major, b1, W2, b2), trained on NetGen's square
  loss (1/2 of the summed squared error): its outputs, loss and gradient for 5 samples, in float64 and float32.
"""
import json
import math
import os

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
ALPHA = 0.8


def erf_fixture():
    xs = [-7.0 + 14.0 * k / 4000 for k in range(4001)]
    tiny = [1e-300, 1e-200, 1e-30, 1e-20, 1e-10, 2.0 ** -28, 1e-8, 1e-5, 1e-3, 0.01, 0.1]
    xs += tiny + [-t for t in tiny] + [0.0, 0.84375, 1.25, 1 / 0.35, 6.0, 10.0, 30.0, -30.0]
    single = [float(torch.tensor(x, dtype=torch.float32)) for x in xs]
    return {
        "x": xs,
        "erf": [math.erf(x) for x in xs],
        "xSingle": single,
        "erfSingle": [float(torch.tensor(math.erf(x), dtype=torch.float32)) for x in single],
    }


def modules():
    return {
        "GELU": torch.nn.GELU(),
        "SiLU": torch.nn.SiLU(),
        "ELU": torch.nn.ELU(alpha=ALPHA),
    }


def sweep(module):
    z = torch.linspace(-12.0, 12.0, 241, dtype=torch.float64)
    z = torch.cat([z, torch.tensor([-1e-8, 1e-8, -0.5, 0.5, -3.3, 3.3], dtype=torch.float64)])
    z.requires_grad_(True)
    a = module(z)
    a.sum().backward()
    return {"z": z.detach().tolist(), "value": a.detach().tolist(), "derivative": z.grad.tolist()}


def parameters():
    # Deterministic, of mixed signs and sizes, so that units sit on both sides of 0.
    count = 3 * 4 + 4 + 4 * 2 + 2
    return [0.9 * math.sin(1.7 * k + 0.3) for k in range(count)]


def inputs():
    return [2.0 * math.cos(0.9 * k + 0.1) for k in range(5 * 3)]


def targets():
    return [0.6 * math.sin(1.3 * k) for k in range(5 * 2)]


def network(module, dtype):
    p = torch.tensor(parameters(), dtype=dtype)
    w1 = p[0:12].reshape(3, 4).clone().requires_grad_(True)
    b1 = p[12:16].clone().requires_grad_(True)
    w2 = p[16:24].reshape(4, 2).clone().requires_grad_(True)
    b2 = p[24:26].clone().requires_grad_(True)
    x = torch.tensor(inputs(), dtype=dtype).reshape(5, 3)
    t = torch.tensor(targets(), dtype=dtype).reshape(5, 2)
    y = module(module(x @ w1 + b1) @ w2 + b2)
    loss = 0.5 * ((y - t) ** 2).sum()
    loss.backward()
    gradient = torch.cat([w1.grad.reshape(-1), b1.grad, w2.grad.reshape(-1), b2.grad])
    return {"outputs": y.detach().reshape(-1).tolist(), "loss": loss.item(), "gradient": gradient.tolist()}


def main():
    with open(os.path.join(HERE, "erf.json"), "w") as f:
        json.dump(erf_fixture(), f, indent=1)
    result = {
        "torch": torch.__version__,
        "eluAlpha": ALPHA,
        "parameters": parameters(),
        "inputs": inputs(),
        "targets": targets(),
        "activations": {},
    }
    for name, module in modules().items():
        result["activations"][name] = {
            "sweep": sweep(module),
            "double": network(module, torch.float64),
            "single": network(module, torch.float32),
        }
    with open(os.path.join(HERE, "activations.json"), "w") as f:
        json.dump(result, f, indent=1)


if __name__ == "__main__":
    main()
