// Collecting an analyzer's results through the geneft_result_sink callbacks.
#pragma once

#include "plugin/plugin_instances.h"

#include <geneft/geneft_plugin.h>

#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace geneft {

struct SeriesResult {
  std::string name;  ///< "info_bound.f_ub_formula"
  std::vector<double> x, y, err;  ///< err empty when the analyzer gave none

  bool operator==(const SeriesResult&) const = default;
};

/// What analyzers wrote, names prefixed with the analyzer id ("info_bound.b").
struct AnalysisResults {
  std::vector<std::pair<std::string, double>> scalars;
  std::vector<std::pair<std::string, std::string>> texts;
  std::vector<SeriesResult> series;
  /// "analyzer.info_bound: analyze_relation: not available: <message>": an
  /// analyzer with no answer for this input; the stage still succeeded and
  /// stored its message as the text result "<id>.not_available".
  std::vector<std::string> notes;
  /// "analyzer.phase: result 'x' is nan": a NaN or infinite scalar, stored
  /// as it is (NULL in the store).
  std::vector<std::string> warnings;

  /// The scalar called `name`, or NaN.
  double Scalar(const std::string& name) const;
  /// The text called `name`, or nullptr.
  const std::string* Text(const std::string& name) const;
  /// The series called `name`, or nullptr.
  const SeriesResult* Series(const std::string& name) const;

  bool operator==(const AnalysisResults&) const = default;
};

/// Called after each result an analyzer writes, with all results so far,
/// the newest last in its list: lets `geneft theory` print the quick
/// results while a slow one is still being computed.
using ResultObserver = std::function<void(const AnalysisResults&)>;

/// Each runs one stage of `analyzer` and appends its results. A stage the
/// analyzer lacks is a no-op returning true, and so is a stage answering
/// GENEFT_ERR_NOT_AVAILABLE (a note, see AnalysisResults::notes). A result
/// name given twice by one stage is refused (the stage then fails). On
/// failure *err reads "analyzer.phase: analyze_run failed (plugin error):
/// <message>"; the results written before the failure stay in *out.
bool AnalyzeRelation(const Analyzer& analyzer, const geneft_relation_view& view,
                     AnalysisResults* out, std::string* err,
                     const ResultObserver& observer = {});
bool AnalyzeRun(const Analyzer& analyzer, const geneft_run_view& view, AnalysisResults* out,
                std::string* err);
bool AnalyzeStudy(const Analyzer& analyzer, const geneft_study_view& view,
                  AnalysisResults* out, std::string* err);

/// The analyzer failures a stored run's reason carries (they follow its
/// training reason, "; "-separated), from the first to the end; "" if none.
std::string AnalyzerFailuresIn(const std::string& reason);

/// `reason` with analyzer `id`'s failure replaced by `failure` (removed when
/// `failure` is ""), the other parts kept in order.
std::string WithAnalyzerFailure(const std::string& reason, const std::string& id,
                                const std::string& failure);

}  // namespace geneft
