"""geneft.theory() against `geneft theory`: the same scalars, texts and
curves on every built-in relation, to the last digit either prints."""
import json
import math
import shutil
import unittest

import geneft
import support

# Each built-in relation with small settings; learning rates as well, so the
# repon analyzer's odds depend on a setting of another table.
RELATIONS = {
    "mod_k": {"k": 3, "n": 30},
    "addition": {"p": 6, "modulus": True},
    "bipartite": {"n": 10, "size": 4},
    "greater_than": {"n": 8},
    # Small enough that the bound curve is counted exactly in a second.
    "graph": {"file": str(support.SOURCE_DIR / "python/tests/data/small-hierarchy.edges")},
}
TRAIN = {"lr_enc": 1e-3, "lr_dec": 1e-2}


def sets(params):
    """The --set flags for the relation's parameters and TRAIN."""
    flags = []
    for key, value in [*params.items(), *(("train." + k, v) for k, v in TRAIN.items())]:
        text = json.dumps(value) if not isinstance(value, bool) else str(value).lower()
        flags += ["--set", f"{key}={text}"]
    return flags


def same(value, printed):
    """A float against its JSON text: exact, or both not finite (null)."""
    return printed is None and not math.isfinite(value) or printed == value


class TheoryTest(unittest.TestCase):
    def agree(self, predicted, flags):
        """geneft.theory's result against `geneft FLAGS` in JSON and as a table."""
        printed = json.loads(support.cli(*flags, "--format", "json").stdout)
        self.assertEqual(list(predicted.scalars), list(printed["scalars"]))
        for name, value in predicted.scalars.items():
            self.assertTrue(same(value, printed["scalars"][name]), f"{name}: {value!r}")
        self.assertEqual(predicted.texts, printed["texts"])
        self.assertEqual(list(predicted.series), [s["name"] for s in printed["series"]])
        for s in printed["series"]:
            frame = predicted.series[s["name"]]
            for column in ("x", "y", "err"):
                if column not in s:
                    self.assertNotIn(column, frame.columns)
                    continue
                for value, text in zip(frame[column], s[column], strict=True):
                    self.assertTrue(same(value, text), f"{s['name']}.{column}: {value!r}")
        # The table, as a person reads it: the scalars to their sixth digit.
        # The table streams results as they arrive, texts and curves among
        # them: each scalar is found by its name.
        printed_lines = {}
        for line in support.cli(*flags).stdout.splitlines():
            words = line.split()
            if len(words) == 2:
                printed_lines.setdefault(words[0], words[1])
        for name, value in predicted.scalars.items():
            self.assertEqual(printed_lines.get(name), f"{value:.6g}", name)
        self.assertGreater(len(predicted.scalars), 0)

    def test_every_builtin_relation(self):
        relations = geneft.plugins().query("kind == 'relation'")["id"]
        self.assertEqual(sorted(relations), sorted(RELATIONS))
        for relation, params in RELATIONS.items():
            with self.subTest(relation=relation):
                flags = ["theory", "--relation", relation, *sets(params)]
                predicted = geneft.theory(relation=relation, train=TRAIN, **params)
                self.agree(predicted, flags)
                self.assertIn("info_bound.p_c", predicted.scalars)

    def test_addition_through_a_study_naming_its_analyzers(self):
        study = support.fresh("addition") / "addition.toml"
        study.write_text('[relation]\nplugin = "addition"\np = 6\nmodulus = true\n'
                         '[train]\nlr_enc = 1e-3\nlr_dec = 1e-2\n'
                         '[[analyzer]]\nplugin = "repon"\n')
        predicted = geneft.theory(study)
        self.agree(predicted, ["theory", study])
        self.assertIn("repon.p_generalize", predicted.scalars)

    def test_curves_share_the_training_fraction(self):
        predicted = geneft.theory(relation="mod_k", k=3, n=30)
        self.assertFalse(predicted.curves.empty)
        for name, frame in predicted.series.items():
            column = predicted.curves[name].dropna()
            self.assertEqual(len(column), frame["x"].nunique(), name)

    def test_a_study_file_and_dotted_settings(self):
        folder = support.fresh("study")
        study = folder / "mod3.toml"
        study.write_text('[relation]\nplugin = "mod_k"\nk = 3\nn = 12\n[train]\nlr_dec = 0.01\n')
        from_file = geneft.theory(study)
        self.agree(from_file, ["theory", study])
        dotted = geneft.theory(relation="mod_k", k=3, n=12, **{"train.lr_dec": 0.01})
        self.assertEqual(dotted.scalars, from_file.scalars)

    def test_errors_carry_the_commands_message(self):
        with self.assertRaises(geneft.BadInput) as raised:
            geneft.theory(relation="mod_q", k=3)
        self.assertEqual(str(raised.exception),
                         support.cli_error("theory", "--relation", "mod_q", "--set", "k=3"))
        with self.assertRaises(geneft.BadInput) as raised:
            geneft.theory(relation="mod_k", kk=3)
        self.assertEqual(str(raised.exception),
                         support.cli_error("theory", "--relation", "mod_k", "--set", "kk=3"))
        with self.assertRaises(TypeError):
            geneft.theory()

    def test_a_studys_plugin_files_load_only_when_trusted(self):
        # The frozen ABI 1.1 test relation, named by the study beside it.
        folder = support.fresh("trust")
        shutil.copyfile(support.TEST_PLUGIN_DIR / "libgeneft_test_abi_1_1.so", folder / "frozen.so")
        study = folder / "frozen.toml"
        study.write_text('[study]\nplugin_files = ["frozen.so"]\n'
                         '[relation]\nplugin = "frozen_parity"\nn = 4\n')
        with self.assertRaises(geneft.BadInput) as raised:
            geneft.theory(study)
        self.assertIn("trust_study_plugins=True in Python", str(raised.exception))
        self.assertEqual(str(raised.exception), support.cli_error("theory", study))
        trusted = geneft.theory(study, trust_study_plugins=True)
        self.agree(trusted, ["theory", study, "--trust-study-plugins"])


if __name__ == "__main__":
    unittest.main()
