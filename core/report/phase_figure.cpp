// The phase diagram of a report (GenEFT Fig. 5, 8), or the final test
// accuracy grid when no run was classified, with the fitted boundary and the
// Eq. 12 line drawn over it.
#include "report/figure_kinds.h"
#include "report/run_figures.h"

#include <fmt/core.h>

#include <algorithm>
#include <cmath>
#include <initializer_list>
#include <map>
#include <set>

namespace geneft::report {
namespace {

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
    // A boundary that is no straight line (the phase analyzer's rms in grid
    // steps above 1) keeps its fit visible but thin, and the caption says so.
    const auto rms_steps = StudyNumber(data, "phase.boundary.rms_steps");
    const bool straight = !rms_steps || !(*rms_steps > 1);
    o.commands += ", " + LineInPlotCoordinates(*slope, *intercept, fit_logx, fit_logy) +
                  (straight ? " with lines lw 3 lc rgb '#000000' title 'fitted boundary'"
                            : " with lines lw 1.5 dt (4,4) lc rgb '#000000' title "
                              "'straight-line fit (poor)'");
    o.note += fmt::format(" The {10} black line is the fitted phase boundary {1}{0}{2} = {3:.3g} "
                          "{4}{5}{6} {7:+.3g} ({8}, {9}).",
                          ky, fit_logy ? "log10(" : "", fit_logy ? ")" : "", *slope,
                          fit_logx ? "log10(" : "", kx, fit_logx ? ")" : "", *intercept,
                          slope_name, intercept_name, straight ? "solid" : "thin dashed");
    if (!straight)
      o.note += fmt::format(" Its boundary points stray {:.1f} grid steps (rms) from it: the "
                            "boundary is not one straight line here, so read the cells.",
                            *rms_steps);
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

// A log axis labels powers of ten; one spanning under two decades (an
// init scale 0.3, 1, 3) has too few of them and labels its values instead.
std::string LogAxisCommands(const std::string& axis, const std::vector<double>& values, bool log) {
  if (!log) return "";
  std::string c = "set logscale " + axis + "\n";
  if (values.back() / values.front() >= 100) return c + "set format " + axis + " '1e%T'\n";
  std::string tics;
  for (double v : values) tics += (tics.empty() ? "" : ", ") + fmt::format("'{:g}' {}", v, Num(v));
  return c + "set " + axis + "tics (" + tics + ")\n";
}

}  // namespace

std::string PhaseColour(const std::string& phase) {
  static const std::map<std::string, std::string> colours = {
      {"generalization", "#2ca02c"}, {"grokking", "#1f77b4"}, {"memorization", "#ff7f0e"},
      {"confusion", "#d62728"},      {"diverged", "#3b3b3b"}, {"failed", "#c7c7c7"}};
  auto it = colours.find(phase);
  return it == colours.end() ? "#bcbd22" : it->second;
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
  c += LogAxisCommands("x", xs, logx) + LogAxisCommands("y", ys, logy);
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

}  // namespace geneft::report
