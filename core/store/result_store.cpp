#include "store/result_store.h"

#include "plugin/plugin_library.h"

#include <chrono>
#include <ctime>
#include <functional>
#include <map>
#include <sstream>

namespace geneft {
namespace {

const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS study(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS runs(
  run_hash TEXT PRIMARY KEY, run_index INTEGER NOT NULL, replicate INTEGER NOT NULL,
  status TEXT NOT NULL, reason TEXT NOT NULL, seed INTEGER NOT NULL,
  steps_budget INTEGER, steps_done INTEGER, first_train_step INTEGER,
  first_test_step INTEGER, first_all_step INTEGER, diverged_step INTEGER,
  final_loss REAL, train_accuracy REAL, test_accuracy REAL, all_accuracy REAL,
  seconds REAL, settings TEXT NOT NULL, finished_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS run_settings(
  run_hash TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL, number REAL,
  swept INTEGER NOT NULL, PRIMARY KEY(run_hash, key));
CREATE TABLE IF NOT EXISTS trajectories(
  run_hash TEXT NOT NULL, step INTEGER NOT NULL, loss REAL, train_accuracy REAL,
  test_accuracy REAL, all_accuracy REAL, PRIMARY KEY(run_hash, step));
CREATE TABLE IF NOT EXISTS embeddings(
  run_hash TEXT NOT NULL, element INTEGER NOT NULL, name TEXT NOT NULL, dim INTEGER NOT NULL,
  value REAL, PRIMARY KEY(run_hash, element, dim));
CREATE TABLE IF NOT EXISTS results(
  run_hash TEXT NOT NULL, name TEXT NOT NULL, number REAL, text TEXT,
  PRIMARY KEY(run_hash, name));
CREATE TABLE IF NOT EXISTS series(
  run_hash TEXT NOT NULL, name TEXT NOT NULL, idx INTEGER NOT NULL, x REAL, y REAL, err REAL,
  PRIMARY KEY(run_hash, name, idx));
)sql";

std::string Now() {
  const std::time_t t = std::time(nullptr);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
  return buf;
}

double Last(const std::vector<double>& v) { return v.empty() ? std::nan("") : v.back(); }

std::map<std::string, std::string> DefinitionLines(const std::string& text) {
  std::map<std::string, std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    const size_t eq = line.find(" = ");
    if (eq != std::string::npos) out[line.substr(0, eq)] = line.substr(eq + 3);
  }
  return out;
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

bool ResultStore::Open(const std::filesystem::path& path, std::string* err) {
  if (!db_.Open(path, false, err)) return false;
  // WAL + synchronous FULL: a committed run survives a crash or power loss.
  return db_.Exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;", err) &&
         db_.Exec(kSchema, err);
}

bool ResultStore::OpenReadOnly(const std::filesystem::path& path, std::string* err) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    *err = "store [" + path.string() + "]: no such file";
    return false;
  }
  return db_.Open(path, true, err);
}

bool ResultStore::Transaction(const std::function<bool()>& body, std::string* err) {
  if (!db_.Exec("BEGIN IMMEDIATE", err)) return false;
  if (body()) return db_.Exec("COMMIT", err);
  std::string ignored;
  db_.Exec("ROLLBACK", &ignored);
  return false;
}

std::string ResultStore::StudyValue(const std::string& key, std::string* err) {
  SqliteStatement s;
  if (!db_.Prepare("SELECT value FROM study WHERE key = ?", &s, err)) return "";
  s.Bind(1, key);
  bool row = false;
  if (!s.Step(&row, err) || !row) return "";
  return s.Text(0);
}

bool ResultStore::BindStudy(const PreparedStudy& study, const std::string& shard,
                            std::string* err) {
  const std::string stored = StudyValue("fingerprint", err);
  if (!err->empty()) return false;
  if (!stored.empty()) {
    if (stored == study.fingerprint) return true;
    *err = "store [" + db_.path().string() + "] holds results of a different study definition; " +
           "what changed:\n" + DefinitionDiff(StudyValue("definition", err), study.definition) +
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
            {"created_at", Now()},
        };
        for (const auto& [key, value] : rows) {
          s.Bind(1, key), s.Bind(2, value);
          if (!s.Run(err)) return false;
        }
        return true;
      },
      err);
}

