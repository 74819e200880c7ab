#include "report_figures.h"

#include "report_plot_text.h"
#include "report_run_figures.h"

#include <fmt/core.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <optional>
#include <set>

namespace geneft::report {
namespace {

constexpr size_t kMaxGroups = 4;     // figures per sweep figure kind
constexpr size_t kMaxChosenRuns = 4;

const char* kFraction = "train.fraction";

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

std::string Index(const std::string& id, int block) {
  return GnuplotQuote(id + ".dat") + " index " + std::to_string(block);
}

std::vector<double> Values(const RunList& runs, const std::string& key) {
  std::set<double> v;
  for (const Run* r : runs)
    if (auto x = r->Number(key); x && std::isfinite(*x)) v.insert(*x);
  return {v.begin(), v.end()};
}

// A key is numeric when every run carrying it has a number, with two values or more.
bool NumericKey(const RunList& runs, const std::string& key) {
  for (const Run* r : runs)
    if (r->settings.count(key) && !r->Number(key)) return false;
  return Values(runs, key).size() >= 2;
}

// Partitions runs by the values of `keys`, in the order groups first appear.
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

std::string GroupNote(const std::string& label) {
  return label.empty() ? "" : " Runs with " + label + ".";
}

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

// b from the info_bound analyzer: study level, else any run's result.
std::optional<double> DescriptionLength(const ReportData& data) {
  if (auto b = StudyNumber(data, "info_bound.b")) return b;
  for (const Run& r : data.runs)
    if (auto b = r.ResultNumber("info_bound.b")) return b;
  return std::nullopt;
}

double Accuracy(const Run& r, double Run::*field) { return r.Failed() ? std::nan("") : r.*field; }

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
                    "lc rgb '#9467bd' title 'Monte Carlo bound ± spread'");
    plots.push_back(Index(f.id, mc) + " using 1:2 with lines lw 2 lc rgb '#9467bd' notitle");
    notes += mc_series ? " The shaded band is the info_bound Monte Carlo bound (series "
                         "info_bound.f_ub_monte_carlo) ± its spread."
                       : " The shaded band is the info_bound Monte Carlo bound of each run's "
                         "training set (info_bound.bound_monte_carlo), mean ± standard deviation "
                         "over the runs at each fraction.";
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
  c += "plot ";
  for (size_t i = 0; i < plots.size(); ++i) c += (i ? ", \\\n     " : "") + plots[i];
  c += "\n";

  f.caption = "Final accuracy (train pairs, test pairs, all n^2 pairs; fraction correct, 0 to 1) "
              "vs training fraction p (share of the n^2 pairs used for training). Points are "
              "the mean over the replicates at each fraction, error bars ± one standard "
              "deviation; failed runs are left out." +
              notes + GroupNote(group) + " From " + StudySource(data) + ".";
  return f;
}

// -- Phase diagram ----------------------------------------------------------

const std::vector<std::string> kPhases = {"generalization", "grokking", "memorization",
                                          "confusion",      "diverged", "failed"};

std::string CellPhase(const RunList& cell) {
  std::map<std::string, int> votes;
  for (const Run* r : cell) {
    std::string p = r->ResultText("phase.phase");
    if (r->Failed()) p = "failed";
    else if (p.empty() && r->status == "diverged") p = "diverged";
    if (!p.empty()) ++votes[p];
  }
  std::string best;
  int most = 0;
  for (const std::string& p : kPhases)  // ties go to the earlier phase
    if (votes.count(p) && votes[p] > most) best = p, most = votes[p];
  for (const auto& [p, v] : votes)
    if (v > most) best = p, most = v;
  return best;
}

bool AnyPhase(const RunList& runs) {
  return std::any_of(runs.begin(), runs.end(),
                     [](const Run* r) { return !r->ResultText("phase.phase").empty(); });
}

int RgbNumber(const std::string& hex) { return std::stoi(hex.substr(1), nullptr, 16); }

// Lines to draw over a phase diagram, from study-level results.
struct Overlay {
  std::string commands;  // extra plot clauses, each starting with ", "
  std::string note;
};

