"""geneft.plugins() and geneft.describe() show what `geneft plugins` and
`geneft describe` show, found on the same path; errors carry the command's
message."""
import os
import unittest
import warnings

import geneft
import support


def listed(stdout):
    """The rows of `geneft plugins`: kind, id, version, file."""
    return [tuple(line.split(None, 3)) for line in stdout.splitlines()[1:]]


class PluginsTest(unittest.TestCase):
    def test_the_list_is_the_commands(self):
        found = geneft.plugins()
        rows = list(found[["kind", "id", "version", "file"]].itertuples(index=False, name=None))
        self.assertEqual(rows, listed(support.cli("plugins").stdout))
        self.assertTrue(found["description"].str.len().gt(0).all())
        self.assertIn(("relation", "mod_k"), set(zip(found["kind"], found["id"])))

    def test_describe_gives_the_parameters(self):
        mod_k = geneft.describe("relation.mod_k")
        self.assertEqual((mod_k.kind, mod_k.id, mod_k.qualified_id), ("relation", "mod_k", "relation.mod_k"))
        self.assertEqual(os.path.basename(mod_k.file), "libgeneft_relation_mod_k.so")
        shown = support.cli("describe", "relation.mod_k").stdout
        self.assertIn(mod_k.description, shown)
        params = mod_k.params.set_index("name")
        self.assertEqual(list(params.index), ["n", "k"])
        self.assertEqual(params.at["k", "default"], "3")
        self.assertEqual(params.at["n", "type"], "int")
        graph = geneft.describe("relation.graph").params.set_index("name")
        self.assertTrue(graph.at["file", "required"])
        self.assertIsNone(graph.at["file", "default"])

    def test_an_unknown_plugin_raises_the_commands_message(self):
        with self.assertRaises(geneft.BadInput) as raised:
            geneft.describe("relation.mod_kk")
        self.assertEqual(str(raised.exception), support.cli_error("describe", "relation.mod_kk"))
        self.assertIn("mod_k", str(raised.exception))

    def test_an_extra_folder_adds_its_plugins_and_warns_of_a_bad_library(self):
        folder = support.fresh("extra")
        (folder / "libbroken.so").write_bytes(b"not a library")
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            found = geneft.plugins(plugin_path=[folder])
        self.assertEqual(len(found), len(geneft.plugins()))
        self.assertTrue(any("libbroken.so" in str(w.message) for w in caught), caught)
        stderr = support.cli("plugins", "--plugin-path", folder, expect=2).stderr
        self.assertIn(str(caught[0].message), stderr)


if __name__ == "__main__":
    unittest.main()
