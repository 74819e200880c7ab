// The `graph` relation plugin, loaded from the build's plugin folder: the same
// graph written in all four formats gives the same matrix, properties / p* / b
// on trees, chains, bipartite graphs and equivalences, every kind of bad file
// rejected with its file and line, and a million-edge edge list. The readers
// and shape checks (geneft_graph_io) are also tested directly.
#include "graph_file.h"
#include "graph_shape.h"
#include "plugin/plugin_instances.h"
#include "plugin/plugin_registry.h"
#include <geneft/common/relation_properties.h>

#include "relation_checks.h"
#include "test_support.h"

#include <catch2/catch.hpp>
#include <geneft/plugin.hpp>

#include <chrono>
#include <cmath>
#include <algorithm>
#include <filesystem>
#include <functional>
#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

using namespace geneft::testing;  // the property flags kSym, kRefl, ...

// A fresh folder per test case under the build tree.
fs::path TempDir(const std::string& name) {
  const fs::path dir = fs::path(GENEFT_BINARY_DIR) / "tests" / "graph_relation" / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

fs::path Write(const fs::path& dir, const std::string& name, const std::string& text) {
  const fs::path file = dir / name;
  std::ofstream(file, std::ios::binary) << text;
  return file;
}

const geneft::PluginRegistry& Registry() {
  const geneft::PluginRegistry& registry = geneft::testing::BuiltinPlugins();
  REQUIRE(registry.Find(geneft::PluginKind::kRelation, "graph") != nullptr);
  return registry;
}

// `extra` is more TOML ("closure = \"transitive\"").
std::unique_ptr<geneft::Relation> Load(const fs::path& file, const std::string& extra = "") {
  std::string err;
  auto relation =
      Registry().CreateRelation("graph", "file = '" + file.string() + "'\n" + extra, &err);
  INFO(file.string() << ": " << err);
  REQUIRE(relation != nullptr);
  return relation;
}

// The message loading `file` gives; fails the test if it loads.
std::string LoadError(const fs::path& file, const std::string& extra = "") {
  std::string err;
  auto relation =
      Registry().CreateRelation("graph", "file = '" + file.string() + "'\n" + extra, &err);
  CHECK(relation == nullptr);
  return err;
}

// The relation as a set of named pairs, independent of element order.
std::set<std::pair<std::string, std::string>> NamedPairs(const geneft::Relation& r) {
  std::set<std::pair<std::string, std::string>> pairs;
  const auto& names = r.element_names();
  for (uint32_t i = 0; i < r.n(); ++i)
    for (uint32_t j = 0; j < r.n(); ++j)
      if (r.labels()[size_t{i} * r.n() + j]) pairs.emplace(names[i], names[j]);
  return pairs;
}

double Log2Factorial(int m) {
  double sum = 0;
  for (int i = 2; i <= m; ++i) sum += std::log2(static_cast<double>(i));
  return sum;
}

}  // namespace

