#include "report/figure_util.h"

#include <cmath>
#include <set>

namespace geneft::report {

std::string Index(const std::string& id, int block) {
  return GnuplotQuote(id + ".dat") + " index " + std::to_string(block);
}

std::string PlotCommand(const std::vector<std::string>& plots) {
  std::string c = "plot ";
  for (size_t i = 0; i < plots.size(); ++i) c += (i ? ", \\\n     " : "") + plots[i];
  return c + "\n";
}

std::vector<double> Values(const RunList& runs, const std::string& key) {
  std::set<double> v;
  for (const Run* r : runs)
    if (auto x = r->Number(key); x && std::isfinite(*x)) v.insert(*x);
  return {v.begin(), v.end()};
}

bool NumericKey(const RunList& runs, const std::string& key) {
  for (const Run* r : runs)
    if (r->settings.count(key) && !r->Number(key)) return false;
  return Values(runs, key).size() >= 2;
}

std::vector<std::pair<std::string, RunList>> GroupBy(const RunList& runs,
                                                     const std::vector<std::string>& keys) {
  std::vector<std::pair<std::string, RunList>> groups;
  for (const Run* r : runs) {
    std::string label;
    for (const std::string& k : keys) label += (label.empty() ? "" : ", ") + k + " = " + r->Text(k);
    auto it = std::find_if(groups.begin(), groups.end(),
                           [&](const auto& g) { return g.first == label; });
    if (it == groups.end()) groups.emplace_back(label, RunList{r});
    else it->second.push_back(r);
  }
  return groups;
}

std::string GroupNote(const std::string& label) {
  return label.empty() ? "" : " Runs with " + label + ".";
}

std::string SeriesRows(const std::vector<SeriesPoint>& points) {
  std::string rows;
  for (const SeriesPoint& p : points)
    rows += Num(p.x) + " " + Num(p.y) + " " + Num(std::isfinite(p.err) ? p.err : 0) + "\n";
  return rows;
}

const std::vector<SeriesPoint>* StudySeries(const ReportData& data, const std::string& name) {
  auto it = data.study_series.find(name);
  return it == data.study_series.end() || it->second.empty() ? nullptr : &it->second;
}

std::optional<double> StudyNumber(const ReportData& data, const std::string& name) {
  auto it = data.study_results.find(name);
  if (it == data.study_results.end()) return std::nullopt;
  return it->second.number;
}

std::optional<double> DescriptionLength(const ReportData& data) {
  if (auto b = StudyNumber(data, "info_bound.b")) return b;
  for (const Run& r : data.runs)
    if (auto b = r.ResultNumber("info_bound.b")) return b;
  return std::nullopt;
}

double Accuracy(const Run& r, double Run::*field) { return r.Failed() ? std::nan("") : r.*field; }

}  // namespace geneft::report
