// Benchmark: loading a million-edge graph through the `graph` relation
// plugin, as a study does (read, matrix, closure, property detection, nauty).
// Writes the files into a temporary folder: 1e6 edges among 2,000 named
// nodes, the same as integer indices, and a 1,500-node DOT file with 3e5
// edges. Prints wall times; no assertion on speed (target: a few seconds).
#include "plugin/plugin_instances.h"
#include "plugin/plugin_registry.h"
#include "util/text_file.h"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>

namespace fs = std::filesystem;

namespace {

double Seconds(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

// Node i -> (i + 7k) mod n for k = 1 .. per_node: distinct, no self-loops.
std::string EdgesText(int n, int per_node, bool named) {
  const std::string prefix = named ? "v" : "";
  std::string text = "# bench_graph_load: " + std::to_string(n) + " nodes, " +
                     std::to_string(n * per_node) + " edges\n";
  for (int i = 0; i < n; ++i)
    for (int k = 1; k <= per_node; ++k)
      text += prefix + std::to_string(i) + ' ' + prefix + std::to_string((i + 7 * k) % n) + '\n';
  return text;
}

std::string DotText(int n, int per_node) {
  std::string text = "digraph bench {\n";
  for (int i = 0; i < n; ++i)
    for (int k = 1; k <= per_node; ++k)
      text += "  v" + std::to_string(i) + " -> v" + std::to_string((i + 7 * k) % n) + ";\n";
  return text + "}\n";
}

void Time(const geneft::PluginRegistry& registry, const fs::path& file, const std::string& extra) {
  const auto start = std::chrono::steady_clock::now();
  std::string err;
  auto relation = registry.CreateRelation("graph", "file = '" + file.string() + "'\n" + extra, &err);
  const double seconds = Seconds(start);
  if (!relation) {
    std::printf("%-22s %-24s failed: %s\n", file.filename().c_str(), extra.c_str(), err.c_str());
    return;
  }
  size_t ones = 0;
  for (int32_t label : relation->labels()) ones += label;
  std::printf("%-22s %-24s n = %5u, %8zu related pairs, b = %10.1f bits: %6.2f s\n",
              file.filename().c_str(), extra.c_str(), relation->n(), ones,
              relation->info().description_bits, seconds);
}

}  // namespace

int main() {
  std::setvbuf(stdout, nullptr, _IOLBF, 0);
  geneft::PluginRegistry registry;
  std::string err;
  for (const fs::path& dir : geneft::PluginRegistry::DefaultSearchPath()) registry.LoadDirectory(dir, &err);
  if (registry.Find(geneft::PluginKind::kRelation, "graph") == nullptr) {
    std::fprintf(stderr, "bench_graph_load: the graph relation plugin is not built\n%s\n", err.c_str());
    return 1;
  }
  const fs::path dir = fs::temp_directory_path() / "geneft_bench_graph_load";
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) {
    std::fprintf(stderr, "bench_graph_load: cannot create %s: %s\n", dir.c_str(), ec.message().c_str());
    return 1;
  }
  const fs::path named = dir / "million_named.edges";
  const fs::path indices = dir / "million_indices.edges";
  const fs::path dot = dir / "large.dot";
  auto start = std::chrono::steady_clock::now();
  if (!geneft::WriteTextFile(named, EdgesText(2000, 500, true), &err) ||
      !geneft::WriteTextFile(indices, EdgesText(2000, 500, false), &err) ||
      !geneft::WriteTextFile(dot, DotText(1500, 200), &err)) {
    std::fprintf(stderr, "bench_graph_load: %s\n", err.c_str());
    return 1;
  }
  std::printf("wrote the files in %.2f s (%s)\n", Seconds(start), dir.c_str());

  Time(registry, named, "automorphisms = false");
  Time(registry, indices, "automorphisms = false");
  Time(registry, named, "");
  Time(registry, named, "closure = \"transitive\"");
  Time(registry, dot, "automorphisms = false");
  fs::remove_all(dir);
  return 0;
}