TEST_CASE("graph: the same graph in all four formats gives the same matrix", "[graph]") {
  const fs::path dir = TempDir("formats");
  // a -> b -> c -> a (a cycle), a -> d, a self-loop at d, e isolated.
  const std::set<std::pair<std::string, std::string>> expected = {
      {"a", "b"}, {"b", "c"}, {"c", "a"}, {"a", "d"}, {"d", "d"}};
  const fs::path edges = Write(dir, "g.edges",
                               "# five nodes\n"
                               "nodes: a b c d e\n"
                               "\n"
                               "a b\n"
                               "b,c   # a comment\n"
                               "c\ta 1\n"
                               "a d\n"
                               "d d\n");
  const fs::path csv = Write(dir, "g.csv", "a,b\r\nb,c\r\nc,a\r\na,d\r\nd,d\r\ne\r\n");
  const fs::path dot = Write(dir, "g.dot",
                             "digraph g {\n  a; b; c; d; e;\n  a -> b -> c;\n  c -> a\n"
                             "  a -> d; d -> d [label=\"loop\"]\n}\n");
  const fs::path graphml = Write(
      dir, "g.graphml",
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n"
      "  <key id=\"w\" for=\"edge\" attr.name=\"weight\" attr.type=\"double\"/>\n"
      "  <graph id=\"G\" edgedefault=\"directed\">\n"
      "    <!-- <node id=\"commented_out\"/> -->\n"
      "    <node id=\"a\"/><node id=\"b\"/>\n"
      "    <node id='c'/>\n"
      "    <node id=\"d\"/>\n"
      "    <node id=\"e\"/>\n"
      "    <edge source=\"a\" target=\"b\"><data key=\"w\">2.5</data></edge>\n"
      "    <edge source=\"b\" target=\"c\"/>\n"
      "    <edge source=\"c\" target=\"a\"/>\n"
      "    <edge source=\"a\" target=\"d\"/>\n"
      "    <edge source=\"d\" target=\"d\"/>\n"
      "  </graph>\n"
      "</graphml>\n");
  const fs::path matrix = Write(dir, "g.matrix",
                                "nodes: a b c d e\n"
                                "0 1 0 1 0\n"
                                "0,0,1,0,0\n"
                                "1 0 0 0 0   # c -> a\n"
                                "0 0 0 1 0\n"
                                "\n"
                                "0 0 0 0 0\n");
  for (const fs::path& file : {edges, csv, dot, graphml, matrix}) {
    INFO(file.filename().string());
    auto r = Load(file);
    CHECK(r->n() == 5);
    CHECK(NamedPairs(*r) == expected);
    const auto& names = r->element_names();
    CHECK(std::set<std::string>(names.begin(), names.end()) ==
          std::set<std::string>{"a", "b", "c", "d", "e"});
    CHECK(r->info().guess_probability == Approx(5.0 / 25.0));
  }
  // Element order follows the file where the format keeps it.
  CHECK(Load(edges)->element_names() == std::vector<std::string>{"a", "b", "c", "d", "e"});
  CHECK(Load(graphml)->element_names() == std::vector<std::string>{"a", "b", "c", "d", "e"});

  // DOT: Boost's reader creates the nodes sorted by id.
  CHECK(Load(Write(dir, "order.dot", "digraph { z -> a; m }\n"))->element_names() ==
        std::vector<std::string>{"a", "m", "z"});

  // An explicit format overrides the extension.
  const fs::path as_text = Write(dir, "g.txt", "digraph { x -> y }\n");
  CHECK(NamedPairs(*Load(as_text, "format = \"dot\"")) ==
        std::set<std::pair<std::string, std::string>>{{"x", "y"}});
}

TEST_CASE("graph: undirected files and directed = false give symmetric relations", "[graph]") {
  const fs::path dir = TempDir("undirected");
  const std::set<std::pair<std::string, std::string>> path_graph = {
      {"a", "b"}, {"b", "a"}, {"b", "c"}, {"c", "b"}};
  const fs::path dot = Write(dir, "u.gv", "graph { a -- b -- c }\n");
  const fs::path graphml = Write(dir, "u.graphml",
                                 "<graphml><graph edgedefault=\"undirected\">"
                                 "<node id=\"a\"/><node id=\"b\"/><node id=\"c\"/>"
                                 "<edge source=\"a\" target=\"b\"/><edge source=\"c\" target=\"b\"/>"
                                 "</graph></graphml>\n");
  const fs::path edges = Write(dir, "u.edges", "a b\nc b\n");
  CHECK(NamedPairs(*Load(dot)) == path_graph);
  CHECK(NamedPairs(*Load(graphml)) == path_graph);
  CHECK(NamedPairs(*Load(edges, "directed = false")) == path_graph);
  CHECK(NamedPairs(*Load(edges)) == std::set<std::pair<std::string, std::string>>{{"a", "b"}, {"c", "b"}});
  for (const fs::path& file : {dot, graphml}) CHECK((Load(file)->info().properties & kSym) != 0);
}

