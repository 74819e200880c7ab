"""geneft.load() on a store the geneft command trained: every table, and the
runs and results built from them, hold the numbers of `geneft export`."""
import csv
import io
import math
import tomllib
import unittest

import geneft
import support


def export(store, table):
    """`geneft export STORE --table TABLE` as (columns, rows of strings)."""
    rows = list(csv.reader(io.StringIO(support.cli("export", store, "--table", table).stdout)))
    return rows[0], rows[1:]


def same(value, exported):
    """Whether a loaded value is the exported text's value, to the last bit."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return exported == ""
    if isinstance(value, float):
        return exported != "" and float(exported) == value
    if isinstance(value, bytes):  # a BLOB, exported in hex
        return value.hex() == exported
    return str(value) == exported


class LoadTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        folder = support.fresh("load")
        cls.study_file = folder / "small.toml"
        cls.study_file.write_text(support.SMALL_STUDY)
        support.cli("run", cls.study_file, "-j", "2", "-q")
        cls.path = folder / "small.db"
        cls.store = geneft.load(cls.path)

    def test_every_table_holds_the_exported_numbers(self):
        for table, frame in self.store.tables.items():
            columns, rows = export(self.path, table)
            with self.subTest(table=table):
                self.assertEqual(list(frame.columns), columns)
                self.assertEqual(len(frame), len(rows))
                for loaded, exported in zip(frame.itertuples(index=False), rows):
                    for column, value, text in zip(columns, loaded, exported):
                        self.assertTrue(same(value, text), f"{table}.{column}: {value!r} vs {text!r}")

    def test_runs_have_every_exported_column_and_their_settings(self):
        columns, rows = export(self.path, "runs")
        runs = self.store.runs.set_index("run_hash", drop=False)
        self.assertEqual(len(runs), 8)
        self.assertEqual(sorted(runs.index), sorted(r[0] for r in rows))
        for row in rows:
            for column, text in zip(columns, row):
                value = runs.at[row[0], column]
                self.assertTrue(same(value, text), f"runs.{column}: {value!r} vs {text!r}")
        _, settings = export(self.path, "run_settings")
        for run_hash, key, text, _number, _swept in settings:
            self.assertEqual(runs.at[run_hash, key], tomllib.loads("v = " + text)["v"], key)
        self.assertEqual(self.store.swept, ["replicate", "train.lr_dec", "train.lr_enc"])
        self.assertEqual(self.store.runs.attrs["swept"], self.store.swept)
        grid = set(zip(runs["train.lr_enc"], runs["train.lr_dec"]))
        self.assertEqual(grid, {(a, b) for a in (1e-3, 1e-2) for b in (1e-3, 1e-2)})

    def test_results_have_one_column_per_name(self):
        columns, rows = export(self.path, "results")
        at = {c: i for i, c in enumerate(columns)}
        results = self.store.results.set_index("run_hash")
        per_run = study = 0
        for row in rows:
            number, text = row[at["number"]], row[at["text"]]
            run_hash, name = row[at["run_hash"]], row[at["name"]]
            if run_hash == "":
                value, study = self.store.study_results[name], study + 1
            else:
                value, per_run = results.at[run_hash, name], per_run + 1
            self.assertTrue(same(value, number if number != "" else text), f"{name}: {value!r}")
        self.assertGreater(per_run, 0)
        self.assertGreater(study, 0)
        self.assertEqual(list(self.store.results["run_hash"]), list(self.store.runs["run_hash"]))
        self.assertIn("phase.phase", self.store.results.columns)

    def test_the_study_and_its_definition(self):
        _, rows = export(self.path, "study")
        self.assertEqual(self.store.study, dict(rows))
        self.assertEqual(self.store.definition, tomllib.loads(support.SMALL_STUDY))
        self.assertEqual(set(self.store.trajectories["run_hash"]), set(self.store.runs["run_hash"]))
        self.assertIn("geneft.Store", repr(self.store))

    def test_a_missing_store_raises_the_commands_message(self):
        missing = support.fresh("missing") / "none.db"
        with self.assertRaises(geneft.BadInput) as raised:
            geneft.load(missing)
        self.assertEqual(str(raised.exception), support.cli_error("export", missing))
        self.assertIsInstance(raised.exception, geneft.Error)


if __name__ == "__main__":
    unittest.main()
