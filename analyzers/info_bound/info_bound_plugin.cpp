// Analyzer `info_bound`: the statics of paper Sec. III. Before training it
// reports the description length b (closed form or automorphism group),
// Eq. 3-5 and the Monte Carlo accuracy upper bound of Fig. 2 / Appendix D
// (orbit reading, monte_carlo_bound.h); after each run, the bound at that
// run's training-set size and for the exact training set it saw.
#include "completion_model.h"
#include "description_bits.h"
#include "eq_formulas.h"
#include "monte_carlo_bound.h"
#include "not_available.h"
#include "training_sets.h"

#include <geneft/common/relation_matrix.h>
#include <geneft/plugin.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

namespace statics = geneft::statics;
using geneft::sdk::Error;

const geneft_param_spec kParams[] = {
    {"alpha", GENEFT_PARAM_DOUBLE, "0.9", "target accuracy for the critical fraction p_c (Eq. 4)"},
    {"fractions", GENEFT_PARAM_INT, "20", "training fractions i/fractions, i = 1..fractions, for the curves"},
    {"training_sets", GENEFT_PARAM_INT, "10",
     "random training sets per fraction for the Monte Carlo bound, at most (see error_tolerance)"},
    {"min_training_sets", GENEFT_PARAM_INT, "5",
     "training sets per fraction before error_tolerance may stop it; >= 2"},
    {"error_tolerance", GENEFT_PARAM_DOUBLE, "0.002",
     "a fraction stops adding training sets once its mean bound's standard error is at most "
     "this; 0 = always training_sets"},
    {"threads", GENEFT_PARAM_INT, "0",
     "training sets computed at once (0 = one per core); the curve is the same for any value"},
    {"seed", GENEFT_PARAM_INT, "0", "seed of the Monte Carlo bound"},
    {"method", GENEFT_PARAM_STRING, "\"orbit\"",
     "orbit: uniform over the relabelings of the relation consistent with the training pairs; "
     "independent_classes: each element's class drawn independently (Appendix D; equivalences "
     "and complete bipartite graphs only)"},
    {"max_exact_work", GENEFT_PARAM_INT, "5000000",
     "operations the exact count may spend per training set before sampling takes over; 0 = always sample"},
    {"sampler_chains", GENEFT_PARAM_INT, "8", "independent chains per sampled training set (its standard error and R-hat); >= 2"},
    {"sampler_replicas", GENEFT_PARAM_INT, "8", "tempered copies per relabeling chain, the coldest confined to consistent relabelings"},
    {"sampler_burn_in", GENEFT_PARAM_INT, "30", "relabeling chain: sweeps of n swap proposals per copy before recording"},
    {"sampler_sweeps", GENEFT_PARAM_INT, "100", "relabeling chain: recorded sweeps per chain, one relabeling each"},
    {"sampler_max_work", GENEFT_PARAM_INT, "200000000",
     "relabeling chain: facts one training set's proposals may check plus pairs its tally may visit (about 0.6 s at n = 224, 2 s at n = 2000); beyond, proportionally fewer sweeps; 0 = no limit"},
    {"order_max_length", GENEFT_PARAM_DOUBLE, "4.0",
     "linear-extension chain: longest round, in units of m^2 ln m moves (m = elements of a block)"},
    {"order_rhat", GENEFT_PARAM_DOUBLE, "1.05",
     "linear-extension chain: rounds lengthen until the chains' split R-hat is below this"},
    {"max_states", GENEFT_PARAM_INT, "2000000", "independent_classes: state limit of the exact count over class assignments"},
};

// Runs f, turning the statics library's errors into plugin errors.
template <class F>
void Translated(F&& f) {
  try {
    f();
  } catch (const statics::NotAvailable& e) {
    throw Error(e.what(), GENEFT_ERR_NOT_AVAILABLE);
  } catch (const std::invalid_argument& e) {
    throw Error(e.what(), GENEFT_ERR_INVALID_ARGUMENT);
  }
}

int64_t AtLeast(const geneft::sdk::Params& p, const char* key, int64_t least) {
  const int64_t v = p.integer(key);
  if (v < least)
    throw Error(std::string(key) + " = " + std::to_string(v) + ": must be >= " +
                std::to_string(least));
  return v;
}

std::string Number(double v) {
  std::ostringstream out;
  out.precision(6);
  out << v;
  return out.str();
}