TEST_CASE("graph: integer edge lists are indices, names otherwise", "[graph]") {
  const fs::path dir = TempDir("indices");
  const fs::path ints = Write(dir, "i.edges", "2 0\n0 1\n");
  auto r = Load(ints);
  CHECK(r->n() == 3);
  CHECK(r->element_names() == std::vector<std::string>{"0", "1", "2"});
  CHECK(r->labels() == std::vector<int32_t>{0, 1, 0, 0, 0, 0, 1, 0, 0});
  // n adds isolated elements.
  CHECK(Load(ints, "n = 5")->n() == 5);
  // A file of names only: names in order of first appearance.
  CHECK(Load(Write(dir, "n.edges", "b a\na c\n"))->element_names() ==
        std::vector<std::string>{"b", "a", "c"});
  // Indices and names mixed: one stray token must not renumber every node.
  const fs::path mixed = Write(dir, "m.edges", "2 0\n0 1\n1 x\n");
  const std::string err = LoadError(mixed);
  CHECK_THAT(err, Catch::Contains(mixed.string() + ":3: node 'x' is not an integer index"));
  CHECK_THAT(err, Catch::Contains("node_ids = \"names\""));
  // Asked for, every field is a name.
  CHECK(Load(mixed, "node_ids = \"names\"")->element_names() ==
        std::vector<std::string>{"2", "0", "1", "x"});
  CHECK_THAT(LoadError(Write(dir, "s.edges", "a b\n"), "node_ids = \"indices\""),
             Catch::Contains("s.edges:1: unknown node 'a'"));
  CHECK_THAT(LoadError(ints, "node_ids = \"names\"\nn = 3"),
             Catch::Contains("n = 3 makes the nodes indices"));
  CHECK_THAT(LoadError(ints, "node_ids = \"name\""), Catch::Contains("node_ids = \"name\""));
}

TEST_CASE("graph: a header row of column names is not an edge", "[graph]") {
  const fs::path dir = TempDir("header");
  const std::set<std::pair<std::string, std::string>> chain = {{"a", "b"}, {"b", "c"}};
  auto named = Load(Write(dir, "named.csv", "source,target\na,b\nb,c\n"));
  CHECK(named->n() == 3);
  CHECK(NamedPairs(*named) == chain);
  CHECK(NamedPairs(*Load(Write(dir, "from.tsv", "# exported\nFrom\tTo\tlabel\na\tb\t1\nb\tc\t1\n"))) ==
        chain);
  // Any names above a file of indices are a header too.
  auto indices = Load(Write(dir, "indices.csv", "u,v\n0,1\n1,2\n"));
  CHECK(indices->element_names() == std::vector<std::string>{"0", "1", "2"});
  // Names that are used as nodes further down are not a header.
  CHECK(Load(Write(dir, "nodes.csv", "from,to\nto,x\n"))->n() == 3);

  const fs::path only = Write(dir, "only.csv", "source,target\n");
  const std::string err = LoadError(only);
  CHECK_THAT(err, Catch::Contains(only.string() + ":1: empty graph: the file has only a header row"));
}

TEST_CASE("graph: a 0/1 matrix read as an edge list is refused with a hint", "[graph]") {
  const fs::path dir = TempDir("matrix_hint");
  const fs::path file = Write(dir, "m.csv", "0,1,0,0\n0,0,1,0\n0,0,0,1\n1,0,0,0\n");
  const std::string err = LoadError(file);
  CHECK_THAT(err, Catch::Contains(file.string() + ":1: 4 fields"));
  CHECK_THAT(err, Catch::Contains("looks like a 0/1 matrix: set format = \"matrix\""));
  CHECK(Load(file, "format = \"matrix\"")->n() == 4);
  // Other long lines get no such hint.
  CHECK_THAT(LoadError(Write(dir, "w.csv", "a,b,c,d\n")), !Catch::Contains("format = \"matrix\""));
}

