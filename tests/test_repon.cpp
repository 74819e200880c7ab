// The interacting repon theory (GenEFT Sec. IV): Eq. 10 integrated against
// its conserved quantity Eq. 11, the Monte Carlo of Eq. 10 against the
// closed form Eq. 12, Eq. 13 and the critical ratio, and the `repon`
// analyzer plugin loaded from the build (relation, run and study stages,
// and `geneft theory`).
#include "analyze/analysis.h"
#include "fake_study.h"
#include "plugin/plugin_registry.h"
#include "relation_clusters.h"
#include "repon_theory.h"
#include "test_support.h"

#include <boost/math/quadrature/gauss_kronrod.hpp>
#include <catch2/catch.hpp>

#include <cmath>
#include <cstring>
#include <initializer_list>
#include <limits>
#include <map>
#include <numbers>
#include <string>
#include <vector>

namespace repon = geneft::repon;
using geneft::AnalysisResults;
using geneft::PluginKind;

namespace {

// Eq. 12 by quadrature instead of the arctan: P(|c| < k |a|) for
// a ~ N(0, sa^2), c ~ N(0, sc^2) and k = sqrt(eta_enc / (2 eta_dec)) (the
// C > 0 region of Eq. 11) is E_z[erf(k sa |z| / (sqrt 2 sc))], z ~ N(0, 1),
// integrated by Boost.Math's adaptive Gauss-Kronrod rule over z >= 0.
double CollisionProbabilityByQuadrature(double sa, double sc, double eta_enc, double eta_dec) {
  const double k = std::sqrt(eta_enc / (2 * eta_dec));
  const auto integrand = [&](double z) {
    return std::exp(-z * z / 2) * std::erf(k * sa * z / (std::sqrt(2.0) * sc));
  };
  const double half_line = boost::math::quadrature::gauss_kronrod<double, 61>::integrate(
      integrand, 0.0, std::numeric_limits<double>::infinity(), 15, 1e-12);
  // Both signs of z: twice the half-line integral of the normal density.
  return 2 * half_line / std::sqrt(2 * std::numbers::pi);
}

// Calls visit(a0, c0, eta_enc, eta_dec, C) for a grid of starts of Eq. 10
// at each ratio eta_dec / eta_enc, leaving out those near the separatrix
// C = 0 (too slow to decide); C is Eq. 11.
template <class Visit>
void ForEachDecidableStart(std::initializer_list<double> ratios, Visit visit) {
  for (double ratio : ratios)
    for (double a0 : {-2.0, -0.3, 0.1, 0.7, 1.5})
      for (double c0 : {-1.2, 0.05, 0.4, 1.0, 3.0}) {
        const double eta_enc = 1e-3, eta_dec = ratio * eta_enc;
        const double c = repon::ConservedQuantity(a0, c0, eta_enc, eta_dec);
        const double size = a0 * a0 / (2 * eta_dec) + c0 * c0 / eta_enc;
        if (std::abs(c) < 1e-3 * size) continue;
        INFO("ratio " << ratio << " a0 " << a0 << " c0 " << c0 << " C " << c);
        visit(a0, c0, eta_enc, eta_dec, c);
      }
}

}  // namespace

TEST_CASE("repon: Eq. 12 closed form equals the Gaussian integral over the C > 0 region") {
  for (double sa : {0.3, 1.0, 2.5})
    for (double sc : {0.5, 1.0})
      for (double ratio : {0.01, 0.5, 3.0, 40.0}) {
        INFO("sigma_a " << sa << " sigma_c " << sc << " ratio " << ratio);
        CHECK(repon::CollisionProbability(sa, sc, 1e-3, ratio * 1e-3) ==
              Approx(CollisionProbabilityByQuadrature(sa, sc, 1e-3, ratio * 1e-3)).margin(1e-7));
      }
  // Depends on the learning rates only through their ratio.
  CHECK(repon::CollisionProbability(1, 1, 1e-5, 1e-4) ==
        Approx(repon::CollisionProbability(1, 1, 1e-1, 1.0)).epsilon(1e-12));
}