// What is known of a relation before any training.
struct RelationFacts {
  statics::LabelMatrix labels;
  uint32_t properties = 0;
  double declared_bits = NAN;
  double p_star = NAN;          // binary relations: declared, or of the recognised structure
  double guess_accuracy = NAN;  // Eq. 5's max(p*, 1 - p*), else the commonest label's share
};

RelationFacts ReadRelation(const geneft_relation_view& view) {
  if (view.info == nullptr || view.labels == nullptr)
    throw Error("relation view: info or labels missing");
  const geneft_relation_info& info = *view.info;
  RelationFacts facts;
  facts.labels = statics::LabelMatrix::FromLabels(view.labels, static_cast<int>(info.n),
                                                  static_cast<int>(info.num_classes));
  facts.properties = info.properties;
  facts.declared_bits = info.description_bits;
  if (info.num_classes == 2) {
    facts.p_star = info.guess_probability;
    if (!std::isfinite(facts.p_star)) {
      try {
        const statics::RelationMatrix binary =
            statics::RelationMatrix::FromLabels(view.labels, static_cast<int>(info.n));
        facts.p_star = statics::GuessProbability(statics::ModelForRelation(binary, info.properties));
      } catch (const statics::NotAvailable&) {
        // no named structure: the commonest label's share below
      }
    }
  }
  if (std::isfinite(facts.p_star)) {
    facts.guess_accuracy = std::max(facts.p_star, 1 - facts.p_star);
  } else {
    std::map<int32_t, size_t> count;
    for (int32_t label : facts.labels.labels) ++count[label];
    size_t commonest = 0;
    for (const auto& [label, c] : count) commonest = std::max(commonest, c);
    facts.guess_accuracy = double(commonest) / double(facts.labels.entries());
  }
  return facts;
}

// FNV-1a over a training mask: the run stage's random stream follows the set.
uint64_t MaskHash(const statics::TrainingMask& mask) {
  uint64_t hash = 1469598103934665603ULL;
  for (uint8_t known : mask) hash = (hash ^ (known != 0)) * 1099511628211ULL;
  return hash;
}

class InfoBound {
 public:
  explicit InfoBound(const geneft::sdk::Params& p)
      : host_(p.host()), alpha_(p.real("alpha")), fractions_(AtLeast(p, "fractions", 1)) {
    if (!(alpha_ > 0 && alpha_ < 1))
      throw Error("alpha = " + Number(alpha_) + ": must be in (0, 1)");
    const std::string method = p.string("method");
    if (!statics::ParseBoundMethod(method, &settings_.method))
      throw Error("method = '" + method + "': expected orbit or independent_classes");
    settings_.training_sets = static_cast<int>(AtLeast(p, "training_sets", 1));
    settings_.min_training_sets = static_cast<int>(AtLeast(p, "min_training_sets", 2));
    settings_.error_tolerance = p.real("error_tolerance");
    settings_.threads = static_cast<int>(AtLeast(p, "threads", 0));
    settings_.seed = static_cast<uint64_t>(p.integer("seed"));
    settings_.max_exact_work = AtLeast(p, "max_exact_work", 0);
    settings_.chain.chains = settings_.sampler.chains =
        static_cast<int>(AtLeast(p, "sampler_chains", 2));
    settings_.chain.replicas = static_cast<int>(AtLeast(p, "sampler_replicas", 1));
    settings_.chain.burn_in_sweeps = static_cast<int>(AtLeast(p, "sampler_burn_in", 0));
    settings_.chain.sweeps = static_cast<int>(AtLeast(p, "sampler_sweeps", 2));
    settings_.chain.max_work = AtLeast(p, "sampler_max_work", 0);
    settings_.sampler.max_length = p.real("order_max_length");
    settings_.sampler.rhat_target = p.real("order_rhat");
    settings_.max_states = AtLeast(p, "max_states", 1);
    std::string why;
    if (!settings_.IsValid(&why)) throw Error(why);
  }

  void analyze_relation(const geneft_relation_view& view, const geneft::sdk::Sink& sink) const {
    Translated([&] { AnalyzeRelation(view, sink); });
  }

  void analyze_run(const geneft_run_view& run, const geneft::sdk::Sink& sink) const {
    Translated([&] { AnalyzeRun(run, sink); });
  }

