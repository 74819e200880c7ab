// The text a person reads after `geneft run` / `geneft check`: what was
// asked (given), what ran (used), the outcome and one Termination line.
#pragma once

#include "prepared_study.h"
#include "run_executor.h"

#include <string>

namespace geneft {

/// Study, relation, plugins, model and training settings, aligned.
std::string ConfigurationReport(const PreparedStudy& study);

/// Accuracies, first-passage steps, speed, analyzer results and a final
/// "Termination: <STATUS> (<reason>)" line.
std::string RunReport(const PreparedStudy& study, const RunOutcome& outcome);

/// One line: "completed: train 1.000 (>=0.9 at 1200), test 0.987 (>=0.9 at 3400), 12.1 s".
std::string BriefRunReport(const RunOutcome& outcome, double threshold);

}  // namespace geneft
