#include "cli/theory_text.h"

#include "plugin/params.h"
#include <geneft/common/names.h>

#include <fmt/core.h>

#include <cmath>
#include <map>

namespace geneft {
namespace {

std::string JsonNumber(double v) { return std::isfinite(v) ? ShortestDouble(v) : "null"; }

std::string JsonString(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out + "\"";
}

// Column headers and rows of every series, aligned on x.
struct CurveTable {
  std::vector<std::string> columns;
  std::map<double, std::vector<double>> rows;
};

CurveTable Curves(const AnalysisResults& r) {
  CurveTable t;
  for (const SeriesResult& s : r.series) {
    const size_t y_col = t.columns.size();
    t.columns.push_back(s.name);
    if (!s.err.empty()) t.columns.push_back(s.name + "_err");
    for (size_t i = 0; i < s.x.size(); ++i) {
      auto& row = t.rows[s.x[i]];
      row.resize(t.columns.size(), std::nan(""));
      row[y_col] = s.y[i];
      if (!s.err.empty()) row[y_col + 1] = s.err[i];
    }
  }
  for (auto& [x, row] : t.rows) row.resize(t.columns.size(), std::nan(""));
  return t;
}

std::string ScalarLine(const std::string& name, double value) {
  return fmt::format("{:<32} {:.6g}\n", name, value);
}

std::string TextLine(const std::string& name, const std::string& value) {
  return fmt::format("{:<32} {}\n", name, value);
}

std::string AsTable(const AnalysisResults& r) {
  std::string out;
  for (const auto& [name, value] : r.scalars) out += ScalarLine(name, value);
  for (const auto& [name, value] : r.texts) out += TextLine(name, value);
  const CurveTable t = Curves(r);
  if (t.rows.empty()) return out;
  out += fmt::format("\n{:>10}", "x");
  for (const std::string& c : t.columns) out += fmt::format(" {:>{}}", c, std::max<size_t>(12, c.size()));
  out += "\n";
  for (const auto& [x, row] : t.rows) {
    out += fmt::format("{:>10.4g}", x);
    for (size_t i = 0; i < row.size(); ++i)
      out += fmt::format(" {:>{}.6g}", row[i], std::max<size_t>(12, t.columns[i].size()));
    out += "\n";
  }
  return out;
}

std::string AsCsv(const AnalysisResults& r) {
  // Scalars as rows with an empty x, so one file holds everything.
  const CurveTable t = Curves(r);
  std::string out = "x";
  for (const auto& [name, value] : r.scalars) out += "," + name;
  for (const std::string& c : t.columns) out += "," + c;
  out += "\n";
  bool first = true;
  for (const auto& [x, row] : t.rows) {
    out += ShortestDouble(x);
    for (const auto& [name, value] : r.scalars) out += "," + (first ? ShortestDouble(value) : "");
    for (double v : row) out += "," + (std::isfinite(v) ? ShortestDouble(v) : "");
    out += "\n";
    first = false;
  }
  if (t.rows.empty()) {
    for (const auto& [name, value] : r.scalars) out += "," + ShortestDouble(value);
    out += "\n";
  }
  return out;
}

std::string AsJson(const AnalysisResults& r) {
  std::string out = "{\n  \"scalars\": {";
  for (size_t i = 0; i < r.scalars.size(); ++i)
    out += (i ? ", " : "") + JsonString(r.scalars[i].first) + ": " + JsonNumber(r.scalars[i].second);
  out += "},\n  \"texts\": {";
  for (size_t i = 0; i < r.texts.size(); ++i)
    out += (i ? ", " : "") + JsonString(r.texts[i].first) + ": " + JsonString(r.texts[i].second);
  out += "},\n  \"series\": [";
  for (size_t i = 0; i < r.series.size(); ++i) {
    const SeriesResult& s = r.series[i];
    const auto list = [](const std::vector<double>& v) {
      std::string l = "[";
      for (size_t k = 0; k < v.size(); ++k) l += (k ? ", " : "") + JsonNumber(v[k]);
      return l + "]";
    };
    out += std::string(i ? "," : "") + "\n    {\"name\": " + JsonString(s.name) + ", \"x\": " +
           list(s.x) + ", \"y\": " + list(s.y) + (s.err.empty() ? "" : ", \"err\": " + list(s.err)) +
           "}";
  }
  return out + "\n  ]\n}\n";
}

}  // namespace

bool ParseTheoryFormat(const std::string& text, TheoryFormat* format, std::string* err) {
  if (text == "table") return *format = TheoryFormat::kTable, true;
  if (text == "csv") return *format = TheoryFormat::kCsv, true;
  if (text == "json") return *format = TheoryFormat::kJson, true;
  *err = UnknownName("format", text, {"table", "csv", "json"});
  return false;
}

std::string FormatTheory(const AnalysisResults& results, TheoryFormat format) {
  switch (format) {
    case TheoryFormat::kTable: return AsTable(results);
    case TheoryFormat::kCsv: return AsCsv(results);
    case TheoryFormat::kJson: return AsJson(results);
  }
  return "";
}

TheoryTableStream::TheoryTableStream(std::function<void(const std::string&)> write)
    : write_(std::move(write)) {}

void TheoryTableStream::Update(const AnalysisResults& results) {
  series_seen_ = results.series.size();
  if (results.scalars.size() > scalars_ || results.texts.size() > texts_) FlushCurves(results);
  for (; scalars_ < results.scalars.size(); ++scalars_)
    write_(ScalarLine(results.scalars[scalars_].first, results.scalars[scalars_].second));
  for (; texts_ < results.texts.size(); ++texts_)
    write_(TextLine(results.texts[texts_].first, results.texts[texts_].second));
}

void TheoryTableStream::Finish(const AnalysisResults& results) {
  Update(results);
  FlushCurves(results);
}

void TheoryTableStream::FlushCurves(const AnalysisResults& results) {
  if (curves_ >= series_seen_) return;
  AnalysisResults batch;
  batch.series.assign(results.series.begin() + static_cast<ptrdiff_t>(curves_),
                      results.series.begin() + static_cast<ptrdiff_t>(series_seen_));
  curves_ = series_seen_;
  write_(AsTable(batch) + "\n");
}

}  // namespace geneft
