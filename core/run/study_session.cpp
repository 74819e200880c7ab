#include "run/study_session.h"

#include "store/set_aside.h"

#include <fmt/core.h>

#include <cstdio>

namespace geneft {

bool ParseShard(const std::string& text, StudyRunOptions* options, std::string* err) {
  if (text.empty()) return true;
  int i = 0, n = 0;
  char extra = 0;
  if (std::sscanf(text.c_str(), "%d/%d%c", &i, &n, &extra) != 2 || n < 1 || i < 1 || i > n) {
    *err = "--shard '" + text + "': expected I/N with 1 <= I <= N, e.g. --shard 2/8";
    return false;
  }
  options->shard_index = i - 1;
  options->shard_count = n;
  return true;
}

std::filesystem::path StorePathFor(const PreparedStudy& study, const StoreRequest& request,
                                   const StudyRunOptions& options) {
  if (!request.out.empty()) return request.out;
  std::filesystem::path p = study.config.file;
  std::string name = p.stem().string();
  if (options.shard_count > 1)
    name += fmt::format(".shard-{}-of-{}", options.shard_index + 1, options.shard_count);
  return p.replace_filename(name + ".db");
}

bool OpenStudyStore(const PreparedStudy& study, const StoreRequest& request,
                    const StudyRunOptions& options, StudyStore* out, bool* bad_input,
                    std::string* err) {
  *bad_input = false;
  out->path = StorePathFor(study, request, options);
  // The lock first: a new store must not move a store another run writes.
  if (!out->lock.Acquire(out->path, request.writer, err)) {
    *bad_input = out->lock.busy();
    return false;
  }
  if (request.new_store && !SetAsideStore(out->path, &out->kept, err)) return false;
  if (!out->store.Open(out->lock, err)) return false;
  if (!out->store.BindStudy(study, request.shard, err)) {
    *bad_input = true;
    return false;
  }
  return true;
}

bool RunAndAnalyze(const PreparedStudy& study, const StudyRunOptions& options, Scheduler& scheduler,
                   StudyStore& store, const std::atomic<bool>& stop, StudySummary* summary,
                   ReanalysisSummary* reanalysis, std::string* err) {
  if (!ReanalyzeChangedAnalysis(study, store.store, reanalysis, err)) return false;
  if (!RunStudy(study, options, scheduler, store.store, stop, summary, err)) return false;
  if (summary->interrupted) return true;
  return AnalyzeStoredStudy(study, store.store, summary, err) &&
         store.store.UpdateDefinition(study, err);
}

}  // namespace geneft
