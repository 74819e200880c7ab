#include "cli/theory_predict.h"

#include "plugin/host.h"
#include "study/prepared_study.h"

#include <toml++/toml.h>

namespace geneft::cli {
namespace {

// Whether `value` is one TOML value (5, 1e-3, true, "text", [1, 2]): a bare
// word such as edges.txt is not, and would fail later without the key.
bool IsTomlValue(const std::string& value) {
  try {
    const toml::table t = toml::parse("v = " + value);
    return t.size() == 1;
  } catch (const toml::parse_error&) {
    return false;
  }
}

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
    const std::string value = s.substr(eq + 1);
    if (!IsTomlValue(value)) {
      *err = "--set " + s + ": '" + value + "' is not a TOML value; quote a string: --set '" +
             key + "=\"" + value + "\"'";
      return "";
    }
    const std::string line = " = " + value + "\n";
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

bool Failed(ExitCode kind, ExitCode* code) {
  *code = kind;
  return false;
}

}  // namespace

bool PredictTheory(const TheoryRequest& request, AnalysisResults* out, PluginMessages* messages,
                   ExitCode* code, std::string* err) {
  StudyConfig config;
  if (!request.study_file.empty()) {
    if (!LoadStudy(request.study_file, &config, err)) return Failed(kExitBadInput, code);
  } else {
    const std::string text = StudyFromFlags(request.relation, request.sets, err);
    if (text.empty() || !ParseStudy(text, "--relation", &config, err))
      return Failed(kExitBadInput, code);
  }
  PreparedStudy study;
  const bool prepared = PrepareStudy(std::move(config), request.plugin_sources, &study, err);
  messages->warnings = study.plugin_warnings;
  messages->notes = study.plugin_notes;
  if (!prepared) return Failed(kExitBadInput, code);

  std::vector<std::unique_ptr<Analyzer>> owned;
  std::string why;
  const std::vector<const Analyzer*> analyzers = TheoryAnalyzers(&study, &owned, &why);
  if (!why.empty()) {
    *err = why;
    return Failed(kExitInternal, code);
  }
  if (analyzers.empty()) {
    *err = "no analyzer with predictions before training was found";
    return Failed(kExitBadInput, code);
  }

  const RunSpec& first = study.runs.front();
  const Relation& relation = study.RelationOf(first);
  const geneft_relation_view view{sizeof(geneft_relation_view), &relation.info(),
                                  relation.labels().data(), &first.settings, Host()};
  // One analyzer's failure hides none of the others' predictions.
  std::string failures;
  for (const Analyzer* a : analyzers)
    if (std::string why; !AnalyzeRelation(*a, view, out, &why, request.observer))
      failures += (failures.empty() ? "" : "\n") + why;
  if (failures.empty()) return true;
  *err = failures;
  return Failed(kExitRunsFailed, code);
}

}  // namespace geneft::cli