// The first of `names` stored as a finite study-level number.
std::pair<std::optional<double>, std::string> FirstNumber(const ReportData& data,
                                                          std::initializer_list<const char*> names) {
  for (const char* name : names)
    if (auto v = StudyNumber(data, name); v && std::isfinite(*v)) return {v, name};
  return {std::nullopt, ""};
}

// y(x) of a line fitted in the diagram's coordinates (log10 on a log axis).
std::string LineInPlotCoordinates(double slope, double intercept, bool logx, bool logy) {
  const std::string x = logx ? "log10(x)" : "x";
  const std::string y = Num(slope) + " * " + x + " + " + Num(intercept);
  return logy ? "10**(" + y + ")" : "(" + y + ")";
}

// The fitted boundary (phase analyzer: phase.boundary.slope / .intercept in
// the coordinates of phase.diagram.axes, and the boundary points as series
// phase.boundary) and the Eq. 12 prediction (repon analyzer: the critical
// ratio eta_dec / eta_enc, a line of slope 1 on log-log learning-rate axes).
Overlay BoundaryOverlay(const ReportData& data, const std::string& kx, const std::string& ky,
                        bool logx, bool logy) {
  Overlay o;
  const auto axes = data.study_results.find("phase.diagram.axes");
  const bool fit_logx = axes == data.study_results.end() ? logx : axes->second.text.find("log10 x") != std::string::npos;
  const bool fit_logy = axes == data.study_results.end() ? logy : axes->second.text.find("log10 y") != std::string::npos;
  const auto [slope, slope_name] = FirstNumber(data, {"phase.boundary.slope", "phase.boundary_slope"});
  const auto [intercept, intercept_name] =
      FirstNumber(data, {"phase.boundary.intercept", "phase.boundary_intercept"});
  if (slope && intercept) {
    o.commands += ", " + LineInPlotCoordinates(*slope, *intercept, fit_logx, fit_logy) +
                  " with lines lw 3 lc rgb '#000000' title 'fitted boundary'";
    o.note += fmt::format(" The solid black line is the fitted phase boundary {1}{0}{2} = {3:.3g} "
                          "{4}{5}{6} {7:+.3g} ({8}, {9}).",
                          ky, fit_logy ? "log10(" : "", fit_logy ? ")" : "", *slope,
                          fit_logx ? "log10(" : "", kx, fit_logx ? ")" : "", *intercept,
                          slope_name, intercept_name);
  }
  const auto [ratio, ratio_name] = FirstNumber(data, {"repon.critical_ratio"});
  const bool lr_axes = (kx == "train.lr_enc" && ky == "train.lr_dec") ||
                       (kx == "train.lr_dec" && ky == "train.lr_enc");
  if (ratio && *ratio > 0 && lr_axes) {
    o.commands += (kx == "train.lr_enc" ? ", " + Num(*ratio) + " * x" : ", x / " + Num(*ratio)) +
                  " with lines lw 3 dt (6,3) lc rgb '#8e1fc7' title 'Eq. 12 prediction'";
    o.note += fmt::format(" The dashed violet line is the Eq. 12 (repon theory) boundary "
                          "eta_dec / eta_enc = {:.3g} ({}).",
                          *ratio, ratio_name);
  }
  return o;
}

