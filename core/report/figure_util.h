// Internal to the report's sweep figures (report_figures.cpp and the
// report_*_figure.cpp builders): the data-file block builder and the helpers
// several figures use to read runs and study-level results. Not part of
// report_figures.h.
#pragma once

#include "report/figures.h"
#include "report/plot_text.h"

#include <algorithm>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace geneft::report {

inline constexpr const char* kFraction = "train.fraction";

using RunList = std::vector<const Run*>;

// Builds a gnuplot data file block by block; empty blocks are not added.
class DataBlocks {
 public:
  /// Appends `block` (rows of text) and returns its index, or -1 if empty.
  int Add(const std::string& block) {
    if (block.empty()) return -1;
    text_ += (count_ ? "\n\n" : "") + block;
    return count_++;
  }
  const std::string& text() const { return text_; }

 private:
  std::string text_;
  int count_ = 0;
};

/// The gnuplot source of block `block` of the figure `id`'s data file.
std::string Index(const std::string& id, int block);

/// One `plot` command of `plots` (clauses), one clause a line.
std::string PlotCommand(const std::vector<std::string>& plots);

/// The distinct finite values of `key` over `runs`, sorted.
std::vector<double> Values(const RunList& runs, const std::string& key);

// A key is numeric when every run carrying it has a number, with two values or more.
bool NumericKey(const RunList& runs, const std::string& key);

// Partitions runs by the values of `keys`, in the order groups first appear.
std::vector<std::pair<std::string, RunList>> GroupBy(const RunList& runs,
                                                     const std::vector<std::string>& keys);

/// " Runs with LABEL." for a caption, or "" for no group.
std::string GroupNote(const std::string& label);

// Mean and spread over the runs at each x of a per-run quantity, one row per x.
template <typename Get>
std::string RowsByX(const RunList& runs, const std::string& key, const std::vector<Get>& getters) {
  std::string rows;
  for (double x : Values(runs, key)) {
    std::vector<std::vector<double>> columns(getters.size());
    for (const Run* r : runs)
      if (r->Number(key) == x)
        for (size_t g = 0; g < getters.size(); ++g) columns[g].push_back(getters[g](*r));
    std::string row = Num(x);
    bool any = false;
    int count = 0;
    for (const auto& c : columns) {
      const MeanSpread s = Summarize(c);
      row += " " + Num(s.mean) + " " + Num(s.spread);
      any = any || s.count > 0;
      count = std::max(count, s.count);
    }
    if (any) rows += row + " " + std::to_string(count) + "\n";
  }
  return rows;
}

/// Rows "x y err" of a study-level series (err 0 when not finite).
std::string SeriesRows(const std::vector<SeriesPoint>& points);

/// The study-level series `name`, or nullptr when absent or empty.
const std::vector<SeriesPoint>* StudySeries(const ReportData& data, const std::string& name);

/// The study-level result `name` as a number, when stored.
std::optional<double> StudyNumber(const ReportData& data, const std::string& name);

// b from the info_bound analyzer: study level, else any run's result.
std::optional<double> DescriptionLength(const ReportData& data);

/// A run's accuracy `field`, NaN for a failed run.
double Accuracy(const Run& r, double Run::*field);

}  // namespace geneft::report
