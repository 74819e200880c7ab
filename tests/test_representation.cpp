// The representation metrics (analyzers/representation): collapse ratio,
// monotonicity and RQI on synthetic embeddings whose answer is known, the
// structure detectors on label matrices, and the analyzer plugin on a run.
#include "representation.h"

#include "plugin/plugin_instances.h"
#include "plugin/plugin_registry.h"
#include "test_support.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <regex>
#include <cmath>
#include <map>
#include <numeric>
#include <random>
#include <string>
#include <vector>

namespace rep = geneft::representation;

namespace {

constexpr double kPi = 3.14159265358979323846;

rep::Embeddings Make(uint32_t n, uint32_t d) {
  rep::Embeddings e;
  e.n = n;
  e.d = d;
  e.values.assign(size_t{n} * d, 0.0);
  return e;
}

rep::Embeddings Random(uint32_t n, uint32_t d, uint32_t seed) {
  std::mt19937 rng(seed);
  std::normal_distribution<double> normal(0.0, 1.0);
  rep::Embeddings e = Make(n, d);
  for (double& v : e.values) v = normal(rng);
  return e;
}

// e_i = offset + i * v for a generic direction v in R^d.
rep::Embeddings Line(uint32_t n, uint32_t d, const std::vector<uint32_t>& position) {
  rep::Embeddings e = Make(n, d);
  for (uint32_t i = 0; i < n; ++i)
    for (uint32_t k = 0; k < d; ++k)
      e.values[size_t{i} * d + k] = 0.3 * (k + 1) + (1.0 - 0.4 * k) * position[i];
  return e;
}

std::vector<uint32_t> Identity(uint32_t n) {
  std::vector<uint32_t> v(n);
  for (uint32_t i = 0; i < n; ++i) v[i] = i;
  return v;
}

// Element i at angle 2 pi w i / n (+ phase), on a circle in the plane spanned
// by two generic directions of R^d, radius r, centre c.
rep::Embeddings Circle(uint32_t n, uint32_t d, uint32_t w, double phase) {
  rep::Embeddings e = Make(n, d);
  for (uint32_t i = 0; i < n; ++i) {
    const double t = 2 * kPi * w * i / n + phase;
    for (uint32_t k = 0; k < d; ++k) {
      const double u = k == 0 ? 1.0 : 0.2 * k, v = k == 1 ? 1.0 : -0.1 * k;
      e.values[size_t{i} * d + k] = 5.0 + 2.5 * (std::cos(t) * u + std::sin(t) * v);
    }
  }
  return e;
}

std::vector<int32_t> Labels(uint32_t n, int32_t (*f)(uint32_t, uint32_t, uint32_t)) {
  std::vector<int32_t> labels(size_t{n} * n);
  for (uint32_t i = 0; i < n; ++i)
    for (uint32_t j = 0; j < n; ++j) labels[size_t{i} * n + j] = f(i, j, n);
  return labels;
}

int32_t Mod3(uint32_t i, uint32_t j, uint32_t) { return i % 3 == j % 3; }
int32_t Greater(uint32_t i, uint32_t j, uint32_t) { return i > j; }
int32_t Sum(uint32_t i, uint32_t j, uint32_t) { return int32_t(i + j); }
int32_t SumMod(uint32_t i, uint32_t j, uint32_t n) { return int32_t((i + j) % n); }
int32_t Parity(uint32_t i, uint32_t j, uint32_t) { return int32_t((i + j) % 2); }

// Number of unordered pairs of distinct unordered pairs with equal key, by
// brute force over quadruples (independent of the library's grouping).
size_t CountParallelograms(uint32_t n, bool modular) {
  size_t count = 0;
  for (uint32_t a = 0; a < n; ++a)
    for (uint32_t b = a; b < n; ++b)
      for (uint32_t c = 0; c < n; ++c)
        for (uint32_t d = c; d < n; ++d) {
          if (std::make_pair(a, b) >= std::make_pair(c, d)) continue;
          const bool same = modular ? (a + b) % n == (c + d) % n : a + b == c + d;
          count += same;
        }
  return count;
}

}  // namespace

