#include "monte_carlo_bound.h"

#include "class_assignments.h"
#include "not_available.h"
#include "order_bound.h"
#include "training_sets.h"

#include <geneft/geneft_plugin.h>

#include <algorithm>
#include <cmath>
#include <exception>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>

namespace geneft::statics {
namespace {

struct MeanAndSpread {
  double mean = 0, spread = 0;
};

MeanAndSpread Summarize(const std::vector<double>& values) {
  MeanAndSpread s;
  for (double v : values) s.mean += v;
  s.mean /= values.size();
  if (values.size() < 2) return s;
  double squares = 0;
  for (double v : values) squares += (v - s.mean) * (v - s.mean);
  s.spread = std::sqrt(squares / (values.size() - 1));
  return s;
}

// f(0) .. f(count - 1), each on its own thread when count > 1; the first
// exception any of them threw is rethrown here.
template <class F>
auto InParallel(int count, F f) -> std::vector<decltype(f(0))> {
  std::vector<decltype(f(0))> results(count);
  if (count == 1) {
    results[0] = f(0);
    return results;
  }
  std::vector<std::exception_ptr> errors(count);
  std::vector<std::thread> workers;
  for (int k = 0; k < count; ++k)
    workers.emplace_back([&, k] {
      try {
        results[k] = f(k);
      } catch (...) {
        errors[k] = std::current_exception();
      }
    });
  for (std::thread& w : workers) w.join();
  for (const std::exception_ptr& e : errors)
    if (e) std::rethrow_exception(e);
  return results;
}

}  // namespace

bool ParseBoundMethod(const std::string& text, BoundMethod* method) {
  if (text == "orbit") return *method = BoundMethod::kOrbit, true;
  if (text == "independent_classes") return *method = BoundMethod::kIndependentClasses, true;
  return false;
}

const char* BoundMethodName(BoundMethod method) {
  return method == BoundMethod::kOrbit ? "orbit" : "independent_classes";
}

bool BoundSettings::IsValid(std::string* error) const {
  if (training_sets < 1) {
    *error = "training_sets = " + std::to_string(training_sets) + ": must be >= 1";
    return false;
  }
  if (min_training_sets < 2) {
    *error = "min_training_sets = " + std::to_string(min_training_sets) + ": must be >= 2";
    return false;
  }
  if (!(error_tolerance >= 0) || !std::isfinite(error_tolerance)) {
    *error = "error_tolerance = " + std::to_string(error_tolerance) + ": must be >= 0";
    return false;
  }
  if (threads < 0) {
    *error = "threads = " + std::to_string(threads) + ": must be >= 0";
    return false;
  }
  if (max_exact_work < 0) {
    *error = "max_exact_work = " + std::to_string(max_exact_work) + ": must be >= 0";
    return false;
  }
  if (!(sampler.max_length > 0) || !std::isfinite(sampler.max_length)) {
    *error = "order_max_length = " + std::to_string(sampler.max_length) + ": must be > 0";
    return false;
  }
  if (!(sampler.rhat_target > 1) || !std::isfinite(sampler.rhat_target)) {
    *error = "order_rhat = " + std::to_string(sampler.rhat_target) + ": must be > 1";
    return false;
  }
  if (sampler.chains < 2) {
    *error = "sampler_chains = " + std::to_string(sampler.chains) + ": must be >= 2";
    return false;
  }
  return chain.IsValid(error);
}

BoundRelation::BoundRelation(LabelMatrix relation, uint32_t properties, BoundMethod method)
    : labels_(std::move(relation)), method_(method) {
  const bool binary = labels_.classes == 2;
  if (method == BoundMethod::kIndependentClasses) {
    if (!binary)
      throw NotAvailable("the independent_classes method reads binary relations; this one has " +
                         std::to_string(labels_.classes) + " label classes (use method = orbit)");
    binary_ = RelationMatrix::FromLabels(labels_.labels.data(), labels_.n);
    const std::string reads = "the independent_classes method reads equivalences and complete "
                              "bipartite graphs, not ";
    std::optional<CompletionModel> model;
    try {
      model = ModelForRelation(*binary_, properties);
    } catch (const NotAvailable&) {
      throw NotAvailable(reads + "a relation of no named kind (use method = orbit)");
    }
    if (model->structure != Structure::kClasses)
      throw NotAvailable(reads + "a " + model->Describe() + " (use method = orbit)");
    classes_ = std::move(*model);
    return;
  }
  if (binary && (properties & GENEFT_PROP_TOTAL_ORDER)) {
    binary_ = RelationMatrix::FromLabels(labels_.labels.data(), labels_.n);
    ModelForRelation(*binary_, GENEFT_PROP_TOTAL_ORDER);  // checks the labels
    total_order_ = true;
    return;
  }
  orbit_ = std::make_unique<OrbitRelation>(labels_);
}

std::string BoundRelation::Describe() const {
  if (classes_) return classes_->Describe();
  if (total_order_) return "total order";
  return "relation up to twins: " + std::to_string(orbit_->quotient.size) + " twin classes of " +
         std::to_string(labels_.n) + " elements";
}

std::string BoundRelation::Method(const BoundSettings& settings) const {
  std::ostringstream out;
  if (method_ == BoundMethod::kIndependentClasses)
    out << "independent_classes reading (each element's class drawn independently, as "
           "Appendix D): exact probabilities over class assignments";
  else if (total_order_)
    out << "orbit reading (uniform over the relabelings consistent with the training pairs) "
           "of a total order: linear extensions of the implied order, exact by its ideals "
           "within " << settings.max_exact_work << " steps per set, else "
        << settings.sampler.Describe();
  else
    out << "orbit reading (uniform over the relabelings consistent with the training pairs) "
           "of a " << Describe() << ": exact enumeration within " << settings.max_exact_work
        << " operations per set, else " << settings.chain.Describe();
  return out.str();
}

TrainingSetBound BoundRelation::ForTrainingSet(const TrainingMask& mask,
                                               const BoundSettings& settings, Rng& rng) const {
  if (classes_) return IndependentClassBound(*binary_, *classes_, mask, settings.max_states);
  if (total_order_)
    return TotalOrderBound(*binary_, mask, settings.max_exact_work, settings.sampler, rng);
  return OrbitBound(*orbit_, mask, settings.max_exact_work, settings.chain, rng);
}

BoundPoint AverageBound(const BoundRelation& relation, double fraction, uint64_t fraction_index,
                        const BoundSettings& settings) {
  std::string why;
  if (!settings.IsValid(&why)) throw std::invalid_argument(why);
  const auto one_set = [&](int t) {
    Rng rng = StreamRng(settings.seed, fraction_index, static_cast<uint64_t>(t));
    const TrainingMask mask = RandomTrainingMask(relation.n(), fraction, rng);
    return relation.ForTrainingSet(mask, settings, rng);
  };
  const int at_least = std::min(settings.min_training_sets, settings.training_sets);
  const auto enough = [&](const std::vector<double>& bounds) {
    if (static_cast<int>(bounds.size()) >= settings.training_sets) return true;
    if (settings.error_tolerance == 0 || static_cast<int>(bounds.size()) < at_least) return false;
    return Summarize(bounds).spread / std::sqrt(double(bounds.size())) <=
           settings.error_tolerance;
  };
  const int threads = settings.threads > 0
                          ? settings.threads
                          : std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
  std::vector<double> bounds, inferred;
  BoundPoint point;
  point.fraction = fraction;
  point.training_pairs = TrainingFactCount(relation.n(), fraction);
  // Waves of `threads` sets; the stopping rule then reads them in order, so
  // sets computed beyond the stop are discarded and the result is the same
  // for any thread count.
  for (int next = 0; !enough(bounds);) {
    const int wave = std::min(threads, settings.training_sets - next);
    const std::vector<TrainingSetBound> sets = InParallel(wave, [&](int k) { return one_set(next + k); });
    next += wave;
    for (const TrainingSetBound& b : sets) {
      if (enough(bounds)) break;
      bounds.push_back(b.bound);
      inferred.push_back(b.inferred_fraction);
      if (b.exact) {
        ++point.exact_sets;
        continue;
      }
      if (!std::isnan(b.rhat) && !(b.rhat <= point.worst_rhat)) point.worst_rhat = b.rhat;
      point.shortened_sets += b.shortened;
      if (b.relabelings >= 0 &&
          (point.fewest_relabelings < 0 || b.relabelings < point.fewest_relabelings))
        point.fewest_relabelings = b.relabelings;
    }
  }
  const double sets = static_cast<double>(bounds.size());
  const MeanAndSpread bound = Summarize(bounds), known = Summarize(inferred);
  point.training_sets = static_cast<int>(bounds.size());
  point.mean = bound.mean;
  point.spread = bound.spread;
  point.error_of_mean = bound.spread / std::sqrt(sets);
  point.inferred_mean = known.mean;
  point.inferred_spread = known.spread;
  point.inferred_error = known.spread / std::sqrt(sets);
  return point;
}

std::vector<double> EvenFractions(int count) {
  if (count < 1) throw std::invalid_argument("fractions: " + std::to_string(count) +
                                             " must be >= 1");
  std::vector<double> x;
  for (int i = 1; i <= count; ++i) x.push_back(double(i) / count);
  return x;
}

}  // namespace geneft::statics
