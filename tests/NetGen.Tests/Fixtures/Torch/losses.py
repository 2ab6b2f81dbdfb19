"""PyTorch's numbers for NetGen's element-wise losses (MeanSquaredError, L1, Huber), written to losses.json.

Run with a Python that has torch (Debian's python3-torch): python3 losses.py. CI does not run it; the JSON is
checked in and read by LossFixtureTests.

Two parts, in float64:
- "elementwise": each loss of torch.nn (MSELoss, L1Loss, HuberLoss) on a 2 x 3 batch of outputs y against
  targets t, with both reductions: the value and its gradient with respect to y (one row per sample). The batch
  holds the corners: an error of exactly 0 (L1's gradient is 0 there) and errors of exactly +-delta (Huber's
  linear piece starts there).
- "networks": a 3-4-2 network (tanh hidden layer, the output activation given) with fixed parameters, on 5
  samples, for each loss and reduction: the loss and its gradient with respect to every parameter, in NetGen's
  flat order (layer by layer, W as inputs x outputs row-major, i.e. the transpose of nn.Linear's weight, then
  the bias).
"""
import json
import math
import os

import torch

torch.set_default_dtype(torch.float64)

REDUCTIONS = {"Sum": "sum", "Mean": "mean"}


def loss_module(name, reduction, delta):
    if name == "MeanSquaredError":
        return torch.nn.MSELoss(reduction=reduction)
    if name == "L1":
        return torch.nn.L1Loss(reduction=reduction)
    return torch.nn.HuberLoss(reduction=reduction, delta=delta)


def elementwise():
    y0 = [[0.25, -1.5, 2.0], [0.75, 0.1, -0.3]]
    delta = 0.5
    # Errors: 0 (a tie), +delta and -delta exactly, a small one and two large ones.
    t0 = [[0.25, -2.0, 2.5], [0.7, 1.9, -0.3 + 1.25]]
    cases = []
    for name in ("MeanSquaredError", "L1", "Huber"):
        for reduction in ("Sum", "Mean"):
            y = torch.tensor(y0, requires_grad=True)
            t = torch.tensor(t0)
            value = loss_module(name, REDUCTIONS[reduction], delta)(y, t)
            value.backward()
            cases.append({
                "loss": name, "reduction": reduction, "huberDelta": delta,
                "y": y0, "t": t0, "value": value.item(), "gradient": y.grad.tolist(),
            })
    return cases


def parameters():
    # Fixed, varied values: sin of a running index.
    w1 = torch.tensor([[math.sin(1.0 + 0.7 * (3 * j + i)) for i in range(3)] for j in range(4)])
    b1 = torch.tensor([0.1 * math.cos(2.0 + j) for j in range(4)])
    w2 = torch.tensor([[0.8 * math.sin(5.0 + 1.3 * (4 * j + i)) for i in range(4)] for j in range(2)])
    b2 = torch.tensor([0.2, -0.1])
    return w1, b1, w2, b2


def flat(tensors):
    w1, b1, w2, b2 = tensors
    return w1.t().reshape(-1).tolist() + b1.tolist() + w2.t().reshape(-1).tolist() + b2.tolist()


def networks():
    inputs = [[0.5 * math.sin(0.3 + 1.1 * (3 * s + i)) * (1 + s) for i in range(3)] for s in range(5)]
    targets = [[1.5 * math.cos(0.2 + 0.9 * (2 * s + j)) for j in range(2)] for s in range(5)]
    sigmoid_targets = [[0.5 + 0.45 * math.cos(0.2 + 0.9 * (2 * s + j)) for j in range(2)] for s in range(5)]
    cases = []
    for name, output, delta in (("MeanSquaredError", "Identity", 1.0), ("L1", "Sigmoid", 1.0), ("Huber", "Identity", 0.5)):
        for reduction in ("Sum", "Mean"):
            w1, b1, w2, b2 = [p.clone().requires_grad_(True) for p in parameters()]
            x = torch.tensor(inputs)
            t = torch.tensor(sigmoid_targets if output == "Sigmoid" else targets)
            z = torch.tanh(x @ w1.t() + b1) @ w2.t() + b2
            y = torch.sigmoid(z) if output == "Sigmoid" else z
            value = loss_module(name, REDUCTIONS[reduction], delta)(y, t)
            value.backward()
            cases.append({
                "loss": name, "reduction": reduction, "output": output, "huberDelta": delta,
                "targets": t.reshape(-1).tolist(), "value": value.item(),
                "gradient": flat((w1.grad, b1.grad, w2.grad, b2.grad)),
            })
    return {
        "sizes": [3, 4, 2], "hidden": "Tanh",
        "inputs": [v for row in inputs for v in row],
        "parameters": flat(parameters()),
        "cases": cases,
    }


def main():
    data = {"torch": torch.__version__, "elementwise": elementwise(), "networks": networks()}
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "losses.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(data, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
