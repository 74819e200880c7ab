"""geneft.run(): train a study's missing runs (`geneft run`), then load it."""
import os
import sys
import time

from . import _geneft, _toml
from ._store import Store


class _ProgressLine:
    """Runs done of the total on sys.stderr: redrawn in place on a terminal
    or in a notebook, else a line every 10 seconds (as `geneft run` does)."""

    def __init__(self):
        self.start = time.monotonic()
        self.last = None
        self.redraw = sys.stderr.isatty() or "ipykernel" in sys.modules

    def __call__(self, done, failed, total):
        now = time.monotonic()
        final = done == total
        if not self.redraw and not final and self.last is not None and now - self.last < 10:
            return
        self.last = now
        line = f"geneft: {done}/{total} runs  {now - self.start:.0f}s"
        if failed:
            line += f"  ({failed} failed)"
        sys.stderr.write(f"\r{line}\033[K" if self.redraw else line + "\n")
        if self.redraw and final:
            sys.stderr.write("\n")
        sys.stderr.flush()


def _study_name(study):
    table = study.get("study", {})
    return table.get("name", "study") if isinstance(table, dict) else "study"


def run(study, *, out=None, jobs=0, new_store=False, shard=None, plugin_path=(),
        trust_study_plugins=False, progress=True):
    """Trains the runs the store lacks, as `geneft run` does, and returns the
    loaded Store; its run_report holds the report `geneft run` prints.

    study        a study file, or a dict laid out like one:
                 {"relation": {"plugin": "mod_k", "k": 3}, "train": {...},
                  "sweep": {"train.lr_enc": "logspace(-4, -2, 3)"}}
    out          the store; default STUDY.db beside the study file, or
                 <[study] name>.db in the working directory for a dict
    jobs         runs at once; 0: one per core
    new_store    start afresh, keeping an existing store aside (--new-store)
    shard        "I/N": only that shard of the runs (--shard)
    plugin_path  folders searched last for plugins (--plugin-path)
    trust_study_plugins  load the libraries the study names in [study]
                 plugin_files (--trust-study-plugins: their code runs, so
                 only for a study whose author you trust)
    progress     True: runs done on sys.stderr; a callable: called with
                 (done, failed, total) after each stored run; False: nothing

    Ctrl-C stops the study as it stops `geneft run`: every finished run is
    kept, the runs in flight are dropped (never stored half-done), then
    KeyboardInterrupt is raised. Running the same study again resumes. Failed or diverged runs do not raise: they
    are in store.runs with their reason.
    """
    if isinstance(study, dict):
        study_file, text, name = "", _toml.dumps(study), "study dict"
        if out is None:
            out = _study_name(study) + ".db"
        label = f"a study dict named {_study_name(study)!r}"
    else:
        study_file, text, name = os.fspath(study), "", ""
        label = study_file
    if progress is True:
        progress = _ProgressLine()
    writer = f"geneft.run({label}) in {sys.argv[0] or 'python'}"
    try:
        outcome = _geneft.run_study(study_file, text, name, os.fspath(out) if out else "", jobs,
                                    new_store, shard or "", [os.fspath(p) for p in plugin_path],
                                    trust_study_plugins, writer, progress or None)
    except _geneft.BadInput as e:
        if text:
            numbered = "".join(f"{i:4}  {line}\n" for i, line in enumerate(text.splitlines(), 1))
            e.add_note("the study dict as TOML (the lines the message counts):\n" + numbered)
        raise
    if outcome["kept"]:
        sys.stderr.write(f"geneft: previous store kept as {outcome['kept']}\n")
    store = Store(outcome["store"])
    store.run_report = outcome["report"]
    if progress:
        sys.stderr.write(outcome["brief"] + "\n")
    return store
