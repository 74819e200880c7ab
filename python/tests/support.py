"""What the Python tests share: the geneft binary of this build run as a
user runs it, a fresh scratch folder per test, and small studies."""
import os
import shutil
import subprocess
from pathlib import Path

GENEFT = os.environ["GENEFT"]
SOURCE_DIR = Path(os.environ["GENEFT_SOURCE_DIR"])
WORK = Path(os.environ["GENEFT_TEST_WORK"])
# The small plugins built for the tests (tests/plugins).
TEST_PLUGIN_DIR = Path(os.environ["GENEFT_TEST_PLUGIN_DIR"])


def fresh(name):
    """An empty folder `name` under this test file's scratch folder."""
    path = WORK / name
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
    return path


def cli(*args, expect=0):
    """Runs `geneft ARGS...`; returns its stdout. Fails unless it exits `expect`."""
    done = subprocess.run([GENEFT, *map(str, args)], capture_output=True, text=True)
    if done.returncode != expect:
        raise AssertionError(f"geneft {' '.join(map(str, args))}: exit {done.returncode}, "
                             f"expected {expect}\n{done.stdout}{done.stderr}")
    return done


def cli_error(*args):
    """The message `geneft ARGS...` fails with (exit 2), without its prefix."""
    stderr = cli(*args, expect=2).stderr
    prefix = "geneft: error: "
    line = [l for l in stderr.splitlines() if l.startswith(prefix)]
    assert line, stderr
    return line[-1][len(prefix):]


# Equality mod 3 on 9 elements, a small model, a 2 x 2 learning-rate grid
# with 2 replicates; the phase analyzer per run and for the study, the
# information bound for the study's relation.
SMALL_STUDY = """\
[study]
name = "small"
seed = 7

[relation]
plugin = "mod_k"
n = 9
k = 3

[model]
depth = 1
width = 8

[train]
steps = 300
eval_every = 50
fraction = 0.75

[sweep]
"train.lr_enc" = [1e-3, 1e-2]
"train.lr_dec" = [1e-3, 1e-2]
replicates = 2

[[analyzer]]
plugin = "phase"

[[analyzer]]
plugin = "info_bound"
"""
