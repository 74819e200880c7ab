#include "report/run_figures.h"

#include "report/plot_text.h"
#include <geneft/common/principal_components.h>

#include <fmt/core.h>

#include <algorithm>
#include <cmath>
#include <filesystem>

namespace geneft::report {
namespace {

std::string RunName(const Run& run) {
  return fmt::format("run {} (replicate {}, hash {})", run.index, run.replicate, run.hash);
}

std::string SweptSettings(const ReportData& data, const Run& run) {
  std::string out;
  for (const std::string& k : data.swept_keys)
    if (run.settings.count(k)) out += (out.empty() ? "" : ", ") + k + " = " + run.Text(k);
  return out;
}

std::string Describe(const ReportData& data, const Run& run, const std::string& why) {
  const std::string settings = SweptSettings(data, run);
  return RunName(run) + (settings.empty() ? "" : ", " + settings) +
         (why.empty() ? "" : "; chosen as " + why);
}

}  // namespace

std::string StudySource(const ReportData& data) {
  return "study '" + data.StudyValue("name") + "' (store " +
         std::filesystem::path(data.store_path).filename().string() + ")";
}

std::vector<std::pair<const Run*, std::string>> ChooseRuns(const ReportData& data, size_t limit) {
  std::vector<const Run*> usable;
  for (const Run& r : data.runs)
    if (!r.Failed() && std::isfinite(r.test_accuracy)) usable.push_back(&r);
  std::stable_sort(usable.begin(), usable.end(), [](const Run* a, const Run* b) {
    return a->test_accuracy > b->test_accuracy;
  });
  std::vector<std::pair<const Run*, std::string>> chosen;
  for (const char* phase : {"generalization", "grokking", "memorization", "confusion", "diverged"})
    for (const Run* r : usable)
      if (r->ResultText("phase.phase") == phase && chosen.size() < limit) {
        chosen.emplace_back(r, std::string("the ") + phase + " run with the best test accuracy");
        break;
      }
  if (!chosen.empty() || usable.empty()) return chosen;
  chosen.emplace_back(usable.front(), "the run with the best final test accuracy");
  if (usable.size() > 1 && limit > 1)
    chosen.emplace_back(usable.back(), "the run with the worst final test accuracy");
  return chosen;
}

bool TrajectoryFigure(StoreReader& store, const ReportData& data, const Run& run,
                      const std::string& why, std::vector<Figure>* figures, std::string* err) {
  std::vector<TrajectoryPoint> points;
  if (!store.Trajectory(run.hash, &points, err)) return false;
  std::string rows;
  for (const TrajectoryPoint& p : points)
    if (p.step > 0)
      rows += fmt::format("{} {} {} {} {}\n", p.step, Num(p.train_accuracy), Num(p.test_accuracy),
                          Num(p.all_accuracy), Num(p.loss));
  if (rows.empty()) return true;
  Figure f;
  f.id = fmt::format("run-{}-{}-accuracy", run.index, run.replicate);
  f.title = fmt::format("Run {} (replicate {}): accuracy vs step", run.index, run.replicate);
  f.data = rows;
  const std::string file = GnuplotQuote(f.id + ".dat");
  std::string& c = f.commands;
  c += "set xlabel 'training step (log scale)'\nset logscale x\nset autoscale xfix\n";
  c += "set ylabel 'accuracy (fraction of pairs correct)'\nset yrange [0:1.05]\n";
  c += "set key bottom right\nset grid\n";
  const auto threshold = run.Number("train.threshold");
  if (threshold && *threshold > 0 && *threshold <= 1)
    c += fmt::format("set arrow from graph 0, first {0} to graph 1, first {0} nohead dt 3 "
                     "lc rgb '#777777'\n",
                     Num(*threshold));
  c += "plot " + file + " using 1:2 with lines lw 2 lc rgb '#1f77b4' title 'train', \\\n     " +
       file + " using 1:3 with lines lw 2 lc rgb '#d62728' title 'test'\n";
  f.caption = "Train and test accuracy (fraction of pairs correct, 0 to 1) vs training step "
              "(log-scaled x axis; step 0 is not shown) of " +
              Describe(data, run, why) +
              (threshold ? fmt::format(". The dotted line is the accuracy threshold "
                                       "train.threshold = {:g}",
                                       *threshold)
                         : std::string()) +
              ". From " + StudySource(data) + ".";
  figures->push_back(std::move(f));
  return true;
}

bool EmbeddingFigure(StoreReader& store, const ReportData& data, const Run& run,
                     const std::string& why, std::vector<Figure>* figures, std::string* err) {
  Embedding e;
  if (!LoadEmbedding(store, run.hash, &e, err)) return false;
  if (e.values.empty() || e.dims == 0) return true;
  const int d = e.dims;
  for (auto& row : e.values) {
    row.resize(d, 0.0);
    for (int i = 0; i < d; ++i)
      if (!std::isfinite(row[i])) row[i] = 0;
  }
  std::vector<std::pair<double, double>> xy;
  std::string method;
  if (d <= 2) {
    for (const auto& row : e.values) xy.emplace_back(row[0], d > 1 ? row[1] : 0.0);
    method = d == 1 ? "the single embedding dimension (y = 0)" : "the two embedding dimensions";
  } else {
    std::vector<double> rows;
    for (const auto& row : e.values) rows.insert(rows.end(), row.begin(), row.end());
    const PrincipalComponents pc = FindPrincipalComponents(rows, e.values.size(), d, 2);
    for (size_t i = 0; i < e.values.size(); ++i) xy.emplace_back(pc.scores[0][i], pc.scores[1][i]);
    method = fmt::format("the first two principal components of the {}-dimensional embedding", d);
  }
  Figure f;
  f.id = fmt::format("run-{}-{}-embedding", run.index, run.replicate);
  f.title = fmt::format("Run {} (replicate {}): final embedding", run.index, run.replicate);
  for (size_t i = 0; i < xy.size(); ++i)
    f.data += fmt::format("{} {} {} {}\n", Num(xy[i].first), Num(xy[i].second),
                          DataString(e.names[i].empty() ? std::to_string(i) : e.names[i]), i);
  const std::string file = GnuplotQuote(f.id + ".dat");
  std::string& c = f.commands;
  c += d > 2 ? "set xlabel 'principal component 1'\nset ylabel 'principal component 2'\n"
             : "set xlabel 'embedding dimension 1'\nset ylabel 'embedding dimension 2'\n";
  c += "set size ratio -1\nset offsets graph 0.08, graph 0.08, graph 0.08, graph 0.08\n"
       "set grid\nset key off\nset palette rgbformulae 33,13,10\nset cblabel 'element index'\n";
  c += fmt::format("set cbrange [0:{}]\n", std::max<size_t>(1, xy.size() - 1));
  c += "plot " + file + " using 1:2:4 with points pt 7 ps 1.6 lc palette notitle, \\\n     " + file +
       " using 1:2:3 with labels offset 0.9, 0.7 font ',9' tc rgb '#333333' notitle\n";
  f.caption = "Final embedding of the " + std::to_string(xy.size()) + " elements of " +
              Describe(data, run, why) + ", drawn in " + method +
              " (units of the embedding space). Each point is labelled with its element name "
              "and coloured by element index, not by class: the store keeps no class labels. "
              "From " + StudySource(data) + ".";
  figures->push_back(std::move(f));
  return true;
}

}  // namespace geneft::report
