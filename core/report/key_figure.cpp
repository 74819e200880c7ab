// The final accuracy vs one swept key figure of a report (GenEFT Fig. 7).
#include "report/figure_kinds.h"
#include "report/run_figures.h"

#include <fmt/core.h>

#include <functional>

namespace geneft::report {

// -- One swept key: test accuracy vs depth, width, ... (Fig. 7) -------------

Figure KeyFigure(const ReportData& data, const RunList& runs, const std::string& key,
                 const std::vector<std::string>& group_keys) {
  Figure f;
  const std::string what = ShortKey(key);
  f.id = "accuracy-vs-" + what;
  f.title = "Final accuracy vs " + key;
  const std::vector<double> xs = Values(runs, key);
  const bool logx = LogSpaced(xs) && xs.size() > 2;
  DataBlocks blocks;
  std::vector<std::string> plots;
  auto groups = GroupBy(runs, group_keys);
  const bool many = groups.size() > 1;
  if (groups.size() > 6) groups.resize(6);
  const std::string colours[] = {"#d62728", "#1f77b4", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b"};
  using Get = std::function<double(const Run&)>;
  for (size_t g = 0; g < groups.size(); ++g) {
    const int index = blocks.Add(RowsByX<Get>(
        groups[g].second, key,
        {[](const Run& r) { return Accuracy(r, &Run::train_accuracy); },
         [](const Run& r) { return Accuracy(r, &Run::test_accuracy); }}));
    if (index < 0) continue;
    const std::string label = many ? groups[g].first : std::string("test");
    plots.push_back(Index(f.id, index) + " using 1:4:5 with yerrorlines pt 7 lw 2 lc rgb '" +
                    colours[g % 6] + "' title " + GnuplotQuote(label));
    if (!many)
      plots.push_back(Index(f.id, index) +
                      " using 1:2:3 with yerrorlines pt 6 dt 2 lc rgb '#1f77b4' title 'train'");
  }
  f.data = blocks.text();
  std::string& c = f.commands;
  c += "set xlabel " + GnuplotQuote(key + (logx ? " (log scale)" : "")) + "\n";
  if (logx) c += "set logscale x\n";
  const double pad = xs.size() > 1 && !logx ? 0.05 * (xs.back() - xs.front()) : 0;
  if (!xs.empty() && !logx)
    c += fmt::format("set xrange [{}:{}]\n", Num(xs.front() - pad), Num(xs.back() + pad));
  c += "set ylabel 'final accuracy (fraction of pairs correct)'\nset yrange [0:1.05]\n"
       "set key bottom right\nset grid\n";
  if (key == "model.depth" || key == "model.width") c += "set xtics 1\n";
  if (key == "model.width" && xs.size() > 1 && xs.back() - xs.front() > 20) c += "set xtics auto\n";
  c += PlotCommand(plots);
  f.caption = "Final " + std::string(many ? "test" : "test (solid) and train (dashed)") +
              " accuracy (fraction of pairs correct, 0 to 1) vs " + key +
              ". Points are the mean over replicates, error bars ± one standard deviation; "
              "failed runs are left out." +
              (many ? " One line per value of " + fmt::format("{}", [&] {
                        std::string s;
                        for (const auto& k : group_keys) s += (s.empty() ? "" : ", ") + k;
                        return s;
                      }()) + "."
                    : "") +
              " From " + StudySource(data) + ".";
  return f;
}

}  // namespace geneft::report