TEST_CASE("structure detection from labels", "[representation]") {
  const std::vector<uint32_t> classes = rep::EquivalenceClasses(12, Labels(12, Mod3));
  REQUIRE(classes.size() == 12);
  for (uint32_t i = 0; i < 12; ++i) CHECK(classes[i] == i % 3);
  CHECK(rep::EquivalenceClasses(12, Labels(12, Greater)).empty());
  CHECK(rep::EquivalenceClasses(6, Labels(6, Sum)).empty());

  const std::vector<double> ranks = rep::TotalOrderRanks(9, Labels(9, Greater));
  REQUIRE(ranks.size() == 9);
  for (uint32_t i = 0; i < 9; ++i) CHECK(ranks[i] == i);
  CHECK(rep::TotalOrderRanks(9, Labels(9, Mod3)).empty());
  // A 3-cycle is a tournament but not transitive.
  CHECK(rep::TotalOrderRanks(3, {0, 1, 0, 0, 0, 1, 1, 0, 0}).empty());

  CHECK(rep::DetectAdditive(10, Labels(10, Sum)) == rep::Additive::kLine);
  CHECK(rep::DetectAdditive(10, Labels(10, SumMod)) == rep::Additive::kCircle);
  CHECK(rep::DetectAdditive(7, Labels(7, SumMod)) == rep::Additive::kCircle);
  CHECK(rep::DetectAdditive(10, Labels(10, Parity)) == rep::Additive::kNone);  // not one-to-one
  CHECK(rep::DetectAdditive(10, Labels(10, Greater)) == rep::Additive::kNone);
  CHECK(rep::DetectAdditive(12, Labels(12, Mod3)) == rep::Additive::kNone);
}

TEST_CASE("collapse ratio: 0 for collapsed classes, about 1 for random", "[representation]") {
  const uint32_t n = 30, d = 2;
  std::vector<uint32_t> class_of(n);
  for (uint32_t i = 0; i < n; ++i) class_of[i] = i % 3;

  rep::Embeddings collapsed = Make(n, d);
  const double centres[3][2] = {{1, 0}, {-0.5, 2}, {3, -1}};
  for (uint32_t i = 0; i < n; ++i)
    for (uint32_t k = 0; k < d; ++k) collapsed.values[i * d + k] = centres[i % 3][k];
  rep::CollapseResult r;
  std::string err;
  REQUIRE(rep::Collapse(collapsed, class_of, &r, &err));
  CHECK(r.ratio == Approx(0.0).margin(1e-12));
  CHECK(r.classes == 3);
  // Mean centroid distance of the three centres, computed by hand.
  const double expected_between = (std::hypot(1.5, 2) + std::hypot(2, 1) + std::hypot(3.5, 3)) / 3;
  CHECK(r.between == Approx(expected_between));

  // Small noise around the centres: small ratio, growing with the noise.
  rep::Embeddings noisy = collapsed;
  const rep::Embeddings noise = Random(n, d, 5);
  for (size_t k = 0; k < noisy.values.size(); ++k) noisy.values[k] += 0.01 * noise.values[k];
  REQUIRE(rep::Collapse(noisy, class_of, &r, &err));
  CHECK(r.ratio > 0);
  CHECK(r.ratio < 0.02);

  for (uint32_t seed : {1u, 2u, 3u}) {
    REQUIRE(rep::Collapse(Random(n, d, seed), class_of, &r, &err));
    INFO("seed " << seed << ": ratio " << r.ratio);
    CHECK(r.ratio > 0.8);
  }

  // Undefined cases are errors, not numbers.
  CHECK_FALSE(rep::Collapse(collapsed, std::vector<uint32_t>(n, 0), &r, &err));
  CHECK_FALSE(rep::Collapse(Make(n, d), class_of, &r, &err));
  CHECK(err.find("centroids coincide") != std::string::npos);
}