TEST_CASE("graph: NUL bytes, broken GraphML nesting and hyperedges are refused", "[graph]") {
  const fs::path dir = TempDir("strict");
  using namespace std::string_literals;
  struct Case {
    const char* name;
    std::string text;
    const char* where;
    const char* reason;
  };
  const Case cases[] = {
      {"nul.edges", "a b\nc\0d e\n"s, ":2:", "NUL byte"},
      {"nul.matrix", "0 1\n1 0\0\n"s, ":2:", "NUL byte"},
      {"nul.dot", "digraph {\n a -> b\0c\n}\n"s, ":2:", "NUL byte"},
      {"mismatch.graphml",
       "<graphml>\n<graph edgedefault=\"directed\">\n<node id=\"a\"></edge>\n<node id=\"b\"/>\n"
       "<edge source=\"a\" target=\"b\"/>\n</graph>\n</graphml>\n",
       ":3:", "</edge> does not close <node> (line 3)"},
      {"unclosed.graphml",
       "<graphml>\n<graph edgedefault=\"directed\">\n<node id=\"a\"/>\n<node id=\"b\"/>\n"
       "<edge source=\"a\" target=\"b\"/>\n</graphml>\n",
       ":6:", "</graphml> does not close <graph> (line 2)"},
      {"open.graphml",
       "<graphml>\n<graph edgedefault=\"directed\">\n<node id=\"a\"/>\n<node id=\"b\"/>\n"
       "<edge source=\"a\" target=\"b\"/>\n</graph>\n",
       ":6:", "<graphml> (line 1) is never closed"},
      {"hyper.graphml",
       "<graphml>\n<graph edgedefault=\"directed\">\n<node id=\"a\"/>\n<node id=\"b\"/>\n"
       "<edge source=\"a\" target=\"b\"/>\n"
       "<hyperedge><endpoint node=\"a\"/><endpoint node=\"b\"/></hyperedge>\n</graph>\n</graphml>\n",
       ":6:", "<hyperedge>: hyperedges are not supported"},
  };
  for (const Case& c : cases) {
    INFO(c.name);
    const fs::path file = Write(dir, c.name, c.text);
    const std::string err = LoadError(file);
    CHECK_THAT(err, Catch::Contains(file.string() + c.where));
    CHECK_THAT(err, Catch::Contains(c.reason));
  }
}

TEST_CASE("graph: a graph too large for memory is refused before its matrix exists", "[graph]") {
  const fs::path dir = TempDir("too_large");
  // 30,000 nodes: 9e8 pairs, about 4.7 GB of labels, refused at once.
  const fs::path huge = Write(dir, "huge.edges", "0 29999\n");
  const std::string err = LoadError(huge);
  CHECK_THAT(err, Catch::Contains(huge.string() + ": 30000 nodes need"));
  CHECK_THAT(err, Catch::Contains("GB for the 30000 x 30000 pair labels"));
  CHECK_THAT(err, Catch::Contains("memory_limit_gb = 4"));
  // The limit is a parameter: 2,000 nodes (4e6 pairs, about 21 MB) pass the
  // default and are refused under 0.01 GB.
  const fs::path mid = Write(dir, "mid.edges", "0 1999\n");
  CHECK(Load(mid, "automorphisms = false")->n() == 2000);
  CHECK_THAT(LoadError(mid, "memory_limit_gb = 0.01"),
             Catch::Contains("2000 nodes need 0.021 GB"));
}

TEST_CASE("graph: properties of a rooted tree, with and without closure", "[graph]") {
  const fs::path dir = TempDir("tree");
  // A rooted tree, edges child -> parent: r has children a, b; a has c, d.
  const fs::path tree = Write(dir, "t.edges", "nodes: r a b c d\na r\nb r\nc a\nd a\n");
  auto plain = Load(tree);
  CHECK(plain->info().properties == (kIrrefl | kAntisym));
  // |Aut| = 2 (swap c, d): b = log2(5! / 2).
  CHECK(plain->info().description_bits == Approx(Log2Factorial(5) - 1));

  auto order = Load(tree, "closure = \"transitive\"");
  CHECK(order->info().properties == (kIrrefl | kTrans | kAntisym));
  CHECK(NamedPairs(*order).count({"c", "r"}) == 1);
  CHECK(NamedPairs(*order).size() == 6);
  CHECK(order->info().guess_probability == Approx(6.0 / 25.0));

  auto reflexive = Load(tree, "closure = \"reflexive_transitive\"");
  CHECK(reflexive->info().properties == (kRefl | kTrans | kAntisym));

  // The shape check behind the plugin's log line.
  geneft::graph::Matrix m{3, {0, 0, 0, 1, 0, 0, 1, 0, 0}};  // 1 -> 0, 2 -> 0
  geneft::graph::ForestShape shape = geneft::graph::DetectForest(m);
  CHECK(shape.up_forest);
  CHECK_FALSE(shape.down_forest);
  CHECK(shape.tree());
  CHECK(shape.Describe() == "rooted tree (edges child -> parent)");
  m = {3, {0, 1, 1, 0, 0, 0, 0, 0, 0}};  // 0 -> 1, 0 -> 2: a tree pointing down
  CHECK(geneft::graph::DetectForest(m).Describe() == "rooted tree (edges parent -> child)");
  m = {4, {0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0}};  // 0 -> 1, 2 -> 3
  CHECK(geneft::graph::DetectForest(m).Describe() == "rooted forest of 2 trees of paths (edges either way)");
  m = {3, {0, 1, 0, 0, 0, 1, 1, 0, 0}};  // a 3-cycle
  CHECK(geneft::graph::DetectForest(m).Describe() == "not a forest");
  m = {2, {1, 0, 0, 0}};  // a self-loop
  CHECK_FALSE(geneft::graph::DetectForest(m).tree());
  m = {3, {0, 0, 1, 0, 0, 1, 0, 0, 0}};  // 0 -> 2, 1 -> 2
  CHECK(geneft::graph::DetectForest(m).tree());
}

