// Rendering analyzer predictions (scalars and curves) as a table, CSV or JSON.
#pragma once

#include "analyze/analysis.h"

#include <string>

namespace geneft {

enum class TheoryFormat { kTable, kCsv, kJson };

/// Parses "table", "csv", "json"; anything else is false with *err naming
/// the valid formats.
bool ParseTheoryFormat(const std::string& text, TheoryFormat* format, std::string* err);

/// Scalars first, then all curves sharing x in one table (x = training
/// fraction for info_bound); a curve's error bar becomes a "<name>_err" column.
std::string FormatTheory(const AnalysisResults& results, TheoryFormat format);

}  // namespace geneft
