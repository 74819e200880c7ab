// An analyzer's per-run scalar vs the one swept setting of a study.
#include "report/figure_kinds.h"
#include "report/run_figures.h"

#include <cmath>
#include <functional>

namespace geneft::report {

Figure ResultFigure(const ReportData& data, const RunList& runs, const std::string& key,
                    const std::string& result) {
  Figure f;
  f.id = result + "-vs-" + ShortKey(key);
  f.title = result + " vs " + key;
  const std::vector<double> xs = Values(runs, key);
  const bool logx = LogSpaced(xs) && xs.size() > 2;
  using Get = std::function<double(const Run&)>;
  DataBlocks blocks;
  const int index = blocks.Add(RowsByX<Get>(
      runs, key, {[&](const Run& r) { return r.ResultNumber(result).value_or(std::nan("")); }}));
  f.data = blocks.text();
  std::string& c = f.commands;
  c += "set xlabel " + GnuplotQuote(key + (logx ? " (log scale)" : "")) + "\n";
  if (logx) c += "set logscale x\n";
  c += "set ylabel " + GnuplotQuote(result) + "\nset grid\nset key off\n";
  c += PlotCommand({index < 0 ? std::string("NaN notitle")
                              : Index(f.id, index) + " using 1:2:3 with yerrorlines pt 7 lw 2 "
                                                     "lc rgb '#1f77b4' notitle"});
  f.caption = "The analyzer result " + result + " of each run vs " + key +
              ". Points are the mean over replicates, error bars ± one standard deviation; runs "
              "without the result are left out. From " + StudySource(data) + ".";
  return f;
}

}  // namespace geneft::report
