// geneft report: one self-contained HTML page with the study's figures,
// runs and configuration, read from its store (a study still running shows
// what it has stored so far).
#include "cli/commands.h"
#include "cli/options.h"
#include "report/figures.h"
#include "report/gnuplot.h"
#include "report/html.h"
#include "report/report_data.h"
#include "store/provenance.h"
#include "util/text_file.h"

#include <fmt/core.h>

#include <filesystem>

namespace geneft::cli {
namespace {

namespace fs = std::filesystem;

// STORE's folder / STORE's name without extension + "-report".
fs::path DefaultReportDir(const fs::path& store) {
  return store.parent_path() / (store.stem().string() + "-report");
}

}  // namespace

int Report(const Args& args) {
  namespace po = boost::program_options;
  CommonOptions common;
  std::string store_path, output;
  auto options = CommonOptionsDescription("geneft report STORE [-o DIR]", &common);
  options.add_options()(
      "output,o", po::value(&output),
      "folder to write index.html and the figures into (default: beside the store, "
      "STORE without extension + \"-report\")");
  if (int code = ParseOptions(args, options, "store", &store_path); code >= 0) return code;
  if (store_path.empty()) return Fail(kExitBadInput, "report needs a store file");

  StoreReader store;
  report::ReportData data;
  std::string err;
  if (!store.Open(store_path, &err)) return Fail(kExitBadInput, err);
  if (!report::LoadReportData(store, store_path, &data, &err)) return Fail(kExitBadInput, err);
  std::vector<report::Figure> figures;
  if (!report::ChooseFigures(store, data, &figures, &err)) return Fail(kExitInternal, err);

  const fs::path dir = output.empty() ? DefaultReportDir(store_path) : fs::path(output);
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return Fail(kExitInternal, "cannot create report folder " + dir.string() + ": " + ec.message());

  const std::string gnuplot = report::FindGnuplot();
  const std::string no_gnuplot =
      gnuplot.empty() ? "gnuplot was not found on PATH, so no figure was drawn." : "";
  std::vector<report::DrawnFigure> drawn;
  int failed = 0;
  for (const report::Figure& f : figures) {
    report::DrawnFigure d{&f, false, ""};
    if (!report::WriteFigureFiles(dir, f, &err)) return Fail(kExitInternal, err);
    if (!gnuplot.empty()) {
      d.drawn = report::DrawFigure(gnuplot, dir, f, &d.error);
      if (!d.drawn) {
        ++failed;
        fmt::print(stderr, "geneft: warning: {}\n", d.error);
      }
    }
    drawn.push_back(d);
  }

  const fs::path page = dir / "index.html";
  if (!WriteTextFile(page, report::ReportPage(data, drawn, no_gnuplot), &err))
    return Fail(kExitInternal, err);

  if (!no_gnuplot.empty())
    fmt::print(stderr, "geneft: warning: figures need gnuplot: {} The page has the tables; "
                       "install gnuplot-nox and run geneft report again\n", no_gnuplot);
  if (const std::string kept =
          KeptResultsNote(AnalyzersNoLongerNamed(data.plugins, data.StudyValue("definition")));
      !kept.empty())
    fmt::print(stderr, "geneft: note: {}\n", kept);
  if (!common.quiet)
    fmt::print("{}: {} runs, {} of {} figures drawn\n", page.string(), data.runs.size(),
               figures.size() - failed - (gnuplot.empty() ? figures.size() - failed : 0),
               figures.size());
  if (failed > 0) return Fail(kExitInternal, fmt::format("{} figures could not be drawn", failed));
  return kExitOk;
}

}  // namespace geneft::cli
