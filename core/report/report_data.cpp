#include "report/report_data.h"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace geneft::report {
namespace {

std::optional<double> Optional(const SqliteStatement& s, int column) {
  if (s.IsNull(column)) return std::nullopt;
  return s.Double(column);
}

int64_t IntOr(const SqliteStatement& s, int column, int64_t fallback) {
  return s.IsNull(column) ? fallback : s.Int(column);
}

// Runs `sql` and calls `row` on each result row.
template <typename RowFn>
bool ForEachRow(SqliteDb& db, const std::string& sql, const std::string& bind, RowFn row,
                std::string* err) {
  SqliteStatement s;
  if (!db.Prepare(sql, &s, err)) return false;
  if (!bind.empty()) s.Bind(1, bind);
  bool more = false;
  while (s.Step(&more, err) && more) row(s);
  return err->empty();
}

std::vector<std::string> SplitKeys(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string key; std::getline(in, key, ',');)
    if (!key.empty() && key != "replicate") out.push_back(key);
  return out;
}

}  // namespace

std::optional<double> Run::Number(const std::string& key) const {
  auto it = settings.find(key);
  if (it == settings.end()) return std::nullopt;
  return it->second.number;
}

std::string Run::Text(const std::string& key) const {
  auto it = settings.find(key);
  if (it == settings.end()) return "";
  std::string v = it->second.value;
  if (v.size() >= 2 && (v.front() == '\'' || v.front() == '"') && v.back() == v.front())
    v = v.substr(1, v.size() - 2);
  return v;
}

std::string Run::ResultText(const std::string& name) const {
  auto it = results.find(name);
  return it == results.end() ? "" : it->second.text;
}

std::optional<double> Run::ResultNumber(const std::string& name) const {
  auto it = results.find(name);
  if (it == results.end()) return std::nullopt;
  return it->second.number;
}

std::string ReportData::StudyValue(const std::string& key) const {
  auto it = study.find(key);
  return it == study.end() ? "" : it->second;
}

int64_t ReportData::PlannedRuns() const {
  const std::string v = StudyValue("run_count");
  if (v.empty()) return -1;
  try {
    return std::stoll(v);
  } catch (...) {
    return -1;
  }
}

bool LoadReportData(ResultStore& store, const std::string& store_path, ReportData* data,
                    std::string* err) {
  SqliteDb& db = store.db();
  data->store_path = store_path;
  if (!ForEachRow(db, "SELECT key, value FROM study", "",
                  [&](const SqliteStatement& s) { data->study[s.Text(0)] = s.Text(1); }, err))
    return false;
  if (data->study.empty()) {
    *err = "store [" + store_path + "]: holds no study (was it written by geneft run?)";
    return false;
  }

  std::map<std::string, size_t> by_hash;
  const char* kRuns =
      "SELECT run_hash, run_index, replicate, status, reason, seed, steps_budget, steps_done, "
      "final_loss, train_accuracy, test_accuracy, all_accuracy, seconds FROM runs "
      "ORDER BY run_index, replicate";
  if (!ForEachRow(
          db, kRuns, "",
          [&](const SqliteStatement& s) {
            Run r;
            r.hash = s.Text(0);
            r.index = s.Int(1), r.replicate = s.Int(2);
            r.status = s.Text(3), r.reason = s.Text(4), r.seed = s.Int(5);
            r.steps_budget = IntOr(s, 6, -1), r.steps_done = IntOr(s, 7, -1);
            r.final_loss = s.Double(8), r.train_accuracy = s.Double(9);
            r.test_accuracy = s.Double(10), r.all_accuracy = s.Double(11);
            r.seconds = s.IsNull(12) ? 0 : s.Double(12);
            by_hash[r.hash] = data->runs.size();
            data->runs.push_back(std::move(r));
          },
          err))
    return false;

  std::vector<std::string> swept_in_settings;
  if (!ForEachRow(
          db, "SELECT run_hash, key, value, number, swept FROM run_settings", "",
          [&](const SqliteStatement& s) {
            auto it = by_hash.find(s.Text(0));
            if (it == by_hash.end()) return;
            Setting setting{s.Text(2), Optional(s, 3), s.Int(4) != 0};
            const std::string key = s.Text(1);
            if (setting.swept && key != "replicate" &&
                std::find(swept_in_settings.begin(), swept_in_settings.end(), key) ==
                    swept_in_settings.end())
              swept_in_settings.push_back(key);
            data->runs[it->second].settings[key] = std::move(setting);
          },
          err))
    return false;

  // The study's order of swept keys, then any key the runs mark swept that
  // the study table does not list (an older store).
  data->swept_keys = SplitKeys(data->StudyValue("swept_keys"));
  for (const std::string& key : swept_in_settings)
    if (std::find(data->swept_keys.begin(), data->swept_keys.end(), key) == data->swept_keys.end())
      data->swept_keys.push_back(key);

  if (!ForEachRow(
          db, "SELECT run_hash, name, number, text FROM results", "",
          [&](const SqliteStatement& s) {
            ResultValue v{Optional(s, 2), s.IsNull(3) ? "" : s.Text(3)};
            const std::string hash = s.Text(0);
            if (hash.empty()) {
              data->study_results[s.Text(1)] = std::move(v);
              return;
            }
            auto it = by_hash.find(hash);
            if (it != by_hash.end()) data->runs[it->second].results[s.Text(1)] = std::move(v);
          },
          err))
    return false;

  return ForEachRow(
      db, "SELECT name, x, y, err FROM series WHERE run_hash = '' ORDER BY name, idx", "",
      [&](const SqliteStatement& s) {
        data->study_series[s.Text(0)].push_back({s.Double(1), s.Double(2), s.Double(3)});
      },
      err);
}

bool LoadTrajectory(ResultStore& store, const std::string& run_hash,
                    std::vector<TrajectoryPoint>* out, std::string* err) {
  out->clear();
  return ForEachRow(
      store.db(),
      "SELECT step, loss, train_accuracy, test_accuracy, all_accuracy FROM trajectories "
      "WHERE run_hash = ? ORDER BY step",
      run_hash,
      [&](const SqliteStatement& s) {
        out->push_back({s.Int(0), s.Double(1), s.Double(2), s.Double(3), s.Double(4)});
      },
      err);
}

bool LoadEmbedding(ResultStore& store, const std::string& run_hash, Embedding* out,
                   std::string* err) {
  *out = Embedding{};
  return ForEachRow(
      store.db(),
      "SELECT element, name, dim, value FROM embeddings WHERE run_hash = ? ORDER BY element, dim",
      run_hash,
      [&](const SqliteStatement& s) {
        const int64_t element = s.Int(0), dim = s.Int(2);
        if (element < 0 || dim < 0 || element > 1000000 || dim > 100000) return;
        const size_t e = static_cast<size_t>(element), d = static_cast<size_t>(dim);
        if (out->values.size() <= e) out->values.resize(e + 1), out->names.resize(e + 1);
        out->names[e] = s.Text(1);
        if (out->values[e].size() <= d) out->values[e].resize(d + 1, std::nan(""));
        out->values[e][d] = s.Double(3);
        out->dims = std::max(out->dims, static_cast<int>(d) + 1);
      },
      err);
}

}  // namespace geneft::report