TEST_CASE("graph: a chain closes to a total order", "[graph]") {
  const fs::path dir = TempDir("chain");
  const fs::path chain = Write(dir, "c.edges", "a b\nb c\nc d\nd e\n");
  auto r = Load(chain, "closure = \"transitive\"");
  CHECK(r->info().properties == (kIrrefl | kTrans | kAntisym | kTotal));
  CHECK(r->info().guess_probability == Approx(1.0 / 3.0));
  CHECK(r->info().description_bits == Approx(Log2Factorial(5)));  // rigid: |Aut| = 1
  CHECK(geneft::DetectProperties(r->n(), r->labels()) == r->info().properties);
  // Without closure the chain is only irreflexive and antisymmetric.
  CHECK(Load(chain)->info().properties == (kIrrefl | kAntisym));
}

TEST_CASE("graph: complete bipartite and equivalence relations", "[graph]") {
  const fs::path dir = TempDir("bipartite");
  // K_{2,3} as an undirected DOT graph.
  auto k23 = Load(Write(dir, "k23.dot",
                        "graph { x1 -- y1; x1 -- y2; x1 -- y3; x2 -- y1; x2 -- y2; x2 -- y3 }\n"));
  CHECK(k23->info().properties == (kSym | kIrrefl | kBipartite));
  CHECK(k23->info().guess_probability == Approx(0.5));
  CHECK(k23->info().description_bits == Approx(std::log2(10.0)));  // 5! / (2! 3!)

  // Two classes {0,1,2} and {3,4} as a matrix.
  auto equivalence = Load(Write(dir, "eq.mat",
                                "1 1 1 0 0\n1 1 1 0 0\n1 1 1 0 0\n0 0 0 1 1\n0 0 0 1 1\n"));
  CHECK(equivalence->info().properties == (kSym | kRefl | kTrans | kEquiv));
  CHECK(equivalence->info().guess_probability == Approx(0.5));
  CHECK(equivalence->info().description_bits == Approx(std::log2(10.0)));

  // The same from undirected edges inside the classes + reflexive-transitive closure.
  auto closed = Load(Write(dir, "eq.edges", "a b\nb c\nd e\n"),
                     "directed = false\nclosure = \"reflexive_transitive\"");
  CHECK(closed->info().properties == (kSym | kRefl | kTrans | kEquiv));
  CHECK(NamedPairs(*closed).size() == 9 + 4);
}

