// The accuracy vs training fraction figure of a report (GenEFT Fig. 2, 3).
#include "report/figure_kinds.h"
#include "report/run_figures.h"

#include <fmt/core.h>

#include <cmath>
#include <functional>
#include <string>

namespace geneft::report {

namespace {

// Which hypothesis space the Monte Carlo bound was read over (info_bound's
// bound_method): the relabelings of the relation, or per-element classes.
std::string BoundMethodNote(const ReportData& data) {
  const auto it = data.study_results.find("info_bound.bound_method");
  if (it == data.study_results.end()) return "";
  if (it->second.text == "orbit")
    return " Method: orbit (the posterior is uniform over the relabelings of the relation "
           "consistent with the training pairs).";
  if (it->second.text == "independent_classes")
    return " Method: independent_classes (each element's class drawn independently, as the "
           "paper's Appendix D; it ignores the class sizes).";
  return " Method: " + it->second.text + ".";
}

}  // namespace

// Fig. 2 / 3: final accuracy vs training fraction with the info_bound bounds.
Figure FractionFigure(const ReportData& data, const RunList& runs, const std::string& group,
                      const std::string& suffix) {
  Figure f;
  f.id = "accuracy-vs-fraction" + suffix;
  f.title = "Accuracy vs training fraction" + (group.empty() ? "" : " (" + group + ")");
  using Get = std::function<double(const Run&)>;
  DataBlocks blocks;
  const int measured = blocks.Add(RowsByX<Get>(
      runs, kFraction,
      {[](const Run& r) { return Accuracy(r, &Run::train_accuracy); },
       [](const Run& r) { return Accuracy(r, &Run::test_accuracy); },
       [](const Run& r) { return Accuracy(r, &Run::all_accuracy); }}));
  const auto result = [](const char* name) {
    return [name](const Run& r) {
      auto v = r.ResultNumber(name);
      return v ? *v : std::nan("");
    };
  };
  const auto* eq5_series = StudySeries(data, "info_bound.f_ub_formula");
  const auto* mc_series = StudySeries(data, "info_bound.f_ub_monte_carlo");
  const int eq5 = eq5_series ? blocks.Add(SeriesRows(*eq5_series))
                             : blocks.Add(RowsByX<Get>(runs, kFraction, {result("info_bound.bound")}));
  const int mc = mc_series ? blocks.Add(SeriesRows(*mc_series))
                           : blocks.Add(RowsByX<Get>(runs, kFraction,
                                                     {result("info_bound.bound_monte_carlo")}));
  f.data = blocks.text();

  std::string& c = f.commands;
  c += "set xlabel 'training fraction p (train.fraction: share of the n^2 pairs used for training)'\n";
  c += "set ylabel 'final accuracy (fraction of pairs correct)'\n";
  c += "set xrange [0:1]\nset yrange [0:1.05]\nset key bottom right\nset grid\n";
  std::string notes;
  const auto b = DescriptionLength(data);
  const auto n = runs.empty() ? std::nullopt : runs.front()->Number("relation.n");
  if (b && n && *n > 0 && *b / (*n * *n) > 0 && *b / (*n * *n) < 1) {
    const double x = *b / (*n * *n);
    c += fmt::format("set arrow from {0}, graph 0 to {0}, graph 1 nohead dt 2 lc rgb '#555555'\n",
                     Num(x));
    c += fmt::format("set label 'b/n^2 = {}' at {}, graph 0.06 offset 0.5, 0 tc rgb '#555555'\n",
                     fmt::format("{:.3g}", x), Num(x));
    notes += fmt::format(" The dashed vertical line is b/n^2 = {:.3g} (b = {:.4g} bits, n = {:g}).",
                         x, *b, *n);
  } else {
    notes += " No b/n^2 line: the store holds no info_bound.b result.";
  }
  std::vector<std::string> plots;
  if (mc >= 0) {
    plots.push_back(Index(f.id, mc) +
                    " using 1:($2-$3):($2+$3) with filledcurves fs transparent solid 0.2 noborder "
                    "lc rgb '#9467bd' title 'Monte Carlo bound ± SE'");
    plots.push_back(Index(f.id, mc) + " using 1:2 with lines lw 2 lc rgb '#9467bd' notitle");
    notes += mc_series ? " The shaded band is the info_bound Monte Carlo bound (series "
                         "info_bound.f_ub_monte_carlo) ± its standard error of the mean over "
                         "the random training sets of each fraction."
                       : " The shaded band is the info_bound Monte Carlo bound of each run's "
                         "training set (info_bound.bound_monte_carlo), mean ± standard deviation "
                         "over the runs at each fraction.";
    notes += BoundMethodNote(data);
  }
  if (eq5 >= 0) {
    plots.push_back(Index(f.id, eq5) + " using 1:2 with lines lw 2 dt 3 lc rgb '#000000' title "
                                       "'Eq. 5 upper bound'");
    notes += eq5_series ? " The dotted black curve is Eq. 5 (series info_bound.f_ub_formula)."
                        : " The dotted black curve is Eq. 5 at each swept fraction "
                          "(info_bound.bound).";
  }
  if (mc < 0 && eq5 < 0) notes += " No bound drawn: the study ran no info_bound analyzer.";
  plots.push_back(Index(f.id, measured) +
                  " using 1:2:3 with yerrorlines pt 7 ps 0.8 lc rgb '#1f77b4' title 'train'");
  plots.push_back(Index(f.id, measured) +
                  " using 1:4:5 with yerrorlines pt 5 ps 0.8 lc rgb '#d62728' title 'test'");
  plots.push_back(Index(f.id, measured) +
                  " using 1:6:7 with yerrorlines pt 9 ps 0.9 lc rgb '#2ca02c' title 'all pairs'");
  c += PlotCommand(plots);

  f.caption = "Final accuracy (train pairs, test pairs, all n^2 pairs; fraction correct, 0 to 1) "
              "vs training fraction p (share of the n^2 pairs used for training). Points are "
              "the mean over the replicates at each fraction, error bars ± one standard "
              "deviation; failed runs are left out." +
              notes + GroupNote(group) + " From " + StudySource(data) + ".";
  return f;
}

}  // namespace geneft::report
