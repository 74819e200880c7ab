// geneft theory: the predictions of every analyzer's relation stage
// (description length, critical fraction, bound curves, ...), no training.
// An analyzer without an answer for the relation adds a note; one that
// fails exits 3 after the others' predictions are printed.
#include "cli/commands.h"
#include "cli/options.h"
#include "cli/theory_predict.h"
#include "cli/theory_text.h"

#include <fmt/core.h>

#include <cstdio>

namespace geneft::cli {

int Theory(const Args& args) {
  CommonOptions common;
  std::string file, format_name = "table";
  TheoryRequest request;
  auto options = CommonOptionsDescription(
      "geneft theory STUDY.toml | geneft theory --relation ID [--set KEY=VALUE]...", &common);
  options.add_options()("relation", boost::program_options::value(&request.relation),
                        "a relation plugin id instead of a study file")(
      "set", boost::program_options::value(&request.sets)->composing(),
      "a relation parameter (k=5) or a setting (train.lr_enc=1e-3) as KEY=TOML_VALUE "
      "(repeatable)")(
      "format", boost::program_options::value(&format_name), "table (default), csv or json");
  AddStudyTrustOption(&options, &common);
  if (int code = ParseOptions(args, options, "study", &file); code >= 0) return code;
  TheoryFormat format;
  std::string err;
  if (!ParseTheoryFormat(format_name, &format, &err)) return Fail(kExitBadInput, "--format: " + err);
  if (file.empty() == request.relation.empty())
    return Fail(kExitBadInput, "theory needs either a study file or --relation ID");

  request.study_file = file;
  request.plugin_sources = StudyPluginSources(common);
  AnalysisResults results;
  PluginMessages messages;
  ExitCode code = kExitOk;
  // The table as results arrive: b and Eq. 3-5 before the bound is done.
  TheoryTableStream stream([](const std::string& text) {
    fmt::print("{}", text);
    std::fflush(stdout);
  });
  if (format == TheoryFormat::kTable)
    request.observer = [&](const AnalysisResults& r) { stream.Update(r); };
  const bool predicted = PredictTheory(request, &results, &messages, &code, &err);
  PrintPluginPathMessages(common, messages.warnings, messages.notes);
  if (!predicted && code != kExitRunsFailed) return Fail(code, err);
  if (format == TheoryFormat::kTable)
    stream.Finish(results);
  else
    fmt::print("{}", FormatTheory(results, format));
  std::fflush(stdout);
  for (const std::string& note : results.notes) fmt::print(stderr, "geneft: note: {}\n", note);
  for (const std::string& w : results.warnings) fmt::print(stderr, "geneft: warning: {}\n", w);
  return predicted ? kExitOk : Fail(kExitRunsFailed, err);
}

}  // namespace geneft::cli
