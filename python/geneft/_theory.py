"""geneft.theory(): the predictions `geneft theory` prints, before training."""
import os

import pandas as pd

from . import _geneft, _toml


class Theory:
    """The predictions of the analyzers' relation stage, in their order.

    Attributes:
      scalars  {name: number}: "info_bound.b", "info_bound.p_c", ...
      texts    {name: text}
      series   {name: DataFrame with x, y and, when the analyzer gave them, err}
      curves   every series in one DataFrame indexed by x (the training
               fraction for info_bound), one column per series and
               "<name>_err" for its error bar: the table `geneft theory` prints
    """

    def __init__(self, raw):
        self.scalars = dict(raw["scalars"])
        self.texts = dict(raw["texts"])
        self.series = {}
        columns = []
        for s in raw["series"]:
            frame = pd.DataFrame({"x": s["x"], "y": s["y"]})
            if s["err"]:
                frame["err"] = s["err"]
            self.series[s["name"]] = frame
            by_x = frame.set_index("x").rename(columns={"y": s["name"], "err": s["name"] + "_err"})
            columns.append(by_x[~by_x.index.duplicated(keep="last")])
        self.curves = pd.concat(columns, axis=1).sort_index() if columns else pd.DataFrame()

    def __repr__(self):
        return (f"<geneft.Theory: {len(self.scalars)} scalars, {len(self.texts)} texts, "
                f"{len(self.series)} series>")


def _flatten(settings, prefix=""):
    # train={"lr_dec": 1e-2} and "train.lr_dec"=1e-2 both give "train.lr_dec".
    for name, v in settings.items():
        if isinstance(v, dict):
            yield from _flatten(v, f"{prefix}{name}.")
        else:
            yield f"{prefix}{name}", v


def theory(study=None, *, relation=None, plugin_path=(), trust_study_plugins=False, **settings):
    """Predicts from a relation alone: description length, critical fraction,
    accuracy bounds, and with learning rates the repon odds (`geneft theory`).

    Either a study file:            geneft.theory("my-study.toml")
    or a relation plugin id and its parameters and settings:
        geneft.theory(relation="mod_k", n=30, k=3, train={"lr_dec": 1e-2})
    A plain keyword is a relation parameter; a table given as a dict (or a
    dotted key, **{"train.lr_dec": 1e-2}) is a setting of that table.
    plugin_path folders searched last for plugins (--plugin-path);
    trust_study_plugins=True loads the libraries the study file names in
    [study] plugin_files (--trust-study-plugins: their code runs, so only for
    a study whose author you trust).
    """
    if (study is None) == (relation is None):
        raise TypeError("theory() needs either a study file or relation=ID")
    if study is not None and settings:
        raise TypeError("theory(): settings go with relation=ID; a study file holds its own")
    sets = [f"{k}={_toml.value(v, k)}" for k, v in _flatten(settings)]
    raw = _geneft.theory(os.fspath(study) if study is not None else "", relation or "", sets,
                         [os.fspath(p) for p in plugin_path], trust_study_plugins)
    return Theory(raw)
