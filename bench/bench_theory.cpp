// Benchmark: what `geneft theory` costs on every built-in relation, through
// the plugins as the command runs them. For each relation and n it prints
// the CPU seconds until b, p_c and Eq. 3-5 are out (the first results, written
// before the bound) and until the whole Monte Carlo bound curve is done
// (20 fractions x 10 training sets, the analyzer's defaults), with the
// analyzer's note on how many sets were exact and how the sampled ones mixed.
// No assertion on speed (targets: under 10 s wall to Eq. 3-5, under 120 s
// wall for the curve, on 2 cores).
//
//   build/bin/bench_theory [n ...]          default: 30 224 2000
//   build/bin/bench_theory --quick [n ...]  b, p_c and Eq. 3-5 only (fractions = 1, training_sets = 1)
//   build/bin/bench_theory --only TEXT ...  the relations whose label contains TEXT
//
// The graph relations are written as files into a temporary folder: a
// random rooted tree closed transitively (an is-a hierarchy, a partial
// order) and coprimality of 1 .. n (symmetric).
#include "analyze/analysis.h"
#include "plugin/plugin_instances.h"
#include "plugin/plugin_registry.h"

#include <chrono>
#include <ctime>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <numeric>
#include <random>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

// CPU seconds of this process, all threads: on a shared machine wall time
// overstates the work.
double CpuSeconds() { return double(std::clock()) / CLOCKS_PER_SEC; }

double WallSeconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

// Node i's parent is a uniform node below i: edges child -> parent.
fs::path WriteTree(const fs::path& dir, int n) {
  const fs::path file = dir / ("tree-" + std::to_string(n) + ".edges");
  std::ofstream out(file);
  std::mt19937_64 rng(n);
  for (int i = 1; i < n; ++i) out << i << ' ' << std::uniform_int_distribution<int>(0, i - 1)(rng) << '\n';
  return file;
}

// Elements 1 .. n written as indices 0 .. n-1, an edge where gcd = 1.
fs::path WriteCoprime(const fs::path& dir, int n) {
  const fs::path file = dir / ("coprime-" + std::to_string(n) + ".edges");
  std::ofstream out(file);
  for (int a = 1; a <= n; ++a)
    for (int b = a; b <= n; ++b)
      if (std::gcd(a, b) == 1) out << a - 1 << ' ' << b - 1 << '\n';
  return file;
}

struct Case {
  std::string label, plugin, params;
};

std::vector<Case> Cases(int n, const fs::path& dir) {
  const std::string size = "n = " + std::to_string(n) + "\n";
  return {{"mod_k k = 3", "mod_k", size + "k = 3"},
          {"mod_k k = 10", "mod_k", size + "k = 10"},
          {"mod_k k = n", "mod_k", size + "k = " + std::to_string(n)},
          {"greater_than", "greater_than", size},
          {"bipartite n/2", "bipartite", size + "size = " + std::to_string(n / 2)},
          {"addition p = n", "addition", "p = " + std::to_string(n)},
          {"graph: is-a tree", "graph",
           "file = '" + WriteTree(dir, n).string() + "'\nclosure = 'transitive'\n" + size},
          {"graph: coprime", "graph",
           "file = '" + WriteCoprime(dir, n).string() + "'\ndirected = false\n" + size}};
}

void Time(const geneft::PluginRegistry& registry, const Case& c, const std::string& analyzer_params) {
  std::string err;
  const double start = CpuSeconds(), wall_start = WallSeconds();
  auto relation = registry.CreateRelation(c.plugin, c.params, &err);
  if (!relation) {
    std::printf("  %-18s failed: %s\n", c.label.c_str(), err.c_str());
    return;
  }
  const double loaded = CpuSeconds() - start;
  auto analyzer = registry.CreateAnalyzer("info_bound", analyzer_params, &err);
  if (!analyzer) {
    std::printf("  %-18s info_bound: %s\n", c.label.c_str(), err.c_str());
    return;
  }
  const geneft_relation_view view{sizeof(geneft_relation_view), &relation->info(),
                                  relation->labels().data(), nullptr, nullptr};
  double formulas = NAN, formulas_wall = NAN;
  const geneft::ResultObserver observer = [&](const geneft::AnalysisResults& r) {
    if (std::isnan(formulas) && (r.Series("info_bound.f_ub_formula") || r.Text("info_bound.formulas"))) {
      formulas = CpuSeconds() - start;
      formulas_wall = WallSeconds() - wall_start;
    }
  };
  geneft::AnalysisResults results;
  const bool ok = geneft::AnalyzeRelation(*analyzer, view, &results, &err, observer);
  const double total = CpuSeconds() - start, total_wall = WallSeconds() - wall_start;
  const std::string* sampling = results.Text("info_bound.monte_carlo_sampling");
  std::string sets;
  if (const geneft::SeriesResult* used = results.Series("info_bound.monte_carlo_sets")) {
    double all = 0;
    for (double s : used->y) all += s;
    sets = ", " + std::to_string(int(all)) + " training sets";
  }
  std::printf("  %-18s load %6.2f, b + p_c + Eq. 3-5 %6.2f (wall %6.2f), bound curve %7.2f CPU s "
              "(wall %7.2f)%s, b = %.1f%s%s\n",
              c.label.c_str(), loaded, formulas, formulas_wall, total, total_wall, sets.c_str(),
              results.Scalar("info_bound.b"), ok ? "" : ("; failed: " + err).c_str(),
              sampling ? ("\n      " + *sampling).c_str() : "");
}

}  // namespace

int main(int argc, char** argv) {
  std::setvbuf(stdout, nullptr, _IOLBF, 0);
  bool quick = false;
  std::string only;
  std::vector<int> sizes;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--quick") == 0) quick = true;
    else if (std::strcmp(argv[i], "--only") == 0 && i + 1 < argc) only = argv[++i];
    else sizes.push_back(std::atoi(argv[i]));
  }
  if (sizes.empty()) sizes = {30, 224, 2000};
  geneft::PluginRegistry registry;
  std::string err;
  for (const fs::path& dir : geneft::PluginRegistry::DefaultSearchPath()) registry.LoadDirectory(dir, &err);
  if (registry.Find(geneft::PluginKind::kAnalyzer, "info_bound") == nullptr) {
    std::fprintf(stderr, "bench_theory: the info_bound analyzer is not built\n%s\n", err.c_str());
    return 1;
  }
  const fs::path dir = fs::temp_directory_path() / "geneft_bench_theory";
  fs::create_directories(dir);
  const std::string params = quick ? "fractions = 1\ntraining_sets = 1" : "";
  std::printf("geneft theory's work (info_bound, %s)\n",
              quick ? "b, p_c, Eq. 3-5 and one training set"
                    : "defaults: 20 fractions x 5 to 10 training sets, one thread per core");
  for (int n : sizes) {
    std::printf("n = %d\n", n);
    for (const Case& c : Cases(n, dir))
      if (c.label.find(only) != std::string::npos) Time(registry, c, params);
  }
  return 0;
}
