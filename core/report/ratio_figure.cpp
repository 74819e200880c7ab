// The generalization probability vs learning-rate ratio figure of a report
// (GenEFT Fig. 6), from the repon analyzer's study-level series.
#include "report/figure_kinds.h"
#include "report/run_figures.h"

#include <algorithm>
#include <cmath>

namespace geneft::report {

// -- Generalization probability vs learning-rate ratio (Fig. 6) -------------

Figure RatioFigure(const ReportData& data) {
  Figure f;
  f.id = "generalization-vs-ratio";
  f.title = "Generalization probability vs learning-rate ratio";
  DataBlocks blocks;
  std::vector<double> xs;
  std::vector<std::string> plots;
  const std::string colours[] = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#8c564b"};
  struct Drawn {
    int index;
    std::string name;
    bool measured;
  };
  std::vector<Drawn> drawn;
  for (const auto& [name, points] : data.study_series) {
    if (name.rfind("repon.", 0) != 0 || name.find("boundary") != std::string::npos) continue;
    const int index = blocks.Add(SeriesRows(points));
    if (index < 0) continue;
    bool errors = false;
    for (const SeriesPoint& p : points) {
      xs.push_back(p.x);
      errors = errors || (std::isfinite(p.err) && p.err > 0);
    }
    drawn.push_back({index, name, errors || name.find("measured") != std::string::npos});
  }
  f.data = blocks.text();
  std::sort(xs.begin(), xs.end());
  xs.erase(std::unique(xs.begin(), xs.end()), xs.end());
  const bool logx = !xs.empty() && xs.front() > 0 && xs.back() / xs.front() >= 10;

  // Several measured series (one per initial width) share their ratios:
  // each is shifted sideways by a few percent of a decade so none hides
  // another where they agree.
  const auto measured_count = std::count_if(drawn.begin(), drawn.end(),
                                            [](const Drawn& d) { return d.measured; });
  const bool shift = logx && measured_count > 1;
  size_t k = 0, m = 0;
  for (const Drawn& d : drawn) {
    const std::string colour = colours[k++ % 5];
    std::string x = "1";
    if (d.measured && shift)
      x = "($1 * " +
          Num(std::pow(10.0, 0.03 * (static_cast<double>(m++) -
                                     0.5 * static_cast<double>(measured_count - 1)))) +
          ")";
    plots.push_back(Index(f.id, d.index) +
                    (d.measured ? " using " + x + ":2:3 with yerrorbars pt 7 ps 1 lc rgb '" +
                                      colour + "'"
                                : " using 1:2 with lines lw 2 lc rgb '" + colour + "'") +
                    " title " + GnuplotQuote(d.name));
  }
  std::string& c = f.commands;
  c += std::string("set xlabel 'learning-rate ratio eta_dec / eta_enc") +
       (logx ? " (log scale)'\nset logscale x\nset format x '%g'\n" : "'\n");
  // A log axis spans the ratios and a fifth of a decade either side
  // (gnuplot would widen it to the next power of ten).
  if (logx)
    c += "set xrange [" + Num(xs.front() / std::pow(10.0, 0.2)) + ":" +
         Num(xs.back() * std::pow(10.0, 0.2)) + "]\n";
  else
    c += "set offsets graph 0.04, graph 0.04, 0, 0\n";
  c += "set ylabel 'probability of generalization'\nset yrange [-0.03:1.05]\nset key below\n"
       "set grid\n";
  c += PlotCommand(plots);
  f.caption = "Probability that a run generalizes (0 to 1) vs the ratio of decoder to encoder "
              "learning rate eta_dec / eta_enc (no unit), as stored by the repon analyzer in its "
              "study-level series (points with error bars: "
              "measured over replicates; lines: the Eq. 12 prediction)" +
              std::string(shift ? "; measured series are shifted sideways by up to a tenth of "
                                  "a decade so that none hides another"
                                : "") +
              std::string(logx ? "; log-scaled x axis" : "") + ". From " + StudySource(data) + ".";
  return f;
}

}  // namespace geneft::report
