// geneft theory: the predictions of every analyzer's relation stage
// (description length, critical fraction, bound curves, ...), no training.
#include "analyze/analysis.h"
#include "cli/commands.h"
#include "cli/options.h"
#include "cli/theory_text.h"
#include "study/prepared_study.h"

#include <fmt/core.h>

#include <cstdio>

namespace geneft::cli {
namespace {

// A study text for `--relation ID --set key=value ...` so that the usual
// parser checks the parameters. A plain key ("k") or "relation.k" is a
// relation parameter; a dotted key of another table ("train.lr_enc",
// "model.encoder_init_scale") is written as a root-level dotted key, so it
// lands in that table.
std::string StudyFromFlags(const std::string& relation, const std::vector<std::string>& sets,
                           std::string* err) {
  std::string root, text = "[relation]\nplugin = \"" + relation + "\"\n";
  for (const std::string& s : sets) {
    const size_t eq = s.find('=');
    if (eq == std::string::npos || eq == 0) {
      *err = "--set '" + s + "': expected key=value, e.g. --set k=5";
      return "";
    }
    std::string key = s.substr(0, eq);
    const std::string line = " = " + s.substr(eq + 1) + "\n";
    if (key.rfind("relation.", 0) == 0) key.erase(0, 9);
    if (key.find('.') == std::string::npos)
      text += key + line;
    else
      root += key + line;
  }
  return root + text;
}

// The study's analyzers, or else every analyzer offering a relation stage
// with its default parameters.
std::vector<const Analyzer*> TheoryAnalyzers(PreparedStudy* study,
                                             std::vector<std::unique_ptr<Analyzer>>* owned,
                                             std::string* err) {
  std::vector<const Analyzer*> chosen;
  for (const auto& a : study->analyzers)
    if (a->HasRelationStage()) chosen.push_back(a.get());
  if (!study->config.analyzers.empty()) return chosen;
  for (const PluginInfo& p : study->registry.plugins()) {
    if (p.kind != PluginKind::kAnalyzer) continue;
    auto analyzer = study->registry.CreateAnalyzer(p.id, std::string_view(""), err);
    if (!analyzer) return {};
    if (analyzer->HasRelationStage()) {
      chosen.push_back(analyzer.get());
      owned->push_back(std::move(analyzer));
    }
  }
  return chosen;
}

}  // namespace

int Theory(const Args& args) {
  CommonOptions common;
  std::string file, relation_id, format_name = "table";
  std::vector<std::string> sets;
  auto options = CommonOptionsDescription(
      "geneft theory STUDY.toml | geneft theory --relation ID [--set KEY=VALUE]...", &common);
  options.add_options()("relation", boost::program_options::value(&relation_id),
                        "a relation plugin id instead of a study file")(
      "set", boost::program_options::value(&sets)->composing(),
      "a relation parameter (k=5) or a setting (train.lr_enc=1e-3) as KEY=TOML_VALUE "
      "(repeatable)")(
      "format", boost::program_options::value(&format_name), "table (default), csv or json");
  if (int code = ParseOptions(args, options, "study", &file); code >= 0) return code;
  TheoryFormat format;
  if (!ParseTheoryFormat(format_name, &format))
    return Fail(kExitBadInput, "--format '" + format_name + "': expected table, csv or json");
  if (file.empty() == relation_id.empty())
    return Fail(kExitBadInput, "theory needs either a study file or --relation ID");

  StudyConfig config;
  std::string err;
  if (!file.empty()) {
    if (!LoadStudy(file, &config, &err)) return Fail(kExitBadInput, err);
  } else {
    const std::string text = StudyFromFlags(relation_id, sets, &err);
    if (!err.empty() || !ParseStudy(text, "--relation", &config, &err))
      return Fail(kExitBadInput, err);
  }
  PreparedStudy study;
  if (!PrepareStudy(std::move(config), ExtraDirs(common), &study, &err))
    return Fail(kExitBadInput, err);

  std::vector<std::unique_ptr<Analyzer>> owned;
  const std::vector<const Analyzer*> analyzers = TheoryAnalyzers(&study, &owned, &err);
  if (!err.empty()) return Fail(kExitInternal, err);
  if (analyzers.empty())
    return Fail(kExitBadInput, "no analyzer with predictions before training was found");

  const RunSpec& first = study.runs.front();
  const Relation& relation = study.RelationOf(first);
  const geneft_relation_view view{sizeof(geneft_relation_view), &relation.info(),
                                  relation.labels().data(), &first.settings};
  AnalysisResults results;
  if (format != TheoryFormat::kTable) {
    for (const Analyzer* a : analyzers)
      if (!AnalyzeRelation(*a, view, &results, &err)) return Fail(kExitBadInput, err);
    fmt::print("{}", FormatTheory(results, format));
    return kExitOk;
  }
  // The table as results arrive: b and Eq. 3-5 before the bound is done.
  TheoryTableStream stream([](const std::string& text) {
    fmt::print("{}", text);
    std::fflush(stdout);
  });
  const ResultObserver observer = [&](const AnalysisResults& r) { stream.Update(r); };
  for (const Analyzer* a : analyzers) {
    const bool ok = AnalyzeRelation(*a, view, &results, &err, observer);
    if (!ok) {
      stream.Finish(results);
      return Fail(kExitBadInput, err);
    }
  }
  stream.Finish(results);
  return kExitOk;
}

}  // namespace geneft::cli