Figure PhaseFigure(const ReportData& data, const RunList& runs, const std::string& kx,
                   const std::string& ky, const std::string& group, const std::string& suffix) {
  Figure f;
  const bool phases = AnyPhase(runs);
  f.id = (phases ? "phase-diagram" : "test-accuracy-grid") + suffix;
  f.title = (phases ? "Phase diagram: " : "Final test accuracy: ") + ShortKey(kx) + " x " +
            ShortKey(ky) + (group.empty() ? "" : " (" + group + ")");
  const std::vector<double> xs = Values(runs, kx), ys = Values(runs, ky);
  const bool logx = LogSpaced(xs), logy = LogSpaced(ys);
  const std::vector<double> ex = CellEdges(xs, logx), ey = CellEdges(ys, logy);

  std::string cells;
  std::set<std::string> seen;
  size_t replicated = 0;
  for (size_t i = 0; i < xs.size(); ++i)
    for (size_t j = 0; j < ys.size(); ++j) {
      RunList cell;
      for (const Run* r : runs)
        if (r->Number(kx) == xs[i] && r->Number(ky) == ys[j]) cell.push_back(r);
      if (cell.empty()) continue;
      replicated = std::max(replicated, cell.size());
      std::vector<double> test;
      for (const Run* r : cell) test.push_back(Accuracy(*r, &Run::test_accuracy));
      const MeanSpread acc = Summarize(test);
      std::string phase = phases ? CellPhase(cell) : "";
      if (phases && phase.empty()) phase = "unclassified";
      if (phases) seen.insert(phase);
      cells += fmt::format("{} {} {} {} {} {} {} {} {}\n", Num(xs[i]), Num(ys[j]), Num(ex[i]),
                           Num(ex[i + 1]), Num(ey[j]), Num(ey[j + 1]),
                           phases ? RgbNumber(PhaseColour(phase)) : 0, Num(acc.mean),
                           DataString(acc.count ? fmt::format("{:.2f}", acc.mean) : "-"));
    }
  DataBlocks blocks;
  const int block = blocks.Add(cells);
  std::map<std::string, int> series_blocks;
  for (const auto& [name, points] : data.study_series)
    if (name == "phase.boundary" || name == "phase.boundary_points")
      series_blocks[name] = blocks.Add(SeriesRows(points));
  f.data = blocks.text();

  std::string& c = f.commands;
  c += "set xlabel " + GnuplotQuote(kx + (logx ? " (log scale)" : "")) + "\n";
  c += "set ylabel " + GnuplotQuote(ky + (logy ? " (log scale)" : "")) + "\n";
  if (logx) c += "set logscale x\nset format x '1e%T'\n";
  if (logy) c += "set logscale y\nset format y '1e%T'\n";
  c += fmt::format("set xrange [{}:{}]\nset yrange [{}:{}]\n", Num(ex.front()), Num(ex.back()),
                   Num(ey.front()), Num(ey.back()));
  c += "set key outside right top box opaque\nset tics out\nset samples 60\n";
  std::string plot = "plot " + Index(f.id, block);
  if (phases) {
    plot += " using 1:2:3:4:5:6:7 with boxxyerror fs solid 1.0 border lc rgb '#ffffff' lc rgb "
            "variable notitle";
  } else {
    c += "set palette defined (0 '#ffffff', 0.5 '#c6dbef', 1 '#4a98c9')\nset cbrange [0:1]\n"
         "set cblabel 'final test accuracy'\n";
    plot += " using 1:2:3:4:5:6:8 with boxxyerror fs solid 1.0 noborder lc palette notitle";
  }
  plot += ", " + Index(f.id, block) + " using 1:2:9 with labels font ',11' tc rgb '#202020' notitle";
  if (phases)
    for (const std::string& p : seen)
      plot += ", keyentry with boxes fs solid 1.0 lc rgb '" + PhaseColour(p) + "' title " +
              GnuplotQuote(p);
  const Overlay overlay = BoundaryOverlay(data, kx, ky, logx, logy);
  plot += overlay.commands;
  std::string series_note;
  for (const auto& [name, index] : series_blocks) {
    if (index < 0) continue;
    plot += ", " + Index(f.id, index) +
            " using 1:2 with points pt 6 ps 1.4 lw 2 lc rgb '#000000' title 'boundary points'";
    series_note += " Open circles are the boundary points the phase analyzer found between "
                   "memorizing and generalizing cells (series " + name + ").";
  }
  if (!phases && overlay.commands.empty() && series_blocks.empty()) c += "unset key\n";
  c += plot + "\n";

  f.caption = std::string(phases ? "Learning phase of each run (GenEFT Appendix B, Table IV, "
                                   "stored by the phase analyzer as phase.phase)"
                                 : "Final test accuracy (fraction of test pairs correct) of each "
                                   "run; the study ran no phase analyzer") +
              " over " + kx + " (x) and " + ky + " (y)" +
              (logx || logy ? ", log-scaled axes" : "") +
              ". Numbers in the cells are the final test accuracy" +
              (replicated > 1 ? " (mean over replicates; a cell's colour is its most common phase)"
                              : "") +
              "." + overlay.note + series_note + GroupNote(group) + " From " + StudySource(data) +
              ".";
  return f;
}

