"""Trains a small learning-rate grid and a training-fraction sweep on "equal
modulo 3", loads both stores and draws, with matplotlib:

  lr-phase-diagram.png      the phase of each run over encoder x decoder
                            learning rate (GenEFT Fig. 5, in small)
  accuracy-vs-fraction.png  final accuracy vs training fraction with the
                            information bound of `geneft theory` over it
                            (GenEFT Fig. 3, in small)

Run it from a checkout after `bash scripts/build.sh`:

    PYTHONPATH=build/python /usr/bin/python3 share/examples/python/lr_grid.py --out /tmp/lr-grid

It takes seconds: 12 elements, a narrow decoder, 1,500 steps a run. Running
it again reuses the stores (a study resumes); --new-store starts afresh.
"""
import argparse
import pathlib

import matplotlib

matplotlib.use("Agg")  # PNG files, no display needed
import matplotlib.pyplot as plt  # noqa: E402

import geneft  # noqa: E402

RELATION = {"plugin": "mod_k", "n": 12, "k": 3}
STEPS = 1500
MODEL = {"depth": 1, "width": 16}
PHASE_COLORS = {"generalization": "#2ca02c", "grokking": "#1f77b4", "memorization": "#ff7f0e",
                "confusion": "#d62728", "diverged": "#7f7f7f"}


def lr_grid_study():
    # A 4 x 4 grid of Adam learning rates, the phase of each run by Table IV
    # within this study's step budget.
    return {
        "study": {"name": "lr-grid", "seed": 1},
        "relation": RELATION,
        "model": MODEL,
        "train": {"steps": STEPS, "eval_every": 50, "fraction": 0.75, "early_stop": True},
        "sweep": {"train.lr_enc": "logspace(-4, -1, 4)", "train.lr_dec": "logspace(-4, -1, 4)"},
        "analyzer": [{"plugin": "phase", "budget": STEPS, "gap": 200}],
    }


def fraction_study():
    # Nine training fractions, two replicates each, at learning rates that
    # generalize; info_bound stores the bound curves beside the runs.
    return {
        "study": {"name": "fraction", "seed": 1},
        "relation": RELATION,
        "model": MODEL,
        "train": {"steps": STEPS, "eval_every": 100, "lr_enc": 1e-2, "lr_dec": 1e-2},
        "sweep": {"train.fraction": "linspace(0.1, 0.9, 9)", "replicates": 2},
        "analyzer": [{"plugin": "info_bound"}],
    }


def draw_phase_diagram(store, path):
    runs = store.runs.merge(store.results[["run_hash", "phase.phase"]], on="run_hash")
    fig, ax = plt.subplots(figsize=(5.5, 4.5))
    for phase, group in runs.groupby("phase.phase"):
        ax.scatter(group["train.lr_enc"], group["train.lr_dec"], s=160, marker="s",
                   color=PHASE_COLORS.get(phase, "black"), label=phase)
    ax.set(xscale="log", yscale="log", xlabel="encoder learning rate",
           ylabel="decoder learning rate", title=f"Phases, {store.study['name']}")
    ax.legend(loc="upper left", bbox_to_anchor=(1, 1))
    fig.savefig(path, bbox_inches="tight", dpi=100)
    plt.close(fig)


def draw_accuracy_vs_fraction(store, prediction, path):
    measured = store.runs.groupby("train.fraction")[["train_accuracy", "all_accuracy"]]
    mean, spread = measured.mean(), measured.std().fillna(0)
    fig, ax = plt.subplots(figsize=(6, 4.5))
    for column, label in [("train_accuracy", "train pairs"), ("all_accuracy", "all pairs")]:
        ax.errorbar(mean.index, mean[column], yerr=spread[column], marker="o", capsize=3,
                    label=f"measured, {label}")
    curves = prediction.curves
    band = curves[["info_bound.f_ub_monte_carlo", "info_bound.f_ub_monte_carlo_err"]].dropna()
    ax.fill_between(band.index, band.iloc[:, 0] - band.iloc[:, 1], band.iloc[:, 0] + band.iloc[:, 1],
                    alpha=0.2, color="#9467bd", label="Monte Carlo bound ± spread")
    eq5 = curves["info_bound.f_ub_formula"].dropna()
    ax.plot(eq5.index, eq5, "k:", lw=2, label="Eq. 5 upper bound")
    n = RELATION["n"]
    ax.axvline(prediction.scalars["info_bound.b"] / n**2, color="#555555", ls="--",
               label="b / n²")
    ax.set(xlim=(0, 1), ylim=(0, 1.05), xlabel="training fraction",
           ylabel="final accuracy", title="Accuracy vs training fraction, mod 3, n = 12")
    ax.legend(loc="lower right")
    fig.savefig(path, bbox_inches="tight", dpi=100)
    plt.close(fig)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=pathlib.Path, default=pathlib.Path("."),
                        help="folder for the stores and the figures (default: here)")
    parser.add_argument("--jobs", type=int, default=0, help="runs at once (default: one per core)")
    parser.add_argument("--new-store", action="store_true", help="train afresh")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)

    grid = geneft.run(lr_grid_study(), out=args.out / "lr-grid.db", jobs=args.jobs,
                      new_store=args.new_store)
    fractions = geneft.run(fraction_study(), out=args.out / "fraction.db", jobs=args.jobs,
                           new_store=args.new_store)
    prediction = geneft.theory(relation=RELATION["plugin"], n=RELATION["n"], k=RELATION["k"])

    draw_phase_diagram(grid, args.out / "lr-phase-diagram.png")
    draw_accuracy_vs_fraction(fractions, prediction, args.out / "accuracy-vs-fraction.png")
    print(f"wrote {args.out / 'lr-phase-diagram.png'} and {args.out / 'accuracy-vs-fraction.png'}")


if __name__ == "__main__":
    main()