TEST_CASE("graph: bad files name the file, the line and the reason", "[graph]") {
  const fs::path dir = TempDir("bad");
  struct Case {
    const char* name;
    const char* text;
    const char* extra;
    const char* where;   // "file:line" suffix expected in the message
    const char* reason;  // part of the reason
  };
  const Case cases[] = {
      {"unknown.edges", "nodes: a b c\na b\nb z\n", "", ":3:", "unknown node 'z'"},
      {"index.edges", "0 1\n1 2\n2 3\n", "n = 3", ":3:", "unknown node 3"},
      {"not_index.edges", "0 1\nx 2\n", "n = 3", ":2:", "unknown node 'x'"},
      {"late_nodes.edges", "a b\nnodes: a b\n", "", ":2:", "nodes: line after the first edge"},
      {"twice.edges", "nodes: a b\nnodes: c a\na b\n", "", ":2:",
       "node 'a' declared twice (first at line 1)"},
      {"fields.edges", "a b\na b c d\n", "", ":2:", "4 fields"},
      {"label.edges", "a b 2\n", "", ":1:", "label '2' must be 0 or 1"},
      {"conflict.edges", "a b\nb c\na b 0\n", "", ":3:",
       "contradiction: pair (a, b) is stated 0 but an edge of the file sets it to 1 (line 1)"},
      {"closure_conflict.edges", "a b\nb c\na c 0\n", "closure = \"transitive\"", ":3:",
       "contradiction: pair (a, c) is stated 0 but the closure sets it to 1"},
      {"empty.edges", "# nothing here\n\n", "", ":2:", "empty graph"},
      {"no_edges.edges", "nodes: a b\na\n", "", ":2:", "empty graph: the file has no edges"},
      {"ragged.matrix", "0 1 0\n1 0\n0 0 0\n", "", ":2:", "row 2 has 2 entries, row 1 has 3"},
      {"tall.matrix", "0 1\n1 0\n1 1\n", "", ":3:", "not square"},
      {"wide.matrix", "0 1 1\n1 0 1\n", "", ":2:", "not square"},
      {"entry.matrix", "# c\n0 1\n2 0\n", "", ":3:", "entry '2' is not 0 or 1"},
      {"names.matrix", "nodes: a b c\n0 1\n1 0\n", "", ":1:", "declare 3 names for a 2 x 2"},
      {"zeros.matrix", "0 0\n0 0\n", "", ":2:", "empty graph: the file has no edges"},
      {"unknown.graphml",
       "<graphml>\n<graph edgedefault=\"directed\">\n<node id=\"a\"/>\n"
       "<edge source=\"a\" target=\"q\"/>\n</graph>\n</graphml>\n",
       "", ":4:", "unknown node 'q'"},
      {"twice.graphml",
       "<graphml>\n<graph edgedefault=\"directed\">\n<node id=\"a\"/>\n<node id=\"a\"/>\n"
       "</graph>\n</graphml>\n",
       "", ":4:", "node 'a' declared twice (first at line 3)"},
      {"broken.graphml", "<graphml>\n<graph edgedefault=\"directed\">\n<node id=\"a\">\n</graphml>\n",
       "", "broken.graphml", "invalid GraphML"},
      {"broken.dot", "digraph { a -> ; }\n", "", "broken.dot", "invalid DOT"},
      {"empty.dot", "digraph { }\n", "", ":1:", "empty graph"},
  };
  for (const Case& c : cases) {
    INFO(c.name);
    const fs::path file = Write(dir, c.name, c.text);
    const std::string err = LoadError(file, c.extra);
    CHECK_THAT(err, Catch::Contains(file.string() + (c.where[0] == ':' ? c.where : "")));
    CHECK_THAT(err, Catch::Contains(c.where));
    CHECK_THAT(err, Catch::Contains(c.reason));
  }
  CHECK_THAT(LoadError(dir / "missing.edges"), Catch::Contains("unable to open graph file"));
  CHECK_THAT(LoadError(Write(dir, "g.xyz", "a b\n")), Catch::Contains("does not know the extension"));
  CHECK_THAT(LoadError(Write(dir, "ok.edges", "a b\n"), "closure = \"full\""),
             Catch::EndsWith("unknown closure 'full' (valid closures: none, transitive, "
                             "reflexive_transitive)"));
  CHECK_THAT(LoadError(dir / "ok.edges", "closure = \"transitve\""),
             Catch::EndsWith("unknown closure 'transitve', did you mean 'transitive'?"));
  CHECK_THAT(LoadError(dir / "ok.edges", "format = \"graphm\""),
             Catch::EndsWith("unknown format 'graphm', did you mean 'graphml'?"));
}

