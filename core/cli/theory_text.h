// Rendering analyzer predictions (scalars and curves) as a table, CSV or JSON.
#pragma once

#include "analyze/analysis.h"

#include <functional>
#include <string>

namespace geneft {

enum class TheoryFormat { kTable, kCsv, kJson };

/// Parses "table", "csv", "json"; anything else is false with *err naming
/// the valid formats.
bool ParseTheoryFormat(const std::string& text, TheoryFormat* format, std::string* err);

/// Scalars first, then all curves sharing x in one table (x = training
/// fraction for info_bound); a curve's error bar becomes a "<name>_err" column.
std::string FormatTheory(const AnalysisResults& results, TheoryFormat format);

/// The table format written as results arrive (AnalyzeRelation's observer):
/// each scalar and text line at once, the curves written since the last
/// line as one table as soon as a scalar or text follows them, and at
/// Finish. A slow result (the Monte Carlo bound) then holds back nothing
/// that came before it.
class TheoryTableStream {
 public:
  /// Text goes to `write`, one call per finished line or table.
  explicit TheoryTableStream(std::function<void(const std::string&)> write);
  void Update(const AnalysisResults& results);
  void Finish(const AnalysisResults& results);

 private:
  void FlushCurves(const AnalysisResults& results);

  std::function<void(const std::string&)> write_;
  size_t scalars_ = 0, texts_ = 0, curves_ = 0;  // written so far
  size_t series_seen_ = 0;                          // curves arrived so far
};

}  // namespace geneft
