// The text a person reads after `geneft run` / `geneft check`: what was
// asked (given), what ran (used), the outcome and one Termination line.
#pragma once

#include "analyze/reanalysis.h"
#include "study/prepared_study.h"

#include <string>

namespace geneft {

/// Study, relation, plugins, model and training settings, aligned.
std::string ConfigurationReport(const PreparedStudy& study);

/// What re-analysis of stored runs did: each analyzer run again and why,
/// then its failures, notes and warnings with the runs they happened to.
std::string ReanalysisReport(const ReanalysisSummary& summary);


}  // namespace geneft