TEST_CASE("repon: Eq. 10 conserves C (Eq. 11) and collides exactly when C > 0") {
  repon::PairOptions options;
  options.tolerance = 1e-9;
  int collisions = 0, separations = 0;
  ForEachDecidableStart({0.05, 1.0, 20.0}, [&](double a0, double c0, double eta_enc,
                                               double eta_dec, double c) {
    const repon::PairResult r = repon::IntegratePair(a0, c0, eta_enc, eta_dec, options);
    REQUIRE(r.outcome != repon::Outcome::kUndecided);
    CHECK(r.c_initial == Approx(c));
    // C drifts by at most a small multiple of the tolerance per step.
    CHECK(r.max_c_drift < 1e-6);
    CHECK((r.outcome == repon::Outcome::kCollision) == (c > 0));
    // Signs never change; the survivor sits at the fixed point of Eq. 11.
    CHECK(r.a2 * a0 > 0);
    CHECK(r.c * c0 > 0);
    if (c > 0) {
      CHECK(std::abs(r.a2) == Approx(std::sqrt(2 * eta_dec * c)).epsilon(1e-5));
      ++collisions;
    } else {
      CHECK(std::abs(r.c) == Approx(std::sqrt(-eta_enc * c)).epsilon(1e-5));
      ++separations;
    }
  });
  CHECK(collisions > 5);
  CHECK(separations > 5);
}

TEST_CASE("repon: C (Eq. 11) drifts less than the tolerance along every trajectory") {
  for (double tolerance : {1e-4, 1e-6, 1e-9, 1e-12}) {
    INFO("tolerance " << tolerance);
    repon::PairOptions options;
    options.tolerance = tolerance;
    ForEachDecidableStart({0.01, 0.3, 1.0, 10.0, 100.0}, [&](double a0, double c0,
                                                             double eta_enc, double eta_dec,
                                                             double) {
      const repon::PairResult r = repon::IntegratePair(a0, c0, eta_enc, eta_dec, options);
      REQUIRE(r.outcome != repon::Outcome::kUndecided);
      CHECK(r.max_c_drift < tolerance);
    });
  }
}

TEST_CASE("repon: the decaying repon coordinate and the decision time follow Eq. 10's closed form") {
  // In tau = eta_enc t with rho = eta_dec / eta_enc and K = a^2 / (2 rho) - c^2
  // (Eq. 11 times eta_enc), Eq. 10 gives for w = c^2 (K > 0, collision)
  // dw/dtau = -lambda w (w + M) with lambda = 4 rho, M = K, and for w = a^2
  // (K < 0) the same with lambda = 2, M = -2 rho K. Hence
  //   w / (w + M) = p e^(-lambda M tau),  p = w0 / (w0 + M),
  // and w reaches decay^2 w0 at tau* = -ln(w* / (p (w* + M))) / (lambda M).
  repon::PairOptions options;
  options.tolerance = 1e-9;
  for (double ratio : {0.05, 1.0, 20.0})
    for (double a0 : {-2.0, 0.3, 1.5})
      for (double c0 : {-1.2, 0.4, 3.0}) {
        const double eta_enc = 1e-3, eta_dec = ratio * eta_enc;
        const double k = a0 * a0 / (2 * ratio) - c0 * c0;
        const bool collides = k > 0;
        const double w0 = collides ? c0 * c0 : a0 * a0;
        const double lambda = collides ? 4 * ratio : 2, m = collides ? k : -2 * ratio * k;
        const double p = w0 / (w0 + m);
        INFO("ratio " << ratio << " a0 " << a0 << " c0 " << c0 << " K " << k);
        const repon::PairResult r = repon::IntegratePair(a0, c0, eta_enc, eta_dec, options);
        REQUIRE(r.outcome ==
                (collides ? repon::Outcome::kCollision : repon::Outcome::kNoCollision));
        const double tau = r.time * eta_enc;
        const double e = std::exp(-lambda * m * tau);
        const double w = m * p * e / (1 - p * e);
        const double w_final = collides ? r.c * r.c : r.a2 * r.a2;
        CHECK(std::sqrt(w_final) == Approx(std::sqrt(w)).epsilon(1e-7));
        // Decided at the first accepted step past the crossing.
        const double w_stop = options.decay * options.decay * w0;
        const double tau_star = -std::log(w_stop / (p * (w_stop + m))) / (lambda * m);
        CHECK(tau >= tau_star);
        CHECK(tau < 1.01 * tau_star);
      }
}

