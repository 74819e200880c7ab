// Analyzer `repon`: the interacting repon theory (GenEFT Sec. IV) next to
// the experiment.
//   relation stage (`geneft theory`): Eq. 12 / Eq. 13 for the study's
//     learning rates and initialisation, the critical ratio eta_dec/eta_enc
//     for the probability `target`, and a Monte Carlo of Eq. 10 over
//     Gaussian initial conditions as a check of Eq. 12;
//   run stage: the same closed forms for each run's own settings;
//   study stage: measured generalization probability per learning-rate
//     ratio (from the `phase` analyzer's results) beside the Eq. 12 curve
//     (the paper's Fig. 6).
//
// sigma_a and sigma_c come from the model settings (see SigmaA / SigmaC in
// repon_theory.h) unless given as parameters:
//   sigma_c = std of one coordinate of (x_1 - x_2)/2 for embeddings drawn
//             model.encoder_init_scale * N(0,1) ("normal": std = scale) or
//             * U(-1,1) ("uniform": std = scale/sqrt 3), divided by sqrt 2;
//   sigma_a = std of a first decoder-layer weight U(-w, w),
//             w = model.decoder_init_scale / sqrt(fan_in): w / sqrt 3, with
//             fan_in = 2 model.embedding_dim for decoder mode concat, else d.
#include "relation_clusters.h"
#include "repon_theory.h"

#include <geneft/plugin.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <map>
#include <string>
#include <vector>

namespace {

namespace repon = geneft::repon;
using geneft::sdk::Error;
using geneft::sdk::Sink;

const geneft_param_spec kParams[] = {
    {"target", GENEFT_PARAM_DOUBLE, "0.5",
     "collision probability defining the critical ratio eta_dec/eta_enc (inverse of Eq. 12); "
     "0.5 = even odds; in (0, 1)"},
    {"sigma_a", GENEFT_PARAM_DOUBLE, "0",
     "width of the initial decoder gain a_2 (Eq. 12); 0 = from model.decoder_init_scale"},
    {"sigma_c", GENEFT_PARAM_DOUBLE, "0",
     "width of the initial half separation c (Eq. 12); 0 = from model.encoder_init(_scale)"},
    {"fan_in", GENEFT_PARAM_INT, "0",
     "first decoder layer's input width for sigma_a; 0 = 2d for mode concat, d otherwise"},
    {"mc_samples", GENEFT_PARAM_INT, "4000",
     "initial conditions of the Eq. 10 Monte Carlo in `geneft theory`; 0 = skip it"},
    {"seed", GENEFT_PARAM_INT, "1", "seed of the Monte Carlo's initial conditions"},
    {"tolerance", GENEFT_PARAM_DOUBLE, "1e-9",
     "relative local error per RK45 step integrating Eq. 10; in (0, 0.01]"},
    {"bins_per_decade", GENEFT_PARAM_INT, "24",
     "study stage: runs whose log10(eta_dec/eta_enc) round to the same multiple of "
     "1/bins_per_decade form one ratio group"},
    {"curve_points", GENEFT_PARAM_INT, "41",
     "study stage: points of the Eq. 12 curve over the runs' ratio range; >= 2"},
};

// The paper's defaults (Table III; geneft's ModelOptions / TrainOptions),
// used for settings a view lacks, e.g. a relation analysed on its own.
constexpr double kDefaultLearningRate = 1e-3;

// The settings one prediction needs, and which of them were missing.
struct Settings {
  double lr_enc = kDefaultLearningRate;
  double lr_dec = kDefaultLearningRate;
  repon::InitSettings init;
  std::vector<std::string> missing;
};

// Reads the settings through number(key, double*) and text(key, string*),
// each returning false when the key is absent.
template <class Number, class Text>
Settings ReadSettings(Number number, Text text) {
  Settings s;
  const auto real = [&](const char* key, double* out) {
    if (!number(key, out)) s.missing.push_back(key);
  };
  const auto word = [&](const char* key, std::string* out) {
    if (!text(key, out)) s.missing.push_back(key);
  };
  double d = static_cast<double>(s.init.embedding_dim);
  real("train.lr_enc", &s.lr_enc);
  real("train.lr_dec", &s.lr_dec);
  word("model.encoder_init", &s.init.encoder_init);
  real("model.encoder_init_scale", &s.init.encoder_init_scale);
  real("model.decoder_init_scale", &s.init.decoder_init_scale);
  real("model.embedding_dim", &d);
  word("decoder_mode.plugin", &s.init.decoder_mode);
  s.init.embedding_dim = static_cast<int64_t>(std::llround(d));
  return s;
}

Settings FromParams(const geneft_host* host, const geneft_params* params) {
  return ReadSettings(
      [&](const char* key, double* out) {
        if (params == nullptr) return false;
        if (host->param_double(host, params, key, out) == GENEFT_OK) return true;
        int64_t i = 0;
        if (host->param_int(host, params, key, &i) != GENEFT_OK) return false;
        *out = static_cast<double>(i);
        return true;
      },
      [&](const char* key, std::string* out) {
        if (params == nullptr) return false;
        size_t length = 0;
        if (host->param_string(host, params, key, nullptr, 0, &length) !=
            GENEFT_ERR_BUFFER_TOO_SMALL)
          return false;
        std::string value(length + 1, '\0');
        if (host->param_string(host, params, key, value.data(), value.size(), &length) !=
            GENEFT_OK)
          return false;
        value.resize(length);
        *out = value;
        return true;
      });
}

bool RunText(const geneft_study_view& study, size_t run, const char* key, std::string* out) {
  size_t length = 0;
  if (study.run_text(&study, run, key, nullptr, 0, &length) != GENEFT_ERR_BUFFER_TOO_SMALL)
    return false;
  std::string value(length + 1, '\0');
  if (study.run_text(&study, run, key, value.data(), value.size(), &length) != GENEFT_OK)
    return false;
  value.resize(length);
  *out = value;
  return true;
}

Settings FromStudy(const geneft_study_view& study, size_t run) {
  return ReadSettings(
      [&](const char* key, double* out) {
        return study.run_number(&study, run, key, out) == GENEFT_OK;
      },
      [&](const char* key, std::string* out) { return RunText(study, run, key, out); });
}

std::string Joined(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& s : items) out += (out.empty() ? "" : ", ") + s;
  return out;
}

