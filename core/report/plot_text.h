// Small helpers the report's figure builders share: numbers and strings as
// gnuplot reads them, replicate statistics, and axis choices.
#pragma once

#include <string>
#include <vector>

namespace geneft::report {

/// `text` as a single-quoted gnuplot string ('' for a quote, no newlines).
std::string GnuplotQuote(const std::string& text);
/// `text` as a double-quoted field of a gnuplot data file.
std::string DataString(const std::string& text);
/// A number for a data file: "%.8g", or "NaN" (gnuplot skips it).
std::string Num(double value);

struct MeanSpread {
  double mean = 0;    ///< NaN when no finite value
  double spread = 0;  ///< sample standard deviation; 0 for one value
  int count = 0;      ///< finite values
};
/// Mean and sample standard deviation of the finite values.
MeanSpread Summarize(const std::vector<double>& values);

/// True when the sorted distinct values are positive and (close to) evenly
/// spaced in log10, spanning at least a factor 10: draw them on a log axis.
bool LogSpaced(const std::vector<double>& sorted_values);

/// Cell edges around each sorted distinct value: midpoints between
/// neighbours (geometric on a log axis), mirrored at the ends.
std::vector<double> CellEdges(const std::vector<double>& sorted_values, bool log_axis);

/// A compact label for a setting: "lr_enc" for "train.lr_enc".
std::string ShortKey(const std::string& key);

}  // namespace geneft::report