TEST_CASE("graph: GENEFT_MAX_ELEMENTS nodes are read, one more is refused naming the limit",
          "[graph]") {
  using geneft::graph::ReadEdgeList;
  const auto kAuto = geneft::graph::NodeIds::kAuto;
  const std::string limit = std::to_string(GENEFT_MAX_ELEMENTS);
  // Integer nodes: the largest index sets the node count.
  const std::string last = std::to_string(GENEFT_MAX_ELEMENTS - 1);
  CHECK(ReadEdgeList("max.edges", "0 " + last + "\n", 0, kAuto).names.size() == GENEFT_MAX_ELEMENTS);
  CHECK_THROWS_WITH(ReadEdgeList("over.edges", "0 " + limit + "\n", 0, kAuto),
                    Catch::Contains("over.edges:1: node index " + limit + " exceeds the " + limit +
                                    " nodes a graph may have"));
  // Declared names: all of them, then one more.
  std::string declared = "nodes:";
  for (int i = 0; i < GENEFT_MAX_ELEMENTS; ++i) declared += " v" + std::to_string(i);
  CHECK(ReadEdgeList("names.edges", declared + "\nv0 v1\n", 0, kAuto).names.size() ==
        GENEFT_MAX_ELEMENTS);
  CHECK_THROWS_WITH(ReadEdgeList("names.edges", declared + " extra\nv0 v1\n", 0, kAuto),
                    Catch::Contains("names.edges:1: more than " + limit + " nodes declared"));
}

TEST_CASE("graph: a million-edge edge list loads", "[graph][large]") {
  const fs::path dir = TempDir("million");
  // 2,000 named nodes, 500 distinct successors each: 1,000,000 edges.
  const uint32_t n = 2000, per_node = 500;
  {
    std::ofstream out(dir / "big.edges", std::ios::binary);
    out << "# generated\n";
    for (uint32_t i = 0; i < n; ++i)
      for (uint32_t k = 1; k <= per_node; ++k)
        out << "v" << i << ' ' << "v" << (i + 7 * k) % n << '\n';
  }
  const auto start = std::chrono::steady_clock::now();
  const geneft::graph::ParsedGraph parsed =
      geneft::graph::ReadGraphFile((dir / "big.edges").string(), geneft::graph::ReadOptions{});
  const double read_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  CHECK(parsed.names.size() == n);
  CHECK(parsed.edges.size() == size_t{n} * per_node);
  WARN("read 1e6 edges in " << read_s << " s");
  CHECK(read_s < 5.0);

  // Through the plugin (property detection included; nauty skipped).
  auto r = Load(dir / "big.edges", "automorphisms = false");
  CHECK(r->n() == n);
  size_t ones = 0;
  for (int32_t label : r->labels()) ones += label;
  CHECK(ones == size_t{n} * per_node);
  CHECK(r->info().guess_probability == Approx(0.25));
  CHECK(std::isnan(r->info().description_bits));
}

namespace {

// log2 |Aut| of a rooted tree given by parent links, independently of nauty:
// children with the same canonical form (AHU encoding) can be permuted.
double Log2TreeAutomorphisms(const std::vector<int>& parent) {
  const int n = static_cast<int>(parent.size());
  std::vector<std::vector<int>> children(n);
  int root = -1;
  for (int v = 0; v < n; ++v) {
    if (parent[v] < 0)
      root = v;
    else
      children[parent[v]].push_back(v);
  }
  double log2_aut = 0;
  std::vector<std::string> code(n);
  std::function<void(int)> encode = [&](int v) {
    std::vector<std::string> parts;
    for (int c : children[v]) {
      encode(c);
      parts.push_back(code[c]);
    }
    std::sort(parts.begin(), parts.end());
    for (size_t i = 0; i < parts.size();) {
      size_t j = i;
      while (j < parts.size() && parts[j] == parts[i]) ++j;
      log2_aut += Log2Factorial(static_cast<int>(j - i));
      i = j;
    }
    code[v] = "(";
    for (const std::string& p : parts) code[v] += p;
    code[v] += ")";
  };
  REQUIRE(root >= 0);
  encode(root);
  return log2_aut;
}

}  // namespace

