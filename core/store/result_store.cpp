#include "store/result_store.h"

#include "plugin/plugin_library.h"
#include "store/provenance.h"
#include "store/schema.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <map>
#include <sstream>

namespace geneft {
namespace {

// The last value of `v`; empty when there is none or it is NaN (stored as NULL).
std::optional<double> Last(const std::vector<double>& v) {
  if (v.empty() || std::isnan(v.back())) return std::nullopt;
  return v.back();
}

std::map<std::string, std::string> DefinitionLines(const std::string& text) {
  std::map<std::string, std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    const size_t eq = line.find(" = ");
    if (eq != std::string::npos) out[line.substr(0, eq)] = line.substr(eq + 3);
  }
  return out;
}

bool InsertPlugin(SqliteDb& db, const StoredPlugin& p, std::string* err) {
  SqliteStatement s;
  if (!db.Prepare("INSERT OR REPLACE INTO plugins VALUES(?,?,?,?,?,?,?)", &s, err)) return false;
  s.Bind(1, p.kind), s.Bind(2, p.id), s.Bind(3, p.version), s.Bind(4, p.library_hash);
  s.Bind(5, p.params), s.Bind(6, p.host_version), s.Bind(7, p.recorded_at);
  return s.Run(err);
}

bool HasStudyTable(SqliteDb& db, bool* present, std::string* err) {
  SqliteStatement s;
  if (!db.Prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'study'", &s, err))
    return false;
  return s.Step(present, err);
}

bool WriteAnalysis(SqliteDb& db, const std::string& run_hash, const AnalysisResults& a,
                   std::string* err) {
  SqliteStatement result, series;
  if (!db.Prepare("INSERT OR REPLACE INTO results VALUES(?,?,?,?)", &result, err) ||
      !db.Prepare("INSERT OR REPLACE INTO series VALUES(?,?,?,?,?,?)", &series, err))
    return false;
  for (const auto& [name, value] : a.scalars) {
    result.Bind(1, run_hash), result.Bind(2, name), result.Bind(3, value), result.BindNull(4);
    if (!result.Run(err)) return false;
  }
  for (const auto& [name, text] : a.texts) {
    result.Bind(1, run_hash), result.Bind(2, name), result.BindNull(3), result.Bind(4, text);
    if (!result.Run(err)) return false;
  }
  for (const SeriesResult& s : a.series)
    for (size_t i = 0; i < s.x.size(); ++i) {
      series.Bind(1, run_hash), series.Bind(2, s.name), series.Bind(3, static_cast<int64_t>(i));
      series.Bind(4, s.x[i]), series.Bind(5, s.y[i]);
      series.Bind(6, s.err.empty() ? std::nan("") : s.err[i]);
      if (!series.Run(err)) return false;
    }
  return true;
}

// The run's predictions as float32 little-endian bytes (schema.cpp); none
// when the run has none (it never evaluated).
bool WritePredictions(SqliteDb& db, const std::string& run_hash, const TrainResult& r,
                      std::string* err) {
  static_assert(std::endian::native == std::endian::little,
                "predictions are stored little-endian: add byte swaps for this machine");
  if (r.probabilities.empty()) return true;
  SqliteStatement s;
  if (!db.Prepare("INSERT OR REPLACE INTO predictions VALUES(?,?,?)", &s, err)) return false;
  s.Bind(1, run_hash), s.Bind(2, static_cast<int64_t>(r.class_count));
  s.BindBlob(3, r.probabilities.data(), r.probabilities.size() * sizeof(float));
  return s.Run(err);
}

}  // namespace

std::string DefinitionDiff(const std::string& stored, const std::string& current) {
  const auto a = DefinitionLines(stored), b = DefinitionLines(current);
  std::string out;
  for (const auto& [key, value] : a) {
    auto it = b.find(key);
    if (it == b.end()) out += "  " + key + ": " + value + " -> (removed)\n";
    else if (it->second != value) out += "  " + key + ": " + value + " -> " + it->second + "\n";
  }
  for (const auto& [key, value] : b)
    if (a.count(key) == 0) out += "  " + key + ": (absent) -> " + value + "\n";
  return out;
}

bool ResultStore::Open(const StoreLock& lock, std::string* err) {
  if (!lock.held()) {
    *err = "store [" + lock.store().string() + "]: not opened for writing: its lock is not held";
    return false;
  }
  if (!db_.Open(lock.store(), SqliteAccess::kReadWrite, err)) return false;
  // WAL + synchronous FULL: a committed run survives a crash or power loss.
  return db_.Exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;", err) &&
         CreateOrMigrate(err);
}

bool ResultStore::CreateOrMigrate(std::string* err) {
  bool existed = false;
  int version = 1;
  if (!HasStudyTable(db_, &existed, err) || !reader_.SchemaVersion(&version, err)) return false;
  if (existed && version >= kStoreSchemaVersion) return db_.Exec(StoreSchemaSql(), err);
  return Transaction(
      [&] {
        if (!db_.Exec(StoreSchemaSql(), err)) return false;
        if (existed) {
          // Schema 1 recorded the analyzers only in the study definition.
          if (version < 2)
            for (const auto& [id, params] :
                 AnalyzersInDefinition(reader_.StudyValue("definition", err)))
              if (!InsertPlugin(db_, {"analyzer", id, "unknown", "unknown", params, "unknown",
                                      UtcNow()},
                                err))
                return false;
          // Schema 3's predictions table starts empty: runs stored before have none.
          migration_ = "store [" + db_.path().string() + "]: schema " + std::to_string(version) +
                       " -> " + std::to_string(kStoreSchemaVersion) + " (" +
                       (version < 2 ? "provenance added, " : "") +
                       "predictions added for the runs stored from now on)";
        }
        return db_.Exec("PRAGMA user_version = " + std::to_string(kStoreSchemaVersion), err);
      },
      err);
}

bool ResultStore::Transaction(const std::function<bool()>& body, std::string* err) {
  if (!db_.Exec("BEGIN IMMEDIATE", err)) return false;
  if (body()) return db_.Exec("COMMIT", err);
  std::string ignored;
  db_.Exec("ROLLBACK", &ignored);
  return false;
}

bool ResultStore::BindStudy(const PreparedStudy& study, const std::string& shard,
                            std::string* err) {
  const std::string stored = reader_.StudyValue("definition", err);
  if (!err->empty()) return false;
  if (!stored.empty()) {
    if (TrainingFingerprint(stored) == study.fingerprint) return true;
    *err = "store [" + db_.path().string() + "] holds results of a different study definition; " +
           "what changed:\n" + DefinitionDiff(TrainingPart(stored), study.training_definition) +
           "run with --new-store to start a new store (the old one is kept aside), or --out to "
           "choose another file";
    return false;
  }
  return Transaction(
      [&] {
        SqliteStatement s;
        if (!db_.Prepare("INSERT OR REPLACE INTO study VALUES(?, ?)", &s, err)) return false;
        const std::pair<std::string, std::string> rows[] = {
            {"name", study.config.study.name},
            {"description", study.config.study.description},
            {"fingerprint", study.fingerprint},
            {"definition", study.definition},
            {"text", study.config.text},
            {"file", study.config.file.string()},
            {"run_count", std::to_string(study.runs.size())},
            {"swept_keys", [&] {
               std::string k;
               for (const std::string& key : study.sweep.Keys()) k += (k.empty() ? "" : ",") + key;
               return k;
             }()},
            {"shard", shard},
            {"geneft_version", GENEFT_VERSION},
            {"abi_version", VersionString(HostAbiVersion())},
            {"created_at", UtcNow()},
        };
        for (const auto& [key, value] : rows) {
          s.Bind(1, key), s.Bind(2, value);
          if (!s.Run(err)) return false;
        }
        for (const StoredPlugin& p : StudyProvenance(study))
          if (!InsertPlugin(db_, p, err)) return false;
        return true;
      },
      err);
}

bool ResultStore::UpdateDefinition(const PreparedStudy& study, std::string* err) {
  return Transaction(
      [&] {
        SqliteStatement s;
        if (!db_.Prepare("INSERT OR REPLACE INTO study VALUES(?, ?)", &s, err)) return false;
        const std::pair<std::string, std::string> rows[] = {
            {"fingerprint", study.fingerprint},
            {"definition", study.definition},
            {"text", study.config.text},
        };
        for (const auto& [key, value] : rows) {
          s.Bind(1, key), s.Bind(2, value);
          if (!s.Run(err)) return false;
        }
        return true;
      },
      err);
}

bool ResultStore::ReplaceAnalyzerResults(const StoredPlugin& provenance,
                                         const std::map<std::string, AnalysisResults>& results,
                                         const std::map<std::string, std::string>& reasons,
                                         std::string* err) {
  const std::string prefix = provenance.id + ".";
  return Transaction(
      [&] {
        SqliteStatement drop_results, drop_series, reason;
        if (!db_.Prepare("DELETE FROM results WHERE run_hash <> '' AND substr(name, 1, ?) = ?",
                         &drop_results, err) ||
            !db_.Prepare("DELETE FROM series WHERE run_hash <> '' AND substr(name, 1, ?) = ?",
                         &drop_series, err) ||
            !db_.Prepare("UPDATE runs SET reason = ? WHERE run_hash = ?", &reason, err))
          return false;
        for (SqliteStatement* drop : {&drop_results, &drop_series}) {
          drop->Bind(1, static_cast<int64_t>(prefix.size())), drop->Bind(2, prefix);
          if (!drop->Run(err)) return false;
        }
        for (const auto& [run_hash, analysis] : results)
          if (!WriteAnalysis(db_, run_hash, analysis, err)) return false;
        for (const auto& [run_hash, text] : reasons) {
          reason.Bind(1, text), reason.Bind(2, run_hash);
          if (!reason.Run(err)) return false;
        }
        return InsertPlugin(db_, provenance, err);
      },
      err);
}

namespace {

bool InsertRunRow(SqliteDb& db, const RunSpec& run, const std::string& status,
                  const std::string& reason, const TrainResult* r, std::string* err) {
  StoredRun row;
  row.hash = run.hash;
  row.index = static_cast<int64_t>(run.index);
  row.replicate = run.replicate;
  row.status = status;
  row.reason = reason;
  row.seed = static_cast<int64_t>(run.config.train.seed);
  row.steps_budget = run.config.train.steps;
  if (r != nullptr) {
    const Trajectory& t = r->trajectory;
    row.steps_done = r->steps_done;
    row.first_train_step = r->first_train_step, row.first_test_step = r->first_test_step;
    row.first_all_step = r->first_all_step, row.diverged_step = r->diverged_step;
    row.final_loss = Last(t.loss);
    row.train_accuracy = Last(t.train_accuracy), row.test_accuracy = Last(t.test_accuracy);
    row.all_accuracy = Last(t.all_accuracy);
    row.seconds = r->seconds;
  }
  row.settings = run.canonical;
  row.finished_at = UtcNow();
  std::string placeholders;
  VisitRunColumns(row, [&](const char*, const auto&) { placeholders += placeholders.empty() ? "?" : ",?"; });
  SqliteStatement s;
  if (!db.Prepare("INSERT OR REPLACE INTO runs VALUES(" + placeholders + ")", &s, err)) return false;
  int column = 1;
  VisitRunColumns(row, [&](const char*, const auto& value) { s.Bind(column++, value); });
  if (!s.Run(err)) return false;

  SqliteStatement setting;
  if (!db.Prepare("INSERT OR REPLACE INTO run_settings VALUES(?,?,?,?,?)", &setting, err)) return false;
  for (const auto& [key, value] : run.settings.values) {
    setting.Bind(1, run.hash), setting.Bind(2, key), setting.Bind(3, ParamValueToString(value));
    if (const double* d = std::get_if<double>(&value)) setting.Bind(4, *d);
    else if (const int64_t* i = std::get_if<int64_t>(&value)) setting.Bind(4, static_cast<double>(*i));
    const bool swept = std::any_of(run.swept.begin(), run.swept.end(),
                                   [&](const auto& p) { return p.first == key; });
    setting.Bind(5, static_cast<int64_t>(swept || key == "replicate"));
    if (!setting.Run(err)) return false;
  }
  return true;
}

}  // namespace

bool ResultStore::WriteRun(const PreparedStudy& study, const RunSpec& run,
                           const RunOutcome& outcome, std::string* err) {
  const TrainResult& r = outcome.train;
  std::string reason = r.reason;
  for (const std::string& e : outcome.analysis_errors) reason += (reason.empty() ? "" : "; ") + e;
  return Transaction(
      [&] {
        if (!InsertRunRow(db_, run, RunStatusName(r.status), reason, &r, err)) return false;
        SqliteStatement t, e;
        if (!db_.Prepare("INSERT OR REPLACE INTO trajectories VALUES(?,?,?,?,?,?)", &t, err) ||
            !db_.Prepare("INSERT OR REPLACE INTO embeddings VALUES(?,?,?,?,?)", &e, err))
          return false;
        const Trajectory& tr = r.trajectory;
        for (size_t i = 0; i < tr.step.size(); ++i) {
          t.Bind(1, run.hash), t.Bind(2, tr.step[i]), t.Bind(3, tr.loss[i]);
          t.Bind(4, tr.train_accuracy[i]), t.Bind(5, tr.test_accuracy[i]), t.Bind(6, tr.all_accuracy[i]);
          if (!t.Run(err)) return false;
        }
        const std::vector<std::string>& names = study.RelationOf(run).element_names();
        const size_t d = r.embedding_dim;
        for (size_t i = 0; d > 0 && i < r.embeddings.size() / d; ++i)
          for (size_t k = 0; k < d; ++k) {
            e.Bind(1, run.hash), e.Bind(2, static_cast<int64_t>(i));
            e.Bind(3, i < names.size() ? names[i] : std::to_string(i));
            e.Bind(4, static_cast<int64_t>(k)), e.Bind(5, static_cast<double>(r.embeddings[i * d + k]));
            if (!e.Run(err)) return false;
          }
        return WritePredictions(db_, run.hash, r, err) &&
               WriteAnalysis(db_, run.hash, outcome.analysis, err);
      },
      err);
}

bool ResultStore::WriteFailedRun(const RunSpec& run, const std::string& reason, std::string* err) {
  return Transaction([&] { return InsertRunRow(db_, run, "failed", reason, nullptr, err); }, err);
}

bool ResultStore::WriteStudyResults(const AnalysisResults& results, std::string* err) {
  return Transaction(
      [&] {
        return db_.Exec("DELETE FROM results WHERE run_hash = ''; DELETE FROM series WHERE run_hash = '';", err) &&
               WriteAnalysis(db_, "", results, err);
      },
      err);
}

}  // namespace geneft
