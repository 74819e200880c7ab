#!/usr/bin/env python3
"""PyTorch steps/s of the paper's default run, for bench_trainer's side by side.

Same model as geneft's default: an embedding of 30 elements in d = 2, the
two embeddings of a pair concatenated (width 4), Linear(4, 50)-tanh-
Linear(50, 50)-tanh-Linear(50, 50)-tanh-Linear(50, 1), BCEWithLogits, Adam
at lr 1e-3 for the encoder and decoder groups, float32, one thread, full
batch of 675 random pairs of equality mod 3. Times `steps` steps after a
warm-up and prints two lines, per second of wall time and per second of
this thread's CPU time (the fairer figure when other processes share the
core):

    torch_steps_per_s <value>
    torch_steps_per_cpu_s <value>

or `torch_missing` when torch cannot be imported.

    python3 bench/torch_speed.py [steps = 2000] [warmup = 200]
"""
import sys
import time


def main():
    steps = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    warmup = int(sys.argv[2]) if len(sys.argv) > 2 else 200
    try:
        import torch
    except ImportError:
        print("torch_missing")
        return 0

    torch.set_num_threads(1)
    torch.manual_seed(0)
    n, d, width, train_pairs = 30, 2, 50, 675

    perm = torch.randperm(n * n)[:train_pairs]
    left = perm // n
    right = perm % n
    labels = ((left % 3) == (right % 3)).float().unsqueeze(1)

    encoder = torch.nn.Embedding(n, d)  # N(0, 1), as geneft's default
    decoder = torch.nn.Sequential(
        torch.nn.Linear(2 * d, width), torch.nn.Tanh(),
        torch.nn.Linear(width, width), torch.nn.Tanh(),
        torch.nn.Linear(width, width), torch.nn.Tanh(),
        torch.nn.Linear(width, 1))
    loss_fn = torch.nn.BCEWithLogitsLoss()
    optimizer = torch.optim.Adam([
        {"params": encoder.parameters(), "lr": 1e-3},
        {"params": decoder.parameters(), "lr": 1e-3},
    ])

    def step():
        optimizer.zero_grad(set_to_none=True)
        x = torch.cat([encoder(left), encoder(right)], dim=1)
        loss = loss_fn(decoder(x), labels)
        loss.backward()
        optimizer.step()

    for _ in range(warmup):
        step()
    start = time.perf_counter()
    cpu_start = time.thread_time()
    for _ in range(steps):
        step()
    cpu_seconds = time.thread_time() - cpu_start
    seconds = time.perf_counter() - start
    print(f"torch_steps_per_s {steps / seconds:.1f}")
    print(f"torch_steps_per_cpu_s {steps / cpu_seconds:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