// -- Generalization probability vs learning-rate ratio (Fig. 6) -------------

Figure RatioFigure(const ReportData& data) {
  Figure f;
  f.id = "generalization-vs-ratio";
  f.title = "Generalization probability vs learning-rate ratio";
  DataBlocks blocks;
  std::vector<double> xs;
  std::vector<std::string> plots;
  const std::string colours[] = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#8c564b"};
  size_t k = 0;
  for (const auto& [name, points] : data.study_series) {
    if (name.rfind("repon.", 0) != 0 || name.find("boundary") != std::string::npos) continue;
    const int index = blocks.Add(SeriesRows(points));
    if (index < 0) continue;
    bool errors = false;
    for (const SeriesPoint& p : points) {
      xs.push_back(p.x);
      errors = errors || (std::isfinite(p.err) && p.err > 0);
    }
    const std::string colour = colours[k++ % 5];
    const bool measured = errors || name.find("measured") != std::string::npos;
    plots.push_back(Index(f.id, index) +
                    (measured ? " using 1:2:3 with yerrorbars pt 7 ps 1 lc rgb '" + colour + "'"
                              : " using 1:2 with lines lw 2 lc rgb '" + colour + "'") +
                    " title " + GnuplotQuote(name));
  }
  f.data = blocks.text();
  std::sort(xs.begin(), xs.end());
  xs.erase(std::unique(xs.begin(), xs.end()), xs.end());
  const bool logx = !xs.empty() && xs.front() > 0 && xs.back() / xs.front() >= 10;
  std::string& c = f.commands;
  c += std::string("set xlabel 'learning-rate ratio eta_dec / eta_enc") +
       (logx ? " (log scale)'\nset logscale x\n" : "'\n");
  c += "set ylabel 'probability of generalization'\nset yrange [0:1.05]\nset key bottom left\n"
       "set grid\nset offsets graph 0.04, graph 0.04, 0, 0\n";
  c += "plot ";
  for (size_t i = 0; i < plots.size(); ++i) c += (i ? ", \\\n     " : "") + plots[i];
  c += "\n";
  f.caption = "Probability that a run generalizes (0 to 1) vs the ratio of decoder to encoder "
              "learning rate eta_dec / eta_enc (no unit), as stored by the repon analyzer in its "
              "study-level series (points with error bars: "
              "measured over replicates; lines: the Eq. 12 prediction)" +
              std::string(logx ? "; log-scaled x axis" : "") + ". From " + StudySource(data) + ".";
  return f;
}

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
  c += "plot ";
  for (size_t i = 0; i < plots.size(); ++i) c += (i ? ", \\\n     " : "") + plots[i];
  c += "\n";
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

}  // namespace

std::string PhaseColour(const std::string& phase) {
  static const std::map<std::string, std::string> colours = {
      {"generalization", "#2ca02c"}, {"grokking", "#1f77b4"}, {"memorization", "#ff7f0e"},
      {"confusion", "#d62728"},      {"diverged", "#3b3b3b"}, {"failed", "#c7c7c7"}};
  auto it = colours.find(phase);
  return it == colours.end() ? "#bcbd22" : it->second;
}

bool ChooseFigures(ResultStore& store, const ReportData& data, std::vector<Figure>* figures,
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
    auto groups = GroupBy(runs, Without(data.swept_keys, {kx, ky}));
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

  const auto chosen = ChooseRuns(data, kMaxChosenRuns);
  for (const auto& [run, why] : chosen)
    if (!TrajectoryFigure(store, data, *run, why, figures, err) ||
        !EmbeddingFigure(store, data, *run, why, figures, err))
      return false;
  return true;
}

}  // namespace geneft::report
