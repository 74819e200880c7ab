// The info_bound analyzer through the host: loaded from the build's plugin
// folder, fed the built-in relations, writing b, Eq. 3-5 and the Monte Carlo
// bound before training, and the bound next to a run's own training set.
#include "analyze/analysis.h"
#include "eq_formulas.h"
#include "monte_carlo_bound.h"
#include "plugin/plugin_instances.h"
#include "plugin/plugin_registry.h"
#include "random.h"
#include <geneft/common/relation_matrix.h>
#include "training_sets.h"
#include "train/trainer.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <memory>
#include <numeric>
#include <string>

namespace statics = geneft::statics;
using geneft::AnalysisResults;
using geneft::PluginKind;
using geneft::PluginRegistry;

namespace {

const char* kAnalyzerParams = "fractions = 5\ntraining_sets = 3";

PluginRegistry& Registry() {
  static PluginRegistry registry = [] {
    PluginRegistry r;
    std::string err;
    r.LoadDirectory(GENEFT_BINARY_DIR "/lib/geneft/plugins", &err);
    return r;
  }();
  return registry;
}

struct Case {
  const char* relation;
  const char* params;
};

}  // namespace

TEST_CASE("info_bound: relation stage on the built-in relations") {
  REQUIRE(Registry().Find(PluginKind::kAnalyzer, "info_bound") != nullptr);
  std::string err;
  auto analyzer = Registry().CreateAnalyzer("info_bound", kAnalyzerParams, &err);
  REQUIRE(analyzer);
  for (const Case& c : {Case{"mod_k", "k = 3"}, Case{"mod_k", "k = 5"}, Case{"greater_than", ""},
                        Case{"bipartite", "size = 15"}}) {
    INFO(c.relation << " " << c.params);
    auto relation = Registry().CreateRelation(c.relation, c.params, &err);
    REQUIRE(relation);
    const geneft_relation_view view{sizeof(geneft_relation_view), &relation->info(),
                                    relation->labels().data(), nullptr, nullptr};
    AnalysisResults r;
    REQUIRE(geneft::AnalyzeRelation(*analyzer, view, &r, &err));
    // The declared closed form and the automorphism group agree.
    const double b = r.Scalar("info_bound.b");
    CHECK(b == Approx(r.Scalar("info_bound.b_exact")).epsilon(1e-9));
    CHECK(r.Text("info_bound.b_check") == nullptr);
    CHECK(std::isfinite(r.Scalar("info_bound.b_table")));
    const double n2 = double(relation->n()) * relation->n();
    CHECK(r.Scalar("info_bound.p_c") == Approx(statics::CriticalFraction(b, 0.9, n2)));
    CHECK(r.Scalar("info_bound.p_star") == Approx(relation->info().guess_probability));
    for (const char* name : {"info_bound.f_formula", "info_bound.f_ub_formula",
                             "info_bound.f_ub_monte_carlo", "info_bound.f_inferred_monte_carlo"}) {
      const geneft::SeriesResult* s = r.Series(name);
      REQUIRE(s != nullptr);
      REQUIRE(s->x.size() == 5);
      CHECK(s->x.front() == Approx(0.2));
      CHECK(s->x.back() == Approx(1.0));
      for (double y : s->y) CHECK((y >= 0 && y <= 1));
    }
    // Eq. 3 at each x counts the round(x n^2) pairs of a Monte Carlo training set.
    const geneft::SeriesResult* f = r.Series("info_bound.f_formula");
    for (size_t i = 0; i < f->x.size(); ++i)
      CHECK(f->y[i] == Approx(statics::InferableFraction(b, std::round(f->x[i] * n2))));
    const geneft::SeriesResult* mc = r.Series("info_bound.f_ub_monte_carlo");
    CHECK(mc->err.size() == 5);
    CHECK(mc->y.back() == Approx(1.0));  // the whole matrix known
    CHECK(r.Text("info_bound.monte_carlo") != nullptr);
  }
}

