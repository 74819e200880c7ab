"""geneft.plugins() and geneft.describe(): what the plugin path offers."""
import dataclasses
import os

import pandas as pd

from . import _geneft


@dataclasses.dataclass
class Plugin:
    """One plugin, as `geneft describe` shows it; params has one row per
    parameter: name, type, default (its TOML literal; None when required),
    required, help."""
    kind: str
    id: str
    qualified_id: str
    version: str
    description: str
    file: str
    params: pd.DataFrame


def _paths(plugin_path):
    return [os.fspath(p) for p in plugin_path]


def plugins(plugin_path=()):
    """Every plugin found (`geneft plugins`): kind, id, version, file and
    description, one row each. plugin_path: folders searched last. A refused
    library is a UserWarning; none found at all raises geneft.BadInput."""
    columns = ["kind", "id", "version", "file", "description"]
    return pd.DataFrame(_geneft.plugins(_paths(plugin_path)), columns=columns)


def describe(name, plugin_path=()):
    """The plugin `name` ("relation.mod_k", or a bare id no other kind uses)
    with its parameters (`geneft describe NAME`)."""
    d = _geneft.describe(name, _paths(plugin_path))
    params = pd.DataFrame(d.pop("params"), columns=["name", "type", "default", "required", "help"])
    return Plugin(params=params, **d)