class ReponAnalyzer {
 public:
  explicit ReponAnalyzer(const geneft::sdk::Params& p)
      : host_(p.host()),
        target_(p.real("target")),
        sigma_a_(p.real("sigma_a")),
        sigma_c_(p.real("sigma_c")),
        fan_in_(p.integer("fan_in")),
        mc_samples_(p.integer("mc_samples")),
        seed_(p.integer("seed")),
        bins_per_decade_(p.integer("bins_per_decade")),
        curve_points_(p.integer("curve_points")) {
    pair_.tolerance = p.real("tolerance");
    std::string err;
    if (!pair_.IsValid(&err)) throw Error(err);
    if (!(target_ > 0 && target_ < 1))
      throw Error("target = " + std::to_string(target_) + ": must be in (0, 1)");
    if (!(sigma_a_ >= 0)) throw Error("sigma_a = " + std::to_string(sigma_a_) + ": must be >= 0");
    if (!(sigma_c_ >= 0)) throw Error("sigma_c = " + std::to_string(sigma_c_) + ": must be >= 0");
    if (fan_in_ < 0) throw Error("fan_in = " + std::to_string(fan_in_) + ": must be >= 0");
    if (mc_samples_ < 0)
      throw Error("mc_samples = " + std::to_string(mc_samples_) + ": must be >= 0");
    if (bins_per_decade_ < 1)
      throw Error("bins_per_decade = " + std::to_string(bins_per_decade_) + ": must be >= 1");
    if (curve_points_ < 2)
      throw Error("curve_points = " + std::to_string(curve_points_) + ": must be >= 2");
  }

  // Before training: closed forms, critical ratios and the Eq. 10 Monte Carlo.
  void analyze_relation(const geneft_relation_view& view, const Sink& sink) const {
    const Settings s = FromParams(host_, view.study_params);
    const Prediction p = Predict(s, *view.info, view.labels);
    Write(p, sink);
    sink.scalar("target", target_);
    sink.scalar("critical_ratio", repon::CriticalRatio(p.sigma_a, p.sigma_c, target_));
    if (p.partners >= 1)
      sink.scalar("critical_ratio_all",
                  repon::CriticalRatio(p.sigma_a, p.sigma_c, target_, p.partners));
    if (!s.missing.empty())
      sink.text("settings_note", "not in the study, paper defaults used: " + Joined(s.missing));
    if (mc_samples_ == 0) return;
    const repon::MonteCarloResult mc = repon::MonteCarloCollisions(
        p.sigma_a, p.sigma_c, s.lr_enc, s.lr_dec, mc_samples_, static_cast<uint64_t>(seed_),
        pair_);
    sink.scalar("mc_p_generalize", mc.probability);
    sink.scalar("mc_err", mc.error);
    sink.scalar("mc_samples", static_cast<double>(mc.samples));
    sink.scalar("mc_undecided", static_cast<double>(mc.undecided));
    sink.scalar("mc_max_c_drift", mc.max_c_drift);
  }