TEST_CASE("info_bound: run stage puts the bound beside the run") {
  std::string err;
  auto analyzer = Registry().CreateAnalyzer("info_bound", kAnalyzerParams, &err);
  REQUIRE(analyzer);
  for (const Case& c : {Case{"mod_k", "k = 3"}, Case{"greater_than", ""}}) {
    INFO(c.relation);
    auto relation = Registry().CreateRelation(c.relation, c.params, &err);
    REQUIRE(relation);
    const int n = static_cast<int>(relation->n());
    const geneft_relation_view relation_view{sizeof(geneft_relation_view), &relation->info(),
                                             relation->labels().data(), nullptr, nullptr};
    statics::Rng rng(31);
    const double fraction = 0.2;
    const statics::TrainingMask mask = statics::RandomTrainingMask(n, fraction, rng);
    geneft::ParamSet run_params;
    run_params.values["train.fraction"] = fraction;
    geneft_run_view run{};
    run.struct_size = sizeof(geneft_run_view);
    run.relation = &relation_view;
    run.train_mask = mask.data();
    run.run_params = &run_params;
    AnalysisResults r;
    REQUIRE(geneft::AnalyzeRun(*analyzer, run, &r, &err));

    const geneft_relation_info& info = relation->info();
    const double eq5 = statics::AccuracyUpperBound(
        statics::InferableFraction(info.description_bits, fraction * n * n),
        info.guess_probability);
    CHECK(r.Scalar("info_bound.bound") == Approx(eq5));
    // The Monte Carlo bound of this very training set: exact where the count
    // is cheap (then equal to the library's), else sampled (then within the
    // two samples' errors).
    const statics::BoundRelation bound_relation(
        statics::LabelMatrix::FromLabels(relation->labels().data(), n, 2), info.properties,
        statics::BoundMethod::kOrbit);
    const statics::TrainingSetBound direct =
        bound_relation.ForTrainingSet(mask, statics::BoundSettings{}, rng);
    const double mc = r.Scalar("info_bound.bound_monte_carlo");
    const double err_mc = r.Scalar("info_bound.bound_monte_carlo_err");
    if (r.Scalar("info_bound.bound_monte_carlo_exact") == 1) {
      REQUIRE(direct.exact);
      CHECK(mc == Approx(direct.bound).epsilon(1e-12));
      CHECK(err_mc == 0);
    } else {
      CHECK(err_mc > 0);
      CHECK(std::fabs(mc - direct.bound) < 5 * std::hypot(err_mc, direct.standard_error));
    }
    CHECK(r.Scalar("info_bound.bound_inferred") == Approx(direct.inferred_fraction));
  }
}

TEST_CASE("info_bound: a relation of no named kind gets the orbit reading's bound") {
  std::string err;
  auto analyzer = Registry().CreateAnalyzer("info_bound", kAnalyzerParams, &err);
  REQUIRE(analyzer);
  // A symmetric relation that is neither an equivalence nor bipartite: the 6-cycle.
  const int n = 6;
  std::vector<int32_t> labels(n * n, 0);
  for (int i = 0; i < n; ++i) labels[i * n + (i + 1) % n] = labels[((i + 1) % n) * n + i] = 1;
  geneft_relation_info info{};
  info.struct_size = sizeof(info);
  info.n = n;
  info.num_classes = 2;
  info.properties = GENEFT_PROP_SYMMETRIC | GENEFT_PROP_IRREFLEXIVE;
  info.description_bits = NAN;
  info.guess_probability = NAN;
  const geneft_relation_view view{sizeof(geneft_relation_view), &info, labels.data(), nullptr, nullptr};
  AnalysisResults r;
  REQUIRE(geneft::AnalyzeRelation(*analyzer, view, &r, &err));
  // b from the automorphism group of the 6-cycle: |Aut| = 2 * 6.
  CHECK(r.Scalar("info_bound.b") == Approx(std::log2(720.0 / 12)));
  REQUIRE(r.Text("info_bound.monte_carlo") != nullptr);
  CHECK_THAT(*r.Text("info_bound.monte_carlo"), Catch::StartsWith("orbit reading"));
  const geneft::SeriesResult* mc = r.Series("info_bound.f_ub_monte_carlo");
  REQUIRE(mc != nullptr);
  // Every fraction exact at n = 6; the whole matrix known at x = 1.
  CHECK(mc->y.back() == 1);
  for (double e : mc->err) CHECK(e >= 0);
  // Eq. 5 without a p*: the guess is the commonest label, 0 on 24 of 36 pairs.
  CHECK(r.Scalar("info_bound.guess_accuracy") == Approx(24.0 / 36));

  // The paper's per-element classes cannot read it: a note, not an error.
  auto independent = Registry().CreateAnalyzer(
      "info_bound", std::string(kAnalyzerParams) + "\nmethod = \"independent_classes\"", &err);
  REQUIRE(independent);
  AnalysisResults notes;
  REQUIRE(geneft::AnalyzeRelation(*independent, view, &notes, &err));
  REQUIRE(notes.Text("info_bound.monte_carlo") != nullptr);
  CHECK_THAT(*notes.Text("info_bound.monte_carlo"),
             Catch::StartsWith("bound not available for this relation: the independent_classes "
                               "method reads equivalences and complete bipartite graphs"));
  CHECK(notes.Series("info_bound.f_ub_monte_carlo") == nullptr);
  CHECK(std::isfinite(notes.Scalar("info_bound.p_c")));
}

