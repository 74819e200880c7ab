"""geneft.load(): a results store as pandas DataFrames."""
import functools
import tomllib

import pandas as pd

from . import _geneft


@functools.lru_cache(maxsize=4096)
def _setting_value(text):
    # run_settings keeps each value as its canonical TOML literal.
    return tomllib.loads("v = " + text)["v"]


def _value(number, text):
    """A result's number, or its text when it has none."""
    return text if pd.isna(number) else number


def _wide(long, index, columns, values, order):
    """One row per `index` value (in `order`), one column per `columns` value."""
    if long.empty:
        return pd.DataFrame({index: list(order)})
    wide = long.pivot(index=index, columns=columns, values=values)
    wide.columns.name = None
    return wide.reindex(list(order)).rename_axis(index).reset_index().infer_objects()


class Store:
    """A results store read whole, at one committed state: a study still
    running shows the runs stored so far.

    Attributes:
      path           the store file
      tables         {name: DataFrame} every table as stored: the columns and
                     numbers of `geneft export --table NAME`, doubles exact;
                     predictions.probabilities are bytes (float32
                     little-endian: numpy.frombuffer(b, "<f4"))
      runs           one row a run, by run_index and replicate: the columns of
                     the runs table, then one column per setting
                     ("train.lr_enc", "relation.k", ...) with its value,
                     unless the runs table has that column ("replicate")
      swept          the settings the sweep chose (also runs.attrs["swept"])
      results        one row a run (run_hash first, in the order of runs): one
                     column per analyzer result ("phase.phase"), its number or text
      trajectories   run_hash, step, loss, train/test/all accuracy
      embeddings     run_hash, element, name, dim, value (final embeddings)
      series         analyzer curves: run_hash ('' for the study), name, idx, x, y, err
      study_results  {name: number or text}: the study-level analyzer results
      study          {key: value}: the study table (name, fingerprint,
                     definition, text, versions, ...)
      definition     the study file as written, parsed into a dict
    """

    def __init__(self, path):
        self.path = str(path)
        self.tables = {}
        for name, (columns, data) in _geneft.read_store(self.path).items():
            self.tables[name] = pd.DataFrame(data, columns=columns)
        self._shape()

    def _shape(self):
        t = self.tables
        runs = t["runs"].sort_values(["run_index", "replicate"], kind="stable")
        order = runs["run_hash"].tolist()

        settings = t["run_settings"].assign(
            parsed=lambda s: s["value"].map(_setting_value).astype(object))
        self.swept = sorted(settings.loc[settings["swept"] != 0, "key"].unique())
        wide_settings = _wide(settings, "run_hash", "key", "parsed", order)
        # A setting the runs table has a column for already ("replicate")
        # keeps that column.
        wide_settings = wide_settings.drop(
            columns=[c for c in wide_settings.columns if c in runs.columns and c != "run_hash"])
        self.runs = runs.reset_index(drop=True).merge(wide_settings, on="run_hash", how="left")
        self.runs.attrs["swept"] = list(self.swept)

        results = t["results"].assign(value=lambda r: [
            _value(n, x) for n, x in zip(r["number"], r["text"])])
        per_run = results[results["run_hash"] != ""]
        self.results = _wide(per_run, "run_hash", "name", "value", order)
        self.study_results = {
            name: v for name, v in zip(results.loc[results["run_hash"] == "", "name"],
                                       results.loc[results["run_hash"] == "", "value"])}

        self.trajectories = t["trajectories"]
        self.embeddings = t["embeddings"]
        self.series = t["series"]
        self.study = dict(zip(t["study"]["key"], t["study"]["value"]))
        self.definition = tomllib.loads(self.study["text"]) if "text" in self.study else {}

    def __repr__(self):
        counts = self.runs["status"].value_counts().to_dict() if len(self.runs) else {}
        statuses = ", ".join(f"{n} {s}" for s, n in counts.items())
        return (f"<geneft.Store {self.path!r}: study {self.study.get('name', '?')!r}, "
                f"{len(self.runs)} runs{' (' + statuses + ')' if statuses else ''}>")


def load(path):
    """Reads the results store at `path` (a .db file `geneft run` wrote) into
    a Store of pandas DataFrames; raises geneft.BadInput when it is missing
    or no store."""
    return Store(path)
