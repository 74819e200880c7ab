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
};

/// What analyzers wrote, names prefixed with the analyzer id ("info_bound.b").
struct AnalysisResults {
  std::vector<std::pair<std::string, double>> scalars;
  std::vector<std::pair<std::string, std::string>> texts;
  std::vector<SeriesResult> series;

  /// The scalar called `name`, or NaN.
  double Scalar(const std::string& name) const;
  /// The text called `name`, or nullptr.
  const std::string* Text(const std::string& name) const;
  /// The series called `name`, or nullptr.
  const SeriesResult* Series(const std::string& name) const;
};

/// Called after each result an analyzer writes, with all results so far,
/// the newest last in its list: lets `geneft theory` print the quick
/// results while a slow one is still being computed.
using ResultObserver = std::function<void(const AnalysisResults&)>;

/// Each runs one stage of `analyzer` and appends its results. A stage the
/// analyzer lacks is a no-op returning true. On failure *err reads
/// "analyzer.info_bound: analyze_run failed (not available): <message>";
/// the results written before the failure stay in *out.
bool AnalyzeRelation(const Analyzer& analyzer, const geneft_relation_view& view,
                     AnalysisResults* out, std::string* err,
                     const ResultObserver& observer = {});
bool AnalyzeRun(const Analyzer& analyzer, const geneft_run_view& view, AnalysisResults* out,
                std::string* err);
bool AnalyzeStudy(const Analyzer& analyzer, const geneft_study_view& view,
                  AnalysisResults* out, std::string* err);

}  // namespace geneft