TEST_CASE("principal axes and Spearman", "[representation]") {
  // Elongated cloud along (3, 4)/5, a +-0.5 pattern (+, -, -, +) across it:
  // zero mean and uncorrelated with the main axis, so the axes are exact.
  const uint32_t n = 48;
  rep::Embeddings e = Make(n, 2);
  std::vector<double> across(n);
  for (uint32_t i = 0; i < n; ++i) {
    const double along = i - 23.5;
    across[i] = (i % 4 == 0 || i % 4 == 3) ? 0.5 : -0.5;
    e.values[2 * i] = 7.0 + 0.6 * along - 0.8 * across[i];
    e.values[2 * i + 1] = -2.0 + 0.8 * along + 0.6 * across[i];
  }
  const auto scores = rep::PrincipalScores(e, 2);
  REQUIRE(scores.size() == 2);
  const double sign0 = scores[0][n - 1] > 0 ? 1 : -1, sign1 = scores[1][0] > 0 ? 1 : -1;
  for (uint32_t i = 0; i < n; ++i) {
    CHECK(sign0 * scores[0][i] == Approx(i - 23.5).margin(1e-9));
    CHECK(sign1 * scores[1][i] == Approx(across[i]).margin(1e-9));
  }
  CHECK(rep::PrincipalScores(e, 1).size() == 1);
  CHECK(rep::PrincipalScores(Make(5, 1), 2).size() == 1);  // at most d components
  CHECK(rep::Spearman({1, 2, 3, 4}, {10, 20, 30, 40}) == Approx(1.0));
  CHECK(rep::Spearman({1, 2, 3, 4}, {4, 3, 2, 1}) == Approx(-1.0));
  CHECK(rep::Spearman({1, 2, 3}, {5, 1, 5}) == Approx(0.0).margin(1e-12));  // ties
  CHECK(std::isnan(rep::Spearman({1, 1, 1}, {1, 2, 3})));
}

TEST_CASE("monotonicity: 1 on an ordered line, low when shuffled", "[representation]") {
  const uint32_t n = 30;
  std::vector<double> rank(n);
  for (uint32_t i = 0; i < n; ++i) rank[i] = i;
  for (uint32_t d : {1u, 2u, 5u}) {
    INFO("d = " << d);
    CHECK(rep::Monotonicity(Line(n, d, Identity(n)), rank) == Approx(1.0));
    // Reversed order is just as monotone (absolute value).
    std::vector<uint32_t> reversed(n);
    for (uint32_t i = 0; i < n; ++i) reversed[i] = n - 1 - i;
    CHECK(rep::Monotonicity(Line(n, d, reversed), rank) == Approx(1.0));
    // Positions shuffled: the line is there, the order is not.
    std::vector<double> m;
    for (uint32_t seed : {1u, 2u, 3u, 4u, 5u}) {
      std::vector<uint32_t> shuffled = Identity(n);
      std::shuffle(shuffled.begin(), shuffled.end(), std::mt19937(seed));
      m.push_back(rep::Monotonicity(Line(n, d, shuffled), rank));
    }
    double mean = 0;
    for (double v : m) mean += v / m.size();
    CHECK(mean < 0.4);
  }
  // A slightly noisy ordered line stays near 1.
  rep::Embeddings noisy = Line(n, 2, Identity(n));
  const rep::Embeddings noise = Random(n, 2, 4);
  for (size_t k = 0; k < noisy.values.size(); ++k) noisy.values[k] += 0.05 * noise.values[k];
  CHECK(rep::Monotonicity(noisy, rank) > 0.99);
  CHECK(std::isnan(rep::Monotonicity(Make(n, 2), rank)));
}

