// The per-run stage: a trained run, fresh from the trainer or read back
// from the store, handed to analyzers through one geneft_run_view.
#pragma once

#include "analyze/analysis.h"
#include "study/prepared_study.h"
#include "train/trainer.h"

#include <string>
#include <vector>

namespace geneft {

/// Runs the per-run stage of each of `analyzers` on `result`, the training
/// result of `run`. Results go to *out; each failing analyzer adds its
/// message to *errors (a failure never stops the others).
void AnalyzeTrainedRun(const PreparedStudy& study, const RunSpec& run, const TrainResult& result,
                       const std::vector<const Analyzer*>& analyzers, AnalysisResults* out,
                       std::vector<std::string>* errors);

/// Every analyzer of `study`, in study order.
std::vector<const Analyzer*> StudyAnalyzers(const PreparedStudy& study);

}  // namespace geneft
