"""The example share/examples/python/lr_grid.py runs as its docstring says
and draws both figures."""
import os
import subprocess
import sys
import unittest

import geneft
import support

PNG = b"\x89PNG\r\n\x1a\n"


class ExampleTest(unittest.TestCase):
    def test_it_trains_loads_and_draws(self):
        out = support.fresh("example")
        script = support.SOURCE_DIR / "share/examples/python/lr_grid.py"
        done = subprocess.run([sys.executable, script, "--out", out, "--jobs", "2"],
                              capture_output=True, text=True, env=os.environ)
        self.assertEqual(done.returncode, 0, done.stdout + done.stderr)
        for figure in ("lr-phase-diagram.png", "accuracy-vs-fraction.png"):
            data = (out / figure).read_bytes()
            self.assertEqual(data[:8], PNG, figure)
            self.assertGreater(len(data), 10_000, figure)
        grid = geneft.load(out / "lr-grid.db")
        self.assertEqual(len(grid.runs), 16)
        self.assertEqual(grid.results["phase.phase"].notna().sum(), 16)
        fractions = geneft.load(out / "fraction.db")
        self.assertEqual(sorted(fractions.runs["train.fraction"].unique().round(6)),
                         [round(0.1 * i, 6) for i in range(1, 10)])


if __name__ == "__main__":
    unittest.main()