TEST_CASE("RQI on a line: 1 for e_i = a + i v, low for random", "[representation]") {
  rep::RqiOptions options;  // delta = 0.01
  rep::RqiResult r;
  std::string err;
  for (uint32_t n : {3u, 10u, 30u}) {
    INFO("n = " << n);
    for (uint32_t d : {1u, 2u, 4u}) {
      REQUIRE(rep::RqiLine(Line(n, d, Identity(n)), options, &r, &err));
      CHECK(r.parallelograms == CountParallelograms(n, false));
      CHECK(r.satisfied == r.parallelograms);
      CHECK(r.rqi == 1.0);
    }
  }
  // p = 10: 70 parallelograms (the grokking code's i < j <= m < n count).
  REQUIRE(rep::RqiLine(Line(10, 1, Identity(10)), options, &r, &err));
  CHECK(r.parallelograms == 70);

  for (uint32_t d : {1u, 2u}) {
    for (uint32_t seed : {1u, 2u, 3u}) {
      REQUIRE(rep::RqiLine(Random(10, d, seed), options, &r, &err));
      INFO("d = " << d << ", seed " << seed << ": RQI " << r.rqi);
      CHECK(r.rqi < 0.15);
    }
  }
  // A shuffled line is not a line in the element order.
  std::vector<uint32_t> shuffled = Identity(10);
  std::shuffle(shuffled.begin(), shuffled.end(), std::mt19937(7));
  REQUIRE(rep::RqiLine(Line(10, 2, shuffled), options, &r, &err));
  CHECK(r.rqi < 0.3);

  // Noise: delta decides. Perturbations of ~0.02 std pass at 0.01, fail at 1e-6.
  rep::Embeddings noisy = Line(10, 1, Identity(10));
  const rep::Embeddings noise = Random(10, 1, 11);
  for (size_t k = 0; k < noisy.values.size(); ++k) noisy.values[k] += 0.05 * noise.values[k];
  REQUIRE(rep::RqiLine(noisy, options, &r, &err));
  CHECK(r.rqi > 0.9);
  REQUIRE(rep::RqiLine(noisy, rep::RqiOptions{1e-6}, &r, &err));
  CHECK(r.rqi < 0.2);

  CHECK_FALSE(rep::RqiLine(Line(2, 1, Identity(2)), options, &r, &err));
}

TEST_CASE("RQI on a circle: 1 for modular addition on a circle", "[representation]") {
  rep::RqiOptions options;
  rep::RqiResult r;
  std::string err;
  for (uint32_t n : {5u, 10u, 13u}) {
    for (uint32_t w : {1u, 2u, 3u}) {
      if (std::gcd(w, n) != 1) continue;
      for (uint32_t d : {2u, 3u}) {
        INFO("n = " << n << ", w = " << w << ", d = " << d);
        REQUIRE(rep::RqiCircle(Circle(n, d, w, 0.7), options, &r, &err));
        CHECK(r.parallelograms == CountParallelograms(n, true));
        CHECK(r.rqi == 1.0);
      }
    }
  }
  // Reflection (w -> n - w) is still the same group.
  REQUIRE(rep::RqiCircle(Circle(10, 2, 9, 0.1), options, &r, &err));
  CHECK(r.rqi == 1.0);
  // The line metric misses the circle: vector sums of unit vectors differ.
  REQUIRE(rep::RqiLine(Circle(10, 2, 1, 0.7), options, &r, &err));
  CHECK(r.rqi < 0.8);
  // A line does not satisfy the wrap-around parallelograms.
  REQUIRE(rep::RqiCircle(Line(10, 2, Identity(10)), options, &r, &err));
  CHECK(r.rqi < 0.5);

  for (uint32_t seed : {1u, 2u, 3u}) {
    REQUIRE(rep::RqiCircle(Random(10, 2, seed), options, &r, &err));
    INFO("seed " << seed << ": RQI " << r.rqi);
    CHECK(r.rqi < 0.15);
  }
  // Points on the circle in a shuffled order: right shape, wrong arithmetic.
  rep::Embeddings shuffled = Circle(10, 2, 1, 0.0);
  std::vector<uint32_t> perm = Identity(10);
  std::shuffle(perm.begin(), perm.end(), std::mt19937(3));
  const rep::Embeddings base = shuffled;
  for (uint32_t i = 0; i < 10; ++i)
    for (uint32_t k = 0; k < 2; ++k) shuffled.values[i * 2 + k] = base.values[perm[i] * 2 + k];
  REQUIRE(rep::RqiCircle(shuffled, options, &r, &err));
  CHECK(r.rqi < 0.5);
}