std::set<std::string> ResultStore::StoredRuns(std::string* err) {
  std::set<std::string> out;
  SqliteStatement s;
  if (!db_.Prepare("SELECT run_hash FROM runs", &s, err)) return out;
  bool row = false;
  while (s.Step(&row, err) && row) out.insert(s.Text(0));
  return out;
}

namespace {

bool InsertRunRow(SqliteDb& db, const RunSpec& run, const std::string& status,
                  const std::string& reason, const TrainResult* r, std::string* err) {
  SqliteStatement s;
  if (!db.Prepare("INSERT OR REPLACE INTO runs VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", &s, err))
    return false;
  s.Bind(1, run.hash), s.Bind(2, static_cast<int64_t>(run.index)), s.Bind(3, run.replicate);
  s.Bind(4, status), s.Bind(5, reason), s.Bind(6, static_cast<int64_t>(run.config.train.seed));
  s.Bind(7, run.config.train.steps);
  if (r != nullptr) {
    const Trajectory& t = r->trajectory;
    s.Bind(8, r->steps_done), s.Bind(9, r->first_train_step), s.Bind(10, r->first_test_step);
    s.Bind(11, r->first_all_step), s.Bind(12, r->diverged_step), s.Bind(13, Last(t.loss));
    s.Bind(14, Last(t.train_accuracy)), s.Bind(15, Last(t.test_accuracy));
    s.Bind(16, Last(t.all_accuracy)), s.Bind(17, r->seconds);
  }
  s.Bind(18, run.canonical), s.Bind(19, Now());
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
        return WriteAnalysis(db_, run.hash, outcome.analysis, err);
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

bool ResultStore::MergeFrom(const std::filesystem::path& other, int* copied, std::string* err) {
  ResultStore source;
  if (!source.OpenReadOnly(other, err)) return false;
  const std::string theirs = source.StudyValue("fingerprint", err);
  if (!err->empty()) return false;
  const std::string ours = StudyValue("fingerprint", err);
  if (theirs.empty()) return *err = "store [" + other.string() + "] holds no study", false;
  if (!ours.empty() && ours != theirs) {
    *err = "store [" + other.string() + "] holds a different study; what differs:\n" +
           DefinitionDiff(StudyValue("definition", err), source.StudyValue("definition", err));
    return false;
  }
  std::string quoted = other.string();
  for (size_t p = 0; (p = quoted.find('\'', p)) != std::string::npos; p += 2) quoted.insert(p, "'");
  const auto count_runs = [&] {
    SqliteStatement c;
    bool row = false;
    std::string ignored;
    return db_.Prepare("SELECT COUNT(*) FROM runs", &c, &ignored) && c.Step(&row, &ignored) && row
               ? static_cast<int>(c.Int(0))
               : 0;
  };
  const int before = count_runs();
  const bool ok = db_.Exec("ATTACH DATABASE '" + quoted + "' AS other", err) &&
                  Transaction(
                      [&] {
                        return db_.Exec(
                            "INSERT OR IGNORE INTO study SELECT * FROM other.study WHERE key <> 'shard';"
                            "INSERT OR IGNORE INTO runs SELECT * FROM other.runs;"
                            "INSERT OR IGNORE INTO run_settings SELECT * FROM other.run_settings;"
                            "INSERT OR IGNORE INTO trajectories SELECT * FROM other.trajectories;"
                            "INSERT OR IGNORE INTO embeddings SELECT * FROM other.embeddings;"
                            "INSERT OR IGNORE INTO results SELECT * FROM other.results WHERE run_hash <> '';"
                            "INSERT OR IGNORE INTO series SELECT * FROM other.series WHERE run_hash <> '';",
                            err);
                      },
                      err);
  std::string ignored;
  db_.Exec("DETACH DATABASE other", &ignored);
  *copied = count_runs() - before;
  return ok;
}

bool ResultStore::IntegrityCheck(std::string* err) {
  SqliteStatement s;
  if (!db_.Prepare("PRAGMA integrity_check", &s, err)) return false;
  bool row = false;
  if (!s.Step(&row, err) || !row) return false;
  if (s.Text(0) == "ok") return true;
  *err = "store [" + db_.path().string() + "]: integrity check: " + s.Text(0);
  return false;
}

}  // namespace geneft
