"""geneft.run(): trains a study as `geneft run` does, from a file or a dict,
resumes, refuses a second writer, and on Ctrl-C keeps every finished run."""
import os
import signal
import subprocess
import sys
import textwrap
import tomllib
import unittest

import geneft
import support


class RunTest(unittest.TestCase):
    def test_a_study_file_trains_like_the_command_and_resumes(self):
        folder = support.fresh("file")
        study = folder / "small.toml"
        study.write_text(support.SMALL_STUDY)
        seen = []
        store = geneft.run(study, jobs=2, progress=lambda *counts: seen.append(counts))
        self.assertEqual(store.path, str(folder / "small.db"))
        self.assertEqual(len(store.runs), 8)
        self.assertEqual(set(store.runs["status"]), {"completed"})
        self.assertEqual(seen[0], (0, 0, 8))
        self.assertEqual(seen[-1], (8, 0, 8))
        self.assertIn("phase.phase", store.results.columns)
        self.assertIn("8 in study", store.run_report)

        # The command trains the same runs to the same numbers.
        by_cli = folder / "cli.db"
        support.cli("run", study, "-o", by_cli, "-j", "2", "-q")
        columns = ["run_hash", "final_loss", "train_accuracy", "test_accuracy", "first_test_step"]
        ours = store.runs[columns].sort_values("run_hash").reset_index(drop=True)
        theirs = geneft.load(by_cli).runs[columns].sort_values("run_hash").reset_index(drop=True)
        self.assertTrue(ours.equals(theirs), f"\n{ours}\n{theirs}")

        seen.clear()
        again = geneft.run(study, progress=lambda *counts: seen.append(counts))
        self.assertEqual(seen, [(8, 0, 8)])
        self.assertEqual(list(again.runs["finished_at"]), list(store.runs["finished_at"]))

    def test_a_study_dict(self):
        folder = support.fresh("dict")
        study = tomllib.loads(support.SMALL_STUDY)
        study["sweep"] = {"train.lr_dec": [1e-3, 1e-2]}
        store = geneft.run(study, out=folder / "from-dict.db", progress=False)
        self.assertEqual(len(store.runs), 2)
        self.assertEqual(store.swept, ["replicate", "train.lr_dec"])
        self.assertEqual(store.definition["relation"], {"plugin": "mod_k", "n": 9, "k": 3})

    def test_a_bad_study_raises_the_commands_message(self):
        folder = support.fresh("bad")
        text = support.SMALL_STUDY.replace("width = 8", "widht = 8")
        study = folder / "bad.toml"
        study.write_text(text)
        with self.assertRaises(geneft.BadInput) as raised:
            geneft.run(study, progress=False)
        self.assertEqual(str(raised.exception), support.cli_error("run", study))
        self.assertIn("widht", str(raised.exception))
        self.assertFalse((folder / "bad.db").exists())
        # The same study as a dict: the message counts the lines of its TOML
        # form, which the exception's notes show.
        with self.assertRaises(geneft.BadInput) as raised:
            geneft.run(tomllib.loads(text), out=folder / "bad.db", progress=False)
        self.assertIn("widht", str(raised.exception))
        self.assertIn("widht = 8", "".join(raised.exception.__notes__))

    def test_ctrl_c_keeps_the_finished_runs(self):
        folder = support.fresh("interrupt")
        study = folder / "long.toml"
        # 16 runs, one at a time, each long enough that the signal comes
        # while one is in flight.
        study.write_text(support.SMALL_STUDY.replace("steps = 300", "steps = 4000\nearly_stop = false")
                         .replace("replicates = 2", "replicates = 4"))
        script = textwrap.dedent(f"""
            import sys, geneft
            def progress(done, failed, total):
                print(done, flush=True)
            try:
                geneft.run({str(study)!r}, jobs=1, progress=progress)
            except KeyboardInterrupt:
                print("interrupted", flush=True)
                sys.exit(0)
            print("finished", flush=True)
            """)
        child = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True,
                                 env=os.environ)
        # Progress lines count the stored runs; Ctrl-C once one is stored.
        while int(child.stdout.readline() or "-1") == 0:
            pass
        child.send_signal(signal.SIGINT)
        rest = child.stdout.read().split()
        child.stdout.close()
        self.assertEqual(child.wait(timeout=120), 0)
        self.assertEqual(rest[-1], "interrupted")
        reported = int(rest[-2]) if len(rest) > 1 else 1

        # Every run reported stored is there (progress may lag the store by
        # a run), none half-done, and the study stopped early.
        store = geneft.load(folder / "long.db")
        self.assertGreaterEqual(len(store.runs), reported)
        self.assertLess(len(store.runs), 16)
        self.assertEqual(set(store.runs["status"]), {"completed"})
        # No study-level results for an interrupted study: they wait for
        # the remaining runs.
        self.assertEqual(store.study_results, {})

    def test_a_second_writer_is_refused(self):
        folder = support.fresh("lock")
        study = folder / "small.toml"
        study.write_text(support.SMALL_STUDY)
        messages = []

        def write_again(done, failed, total):
            if not messages:
                with self.assertRaises(geneft.BadInput) as raised:
                    geneft.run(study, progress=False)
                messages.append(str(raised.exception))

        geneft.run(study, jobs=1, progress=write_again)
        self.assertIn("small.db", messages[0])
        self.assertIn("geneft.run(", messages[0])


if __name__ == "__main__":
    unittest.main()