  // Per run: the predictions for its own learning rates and initialisation.
  void analyze_run(const geneft_run_view& run, const Sink& sink) const {
    const Settings s = FromParams(host_, run.run_params);
    const Prediction p = Predict(s, *run.relation->info, run.relation->labels);
    Write(p, sink);
    sink.scalar("critical_ratio", repon::CriticalRatio(p.sigma_a, p.sigma_c, target_));
    if (!s.missing.empty())
      sink.text("settings_note", "not in the run, paper defaults used: " + Joined(s.missing));
  }

  // Over the study: measured generalization fraction per ratio group
  // (phase.phase = generalization or grokking) and the Eq. 12 curve. Runs
  // of different initial widths (e.g. an init scale swept, as in the
  // paper's Fig. 6) get one measured series per (sigma_a, sigma_c) and one
  // curve per distinct sigma_a / sigma_c, the only way Eq. 12 sees them.
  void analyze_study(const geneft_study_view& study, const Sink& sink) const {
    std::vector<InitGroup> groups;
    double lo = INFINITY, hi = 0;
    int64_t with_phase = 0;
    for (size_t run = 0; run < study.run_count; ++run) {
      double lr_enc = 0, lr_dec = 0;
      if (study.run_number(&study, run, "train.lr_enc", &lr_enc) != GENEFT_OK ||
          study.run_number(&study, run, "train.lr_dec", &lr_dec) != GENEFT_OK ||
          !(lr_enc > 0 && lr_dec > 0))
        continue;
      const double ratio = lr_dec / lr_enc;
      lo = std::min(lo, ratio);
      hi = std::max(hi, ratio);
      const Settings s = FromStudy(study, run);
      InitGroup& group = GroupOf(&groups, SigmaA(s.init), SigmaC(s.init));
      std::string phase;
      if (!RunText(study, run, "phase.phase", &phase)) continue;
      ++with_phase;
      const double log_ratio = std::log10(ratio);
      RatioBin& bin = group.bins[std::llround(log_ratio * static_cast<double>(bins_per_decade_))];
      bin.log_sum += log_ratio;
      ++bin.runs;
      if (phase == "generalization" || phase == "grokking") ++bin.generalized;
    }
    if (groups.empty()) {
      Log(GENEFT_LOG_WARNING, "repon: no run has train.lr_enc and train.lr_dec; nothing to do");
      return;
    }

    const bool several = groups.size() > 1;
    if (with_phase == 0) {
      Log(GENEFT_LOG_INFO,
          "repon: no run has phase.phase (add the phase analyzer); "
          "measured_vs_ratio skipped");
    } else {
      for (const InitGroup& group : groups) {
        if (group.bins.empty()) continue;
        std::vector<double> x, y, err;
        for (const auto& [key, bin] : group.bins) {
          x.push_back(std::pow(10.0, bin.log_sum / static_cast<double>(bin.runs)));
          y.push_back(static_cast<double>(bin.generalized) / static_cast<double>(bin.runs));
          err.push_back(repon::BinomialError(bin.generalized, bin.runs));
        }
        const std::string label =
            ".sigma_a_" + NameNumber(group.sigma_a) + "_sigma_c_" + NameNumber(group.sigma_c);
        sink.series(("measured_vs_ratio" + (several ? label : std::string())).c_str(), x, y, err);
      }
      sink.scalar("measured_runs", static_cast<double>(with_phase));
    }

    // Eq. 12 depends on the widths through sigma_a / sigma_c only.
    std::vector<const InitGroup*> curves;
    for (const InitGroup& group : groups)
      if (std::none_of(curves.begin(), curves.end(),
                       [&](const InitGroup* c) { return SameWidthRatio(*c, group); }))
        curves.push_back(&group);
    for (const InitGroup* c : curves) {
      const std::string label = ".sigma_ratio_" + NameNumber(c->sigma_a / c->sigma_c);
      const Curve curve = Eq12Curve(c->sigma_a, c->sigma_c, lo, hi);
      sink.series(("eq12_curve" + (curves.size() > 1 ? label : std::string())).c_str(), curve.x,
                  curve.y);
    }
    if (!several) {
      sink.scalar("sigma_a", groups[0].sigma_a);
      sink.scalar("sigma_c", groups[0].sigma_c);
    }
    if (curves.size() == 1)
      sink.scalar("critical_ratio",
                  repon::CriticalRatio(groups[0].sigma_a, groups[0].sigma_c, target_));
  }

 private:
  // Runs that start from the same widths; their ratio bins.
  struct RatioBin {
    double log_sum = 0;
    int64_t runs = 0, generalized = 0;
  };
  struct InitGroup {
    double sigma_a, sigma_c;
    std::map<int64_t, RatioBin> bins;
  };
  struct Curve {
    std::vector<double> x, y;
  };

  static bool Close(double a, double b) { return std::abs(a - b) <= 1e-9 * std::abs(b); }