TEST_CASE("repon: a state past the double range ends the integration undecided") {
  // a^2 c = 1e360 overflows: the rates are infinite from the first step.
  repon::PairOptions options;
  const repon::PairResult r = repon::IntegratePair(1e120, 1e120, 1e-3, 1e-3, options);
  CHECK(r.outcome == repon::Outcome::kUndecided);
  CHECK(r.steps + r.rejected < 10);
}

TEST_CASE("repon: a looser tolerance lets C drift more, and fixed points decide at once") {
  repon::PairOptions tight, loose;
  tight.tolerance = 1e-10;
  loose.tolerance = 1e-4;
  const auto drift = [](const repon::PairOptions& o) {
    return repon::IntegratePair(0.8, 0.6, 1e-3, 2e-3, o).max_c_drift;
  };
  CHECK(drift(tight) < drift(loose));
  CHECK(drift(loose) < 1e-2);
  CHECK(repon::IntegratePair(0.0, 1.0, 1e-3, 1e-3, tight).outcome ==
        repon::Outcome::kNoCollision);
  CHECK(repon::IntegratePair(1.0, 0.0, 1e-3, 1e-3, tight).outcome == repon::Outcome::kCollision);
  std::string err;
  repon::PairOptions bad;
  bad.tolerance = 0;
  CHECK_FALSE(bad.IsValid(&err));
  CHECK(err.find("tolerance") != std::string::npos);
}

TEST_CASE("repon: Monte Carlo over Gaussian initial conditions matches Eq. 12 (3 sigma)") {
  repon::PairOptions options;
  options.tolerance = 1e-7;
  const int64_t samples = 3000;
  uint64_t seed = 11;
  struct Case {
    double sigma_a, sigma_c, ratio;
  };
  for (const Case& k : {Case{1, 1, 0.02}, Case{1, 1, 1}, Case{1, 1, 10}, Case{0.29, 0.71, 0.1},
                        Case{0.29, 0.71, 3}, Case{2, 0.5, 100}}) {
    INFO("sigma_a " << k.sigma_a << " sigma_c " << k.sigma_c << " ratio " << k.ratio);
    const double eta_enc = 1e-3, eta_dec = k.ratio * eta_enc;
    const repon::MonteCarloResult mc =
        repon::MonteCarloCollisions(k.sigma_a, k.sigma_c, eta_enc, eta_dec, samples, seed++,
                                    options);
    const double p = repon::CollisionProbability(k.sigma_a, k.sigma_c, eta_enc, eta_dec);
    const double sigma = std::sqrt(p * (1 - p) / samples);
    INFO("Monte Carlo " << mc.probability << " +- " << mc.error << ", Eq. 12 " << p);
    CHECK(mc.samples == samples);
    CHECK(mc.undecided <= samples / 1000);
    CHECK(std::abs(mc.probability - p) < 3 * sigma);
    CHECK(mc.error == Approx(repon::BinomialError(mc.collisions, samples)));
    CHECK(mc.max_c_drift < 1e-4);
  }
  // Seeded: the same seed gives the same count, another seed another draw.
  const auto run = [&](uint64_t s) {
    return repon::MonteCarloCollisions(1, 1, 1e-3, 1e-3, 400, s, options).collisions;
  };
  CHECK(run(5) == run(5));
  CHECK((run(5) != run(6) || run(5) != run(7)));
}

