// The per-run figures of a report: a few chosen runs' accuracy vs step and
// their final embeddings in two dimensions.
#pragma once

#include "report/figures.h"

namespace geneft::report {

/// At most `limit` runs worth drawing, each with why it was chosen ("the
/// grokking run with the best test accuracy"): one per phase when the phase
/// analyzer classified the runs, else the best and the worst by final test
/// accuracy. Failed runs (nothing stored to draw) are never chosen.
std::vector<std::pair<const Run*, std::string>> ChooseRuns(const ReportData& data, size_t limit);

/// Accuracy vs step for `run`, or nothing when it stored no trajectory.
bool TrajectoryFigure(StoreReader& store, const ReportData& data, const Run& run,
                      const std::string& why_chosen, std::vector<Figure>* figures,
                      std::string* err);

/// The final embedding of `run` in 2-D (first two dimensions, or the first
/// two principal components when there are more), or nothing when none was
/// stored.
bool EmbeddingFigure(StoreReader& store, const ReportData& data, const Run& run,
                     const std::string& why_chosen, std::vector<Figure>* figures,
                     std::string* err);

/// "study 'NAME' (store FILE)": how captions name the figure's source.
std::string StudySource(const ReportData& data);

}  // namespace geneft::report
