#include "run/study_runner.h"

#include "analyze/study_view.h"
#include "plugin/host.h"
#include "run/outcome_codec.h"
#include "run/progress.h"
#include "run/run_executor.h"

#include <fmt/core.h>

#include <chrono>
#include <map>
#include <memory>

namespace geneft {

std::string RunLabel(const RunSpec& run) {
  std::string at;
  for (const auto& [k, v] : run.swept) at += (at.empty() ? "" : ", ") + k + " = " + v;
  if (run.replicate > 0) at += (at.empty() ? "" : ", ") + ("replicate " + std::to_string(run.replicate));
  return "run " + std::to_string(run.index + 1) + (at.empty() ? "" : " (" + at + ")");
}

namespace {

// A run an earlier invocation stored: its failure counts now too.
void CountStoredRun(const RunSpec& run, const StoredStatus& stored, StudySummary* summary) {
  const std::string analyzer = AnalyzerFailuresIn(stored.reason);
  std::string own = stored.reason.substr(0, stored.reason.size() - analyzer.size());
  while (!own.empty() && (own.back() == ' ' || own.back() == ';')) own.pop_back();
  if (stored.status == "diverged" || stored.status == "failed") {
    ++(stored.status == "diverged" ? summary->diverged_before : summary->failed_before);
    summary->problems.emplace_back(RunLabel(run), stored.status + " (stored earlier): " + own);
  }
  if (analyzer.empty()) return;
  ++summary->analyzer_failed_before;
  ++summary->analyzer_failures[analyzer];
  summary->problems.emplace_back(RunLabel(run), "analyzer (stored earlier): " + analyzer);
}

// "2 diverged", "2 diverged (stored earlier)" or "2 diverged (1 stored
// earlier)"; without `noun`, the number alone.
std::string Count(size_t now, size_t before, const std::string& noun = "") {
  std::string out = std::to_string(now + before) + (noun.empty() ? "" : " " + noun);
  if (before > 0) out += " (" + (now == 0 ? std::string() : std::to_string(before) + " ") + "stored earlier)";
  return out;
}

// The analyzers' notes and warnings, one line each with the runs it
// happened to ("" for a study-level one).
std::string AnalyzerMessages(const StudySummary& s) {
  std::string out;
  const auto lines = [&](const std::map<std::string, size_t>& messages, const char* kind) {
    for (const auto& [message, runs] : messages)
      out += fmt::format("  {}: {}{}\n", kind, message,
                         runs == 0 ? "" : fmt::format(" ({} run{})", runs, runs == 1 ? "" : "s"));
  };
  lines(s.analyzer_notes, "note");
  lines(s.analyzer_warnings, "warning");
  return out;
}

}  // namespace

bool RunStudy(const PreparedStudy& study, const StudyRunOptions& options, Scheduler& scheduler,
              ResultStore& store, const std::atomic<bool>& stop, StudySummary* summary,
              std::string* err) {
  const auto start = std::chrono::steady_clock::now();
  std::map<std::string, StoredStatus> stored;
  if (!store.reader().RunStatuses(&stored, err)) return false;

  std::vector<const RunSpec*> pending;
  for (const RunSpec& run : study.runs) {
    if (static_cast<int>(run.index % options.shard_count) != options.shard_index) continue;
    ++summary->total;
    const auto it = stored.find(run.hash);
    if (it == stored.end()) {
      pending.push_back(&run);
      continue;
    }
    ++summary->skipped;
    CountStoredRun(run, it->second, summary);
  }
  summary->jobs_given = options.jobs;
  summary->jobs_used = static_cast<int>(std::min<size_t>(scheduler.workers(), pending.size()));
  summary->scheduler = scheduler.Describe();

  // Each job's result waits in its slot until the writer (this thread) stores it.
  std::vector<std::unique_ptr<ExecutedRun>> results(pending.size());
  Progress progress(summary->total, options.quiet);
  progress.SetAlreadyDone(summary->skipped);
  bool store_failed = false;
  size_t done = summary->skipped, bad = 0;
  const auto observe = [&] {
    if (options.on_progress) options.on_progress(done, bad, summary->total);
  };
  observe();

  SchedulerJobs jobs;
  jobs.count = pending.size();
  jobs.work = [&](size_t i) {
    results[i] = std::make_unique<ExecutedRun>();
    ExecutedRun& r = *results[i];
    r.ok = ExecuteRun(study, *pending[i], &r.outcome, &r.failure, &stop);
  };
  jobs.deliver = [&](size_t i) {
    const RunSpec& run = *pending[i];
    const std::unique_ptr<ExecutedRun> result = std::move(results[i]);
    if (store_failed) return;
    const RunOutcome& outcome = result->outcome;
    const auto write_start = std::chrono::steady_clock::now();
    bool written = true;
    if (!result->ok) {
      ++summary->failed, ++bad;
      summary->problems.emplace_back(RunLabel(run), "failed: " + result->failure);
      written = store.WriteFailedRun(run, result->failure, err);
    } else if (outcome.train.status == RunStatus::kCancelled) {
      ++summary->dropped;  // interrupted mid-run: never stored half-done
      summary->problems.emplace_back(RunLabel(run), "interrupted, not stored");
      return;
    } else {
      const RunStatus s = outcome.train.status;
      if (s == RunStatus::kDiverged) {
        ++summary->diverged, ++bad;
        summary->problems.emplace_back(RunLabel(run), "diverged: " + outcome.train.reason);
      } else {
        ++summary->completed;
      }
      for (const std::string& e : outcome.analysis_errors) {
        summary->problems.emplace_back(RunLabel(run), "analyzer: " + e);
        ++summary->analyzer_failures[e];
      }
      if (!outcome.analysis_errors.empty()) ++summary->analyzer_failed;
      for (const std::string& n : outcome.analysis.notes) ++summary->analyzer_notes[n];
      for (const std::string& w : outcome.analysis.warnings) ++summary->analyzer_warnings[w];
      written = store.WriteRun(study, run, outcome, err);
      ++summary->trained;
      summary->train_seconds += outcome.train.seconds;
    }
    summary->store_seconds +=
        std::chrono::duration<double>(std::chrono::steady_clock::now() - write_start).count();
    if (!written) store_failed = true;
    ++done;
    progress.Update(done, bad);
    observe();
  };
  jobs.tick = [&] { progress.Tick(); };
  jobs.key = [&](size_t i) { return static_cast<uint64_t>(pending[i]->index); };
  jobs.receive = [&](size_t i, const std::string& bytes, std::string* why) {
    results[i] = std::make_unique<ExecutedRun>();
    return DecodeExecutedRun(bytes, results[i].get(), why);
  };
  jobs.lost = [&](size_t i, const std::string& why, bool again) {
    summary->problems.emplace_back(RunLabel(*pending[i]), (again ? "moved: " : "lost, not stored: ") + why);
    if (!again) ++summary->dropped;
  };
  jobs.cost = [&](size_t i) { return static_cast<double>(pending[i]->config.train.steps); };
  scheduler.Run(jobs, stop);
  progress.Finish();

  summary->transfer_seconds = scheduler.transfer_seconds();
  summary->interrupted = stop.load() || summary->dropped > 0;
  summary->seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return !store_failed;
}

RemoteWork StudyRunWork(const PreparedStudy& study) {
  return [&study](uint64_t key, const std::atomic<bool>& cancel, std::string* bytes) {
    ExecutedRun r;
    if (key >= study.runs.size()) {
      r.failure = "no run " + std::to_string(key + 1) + " in this study of " +
                  std::to_string(study.runs.size()) + " runs";
    } else {
      r.ok = ExecuteRun(study, study.runs[key], &r.outcome, &r.failure, &cancel);
      if (r.ok && r.outcome.train.status == RunStatus::kCancelled) return false;
    }
    *bytes = EncodeExecutedRun(r);
    return true;
  };
}

// Predictions from the relation alone (b, p_c, the bound's curves), stored
// with the study so a report can draw them over the measurements. Only when
// every run trains the same relation, and only for analyzers without a study
// stage of their own (which then say what holds for the study); the settings
// shown are those all runs share, so nothing swept is taken from one run.
void AnalyzeSharedRelation(const PreparedStudy& study, AnalysisResults* results,
                           StudySummary* summary) {
  if (study.relations.size() != 1) return;
  geneft_params shared = study.runs.front().settings;
  for (const std::string& key : study.sweep.Keys()) shared.values.erase(key);
  const Relation& relation = study.FirstRelation();
  const geneft_relation_view view{sizeof(geneft_relation_view), &relation.info(),
                                  relation.labels().data(), &shared, Host()};
  for (const auto& a : study.analyzers) {
    std::string why;
    if (a->HasRelationStage() && !a->HasStudyStage() && !AnalyzeRelation(*a, view, results, &why))
      summary->analyzer_errors.push_back(why);
  }
}

bool AnalyzeStoredStudy(const PreparedStudy& study, ResultStore& store, StudySummary* summary,
                        std::string* err) {
  bool any = false;
  for (const auto& a : study.analyzers) any = any || a->HasStudyStage() || a->HasRelationStage();
  if (!any) return true;
  // The study stage only reads: through a read-only connection of its own.
  StoreReader reader;
  StoredRuns runs;
  if (!reader.Open(store.reader().path(), err) || !runs.Load(reader, err)) return false;
  const geneft_study_view* view = runs.View(study.sweep.Keys());
  AnalysisResults results;
  AnalyzeSharedRelation(study, &results, summary);
  for (const auto& a : study.analyzers) {
    std::string why;
    if (a->HasStudyStage() && !AnalyzeStudy(*a, *view, &results, &why))
      summary->analyzer_errors.push_back(why);
  }
  for (const std::string& n : results.notes) summary->analyzer_notes.emplace(n, 0);
  for (const std::string& w : results.warnings) summary->analyzer_warnings.emplace(w, 0);
  for (const auto& [name, value] : results.scalars)
    summary->study_results.push_back(fmt::format("{} = {:.6g}", name, value));
  for (const auto& [name, text] : results.texts)
    summary->study_results.push_back(fmt::format("{} = {}", name, text));
  return store.WriteStudyResults(results, err);
}

bool HasFailures(const StudySummary& s) {
  return s.failed + s.failed_before + s.diverged + s.diverged_before + s.analyzer_failed +
             s.analyzer_failed_before + s.analyzer_errors.size() >
         0;
}

std::string FullStudyReport(const PreparedStudy& study, const StudySummary& s,
                            const std::string& store_path) {
  std::string out = "\nStudy " + study.config.study.name + "\n";
  const auto row = [&](const std::string& what, const std::string& value) {
    out += fmt::format("  {:<22} {}\n", what, value);
  };
  row("store", store_path);
  row("runs", fmt::format("{} in study, {} here", study.runs.size(), s.total));
  row("already stored", std::to_string(s.skipped));
  row("completed now", std::to_string(s.completed));
  row("diverged", Count(s.diverged, s.diverged_before));
  row("failed", Count(s.failed, s.failed_before));
  row("analyzer failures", Count(s.analyzer_failed + s.analyzer_errors.size(),
                                 s.analyzer_failed_before));
  if (s.dropped > 0) row("interrupted, not stored", std::to_string(s.dropped));
  row("jobs (given / used)", fmt::format("{} / {}", s.jobs_given == 0 ? std::string("auto") : std::to_string(s.jobs_given), s.jobs_used));
  if (!s.scheduler.empty()) row("ran on", s.scheduler);
  row("time", fmt::format("{:.1f} s", s.seconds));
  if (s.trained > 0) {
    const double n = static_cast<double>(s.trained);
    row("time per run", fmt::format("{:.3f} s training, {:.2f} ms storing{}", s.train_seconds / n,
                                    1e3 * s.store_seconds / n,
                                    s.transfer_seconds > 0
                                        ? fmt::format(", {:.2f} ms moving", 1e3 * s.transfer_seconds / n)
                                        : std::string()));
  }
  for (const auto& [label, reason] : s.problems) out += fmt::format("  ! {}: {}\n", label, reason);
  for (const std::string& e : s.analyzer_errors) out += fmt::format("  ! study analyzer: {}\n", e);
  out += AnalyzerMessages(s);
  if (!s.study_results.empty()) out += "\nStudy results\n";
  for (const std::string& line : s.study_results) out += "  " + line + "\n";
  std::string termination;
  if (s.interrupted)
    termination = fmt::format("INTERRUPTED ({} runs stored, {} left; run the same command again to resume)",
                              s.skipped + s.completed + s.diverged + s.failed,
                              s.total - s.skipped - s.completed - s.diverged - s.failed);
  else if (HasFailures(s))
    termination = "FINISHED WITH FAILURES (" + Count(s.failed, s.failed_before, "failed") + ", " +
                  Count(s.diverged, s.diverged_before, "diverged") + ", " +
                  Count(s.analyzer_failed + s.analyzer_errors.size(), s.analyzer_failed_before,
                        "analyzer failures") +
                  ")";
  else
    termination = "FINISHED (every run stored)";
  out += "\nTermination: " + termination + "\n";
  return out;
}

std::string BriefStudyReport(const StudySummary& s) {
  const size_t analyzer_now = s.analyzer_failed + s.analyzer_errors.size();
  const size_t analyzer_all = analyzer_now + s.analyzer_failed_before;
  std::string out = fmt::format(
      "{} runs: {} stored before, {} completed, {}, {}{}{} in {:.1f} s", s.total, s.skipped,
      s.completed, Count(s.diverged, s.diverged_before, "diverged"),
      Count(s.failed, s.failed_before, "failed"),
      analyzer_all == 0 ? "" : ", " + Count(analyzer_now, s.analyzer_failed_before,
                                             analyzer_all == 1 ? "analyzer failure" : "analyzer failures"),
      s.interrupted ? ", interrupted" : "", s.seconds);
  for (const auto& [message, runs] : s.analyzer_failures)
    out += fmt::format("\n  ! {} ({} run{})", message, runs, runs == 1 ? "" : "s");
  for (const std::string& e : s.analyzer_errors) out += "\n  ! study analyzer: " + e;
  std::string messages = AnalyzerMessages(s);
  if (!messages.empty()) messages.pop_back();
  return out + (messages.empty() ? "" : "\n" + messages);
}

}  // namespace geneft