TEST_CASE("repon: Eq. 13 reduces to Eq. 12 for N = 1 and falls with N") {
  for (double ratio : {0.1, 1.0, 10.0}) {
    const double eq12 = repon::CollisionProbability(0.4, 0.7, 1e-3, ratio * 1e-3);
    CHECK(repon::ClusterJoinProbability(0.4, 0.7, 1e-3, ratio * 1e-3, 1) ==
          Approx(eq12).epsilon(1e-14));
    double previous = eq12;
    for (double n : {2.0, 5.0, 50.0}) {
      const double p = repon::ClusterJoinProbability(0.4, 0.7, 1e-3, ratio * 1e-3, n);
      CHECK(p < previous);
      previous = p;
    }
    // N -> infinity: the 2 of Eq. 12 becomes 4, i.e. Eq. 12 at twice the ratio.
    CHECK(repon::ClusterJoinProbability(0.4, 0.7, 1e-3, ratio * 1e-3, 1e12) ==
          Approx(repon::CollisionProbability(0.4, 0.7, 1e-3, 2 * ratio * 1e-3)).epsilon(1e-9));
  }
}

TEST_CASE("repon: the critical ratio inverts Eq. 12 and Eq. 13") {
  for (double target : {0.1, 0.5, 0.9})
    for (double n : {1.0, 9.0}) {
      INFO("target " << target << " N " << n);
      const double rho = repon::CriticalRatio(0.29, 0.71, target, n);
      CHECK(rho > 0);
      CHECK(repon::ClusterJoinProbability(0.29, 0.71, 1.0, rho, n) ==
            Approx(target).epsilon(1e-12));
      // Smaller ratios generalize more often than the target.
      CHECK(repon::ClusterJoinProbability(0.29, 0.71, 1.0, rho / 2, n) > target);
    }
  CHECK(repon::CriticalRatio(1, 1, 0.5) == Approx(0.5));  // tan(pi/4) = 1: 1 / 2
}

TEST_CASE("repon: sigma_a and sigma_c from the model initialisation") {
  repon::InitSettings s;
  s.encoder_init = "normal";
  s.encoder_init_scale = 2.0;
  s.decoder_init_scale = 1.0;
  s.embedding_dim = 2;
  s.decoder_mode = "concat";
  CHECK(repon::SigmaC(s) == Approx(2.0 / std::sqrt(2.0)));
  CHECK(repon::SigmaA(s) == Approx(1.0 / std::sqrt(4.0) / std::sqrt(3.0)));
  s.encoder_init = "uniform";
  CHECK(repon::SigmaC(s) == Approx(2.0 / std::sqrt(3.0) / std::sqrt(2.0)));
  s.decoder_mode = "sqdiff";
  s.decoder_init_scale = 3.0;
  CHECK(repon::SigmaA(s) == Approx(3.0 / std::sqrt(2.0) / std::sqrt(3.0)));
  s.fan_in = 50;
  CHECK(repon::SigmaA(s) == Approx(3.0 / std::sqrt(50.0) / std::sqrt(3.0)));
  s.encoder_init = "orthogonal";
  CHECK_THROWS(repon::SigmaC(s));
}

TEST_CASE("repon: clusters of indistinguishable elements give N of Eq. 13") {
  const uint32_t n = 10;
  std::vector<int32_t> mod3(n * n), greater(n * n);
  for (uint32_t i = 0; i < n; ++i)
    for (uint32_t j = 0; j < n; ++j) {
      mod3[i * n + j] = i % 3 == j % 3;
      greater[i * n + j] = i > j;
    }
  const repon::Clusters m = repon::IndistinguishableClusters(n, mod3.data());
  CHECK(m.count == 3);
  CHECK(m.largest == 4);  // residue 0: 0, 3, 6, 9
  CHECK(repon::RepulsionPartners(m) == 3);
  CHECK(m.cluster_of[0] == m.cluster_of[9]);
  CHECK(m.cluster_of[0] != m.cluster_of[1]);
  const repon::Clusters g = repon::IndistinguishableClusters(n, greater.data());
  CHECK(g.count == n);
  CHECK(repon::RepulsionPartners(g) == 0);
}

// ----- the plugin, loaded from the build -------------------------------------

