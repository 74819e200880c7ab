#include "report/html.h"

#include "report/run_figures.h"

#include <fmt/core.h>

#include <cmath>
#include <ctime>
#include <filesystem>
#include <map>

namespace geneft::report {
namespace {

const char* kStyle = R"css(
body { font-family: system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; margin: 0;
       color: #1d1d1f; background: #f6f7f9; line-height: 1.45; }
main { max-width: 1100px; margin: 0 auto; padding: 24px 28px 48px; background: #fff; }
h1 { font-size: 1.7em; margin: 0.2em 0 0.1em; }
h2 { font-size: 1.25em; margin-top: 2em; border-bottom: 1px solid #ddd; padding-bottom: 0.2em; }
h3 { font-size: 1.05em; margin: 0 0 0.5em; }
.subtitle { color: #555; margin: 0 0 1em; }
table { border-collapse: collapse; font-size: 0.9em; }
th, td { padding: 3px 9px; border-bottom: 1px solid #e4e4e4; text-align: left; vertical-align: top; }
th { background: #f0f1f3; position: sticky; top: 0; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
table.facts th { background: none; position: static; font-weight: 600; color: #444; }
.notice { border: 1px solid #e0b252; background: #fff7e0; padding: 10px 14px; border-radius: 6px; }
.error { color: #a61b1b; }
figure { margin: 1.4em 0 2em; }
figure img { max-width: 100%; height: auto; border: 1px solid #e4e4e4; display: block; }
figcaption { font-size: 0.9em; color: #333; margin-top: 0.4em; max-width: 820px; }
figcaption .files { color: #666; }
.missing { border: 1px dashed #bbb; padding: 30px; color: #666; max-width: 760px; }
.chip { display: inline-block; width: 0.8em; height: 0.8em; border-radius: 2px;
        margin-right: 0.35em; vertical-align: -0.05em; }
pre { background: #f4f4f6; padding: 12px; overflow-x: auto; font-size: 0.85em; }
.scroll { max-height: 620px; overflow: auto; border: 1px solid #e4e4e4; }
nav a { margin-right: 1em; }
)css";

std::string Fixed(double v, int digits = 3) {
  return std::isfinite(v) ? fmt::format("{:.{}f}", v, digits) : std::string("&ndash;");
}

std::string Duration(double seconds) {
  if (seconds < 120) return fmt::format("{:.1f} s", seconds);
  if (seconds < 7200) return fmt::format("{:.1f} min", seconds / 60);
  return fmt::format("{:.2f} h", seconds / 3600);
}

std::string Grouped(int64_t n) {
  std::string digits = std::to_string(n < 0 ? -n : n), out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return (n < 0 ? "-" : "") + out;
}

std::string Fact(const std::string& name, const std::string& html_value) {
  return "<tr><th>" + HtmlEscape(name) + "</th><td>" + html_value + "</td></tr>\n";
}

std::string Phase(const Run& r) {
  const std::string p = r.ResultText("phase.phase");
  if (p.empty()) return "";
  return "<span class=\"chip\" style=\"background:" + PhaseColour(p) + "\"></span>" + HtmlEscape(p);
}

std::string Summary(const ReportData& data) {
  std::map<std::string, int> by_status;
  double seconds = 0;
  int64_t steps = 0;
  for (const Run& r : data.runs) {
    ++by_status[r.status];
    seconds += r.seconds;
    if (r.steps_done > 0) steps += r.steps_done;
  }
  std::string status;
  for (const auto& [s, n] : by_status) status += (status.empty() ? "" : ", ") + fmt::format("{} {}", n, s);
  const int64_t planned = data.PlannedRuns();
  const int64_t stored = static_cast<int64_t>(data.runs.size());
  std::string count = fmt::format("{} of {} runs stored", stored, planned);
  if (planned < 0) count = fmt::format("{} runs stored", stored);
  else if (stored < planned) count += " (the study is still running, was interrupted, or this is one shard)";

  std::string h = "<table class=\"facts\">\n";
  h += Fact("store", "<code>" + HtmlEscape(data.store_path) + "</code>");
  h += Fact("runs", HtmlEscape(count) + (status.empty() ? "" : "<br>" + HtmlEscape(status)));
  h += Fact("swept", data.swept_keys.empty() ? "nothing (replicates only)" : [&] {
    std::string k;
    for (const auto& key : data.swept_keys) k += (k.empty() ? "" : ", ") + ("<code>" + HtmlEscape(key) + "</code>");
    return k;
  }());
  h += Fact("cost", HtmlEscape(fmt::format("{} of training summed over the runs, {} steps",
                                           Duration(seconds), Grouped(steps))));
  if (!data.StudyValue("shard").empty()) h += Fact("shard", HtmlEscape(data.StudyValue("shard")));
  h += Fact("study created", HtmlEscape(data.StudyValue("created_at")));
  h += Fact("written by", HtmlEscape("geneft " + data.StudyValue("geneft_version") +
                                     " (plugin ABI " + data.StudyValue("abi_version") + ")"));
  h += Fact("fingerprint", "<code>" + HtmlEscape(data.StudyValue("fingerprint")) + "</code>");
  return h + "</table>\n";
}

std::string FigureHtml(const DrawnFigure& d) {
  const Figure& f = *d.figure;
  std::string h = "<figure id=\"" + HtmlEscape(f.id) + "\">\n<h3>" + HtmlEscape(f.title) + "</h3>\n";
  if (d.drawn)
    h += "<a href=\"" + HtmlEscape(f.id) + ".png\"><img src=\"" + HtmlEscape(f.id) +
         ".svg\" alt=\"" + HtmlEscape(f.title) + "\" width=\"820\" height=\"520\"></a>\n";
  else
    h += "<div class=\"missing\">Not drawn" +
         (d.error.empty() ? std::string() : ": <span class=\"error\">" + HtmlEscape(d.error) + "</span>") +
         ".<br>With gnuplot installed, run <code>gnuplot " + HtmlEscape(f.id) +
         ".gp</code> in this folder to draw it.</div>\n";
  h += "<figcaption>" + HtmlEscape(f.caption) + " <span class=\"files\">Files: ";
  if (d.drawn)
    h += "<a href=\"" + HtmlEscape(f.id) + ".svg\">SVG</a>, <a href=\"" + HtmlEscape(f.id) +
         ".png\">PNG</a>, ";
  h += "<a href=\"" + HtmlEscape(f.id) + ".dat\">data</a>, <a href=\"" + HtmlEscape(f.id) +
       ".gp\">gnuplot script</a>.</span></figcaption>\n</figure>\n";
  return h;
}

std::string RunsTable(const ReportData& data) {
  bool phases = false;
  for (const Run& r : data.runs) phases = phases || !r.ResultText("phase.phase").empty();
  std::string h = "<div class=\"scroll\"><table>\n<tr><th>run</th><th>rep.</th>";
  for (const auto& k : data.swept_keys) h += "<th>" + HtmlEscape(k) + "</th>";
  h += "<th>status</th>";
  if (phases) h += "<th>phase</th>";
  h += "<th>steps</th><th>train acc.</th><th>test acc.</th><th>all acc.</th><th>final loss</th>"
       "<th>seconds</th></tr>\n";
  for (const Run& r : data.runs) {
    h += fmt::format("<tr><td class=\"num\">{}</td><td class=\"num\">{}</td>", r.index, r.replicate);
    for (const auto& k : data.swept_keys) h += "<td>" + HtmlEscape(r.Text(k)) + "</td>";
    h += "<td" + std::string(r.Failed() || r.status == "diverged" ? " class=\"error\"" : "") + ">" +
         HtmlEscape(r.status) + "</td>";
    if (phases) h += "<td>" + Phase(r) + "</td>";
    h += "<td class=\"num\">" + (r.steps_done >= 0 ? Grouped(r.steps_done) : "&ndash;") + "</td>";
    h += "<td class=\"num\">" + Fixed(r.train_accuracy) + "</td><td class=\"num\">" +
         Fixed(r.test_accuracy) + "</td><td class=\"num\">" + Fixed(r.all_accuracy) +
         "</td><td class=\"num\">" + (std::isfinite(r.final_loss) ? HtmlEscape(fmt::format("{:.3g}", r.final_loss)) : "&ndash;") +
         "</td><td class=\"num\">" + Fixed(r.seconds, 2) + "</td></tr>\n";
  }
  return h + "</table></div>\n";
}

std::string ProblemsTable(const ReportData& data) {
  std::string rows;
  for (const Run& r : data.runs)
    if (r.Failed() || r.status == "diverged")
      rows += fmt::format("<tr><td class=\"num\">{}</td><td class=\"num\">{}</td>", r.index, r.replicate) +
              "<td class=\"error\">" + HtmlEscape(r.status) + "</td><td>" + HtmlEscape(r.reason) +
              "</td></tr>\n";
  if (rows.empty()) return "<p>No run failed or diverged.</p>\n";
  return "<table>\n<tr><th>run</th><th>rep.</th><th>status</th><th>reason</th></tr>\n" + rows +
         "</table>\n";
}

// Every analyzer's per-run scalars, one column each, beside the swept settings.
std::string RunResultsTable(const ReportData& data) {
  const std::vector<std::string> names = data.RunScalarNames();
  if (names.empty()) return "";
  std::string h = "<h2 id=\"run-results\">Per-run analyzer results</h2>\n"
                  "<div class=\"scroll\"><table>\n<tr><th>run</th><th>rep.</th>";
  for (const auto& k : data.swept_keys) h += "<th>" + HtmlEscape(k) + "</th>";
  for (const auto& name : names) h += "<th><code>" + HtmlEscape(name) + "</code></th>";
  h += "</tr>\n";
  for (const Run& r : data.runs) {
    h += fmt::format("<tr><td class=\"num\">{}</td><td class=\"num\">{}</td>", r.index, r.replicate);
    for (const auto& k : data.swept_keys) h += "<td>" + HtmlEscape(r.Text(k)) + "</td>";
    for (const auto& name : names) {
      const std::optional<double> v = r.ResultNumber(name);
      h += "<td class=\"num\">" + (v ? HtmlEscape(fmt::format("{:.4g}", *v)) : "&ndash;") + "</td>";
    }
    h += "</tr>\n";
  }
  return h + "</table></div>\n";
}

// Which plugin version wrote the stored results; "unknown" for a store
// written before versions were recorded.
std::string Provenance(const ReportData& data) {
  std::string h = "<h2 id=\"provenance\">Provenance</h2>\n";
  if (data.plugins.empty())
    return h + "<p>Unknown: this store was written before geneft recorded plugin versions "
               "(<code>geneft analyze</code> on it records them).</p>\n";
  h += "<table>\n<tr><th>kind</th><th>plugin</th><th>version</th><th>library hash</th>"
       "<th>parameters</th><th>recorded by</th></tr>\n";
  for (const StoredPlugin& p : data.plugins)
    h += "<tr><td>" + HtmlEscape(p.kind) + "</td><td><code>" + HtmlEscape(p.id) + "</code></td><td" +
         (p.version == "unknown" ? " class=\"error\"" : "") + ">" + HtmlEscape(p.version) +
         "</td><td><code>" + HtmlEscape(p.library_hash) + "</code></td><td><code>" +
         HtmlEscape(p.params) + "</code></td><td>geneft " + HtmlEscape(p.host_version) + "</td></tr>\n";
  return h + "</table>\n";
}

std::string StudyResults(const ReportData& data) {
  if (data.study_results.empty() && data.study_series.empty()) return "";
  std::string h = "<h2 id=\"study-results\">Study-level analyzer results</h2>\n<table>\n"
                  "<tr><th>name</th><th>value</th></tr>\n";
  for (const auto& [name, v] : data.study_results)
    h += "<tr><td><code>" + HtmlEscape(name) + "</code></td><td>" +
         HtmlEscape(v.number ? fmt::format("{:.6g}", *v.number) : v.text) + "</td></tr>\n";
  for (const auto& [name, points] : data.study_series)
    h += "<tr><td><code>" + HtmlEscape(name) + "</code></td><td>" +
         HtmlEscape(fmt::format("series of {} points", points.size())) + "</td></tr>\n";
  return h + "</table>\n";
}

}  // namespace

std::string HtmlEscape(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string ReportPage(const ReportData& data, const std::vector<DrawnFigure>& figures,
                       const std::string& gnuplot_problem) {
  const std::string name = data.StudyValue("name");
  std::string h = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                  "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                  "<title>geneft report: " + HtmlEscape(name) + "</title>\n<style>" + kStyle +
                  "</style>\n</head>\n<body>\n<main>\n";
  h += "<h1>" + HtmlEscape(name) + "</h1>\n";
  if (!data.StudyValue("description").empty())
    h += "<p class=\"subtitle\">" + HtmlEscape(data.StudyValue("description")) + "</p>\n";
  h += "<nav><a href=\"#figures\">Figures</a><a href=\"#runs\">Runs</a><a href=\"#problems\">"
       "Failed runs</a><a href=\"#configuration\">Configuration</a></nav>\n";
  h += "<h2 id=\"summary\">Summary</h2>\n" + Summary(data);

  h += "<h2 id=\"figures\">Figures</h2>\n";
  if (!gnuplot_problem.empty())
    h += "<p class=\"notice\"><strong>Figures need gnuplot.</strong> " + HtmlEscape(gnuplot_problem) +
         " Their data and gnuplot scripts are in this folder; install gnuplot (Debian: "
         "<code>apt-get install gnuplot-nox</code>) and run <code>geneft report</code> again.</p>\n";
  if (figures.empty()) h += "<p>No figure: the store holds no run to draw yet.</p>\n";
  for (const DrawnFigure& d : figures) h += FigureHtml(d);

  h += "<h2 id=\"runs\">Runs</h2>\n" + RunsTable(data);
  h += "<h2 id=\"problems\">Failed and diverged runs</h2>\n" + ProblemsTable(data);
  h += RunResultsTable(data);
  h += StudyResults(data);
  h += Provenance(data);
  h += "<h2 id=\"configuration\">Configuration</h2>\n<p>The study file as run";
  if (!data.StudyValue("file").empty()) h += " (<code>" + HtmlEscape(data.StudyValue("file")) + "</code>)";
  h += ":</p>\n<pre>" + HtmlEscape(data.StudyValue("text")) + "</pre>\n";
  if (!data.StudyValue("definition").empty())
    h += "<details><summary>Every setting after defaults (the study's definition)</summary>\n<pre>" +
         HtmlEscape(data.StudyValue("definition")) + "</pre></details>\n";

  const std::time_t now = std::time(nullptr);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y-%m-%d %H:%M UTC", std::gmtime(&now));
  h += "<p class=\"subtitle\" style=\"margin-top:2em\">Written by geneft " GENEFT_VERSION
       " report on " + std::string(stamp) + " from " + StudySource(data) + ".</p>\n";
  return h + "</main>\n</body>\n</html>\n";
}

}  // namespace geneft::report