TEST_CASE("the representation analyzer picks its metric from the relation", "[representation]") {
  const geneft::PluginRegistry& registry = geneft::testing::BuiltinPlugins();
  REQUIRE(registry.Find(geneft::PluginKind::kAnalyzer, "representation") != nullptr);
  std::string err;
  auto bad = registry.CreateAnalyzer("representation", "delta = -1", &err);
  CHECK(bad == nullptr);
  CHECK(err.find("delta") != std::string::npos);
  bad = registry.CreateAnalyzer("representation", "kind = \"rqi\"", &err);
  CHECK(bad == nullptr);
  CHECK_THAT(err, Catch::EndsWith("unknown kind 'rqi' (valid kinds: auto, collapse, "
                                  "monotonicity, rqi_line, rqi_circle)"));
  auto good = registry.CreateAnalyzer("representation", "", &err);
  INFO(err);
  CHECK(good != nullptr);
}

namespace {

// Runs a one-run study through the geneft binary and returns what the
// representation analyzer printed for it: result name -> value text.
std::map<std::string, std::string> AnalyzeStudy(const std::string& name,
                                                const std::string& relation_and_model) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::path(GENEFT_BINARY_DIR) / "tests" / "studies" / ("representation_" + name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::ofstream(dir / "study.toml")
      << "[study]\nname = \"" << name << "\"\n" << relation_and_model
      << "[train]\nsteps = 300\neval_every = 100\n"
         "[[analyzer]]\nplugin = \"representation\"\n";
  const auto r = geneft::testing::RunGeneft("run " + (dir / "study.toml").string() + " --out " +
                                            (dir / "store.db").string());
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
  std::map<std::string, std::string> results;
  static const std::regex line(R"(representation\.([a-z_]+)\s+(\S.*))");
  std::smatch m;
  for (auto it = r.output.cbegin(); std::regex_search(it, r.output.cend(), m, line);
       it = m.suffix().first)
    results[m[1]] = m[2];
  return results;
}

}  // namespace

TEST_CASE("the analyzer on runs: one metric per kind of relation", "[representation][cli]") {
  auto mod3 = AnalyzeStudy("mod3", "[relation]\nplugin = \"mod_k\"\nn = 12\nk = 3\n");
  CHECK(mod3["kind"] == "collapse");
  CHECK(mod3["classes"] == "3");
  CHECK(std::stod(mod3.at("collapse")) >= 0);

  auto greater = AnalyzeStudy("greater", "[relation]\nplugin = \"greater_than\"\nn = 12\n");
  CHECK(greater["kind"] == "monotonicity");
  CHECK(std::stod(greater.at("monotonicity")) >= 0);
  CHECK(std::stod(greater.at("monotonicity")) <= 1);

  auto sum = AnalyzeStudy("sum", "[relation]\nplugin = \"addition\"\np = 6\n");
  CHECK(sum["kind"] == "rqi_line");
  CHECK(sum["parallelograms"] == "13");  // sums 2..8 give 1+1+3+3+3+1+1
  CHECK(std::stod(sum.at("rqi")) >= 0);

  auto mod = AnalyzeStudy("summod", "[relation]\nplugin = \"addition\"\np = 7\nmodulus = true\n");
  CHECK(mod["kind"] == "rqi_circle");
  CHECK(std::stod(mod.at("rqi")) <= 1);

  auto bipartite = AnalyzeStudy("bipartite", "[relation]\nplugin = \"bipartite\"\nn = 12\nsize = 5\n");
  CHECK(bipartite["kind"] == "none");
  CHECK(bipartite.count("note") == 1);
}

TEST_CASE("the grokking toy study is valid", "[representation][cli]") {
  const auto r = geneft::testing::RunGeneft(
      "check " GENEFT_SOURCE_DIR "/share/studies/paper/grokking-toy-addition.toml");
  INFO(r.output);
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.output, Catch::Contains("relation.addition: modulus = false, p = 10"));
  CHECK_THAT(r.output, Catch::Contains("runs: 100"));
}