namespace {

geneft::ParamSet Settings(double lr_enc, double lr_dec, double enc_scale = 1.0) {
  geneft::ParamSet s;
  s.values["train.lr_enc"] = lr_enc;
  s.values["train.lr_dec"] = lr_dec;
  s.values["model.encoder_init"] = std::string("normal");
  s.values["model.encoder_init_scale"] = enc_scale;
  s.values["model.decoder_init_scale"] = 1.0;
  s.values["model.embedding_dim"] = int64_t{2};
  s.values["decoder_mode.plugin"] = std::string("concat");
  return s;
}

// One run of a learning-rate study, with the settings repon reads.
void AddRun(geneft::testing::FakeStudy* study, double lr_enc, double lr_dec, const char* phase,
            double encoder_init_scale = 1.0, double decoder_init_scale = 1.0) {
  study->numbers.push_back({{"train.lr_enc", lr_enc},
                            {"train.lr_dec", lr_dec},
                            {"model.encoder_init_scale", encoder_init_scale},
                            {"model.decoder_init_scale", decoder_init_scale},
                            {"model.embedding_dim", 2.0}});
  study->texts.push_back({{"model.encoder_init", "normal"}, {"decoder_mode.plugin", "concat"}});
  if (phase != nullptr) study->texts.back()["phase.phase"] = phase;
}

}  // namespace

TEST_CASE("repon plugin: relation and run stages predict from the settings") {
  const geneft::PluginRegistry& registry = geneft::testing::BuiltinPlugins();
  REQUIRE(registry.Find(PluginKind::kAnalyzer, "repon") != nullptr);
  std::string err;
  auto analyzer = registry.CreateAnalyzer("repon", "mc_samples = 2000\nseed = 3", &err);
  INFO(err);
  REQUIRE(analyzer);
  auto relation = registry.CreateRelation("mod_k", "n = 30\nk = 3", &err);
  REQUIRE(relation);

  const geneft::ParamSet settings = Settings(1e-3, 1e-2);
  const geneft_relation_view view{sizeof(geneft_relation_view), &relation->info(),
                                  relation->labels().data(), &settings, nullptr};
  AnalysisResults r;
  REQUIRE(geneft::AnalyzeRelation(*analyzer, view, &r, &err));
  repon::InitSettings init;  // the settings above
  const double sa = repon::SigmaA(init), sc = repon::SigmaC(init);
  CHECK(r.Scalar("repon.ratio") == Approx(10.0));
  CHECK(r.Scalar("repon.sigma_a") == Approx(sa));
  CHECK(r.Scalar("repon.sigma_c") == Approx(sc));
  const double p = repon::CollisionProbability(sa, sc, 1e-3, 1e-2);
  CHECK(r.Scalar("repon.p_generalize") == Approx(p));
  CHECK(r.Scalar("repon.n_repons") == 9);  // 30 elements in 3 classes of 10
  CHECK(r.Scalar("repon.p_all") == Approx(repon::ClusterJoinProbability(sa, sc, 1e-3, 1e-2, 9)));
  CHECK(r.Scalar("repon.target") == 0.5);
  CHECK(r.Scalar("repon.critical_ratio") == Approx(repon::CriticalRatio(sa, sc, 0.5)));
  CHECK(std::abs(r.Scalar("repon.mc_p_generalize") - p) < 3 * std::sqrt(p * (1 - p) / 2000));
  CHECK(r.Scalar("repon.mc_samples") == 2000);
  CHECK(r.Text("repon.settings_note") == nullptr);

  // Without settings the paper's defaults stand in, with a note.
  const geneft_relation_view bare{sizeof(geneft_relation_view), &relation->info(),
                                  relation->labels().data(), nullptr, nullptr};
  AnalysisResults d;
  REQUIRE(geneft::AnalyzeRelation(*analyzer, bare, &d, &err));
  CHECK(d.Scalar("repon.ratio") == Approx(1.0));
  CHECK(d.Text("repon.settings_note") != nullptr);

  // Run stage: the run's own settings; a larger encoder init lowers p.
  const geneft::ParamSet run_settings = Settings(1e-3, 1e-3, 4.0);
  geneft_run_view run{};
  run.struct_size = sizeof(geneft_run_view);
  run.relation = &view;
  run.run_params = &run_settings;
  AnalysisResults rr;
  REQUIRE(geneft::AnalyzeRun(*analyzer, run, &rr, &err));
  init.encoder_init_scale = 4.0;
  CHECK(rr.Scalar("repon.sigma_c") == Approx(repon::SigmaC(init)));
  CHECK(rr.Scalar("repon.p_generalize") ==
        Approx(repon::CollisionProbability(sa, repon::SigmaC(init), 1, 1)));
  CHECK(rr.Scalar("repon.ratio") == Approx(1.0));

  // A total order has no clusters: Eq. 13 is not applied.
  auto order = registry.CreateRelation("greater_than", "", &err);
  REQUIRE(order);
  const geneft_relation_view order_view{sizeof(geneft_relation_view), &order->info(),
                                        order->labels().data(), &settings, nullptr};
  AnalysisResults o;
  REQUIRE(geneft::AnalyzeRelation(*analyzer, order_view, &o, &err));
  CHECK(o.Scalar("repon.n_repons") == 0);
  CHECK(std::isnan(o.Scalar("repon.p_all")));
  CHECK(o.Text("repon.p_all_note") != nullptr);

  // Parameters are checked.
  CHECK_FALSE(registry.CreateAnalyzer("repon", "target = 1.5", &err));
  CHECK(err.find("target") != std::string::npos);
}

