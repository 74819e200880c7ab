// geneft check / geneft run: validate a study, then train it.
#include "cli.h"
#include "cli_options.h"
#include "prepared_study.h"
#include "run_executor.h"
#include "run_summary.h"

#include <fmt/core.h>

#include <atomic>
#include <csignal>

namespace geneft::cli {
namespace {

std::atomic<bool> g_interrupted{false};

extern "C" void OnInterrupt(int) { g_interrupted.store(true, std::memory_order_relaxed); }

// Loads, validates and prepares the study named on the command line.
int Prepare(const Args& args, const char* usage, CommonOptions* common, PreparedStudy* study) {
  std::string file;
  auto options = CommonOptionsDescription(usage, common);
  if (int code = ParseOptions(args, options, "study", &file); code >= 0) return code;
  if (file.empty()) return Fail(kExitBadInput, std::string("missing study file; usage: ") + usage);

  StudyConfig config;
  std::string err;
  if (!LoadStudy(file, &config, &err)) return Fail(kExitBadInput, err);
  if (!PrepareStudy(std::move(config), ExtraDirs(*common), study, &err)) {
    for (const std::string& w : study->plugin_warnings)
      fmt::print(stderr, "geneft: warning: {}\n", w);
    return Fail(kExitBadInput, err);
  }
  for (const std::string& w : study->plugin_warnings) fmt::print(stderr, "geneft: warning: {}\n", w);
  return -1;
}

}  // namespace

int Check(const Args& args) {
  CommonOptions common;
  PreparedStudy study;
  if (int code = Prepare(args, "geneft check STUDY.toml", &common, &study); code >= 0) return code;
  fmt::print("{}", ConfigurationReport(study));
  fmt::print("\n  runs: 1, cost: {} steps\nok: study is valid\n", study.config.train.steps);
  return kExitOk;
}

int Run(const Args& args) {
  CommonOptions common;
  PreparedStudy study;
  if (int code = Prepare(args, "geneft run STUDY.toml", &common, &study); code >= 0) return code;
  if (!common.quiet) fmt::print("{}", ConfigurationReport(study));

  std::signal(SIGINT, OnInterrupt);
  std::signal(SIGTERM, OnInterrupt);
  RunOutcome outcome;
  std::string err;
  const bool ok = ExecuteRun(study, study.config.model, study.config.train,
                             RunSettings(study.config), &outcome, &err, &g_interrupted);
  if (!ok) return Fail(kExitInternal, "run failed: " + err);
  fmt::print("{}", common.quiet ? BriefRunReport(outcome, study.config.train.threshold) + "\n"
                                : RunReport(study, outcome));
  const RunStatus s = outcome.train.status;
  return s == RunStatus::kCompleted || s == RunStatus::kStoppedEarly ? kExitOk : kExitRunsFailed;
}

}  // namespace geneft::cli
