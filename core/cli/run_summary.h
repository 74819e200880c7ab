// The text a person reads after `geneft run` / `geneft check`: what was
// asked (given), what ran (used), the outcome and one Termination line.
#pragma once

#include "study/prepared_study.h"

#include <string>

namespace geneft {

/// Study, relation, plugins, model and training settings, aligned.
std::string ConfigurationReport(const PreparedStudy& study);


}  // namespace geneft
