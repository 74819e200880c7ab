// Analyzer `info_bound`: the statics of paper Sec. III. Before training it
// reports the description length b (closed form or automorphism group),
// Eq. 3-5 and the Monte Carlo accuracy upper bound of Fig. 2 / Appendix D;
// after each run, the bound at that run's training fraction and for the
// exact training set it saw.
#include "completion_model.h"
#include <geneft/common/description_length.h>
#include "eq_formulas.h"
#include "monte_carlo_bound.h"
#include "not_available.h"
#include <geneft/common/relation_matrix.h>

#include <geneft/plugin.hpp>

#include <cmath>
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
    {"training_sets", GENEFT_PARAM_INT, "10", "random training sets per fraction for the Monte Carlo bound"},
    {"extensions", GENEFT_PARAM_INT, "1000", "linear extensions sampled per total-order training set"},
    {"seed", GENEFT_PARAM_INT, "0", "seed of the Monte Carlo bound"},
    {"sampler_burn_in", GENEFT_PARAM_DOUBLE, "1.0", "linear-extension chain burn-in, in units of m^3 ln m steps"},
    {"sampler_thinning", GENEFT_PARAM_DOUBLE, "0.1", "chain steps between sampled extensions, in units of m^3 ln m"},
    {"sampler_batches", GENEFT_PARAM_INT, "10", "batches of sampled extensions for the sampler's standard error"},
    {"max_states", GENEFT_PARAM_INT, "2000000", "state limit of the exact count over class assignments"},
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

int64_t Positive(const geneft::sdk::Params& p, const char* key) {
  const int64_t v = p.integer(key);
  if (v < 1) throw Error(std::string(key) + " = " + std::to_string(v) + ": must be >= 1");
  return v;
}

std::string NotAvailableNote(const statics::NotAvailable& why) {
  return why.what();
}

// What is known of a relation before any training.
struct RelationFacts {
  statics::RelationMatrix matrix;
  std::optional<statics::CompletionModel> model;
  std::optional<statics::NotAvailable> unavailable;  // why model is empty
  double declared_bits = NAN;
  double guess_probability = NAN;  // p*
};

RelationFacts ReadRelation(const geneft_relation_view& view) {
  if (view.info == nullptr || view.labels == nullptr)
    throw Error("relation view: info or labels missing");
  const geneft_relation_info& info = *view.info;
  if (info.num_classes != 2)
    throw statics::NotAvailable("its labels have " + std::to_string(info.num_classes) +
                                " classes; the statics theory covers binary relations");
  RelationFacts facts;
  facts.matrix = statics::RelationMatrix::FromLabels(view.labels, static_cast<int>(info.n));
  try {
    facts.model = statics::ModelForRelation(facts.matrix, info.properties);
  } catch (const statics::NotAvailable& e) {
    facts.unavailable = e;
  }
  facts.declared_bits = info.description_bits;
  facts.guess_probability = std::isfinite(info.guess_probability) ? info.guess_probability
                            : facts.model ? statics::GuessProbability(*facts.model)
                                          : NAN;
  return facts;
}

std::string Number(double v) {
  std::ostringstream out;
  out.precision(6);
  out << v;
  return out.str();
}

class InfoBound {
 public:
  explicit InfoBound(const geneft::sdk::Params& p)
      : host_(p.host()), alpha_(p.real("alpha")), fractions_(Positive(p, "fractions")) {
    if (!(alpha_ > 0 && alpha_ < 1))
      throw Error("alpha = " + Number(alpha_) + ": must be in (0, 1)");
    settings_.training_sets = static_cast<int>(Positive(p, "training_sets"));
    settings_.extensions = static_cast<int>(Positive(p, "extensions"));
    settings_.seed = static_cast<uint64_t>(p.integer("seed"));
    settings_.sampler.burn_in = p.real("sampler_burn_in");
    settings_.sampler.thinning = p.real("sampler_thinning");
    settings_.sampler.batches = static_cast<int>(Positive(p, "sampler_batches"));
    settings_.max_states = Positive(p, "max_states");
    if (!(settings_.sampler.burn_in >= 0))
      throw Error("sampler_burn_in = " + Number(settings_.sampler.burn_in) + ": must be >= 0");
    if (!(settings_.sampler.thinning > 0))
      throw Error("sampler_thinning = " + Number(settings_.sampler.thinning) + ": must be > 0");
  }

  void analyze_relation(const geneft_relation_view& view, const geneft::sdk::Sink& sink) const {
    Translated([&] { AnalyzeRelation(view, sink); });
  }

  void analyze_run(const geneft_run_view& run, const geneft::sdk::Sink& sink) const {
    Translated([&] { AnalyzeRun(run, sink); });
  }