TEST_CASE("repon plugin: study stage groups runs by ratio against the Eq. 12 curve") {
  std::string err;
  auto analyzer = geneft::testing::BuiltinPlugins().CreateAnalyzer("repon", "", &err);
  REQUIRE(analyzer);
  geneft::testing::FakeStudy study;
  // Ratio 0.1 (two lr pairs, same ratio): 3 of 4 generalize (grokking counts).
  AddRun(&study, 1e-3, 1e-4, "generalization");
  AddRun(&study, 1e-3, 1e-4, "grokking");
  AddRun(&study, 1e-2, 1e-3, "generalization");
  AddRun(&study, 1e-2, 1e-3, "memorization");
  // Ratio 10: 1 of 3.
  AddRun(&study, 1e-4, 1e-3, "memorization");
  AddRun(&study, 1e-4, 1e-3, "generalization");
  AddRun(&study, 1e-4, 1e-3, "confusion");
  // A failed run without a phase is left out of the fractions.
  AddRun(&study, 1e-4, 1e-3, nullptr);
  AnalysisResults r;
  REQUIRE(geneft::AnalyzeStudy(*analyzer, study.View(), &r, &err));
  const geneft::SeriesResult* measured = r.Series("repon.measured_vs_ratio");
  REQUIRE(measured != nullptr);
  REQUIRE(measured->x.size() == 2);
  CHECK(measured->x[0] == Approx(0.1));
  CHECK(measured->y[0] == Approx(0.75));
  CHECK(measured->err[0] == Approx(std::sqrt(0.75 * 0.25 / 4)));
  CHECK(measured->x[1] == Approx(10));
  CHECK(measured->y[1] == Approx(1.0 / 3));
  CHECK(r.Scalar("repon.measured_runs") == 7);
  const geneft::SeriesResult* curve = r.Series("repon.eq12_curve");
  REQUIRE(curve != nullptr);
  REQUIRE(curve->x.size() == 41);
  CHECK(curve->x.front() == Approx(0.1));
  CHECK(curve->x.back() == Approx(10));
  const repon::InitSettings init;
  const double sa = repon::SigmaA(init), sc = repon::SigmaC(init);
  for (size_t i = 0; i < curve->x.size(); ++i)
    CHECK(curve->y[i] == Approx(repon::CollisionProbability(sa, sc, 1, curve->x[i])));

  // Without phase results: the curve only.
  geneft::testing::FakeStudy bare;
  AddRun(&bare, 1e-3, 1e-2, nullptr);
  AddRun(&bare, 1e-3, 1e-1, nullptr);
  AnalysisResults b;
  REQUIRE(geneft::AnalyzeStudy(*analyzer, bare.View(), &b, &err));
  CHECK(b.Series("repon.measured_vs_ratio") == nullptr);
  CHECK(b.Series("repon.eq12_curve") != nullptr);
}