 private:
  // b first, then Eq. 3-5, then the Monte Carlo bound: whatever the bound
  // costs, or if it cannot be had, the cheap predictions are already out.
  void AnalyzeRelation(const geneft_relation_view& view, const geneft::sdk::Sink& sink) const {
    const RelationFacts facts = ReadRelation(view);
    const int n = facts.labels.n;
    const double total = double(n) * n;

    // Description length (Sec. III): the declared closed form, else from the labels.
    const statics::ExactBits exact = statics::ExactDescriptionBits(
        facts.labels, facts.properties, std::isfinite(facts.declared_bits));
    const double b = std::isfinite(facts.declared_bits) ? facts.declared_bits : exact.bits;
    sink.scalar("b", b);
    if (std::isfinite(exact.bits)) sink.scalar("b_exact", exact.bits);
    sink.text("b_source", exact.source);
    if (facts.labels.classes == 2) {
      const statics::RelationMatrix binary =
          statics::RelationMatrix::FromLabels(view.labels, n);
      int classes = 0;
      try {
        classes = statics::ModelForRelation(binary, facts.properties).classes;
      } catch (const statics::NotAvailable&) {
      }
      if (const auto b_table = statics::TableTwoBits(n, facts.properties, classes))
        sink.scalar("b_table", *b_table);
    }
    if (std::isfinite(facts.declared_bits) && std::isfinite(exact.bits) &&
        std::fabs(facts.declared_bits - exact.bits) > 1e-6 * std::max(1.0, exact.bits))
      sink.text("b_check", "declared b = " + Number(facts.declared_bits) +
                               " bits differs from log2(n!/|Aut|) = " + Number(exact.bits) + " bits");

    // Eq. 3-5 over x = i / fractions, each with the round(x n^2) pairs of a training set.
    const std::vector<double> x = statics::EvenFractions(static_cast<int>(fractions_));
    if (b > 1) {
      sink.scalar("p_c", statics::CriticalFraction(b, alpha_, total));
      if (std::isfinite(facts.p_star)) sink.scalar("p_star", facts.p_star);
      sink.scalar("guess_accuracy", facts.guess_accuracy);
      std::vector<double> f, f_ub;
      for (double xi : x) {
        f.push_back(statics::InferableFraction(b, double(statics::TrainingFactCount(n, xi))));
        f_ub.push_back(statics::AccuracyUpperBoundForGuess(f.back(), facts.guess_accuracy));
      }
      sink.series("f_formula", x, f);
      sink.series("f_ub_formula", x, f_ub);
    } else {
      sink.text("formulas", "Eq. 3-5 not available: b = " + Number(b) + " bits, they need b > 1");
    }

    // The Monte Carlo bound (Fig. 2, Appendix D), for every relation the
    // method reads; a method that cannot read it leaves a note, not an error.
    std::optional<statics::BoundRelation> relation;
    try {
      relation.emplace(facts.labels, facts.properties, settings_.method);
    } catch (const statics::NotAvailable& e) {
      return sink.text("monte_carlo", e.what());
    }
    sink.text("bound_method", statics::BoundMethodName(settings_.method));
    sink.text("monte_carlo", relation->Method(settings_) + "; " +
                                 SetsPerFraction() +
                                 " random training sets of round(x n^2) pairs per fraction, "
                                 "seed " + std::to_string(settings_.seed));
    std::vector<double> mean, error, inferred, inferred_error, sets_used;
    int exact_sets = 0, shortened_sets = 0;
    double worst_rhat = NAN;
    int64_t fewest = -1;
    for (size_t i = 0; i < x.size(); ++i) {
      const statics::BoundPoint p = statics::AverageBound(*relation, x[i], i, settings_);
      mean.push_back(p.mean);
      error.push_back(p.error_of_mean);
      inferred.push_back(p.inferred_mean);
      inferred_error.push_back(p.inferred_error);
      sets_used.push_back(p.training_sets);
      exact_sets += p.exact_sets;
      shortened_sets += p.shortened_sets;
      if (!std::isnan(p.worst_rhat) && !(p.worst_rhat <= worst_rhat)) worst_rhat = p.worst_rhat;
      if (p.fewest_relabelings >= 0 && (fewest < 0 || p.fewest_relabelings < fewest))
        fewest = p.fewest_relabelings;
    }
    sink.series("f_ub_monte_carlo", x, mean, error);
    sink.series("f_inferred_monte_carlo", x, inferred, inferred_error);
    sink.series("monte_carlo_sets", x, sets_used);
    sink.text("monte_carlo_error",
              "the _err columns are standard errors of the mean over the training sets of each "
              "fraction (their standard deviation / sqrt(sets), the sets in monte_carlo_sets), "
              "sampling error included");
    int sets = 0;
    for (double used : sets_used) sets += static_cast<int>(used);
    sink.text("monte_carlo_sampling",
              SamplingNote(exact_sets, sets, worst_rhat, fewest, shortened_sets));
  }