 private:
  void AnalyzeRelation(const geneft_relation_view& view, const geneft::sdk::Sink& sink) const {
    const RelationFacts facts = ReadRelation(view);
    const int n = facts.matrix.n;
    const double total = double(n) * n;

    // Description length (Sec. III): the declared closed form, else the automorphism group.
    const double b_exact = statics::DescriptionLengthFromAutomorphisms(facts.matrix);
    const double b = std::isfinite(facts.declared_bits) ? facts.declared_bits : b_exact;
    sink.scalar("b", b);
    sink.scalar("b_exact", b_exact);
    const auto b_table = statics::TableTwoBits(n, view.info->properties,
                                               facts.model ? facts.model->classes : 0);
    if (b_table) sink.scalar("b_table", *b_table);
    if (std::isfinite(facts.declared_bits) &&
        std::fabs(facts.declared_bits - b_exact) > 1e-6 * std::max(1.0, b_exact))
      sink.text("b_check", "declared b = " + Number(facts.declared_bits) +
                               " bits differs from log2(n!/|Aut|) = " + Number(b_exact) + " bits");

    // Eq. 3-5 over the training fractions x = i / fractions.
    const std::vector<double> x = statics::EvenFractions(static_cast<int>(fractions_));
    if (b > 1) {
      sink.scalar("p_c", statics::CriticalFraction(b, alpha_, total));
      std::vector<double> f, f_ub;
      for (double xi : x) f.push_back(statics::InferableFraction(b, xi * total));
      sink.series("f_formula", x, f);
      if (std::isfinite(facts.guess_probability)) {
        sink.scalar("p_star", facts.guess_probability);
        for (double fi : f) f_ub.push_back(statics::AccuracyUpperBound(fi, facts.guess_probability));
        sink.series("f_ub_formula", x, f_ub);
      }
    } else {
      sink.text("formulas", "Eq. 3-5 not available: b = " + Number(b) + " bits, they need b > 1");
    }

    // Monte Carlo bound (Fig. 2, Appendix D): where the theory has no
    // completion model (partial orders, say), b and Eq. 3-5 still stand.
    if (!facts.model) return sink.text("monte_carlo", NotAvailableNote(*facts.unavailable));
    std::vector<double> mean, spread, inferred, inferred_spread;
    for (size_t i = 0; i < x.size(); ++i) {
      const statics::BoundPoint p =
          statics::AverageBound(facts.matrix, *facts.model, x[i], i, settings_);
      mean.push_back(p.mean);
      spread.push_back(p.spread);
      inferred.push_back(p.inferred_mean);
      inferred_spread.push_back(p.inferred_spread);
    }
    sink.series("f_ub_monte_carlo", x, mean, spread);
    sink.series("f_inferred_monte_carlo", x, inferred, inferred_spread);
    sink.text("monte_carlo", Method(*facts.model));
  }

  void AnalyzeRun(const geneft_run_view& run, const geneft::sdk::Sink& sink) const {
    if (run.relation == nullptr || run.train_mask == nullptr)
      throw Error("run view: relation or train_mask missing");
    const RelationFacts facts = ReadRelation(*run.relation);
    const int n = facts.matrix.n;
    const double total = double(n) * n;
    const statics::TrainingMask mask(run.train_mask, run.train_mask + facts.matrix.entries());

    // Eq. 5 at the run's training fraction.
    double fraction = 0;
    if (run.run_params == nullptr ||
        host_->param_double(host_, run.run_params, "train.fraction", &fraction) != GENEFT_OK) {
      fraction = 0;
      for (uint8_t known : mask) fraction += known != 0;
      fraction /= total;
    }
    const double b = std::isfinite(facts.declared_bits)
                         ? facts.declared_bits
                         : statics::DescriptionLengthFromAutomorphisms(facts.matrix);
    if (b > 1 && std::isfinite(facts.guess_probability))
      sink.scalar("bound", statics::AccuracyUpperBound(
                               statics::InferableFraction(b, fraction * total),
                               facts.guess_probability));

    // Appendix D for the exact training set of this run.
    if (!facts.model) return sink.text("monte_carlo", NotAvailableNote(*facts.unavailable));
    uint64_t mask_hash = 1469598103934665603ULL;  // FNV-1a over the mask
    for (uint8_t known : mask) mask_hash = (mask_hash ^ (known != 0)) * 1099511628211ULL;
    statics::Rng rng = statics::StreamRng(settings_.seed, mask_hash, 0x72756eULL);
    const statics::TrainingSetBound bound =
        statics::BoundForTrainingSet(facts.matrix, *facts.model, mask, settings_, rng);
    sink.scalar("bound_monte_carlo", bound.bound);
    sink.scalar("bound_monte_carlo_err", bound.standard_error);
    sink.scalar("bound_inferred", bound.inferred_fraction);
  }

  std::string Method(const statics::CompletionModel& model) const {
    std::string text = model.Describe() + "; " + std::to_string(settings_.training_sets) +
                       " random training sets of round(x n^2) pairs per fraction, seed " +
                       std::to_string(settings_.seed) + "; ";
    if (model.structure == statics::Structure::kTotalOrder)
      return text + std::to_string(settings_.extensions) + " linear extensions per set, " +
             settings_.sampler.Describe();
    return text + "exact probabilities over class assignments (uniform prior per element)";
  }

  const geneft_host* host_;
  double alpha_;
  int64_t fractions_;
  statics::BoundSettings settings_;
};

}  // namespace

GENEFT_PLUGIN_LIBRARY(geneft::sdk::analyzer<InfoBound>(
    "info_bound", "1.0.0",
    "description length, critical fraction and accuracy upper bounds (paper Sec. III, App. D)",
    kParams));
