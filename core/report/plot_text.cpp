#include "report/plot_text.h"

#include <fmt/core.h>

#include <algorithm>
#include <cmath>

namespace geneft::report {

std::string GnuplotQuote(const std::string& text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'') out += "''";
    else if (c == '\n' || c == '\r') out += ' ';
    else out += c;
  }
  return out + "'";
}

std::string DataString(const std::string& text) {
  std::string out = "\"";
  for (char c : text) out += (c == '"' || c == '\n' || c == '\r' || c == '\\') ? '_' : c;
  return out + "\"";
}

std::string Num(double value) {
  return std::isfinite(value) ? fmt::format("{:.8g}", value) : std::string("NaN");
}

MeanSpread Summarize(const std::vector<double>& values) {
  MeanSpread s;
  double sum = 0;
  for (double v : values)
    if (std::isfinite(v)) sum += v, ++s.count;
  if (s.count == 0) {
    s.mean = std::nan("");
    return s;
  }
  s.mean = sum / s.count;
  if (s.count > 1) {
    double sq = 0;
    for (double v : values)
      if (std::isfinite(v)) sq += (v - s.mean) * (v - s.mean);
    s.spread = std::sqrt(sq / (s.count - 1));
  }
  return s;
}

bool LogSpaced(const std::vector<double>& v) {
  if (v.size() < 2 || v.front() <= 0) return false;
  if (v.back() / v.front() < 10) return false;
  if (v.size() == 2) return true;
  const double step = std::log10(v[1] / v[0]);
  for (size_t i = 2; i < v.size(); ++i)
    if (std::fabs(std::log10(v[i] / v[i - 1]) - step) > 0.1 * std::fabs(step)) return false;
  return true;
}

std::vector<double> CellEdges(const std::vector<double>& v, bool log_axis) {
  std::vector<double> t;
  for (double x : v) t.push_back(log_axis ? std::log10(x) : x);
  std::vector<double> edges(t.size() + 1);
  const double single = log_axis ? 0.5 : std::max(0.5, std::fabs(t.empty() ? 1 : t[0]) * 0.1);
  for (size_t i = 1; i < t.size(); ++i) edges[i] = 0.5 * (t[i - 1] + t[i]);
  if (t.size() == 1) {
    edges[0] = t[0] - single, edges[1] = t[0] + single;
  } else if (!t.empty()) {
    edges[0] = t[0] - (edges[1] - t[0]);
    edges[t.size()] = t.back() + (t.back() - edges[t.size() - 1]);
  }
  if (log_axis)
    for (double& e : edges) e = std::pow(10.0, e);
  return edges;
}

std::string ShortKey(const std::string& key) {
  const size_t dot = key.rfind('.');
  return dot == std::string::npos ? key : key.substr(dot + 1);
}

}  // namespace geneft::report