namespace {

// The bound curve of one relation, at few fractions and a short sampler:
// each fraction's mean lies between the inferred fraction and 1, and all the
// pairs known (x = 1) give 1.
void CheckBoundCurve(const char* plugin, const std::string& params) {
  INFO(plugin << " " << params);
  std::string err;
  auto relation = Registry().CreateRelation(plugin, params, &err);
  INFO(err);
  REQUIRE(relation);
  auto analyzer = Registry().CreateAnalyzer(
      "info_bound",
      "fractions = 4\ntraining_sets = 2\nsampler_chains = 2\nsampler_replicas = 2\n"
      "sampler_burn_in = 3\nsampler_sweeps = 6",
      &err);
  REQUIRE(analyzer);
  const geneft_relation_view view{sizeof(geneft_relation_view), &relation->info(),
                                  relation->labels().data(), nullptr, nullptr};
  AnalysisResults r;
  REQUIRE(geneft::AnalyzeRelation(*analyzer, view, &r, &err));
  CHECK(std::isfinite(r.Scalar("info_bound.b")));
  CHECK(std::isfinite(r.Scalar("info_bound.p_c")));
  REQUIRE(r.Series("info_bound.f_ub_formula") != nullptr);
  const geneft::SeriesResult* bound = r.Series("info_bound.f_ub_monte_carlo");
  const geneft::SeriesResult* inferred = r.Series("info_bound.f_inferred_monte_carlo");
  REQUIRE(bound != nullptr);
  REQUIRE(inferred != nullptr);
  REQUIRE(bound->y.size() == 4);
  for (size_t i = 0; i < bound->y.size(); ++i) {
    INFO("x = " << bound->x[i]);
    CHECK(bound->y[i] >= inferred->y[i] - 1e-12);
    CHECK(bound->y[i] <= 1 + 1e-12);
    CHECK(bound->err[i] >= 0);
  }
  CHECK(bound->y.back() == Approx(1));
  CHECK(*r.Text("info_bound.bound_method") == "orbit");
}

}  // namespace

TEST_CASE("info_bound: bound curves for the WordNet hierarchy, a coprimality graph and addition") {
  // WordNet's canine is-a hierarchy, closed transitively: a partial order on 224 nouns.
  CheckBoundCurve("graph", "file = '" GENEFT_SOURCE_DIR "/share/data/wordnet-canine.edges'\n"
                           "closure = 'transitive'");
  // Coprimality on 1 .. 12 (symmetric), written as a graph file.
  const std::string file = GENEFT_BINARY_DIR "/tests/coprime-12.edges";
  {
    std::ofstream out(file);
    for (int a = 1; a <= 12; ++a)
      for (int b = a; b <= 12; ++b)
        if (std::gcd(a, b) == 1) out << a - 1 << ' ' << b - 1 << '\n';
  }
  CheckBoundCurve("graph", "file = '" + file + "'\ndirected = false\nn = 12");
  // a + b on 0 .. 5: 11 label classes.
  CheckBoundCurve("addition", "p = 6");
}

TEST_CASE("info_bound's training sets hold as many pairs as the trainer's split at the same fraction") {
  for (const int n : {7, 30, 224})
    for (const double x : {0.05, 0.1, 1.0 / 3, 0.75, 1.0}) {
      INFO("n = " << n << ", x = " << x);
      statics::Rng rng(5);
      const statics::TrainingMask mask = statics::RandomTrainingMask(n, x, rng);
      const std::vector<uint8_t> split = geneft::SplitPairs(static_cast<uint32_t>(n), x, 11);
      const auto pairs = [](const std::vector<uint8_t>& m) {
        return std::count_if(m.begin(), m.end(), [](uint8_t v) { return v != 0; });
      };
      CHECK(pairs(mask) == statics::TrainingFactCount(n, x));
      CHECK(pairs(split) == statics::TrainingFactCount(n, x));
      CHECK(statics::TrainingFactCount(n, x) == std::llround(x * n * n));
    }
}