TEST_CASE("repon plugin: study stage draws one measured series per initial width (Fig. 6)") {
  std::string err;
  auto analyzer = geneft::testing::BuiltinPlugins().CreateAnalyzer("repon", "", &err);
  REQUIRE(analyzer);
  // The paper's Fig. 6 scales every initialisation by one factor: sigma_a
  // and sigma_c move together, so Eq. 12 is one curve for both groups.
  geneft::testing::FakeStudy zipped;
  AddRun(&zipped, 1e-3, 1e-3, "generalization", 1.0, 1.0);
  AddRun(&zipped, 1e-3, 1e-2, "memorization", 1.0, 1.0);
  AddRun(&zipped, 1e-3, 1e-3, "memorization", 0.1, 0.1);
  AddRun(&zipped, 1e-3, 1e-3, "grokking", 0.1, 0.1);
  AnalysisResults r;
  REQUIRE(geneft::AnalyzeStudy(*analyzer, zipped.View(), &r, &err));
  repon::InitSettings init;
  const double sa = repon::SigmaA(init), sc = repon::SigmaC(init);  // 0.289, 0.707
  CHECK(r.Series("repon.measured_vs_ratio") == nullptr);
  const geneft::SeriesResult* unit = r.Series("repon.measured_vs_ratio.sigma_a_0.289_sigma_c_0.707");
  const geneft::SeriesResult* small =
      r.Series("repon.measured_vs_ratio.sigma_a_0.0289_sigma_c_0.0707");
  REQUIRE(unit != nullptr);
  REQUIRE(small != nullptr);
  REQUIRE(unit->x.size() == 2);
  CHECK(unit->x[0] == Approx(1.0));
  CHECK(unit->x[1] == Approx(10.0));
  CHECK(unit->y == std::vector<double>{1.0, 0.0});
  REQUIRE(small->x.size() == 1);
  CHECK(small->x[0] == Approx(1.0));
  CHECK(small->y == std::vector<double>{0.5});
  CHECK(r.Scalar("repon.measured_runs") == 4);
  const geneft::SeriesResult* curve = r.Series("repon.eq12_curve");
  REQUIRE(curve != nullptr);
  CHECK(curve->y.front() == Approx(repon::CollisionProbability(sa, sc, 1, 1)));
  CHECK(r.Scalar("repon.critical_ratio") == Approx(repon::CriticalRatio(sa, sc, 0.5)));
  CHECK(std::isnan(r.Scalar("repon.sigma_c")));  // no single width to report

  // Only the embeddings scaled: the width ratio differs, one curve each.
  geneft::testing::FakeStudy encoder_only;
  AddRun(&encoder_only, 1e-3, 1e-3, "generalization", 1.0, 1.0);
  AddRun(&encoder_only, 1e-3, 1e-2, "memorization", 4.0, 1.0);
  AnalysisResults e;
  REQUIRE(geneft::AnalyzeStudy(*analyzer, encoder_only.View(), &e, &err));
  CHECK(e.Series("repon.eq12_curve") == nullptr);
  const geneft::SeriesResult* wide = e.Series("repon.eq12_curve.sigma_ratio_0.102");
  REQUIRE(wide != nullptr);
  CHECK(e.Series("repon.eq12_curve.sigma_ratio_0.408") != nullptr);
  init.encoder_init_scale = 4.0;
  CHECK(wide->y.back() == Approx(repon::CollisionProbability(sa, repon::SigmaC(init), 1, 10)));
  CHECK(std::isnan(e.Scalar("repon.critical_ratio")));
}

TEST_CASE("repon plugin: geneft theory prints the repon predictions for given learning rates") {
  const auto r = geneft::testing::RunGeneft(
      "theory --relation mod_k --set k=3 --set train.lr_enc=1e-3 --set train.lr_dec=1e-2");
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
  CHECK(r.output.find("repon.p_generalize") != std::string::npos);
  CHECK(r.output.find("repon.critical_ratio") != std::string::npos);
  // The ratio line reads 10.
  const size_t at = r.output.find("repon.ratio");
  REQUIRE(at != std::string::npos);
  CHECK(std::stod(r.output.substr(r.output.find_first_not_of(' ', at + 11))) == Approx(10));
}
