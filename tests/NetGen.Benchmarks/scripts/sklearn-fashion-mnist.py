#!/usr/bin/python3
"""scikit-learn's MLPClassifier on Fashion-MNIST with the layers, activation, optimizer and batch of the
Fashion-MNIST sample (784-256-128-10, ReLU, softmax, Adam at 0.001, batch 64, float32 pixels scaled to [0, 1]):
the peer the sample's training time is compared with. Prints the seconds of each epoch and the test accuracy.

    /usr/bin/python3 tests/NetGen.Benchmarks/scripts/sklearn-fashion-mnist.py [EPOCHS] [DATA_DIR]

Needs Debian's python3-sklearn and dataset-fashion-mnist. Each epoch is one call of partial_fit over the
shuffled training set (what fit does per iteration, without its convergence checks), timed on its own.
"""
import gzip
import sys
import time

import numpy as np
import sklearn
from sklearn.neural_network import MLPClassifier


def read_idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i: 8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def main():
    epochs = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    data = sys.argv[2] if len(sys.argv) > 2 else "/usr/share/datasets/fashion-mnist"
    x = read_idx(data + "/train-images-idx3-ubyte.gz").reshape(60000, 784).astype(np.float32) / 255
    y = read_idx(data + "/train-labels-idx1-ubyte.gz").astype(np.int64)
    tx = read_idx(data + "/t10k-images-idx3-ubyte.gz").reshape(10000, 784).astype(np.float32) / 255
    ty = read_idx(data + "/t10k-labels-idx1-ubyte.gz").astype(np.int64)
    net = MLPClassifier(hidden_layer_sizes=(256, 128), activation="relu", solver="adam", learning_rate_init=0.001,
                        batch_size=64, alpha=0.0, shuffle=True, random_state=1)
    classes = np.arange(10)
    times = []
    for epoch in range(epochs):
        start = time.perf_counter()
        net.partial_fit(x, y, classes=classes)
        times.append(time.perf_counter() - start)
        print(f"epoch {epoch + 1}: {times[-1]:.1f} s, {60000 / times[-1]:,.0f} samples/s", flush=True)
    print(f"scikit-learn {sklearn.__version__}, numpy {np.__version__}: median epoch {sorted(times)[len(times) // 2]:.1f} s, "
          f"test accuracy {net.score(tx, ty):.4f} after {epochs} epochs")


if __name__ == "__main__":
    main()
