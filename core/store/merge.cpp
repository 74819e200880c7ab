#include "store/merge.h"

namespace geneft {
namespace {

int CountRuns(StoreReader& reader) {
  std::map<std::string, StoredStatus> runs;
  std::string ignored;
  reader.RunStatuses(&runs, &ignored);
  return static_cast<int>(runs.size());
}

}  // namespace

bool MergeStore(ResultStore& out, const std::filesystem::path& in, int* copied, std::string* err) {
  StoreReader source;
  if (!source.Open(in, err)) return false;
  // Stores of one study match on the training part of their definitions
  // (a store of schema 1 hashed its analyzers too).
  const std::string theirs = source.StudyValue("definition", err);
  if (!err->empty()) return false;
  const std::string ours = out.reader().StudyValue("definition", err);
  if (theirs.empty()) return *err = "store [" + in.string() + "] holds no study", false;
  if (!ours.empty() && TrainingFingerprint(ours) != TrainingFingerprint(theirs)) {
    *err = "store [" + in.string() + "] holds a different study; what differs:\n" +
           DefinitionDiff(out.reader().StudyValue("definition", err),
                          source.StudyValue("definition", err));
    return false;
  }
  // Provenance comes along when `in` has it (a store of schema 1 does not).
  std::vector<StoredPlugin> provenance;
  int source_schema = 1;
  if (!source.Plugins(&provenance, err) || !source.SchemaVersion(&source_schema, err))
    return false;
  const int before = CountRuns(out.reader());
  // Attached read-only (immutable where `source` had to be): never written.
  const auto attach = [&] {
    SqliteStatement s;
    if (!out.db_.Prepare("ATTACH DATABASE ? AS other", &s, err)) return false;
    s.Bind(1, SqliteUri(in, source.immutable() ? SqliteAccess::kImmutable
                                               : SqliteAccess::kReadOnly));
    return s.Run(err);
  };
  const bool ok =
      attach() &&
      out.Transaction(
          [&] {
            return out.db_.Exec(
                "INSERT OR IGNORE INTO study SELECT * FROM other.study WHERE key <> 'shard';"
                "INSERT OR IGNORE INTO runs SELECT * FROM other.runs;"
                "INSERT OR IGNORE INTO run_settings SELECT * FROM other.run_settings;"
                "INSERT OR IGNORE INTO trajectories SELECT * FROM other.trajectories;"
                "INSERT OR IGNORE INTO embeddings SELECT * FROM other.embeddings;"
                "INSERT OR IGNORE INTO results SELECT * FROM other.results WHERE run_hash <> '';"
                "INSERT OR IGNORE INTO series SELECT * FROM other.series WHERE run_hash <> '';",
                err) &&
                   (provenance.empty() ||
                    out.db_.Exec("INSERT OR IGNORE INTO plugins SELECT * FROM other.plugins;", err)) &&
                   // Predictions come along from a store of schema 3 or later.
                   (source_schema < 3 ||
                    out.db_.Exec("INSERT OR IGNORE INTO predictions SELECT * FROM other.predictions;",
                                 err));
          },
          err);
  std::string ignored;
  out.db_.Exec("DETACH DATABASE other", &ignored);
  *copied = CountRuns(out.reader()) - before;
  return ok;
}

}  // namespace geneft
