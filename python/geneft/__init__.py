"""geneft from Python: stores as pandas DataFrames, predictions, studies.

    import geneft
    store = geneft.load("mod3.db")                 # runs, results, trajectories, ...
    pred = geneft.theory(relation="mod_k", k=3, n=30)
    store = geneft.run("my-study.toml", jobs=2)    # Ctrl-C keeps the finished runs
    geneft.plugins(); geneft.describe("relation.mod_k")

Each function calls the code the geneft command runs (the host library is
linked into geneft._geneft) and finds plugins on the same path: geneft's own
folder, GENEFT_PLUGIN_PATH, a study's [study] plugin_path, then plugin_path=.
Failures raise geneft.BadInput (what the command exits 2 for) or
geneft.InternalError (exit 1), both geneft.Error, with the command's message.
"""
import os as _os

from . import _geneft, _layout

_geneft.set_own_plugin_dir(
    _os.path.normpath(_os.path.join(_os.path.dirname(__file__), _layout.PLUGIN_DIR)))

from ._geneft import BadInput, Error, InternalError  # noqa: E402
from ._plugins import Plugin, describe, plugins  # noqa: E402
from ._run import run  # noqa: E402
from ._store import Store, load  # noqa: E402
from ._theory import Theory, theory  # noqa: E402

__version__ = _geneft.version
__all__ = ["BadInput", "Error", "InternalError", "Plugin", "Store", "Theory", "describe", "load",
           "plugins", "run", "theory"]