  void AnalyzeRun(const geneft_run_view& run, const geneft::sdk::Sink& sink) const {
    if (run.relation == nullptr || run.train_mask == nullptr)
      throw Error("run view: relation or train_mask missing");
    const RelationFacts facts = ReadRelation(*run.relation);
    const statics::TrainingMask mask(run.train_mask, run.train_mask + facts.labels.entries());
    double pairs = 0;
    for (uint8_t known : mask) pairs += known != 0;

    // Eq. 5 at the run's own number of training pairs.
    const double b = std::isfinite(facts.declared_bits)
                         ? facts.declared_bits
                         : statics::ExactDescriptionBits(facts.labels, facts.properties, false).bits;
    if (b > 1)
      sink.scalar("bound", statics::AccuracyUpperBoundForGuess(
                               statics::InferableFraction(b, pairs), facts.guess_accuracy));

    // Appendix D for the exact training set of this run.
    std::optional<statics::BoundRelation> relation;
    try {
      relation.emplace(facts.labels, facts.properties, settings_.method);
    } catch (const statics::NotAvailable& e) {
      return sink.text("monte_carlo", e.what());
    }
    statics::Rng rng = statics::StreamRng(settings_.seed, MaskHash(mask), 0x72756eULL);
    const statics::TrainingSetBound bound = relation->ForTrainingSet(mask, settings_, rng);
    sink.scalar("bound_monte_carlo", bound.bound);
    sink.scalar("bound_monte_carlo_err", bound.standard_error);
    sink.scalar("bound_inferred", bound.inferred_fraction);
    sink.scalar("bound_monte_carlo_exact", bound.exact ? 1 : 0);
    if (!std::isnan(bound.rhat)) sink.scalar("bound_monte_carlo_rhat", bound.rhat);
    if (bound.relabelings >= 0)
      sink.scalar("bound_monte_carlo_relabelings", static_cast<double>(bound.relabelings));
    if (bound.shortened) sink.scalar("bound_monte_carlo_shortened", 1);
  }

  // "10", or "5 to 10" when the error tolerance may stop a fraction early.
  std::string SetsPerFraction() const {
    const int most = settings_.training_sets;
    const int least = std::min(settings_.min_training_sets, most);
    if (settings_.error_tolerance == 0 || least == most) return std::to_string(most);
    return std::to_string(least) + " to " + std::to_string(most) +
           " (until the mean's standard error is at most " + Number(settings_.error_tolerance) +
           ")";
  }

  static std::string SamplingNote(int exact_sets, int sets, double worst_rhat, int64_t fewest,
                                  int shortened_sets) {
    if (exact_sets == sets)
      return "exact for all " + std::to_string(sets) + " training sets (no sampling)";
    std::string note = "exact for " + std::to_string(exact_sets) + " of " +
                       std::to_string(sets) + " training sets, " +
                       std::to_string(sets - exact_sets) + " sampled: largest split R-hat " +
                       Number(worst_rhat) + " (near 1 when the chains agree)";
    if (fewest >= 0)
      note += ", fewest distinct relabelings visited by one set " + std::to_string(fewest);
    if (shortened_sets > 0)
      note += "; " + std::to_string(shortened_sets) +
              " sampled sets ran fewer sweeps than asked, for sampler_max_work";
    return note;
  }

  const geneft_host* host_;
  double alpha_;
  int64_t fractions_;
  statics::BoundSettings settings_;
};

}  // namespace

GENEFT_PLUGIN_LIBRARY(geneft::sdk::analyzer<InfoBound>(
    "info_bound", "1.1.0",
    "description length, critical fraction and accuracy upper bounds (paper Sec. III, App. D)",
    kParams));
