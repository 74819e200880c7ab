#include "report/report_data.h"

#include <algorithm>
#include <set>
#include <cmath>
#include <sstream>

namespace geneft::report {
namespace {

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

namespace {

// A stored run as the report reads it: NaN for an absent accuracy or loss,
// -1 for an absent step count, 0 for absent seconds.
Run FromStored(const StoredRun& stored) {
  Run r;
  r.hash = stored.hash;
  r.index = stored.index, r.replicate = stored.replicate, r.seed = stored.seed;
  r.status = stored.status, r.reason = stored.reason;
  r.steps_budget = stored.steps_budget.value_or(-1), r.steps_done = stored.steps_done.value_or(-1);
  const double nan = std::nan("");
  r.final_loss = stored.final_loss.value_or(nan);
  r.train_accuracy = stored.train_accuracy.value_or(nan);
  r.test_accuracy = stored.test_accuracy.value_or(nan);
  r.all_accuracy = stored.all_accuracy.value_or(nan);
  r.seconds = stored.seconds.value_or(0);
  return r;
}

}  // namespace

bool LoadReportData(StoreReader& store, const std::string& store_path, ReportData* data,
                    std::string* err) {
  data->store_path = store_path;
  if (!store.StudyTable(&data->study, err)) return false;
  if (data->study.empty()) {
    *err = "store [" + store_path + "]: holds no study (was it written by geneft run?)";
    return false;
  }

  std::vector<StoredRun> runs;
  if (!store.Runs(&runs, err)) return false;
  std::map<std::string, size_t> by_hash;
  for (const StoredRun& stored : runs) {
    by_hash[stored.hash] = data->runs.size();
    data->runs.push_back(FromStored(stored));
  }

  std::vector<StoredSetting> settings;
  if (!store.Settings(&settings, err)) return false;
  std::vector<std::string> swept_in_settings;
  for (StoredSetting& s : settings) {
    auto it = by_hash.find(s.run_hash);
    if (it == by_hash.end()) continue;
    if (s.swept && s.key != "replicate" &&
        std::find(swept_in_settings.begin(), swept_in_settings.end(), s.key) ==
            swept_in_settings.end())
      swept_in_settings.push_back(s.key);
    data->runs[it->second].settings[s.key] = Setting{std::move(s.value), s.number, s.swept};
  }

  // The study's order of swept keys, then any key the runs mark swept that
  // the study table does not list (an older store).
  data->swept_keys = SplitKeys(data->StudyValue("swept_keys"));
  for (const std::string& key : swept_in_settings)
    if (std::find(data->swept_keys.begin(), data->swept_keys.end(), key) == data->swept_keys.end())
      data->swept_keys.push_back(key);

  std::vector<StoredResult> results;
  if (!store.Results(&results, err)) return false;
  for (StoredResult& r : results) {
    ResultValue v{r.number, r.text.value_or("")};
    if (r.run_hash.empty()) {
      data->study_results[r.name] = std::move(v);
      continue;
    }
    auto it = by_hash.find(r.run_hash);
    if (it != by_hash.end()) data->runs[it->second].results[r.name] = std::move(v);
  }

  return store.StudySeries(&data->study_series, err) && store.Plugins(&data->plugins, err);
}

std::vector<std::string> ReportData::RunScalarNames() const {
  std::set<std::string> names;
  for (const Run& r : runs)
    for (const auto& [name, value] : r.results)
      if (value.number) names.insert(name);
  return {names.begin(), names.end()};
}

bool LoadEmbedding(StoreReader& store, const std::string& run_hash, Embedding* out,
                   std::string* err) {
  *out = Embedding{};
  std::vector<EmbeddingValue> values;
  if (!store.Embedding(run_hash, &values, err)) return false;
  for (const EmbeddingValue& v : values) {
    if (v.element < 0 || v.dim < 0 || v.element > 1000000 || v.dim > 100000) continue;
    const size_t e = static_cast<size_t>(v.element), d = static_cast<size_t>(v.dim);
    if (out->values.size() <= e) out->values.resize(e + 1), out->names.resize(e + 1);
    out->names[e] = v.name;
    if (out->values[e].size() <= d) out->values[e].resize(d + 1, std::nan(""));
    out->values[e][d] = v.value;
    out->dims = std::max(out->dims, static_cast<int>(d) + 1);
  }
  return true;
}

}  // namespace geneft::report
