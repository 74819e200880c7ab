#include "report/figures.h"

#include "report/figure_kinds.h"
#include "report/run_figures.h"

#include <algorithm>
#include <map>
#include <set>

namespace geneft::report {
namespace {

constexpr size_t kMaxGroups = 4;     // figures per sweep figure kind
constexpr size_t kMaxChosenRuns = 4;
constexpr size_t kMaxResultFigures = 12;  // per-run scalars drawn vs a single swept setting

std::vector<std::string> Without(std::vector<std::string> keys, const std::vector<std::string>& drop) {
  keys.erase(std::remove_if(keys.begin(), keys.end(),
                            [&](const std::string& k) {
                              return std::find(drop.begin(), drop.end(), k) != drop.end();
                            }),
             keys.end());
  return keys;
}

std::string Suffix(size_t group, size_t groups) {
  return groups > 1 ? "-" + std::to_string(group + 1) : "";
}

// Two keys that vary independently (more value pairs than either key has
// values), rather than zipped together or one alone.
bool FormsGrid(const RunList& runs, const std::string& kx, const std::string& ky) {
  std::set<std::pair<double, double>> pairs;
  for (const Run* r : runs) {
    auto x = r->Number(kx), y = r->Number(ky);
    if (x && y) pairs.insert({*x, *y});
  }
  return pairs.size() > std::max(Values(runs, kx).size(), Values(runs, ky).size());
}

// Keys whose values follow each other one to one in every run (zipped in
// the sweep): one axis, not two.
bool MoveTogether(const RunList& runs, const std::string& a, const std::string& b) {
  std::map<std::string, std::string> forward, backward;
  for (const Run* r : runs) {
    const std::string va = r->Text(a), vb = r->Text(b);
    if (forward.emplace(va, vb).first->second != vb || backward.emplace(vb, va).first->second != va)
      return false;
  }
  return true;
}

// The swept keys a figure over `axes` groups its runs by: all but the axes
// and the keys zipped with them.
std::vector<std::string> GroupKeys(const RunList& runs, const std::vector<std::string>& swept,
                                   const std::vector<std::string>& axes) {
  std::vector<std::string> keys;
  for (const std::string& k : swept)
    if (std::none_of(axes.begin(), axes.end(), [&](const std::string& axis) {
          return k == axis || MoveTogether(runs, k, axis);
        }))
      keys.push_back(k);
  return keys;
}

}  // namespace

bool ChooseFigures(StoreReader& store, const ReportData& data, std::vector<Figure>* figures,
                   std::string* err) {
  RunList runs;
  for (const Run& r : data.runs) runs.push_back(&r);

  std::vector<std::string> numeric;
  for (const std::string& k : data.swept_keys)
    if (NumericKey(runs, k)) numeric.push_back(k);

  bool sweep_figure = false;
  if (std::find(numeric.begin(), numeric.end(), kFraction) != numeric.end()) {
    auto groups = GroupBy(runs, Without(data.swept_keys, {kFraction}));
    if (groups.size() > kMaxGroups) groups.resize(kMaxGroups);
    for (size_t g = 0; g < groups.size(); ++g)
      figures->push_back(FractionFigure(data, groups[g].second, groups[g].first,
                                        Suffix(g, groups.size())));
    numeric = Without(numeric, {kFraction});
    sweep_figure = true;
  }

  // The phase analyzer's axes first (it puts train.lr_enc on x), then the
  // swept keys in the study's order.
  std::vector<std::pair<std::string, std::string>> pairs;
  const auto has = [&](const std::string& k) {
    return std::find(numeric.begin(), numeric.end(), k) != numeric.end();
  };
  const auto ax = data.study_results.find("phase.diagram.x");
  const auto ay = data.study_results.find("phase.diagram.y");
  if (ax != data.study_results.end() && ay != data.study_results.end() && has(ax->second.text) &&
      has(ay->second.text) && ax->second.text != ay->second.text)
    pairs.emplace_back(ax->second.text, ay->second.text);
  for (size_t i = 0; i < numeric.size(); ++i)
    for (size_t j = i + 1; j < numeric.size(); ++j) pairs.emplace_back(numeric[i], numeric[j]);
  for (const auto& [kx, ky] : pairs) {
    if (sweep_figure || !FormsGrid(runs, kx, ky)) continue;
    auto groups = GroupBy(runs, GroupKeys(runs, data.swept_keys, {kx, ky}));
    if (groups.size() > kMaxGroups) groups.resize(kMaxGroups);
    for (size_t g = 0; g < groups.size(); ++g)
      figures->push_back(
          PhaseFigure(data, groups[g].second, kx, ky, groups[g].first, Suffix(g, groups.size())));
    sweep_figure = true;
  }

  const bool repon_series = std::any_of(
      data.study_series.begin(), data.study_series.end(), [](const auto& s) {
        return s.first.rfind("repon.", 0) == 0 && s.first.find("boundary") == std::string::npos;
      });
  if (repon_series) figures->push_back(RatioFigure(data));

  if (!sweep_figure && !numeric.empty()) {
    std::string key = numeric.front();
    for (const char* preferred : {"model.depth", "model.width"})
      if (std::find(numeric.begin(), numeric.end(), preferred) != numeric.end()) key = preferred;
    figures->push_back(KeyFigure(data, runs, key, Without(data.swept_keys, {key})));
  }

  // One swept setting (replicates aside): each per-run analyzer scalar vs it.
  const std::vector<std::string> swept = Without(data.swept_keys, {"replicate"});
  if (swept.size() == 1 && NumericKey(runs, swept.front())) {
    std::vector<std::string> names = data.RunScalarNames();
    if (names.size() > kMaxResultFigures) names.resize(kMaxResultFigures);
    for (const std::string& name : names)
      figures->push_back(ResultFigure(data, runs, swept.front(), name));
  }

  const auto chosen = ChooseRuns(data, kMaxChosenRuns);
  for (const auto& [run, why] : chosen)
    if (!TrajectoryFigure(store, data, *run, why, figures, err) ||
        !EmbeddingFigure(store, data, *run, why, figures, err))
      return false;
  return true;
}

}  // namespace geneft::report
