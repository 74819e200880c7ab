"""Python values written as TOML, for studies given as dicts and for the
settings of geneft.theory(); geneft's own parser reads the text back, so a
wrong key or value gets the message a study file would."""
import json
import math
import numbers
import re

_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")


def key(name):
    """A TOML key: bare when it can be, else quoted ("train.lr_enc")."""
    name = str(name)
    return name if _BARE_KEY.match(name) else json.dumps(name, ensure_ascii=False)


def value(v, where="value"):
    """One TOML value: bool, integer, float, string, list or inline table."""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, numbers.Integral):
        return str(int(v))
    if isinstance(v, numbers.Real):
        f = float(v)
        if math.isnan(f):
            return "nan"
        if math.isinf(f):
            return "inf" if f > 0 else "-inf"
        return repr(f)
    if isinstance(v, str):
        return json.dumps(v, ensure_ascii=False)
    if isinstance(v, (list, tuple)):
        return "[" + ", ".join(value(x, where) for x in v) + "]"
    if isinstance(v, dict):
        return "{" + ", ".join(f"{key(k)} = {value(x, f'{where}.{k}')}" for k, x in v.items()) + "}"
    raise TypeError(f"{where}: {type(v).__name__} {v!r} has no TOML form "
                    "(use bool, int, float, str, list or dict)")


def _is_table_array(v):
    return isinstance(v, (list, tuple)) and len(v) > 0 and all(isinstance(x, dict) for x in v)


def _table(lines, header, table):
    # Plain keys first; sub-tables and arrays of tables after, each under its own header.
    if header:
        lines.append(header)
    for k, v in table.items():
        if not isinstance(v, dict) and not _is_table_array(v):
            lines.append(f"{key(k)} = {value(v, k)}")
    name = header.strip("[]")
    for k, v in table.items():
        path = f"{name}.{key(k)}" if name else key(k)
        if isinstance(v, dict):
            _table(lines, f"[{path}]", v)
        elif _is_table_array(v):
            for item in v:
                _table(lines, f"[[{path}]]", item)


def dumps(study):
    """A study dict ({"relation": {"plugin": "mod_k", "k": 3}, ...}) as TOML
    text, keys in the dict's order (the order of [sweep] axes matters)."""
    if not isinstance(study, dict):
        raise TypeError(f"a study is a file name or a dict, not {type(study).__name__}")
    lines = []
    _table(lines, "", study)
    return "\n".join(lines) + "\n"