  static bool SameWidthRatio(const InitGroup& a, const InitGroup& b) {
    return Close(a.sigma_a / a.sigma_c, b.sigma_a / b.sigma_c);
  }

  static InitGroup& GroupOf(std::vector<InitGroup>* groups, double sigma_a, double sigma_c) {
    for (InitGroup& g : *groups)
      if (Close(sigma_a, g.sigma_a) && Close(sigma_c, g.sigma_c)) return g;
    groups->push_back({sigma_a, sigma_c, {}});
    return groups->back();
  }

  // A width inside a result name, which allows [a-z0-9_.] only: 3
  // significant digits, fixed notation.
  static std::string NameNumber(double value) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.3g", value);
    if (std::strpbrk(buf, "e-+") != nullptr) std::snprintf(buf, sizeof buf, "%.6f", std::abs(value));
    return buf;
  }

  // Eq. 12 over [lo, hi] in the ratio alone (eta_enc = 1, eta_dec = ratio),
  // log-spaced; one point when the study has one ratio.
  Curve Eq12Curve(double sigma_a, double sigma_c, double lo, double hi) const {
    Curve c;
    const int64_t points = lo < hi ? curve_points_ : 1;
    for (int64_t i = 0; i < points; ++i) {
      const double f = points > 1 ? static_cast<double>(i) / static_cast<double>(points - 1) : 0;
      const double ratio = std::pow(10.0, std::log10(lo) + f * (std::log10(hi) - std::log10(lo)));
      c.x.push_back(ratio);
      c.y.push_back(repon::CollisionProbability(sigma_a, sigma_c, 1.0, ratio));
    }
    return c;
  }

  struct Prediction {
    double ratio, sigma_a, sigma_c, p_generalize;
    uint32_t clusters, partners;
    double p_all;  // NaN when no two elements must collide
  };

  double SigmaA(const repon::InitSettings& init) const {
    if (sigma_a_ > 0) return sigma_a_;
    repon::InitSettings s = init;
    s.fan_in = fan_in_;
    return repon::SigmaA(s);
  }
  double SigmaC(const repon::InitSettings& init) const {
    if (sigma_c_ > 0) return sigma_c_;
    try {
      return repon::SigmaC(init);
    } catch (const std::invalid_argument& e) {
      throw Error(e.what());
    }
  }

  Prediction Predict(const Settings& s, const geneft_relation_info& info,
                     const int32_t* labels) const {
    if (!(s.lr_enc > 0 && s.lr_dec > 0))
      throw Error("train.lr_enc = " + std::to_string(s.lr_enc) +
                  ", train.lr_dec = " + std::to_string(s.lr_dec) + ": both must be > 0");
    Prediction p{};
    p.ratio = s.lr_dec / s.lr_enc;
    p.sigma_a = SigmaA(s.init);
    p.sigma_c = SigmaC(s.init);
    p.p_generalize = repon::CollisionProbability(p.sigma_a, p.sigma_c, s.lr_enc, s.lr_dec);
    const repon::Clusters clusters = repon::IndistinguishableClusters(info.n, labels);
    p.clusters = clusters.count;
    p.partners = repon::RepulsionPartners(clusters);
    p.p_all = p.partners >= 1 ? repon::ClusterJoinProbability(p.sigma_a, p.sigma_c, s.lr_enc,
                                                               s.lr_dec, p.partners)
                              : std::nan("");
    return p;
  }

  static void Write(const Prediction& p, const Sink& sink) {
    sink.scalar("ratio", p.ratio);
    sink.scalar("sigma_a", p.sigma_a);
    sink.scalar("sigma_c", p.sigma_c);
    sink.scalar("p_generalize", p.p_generalize);
    sink.scalar("clusters", static_cast<double>(p.clusters));
    sink.scalar("n_repons", static_cast<double>(p.partners));
    if (p.partners >= 1)
      sink.scalar("p_all", p.p_all);
    else
      sink.text("p_all_note", "no two elements must share a representation; Eq. 13 not applied");
  }

  void Log(int32_t level, const std::string& message) const {
    if (host_ != nullptr && host_->log != nullptr) host_->log(host_, level, message.c_str());
  }

  const geneft_host* host_;
  double target_, sigma_a_, sigma_c_;
  int64_t fan_in_, mc_samples_, seed_, bins_per_decade_, curve_points_;
  repon::PairOptions pair_;
};

}  // namespace

GENEFT_PLUGIN_LIBRARY(geneft::sdk::analyzer<ReponAnalyzer>(
    "repon", "1.0.0",
    "interacting repon theory: Eq. 12/13 collision probability vs eta_dec/eta_enc, "
    "critical ratio, Eq. 10 Monte Carlo, measured generalization per ratio (Fig. 6)",
    kParams));