TEST_CASE("graph: the WordNet canine hierarchy in share/data", "[graph][wordnet]") {
  const fs::path file = fs::path(GENEFT_SOURCE_DIR) / "share" / "data" / "wordnet-canine.edges";
  auto tree = Load(file);
  const uint32_t n = tree->n();
  CHECK(n == 224);
  CHECK(tree->element_names().front() == "canine");
  // A rooted tree, edges child -> parent: every element but the root has one parent.
  std::vector<int> parent(n, -1);
  int roots = 0;
  for (uint32_t i = 0; i < n; ++i) {
    int count = 0;
    for (uint32_t j = 0; j < n; ++j)
      if (tree->labels()[size_t{i} * n + j]) parent[i] = static_cast<int>(j), ++count;
    CHECK(count <= 1);
    roots += count == 0;
  }
  CHECK(roots == 1);

  auto order = Load(file, "closure = \"transitive\"");
  CHECK(order->info().properties == (kIrrefl | kTrans | kAntisym));
  // Related pairs = sum of the depths.
  size_t depth_sum = 0;
  for (uint32_t v = 0; v < n; ++v)
    for (int p = parent[v]; p >= 0; p = parent[p]) ++depth_sum;
  size_t ones = 0;
  for (int32_t label : order->labels()) ones += label;
  CHECK(ones == depth_sum);
  // The closure keeps the tree's automorphisms: b = log2(n!) - log2 |Aut(tree)|.
  const double b = order->info().description_bits;
  CHECK(b == Approx(Log2Factorial(static_cast<int>(n)) - Log2TreeAutomorphisms(parent)));
  const double p_star = order->info().guess_probability;
  CHECK(p_star == Approx(static_cast<double>(ones) / (double(n) * n)));
  // Eq. 4 (alpha = 0.9) and Eq. 5 at half the pairs, for the study's header.
  const double pairs = double(n) * n;
  const double p_c = std::log2(1 - 0.9) / std::log2(1 - 1 / b) / pairs;
  const double f_half = 1 - std::pow(1 - 1 / b, 0.5 * pairs);
  WARN("wordnet canine: n = " << n << ", related pairs " << ones << ", b = " << b
       << " bits, p* = " << p_star << ", p_c(0.9) = " << p_c << ", f_UB(0.5) = "
       << f_half + std::max(p_star, 1 - p_star) * (1 - f_half));
}

TEST_CASE("graph: a relative file is found beside the study, whatever the working directory",
          "[graph]") {
  const fs::path dir = TempDir("relative");
  Write(dir, "chain.edges", "a b\nb c\n");
  Write(dir, "study.toml", "[relation]\nplugin = \"graph\"\nfile = \"chain.edges\"\n"
                           "closure = \"transitive\"\n[[analyzer]]\nplugin = \"info_bound\"\n");
  // The test runs elsewhere; the study names its graph relative to itself.
  REQUIRE(fs::current_path() != dir);
  const auto theory = geneft::testing::RunGeneft("theory " + (dir / "study.toml").string());
  INFO(theory.output);
  CHECK(theory.exit_code == 0);
  CHECK_THAT(theory.output, Catch::Contains("info_bound.b"));
  // --verbose shows what the plugin found: the file's graph is a chain,
  // a rooted tree.
  const auto verbose = geneft::testing::RunGeneft("check -v " + (dir / "study.toml").string());
  CHECK_THAT(verbose.output, Catch::Contains("plugin info: graph"));
  CHECK_THAT(verbose.output, Catch::Contains("rooted tree"));
  // A graph that is no forest reads as such.
  Write(dir, "cycle.edges", "a b\nb a\n");
  Write(dir, "cycle.toml", "[relation]\nplugin = \"graph\"\nfile = \"cycle.edges\"\n");
  const auto cycle = geneft::testing::RunGeneft("check -v " + (dir / "cycle.toml").string());
  CHECK_THAT(cycle.output, Catch::Contains("the file's graph: not a forest;"));

  Write(dir, "missing.toml", "[relation]\nplugin = \"graph\"\nfile = \"nowhere.edges\"\n");
  const auto missing = geneft::testing::RunGeneft("check " + (dir / "missing.toml").string());
  CHECK(missing.exit_code == 2);
  CHECK_THAT(missing.output, Catch::Contains((dir / "nowhere.edges").string()));
}
