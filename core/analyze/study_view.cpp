#include "analyze/study_view.h"

#include <toml++/toml.h>

#include <cstring>

namespace geneft {
namespace {

geneft_status ViewNumber(const geneft_study_view* view, size_t run, const char* key, double* out) {
  const auto* runs = static_cast<const StoredRuns*>(view->host_data);
  if (key == nullptr || out == nullptr || run >= runs->size()) return GENEFT_ERR_INVALID_ARGUMENT;
  return runs->Number(run, key, out) ? GENEFT_OK : GENEFT_ERR_NOT_FOUND;
}

geneft_status ViewText(const geneft_study_view* view, size_t run, const char* key, char* buf,
                       size_t capacity, size_t* length) {
  const auto* runs = static_cast<const StoredRuns*>(view->host_data);
  if (key == nullptr || run >= runs->size()) return GENEFT_ERR_INVALID_ARGUMENT;
  std::string text;
  if (!runs->Text(run, key, &text)) return GENEFT_ERR_NOT_FOUND;
  if (length != nullptr) *length = text.size();
  if (buf == nullptr || capacity < text.size() + 1) return GENEFT_ERR_BUFFER_TOO_SMALL;
  std::memcpy(buf, text.c_str(), text.size() + 1);
  return GENEFT_OK;
}

}  // namespace

bool StoredRuns::Load(ResultStore& store, std::string* err) {
  SqliteDb& db = store.db();
  std::map<std::string, size_t> index_of;
  SqliteStatement runs;
  if (!db.Prepare("SELECT * FROM runs ORDER BY run_index", &runs, err)) return false;
  bool row = false;
  while (runs.Step(&row, err) && row) {
    index_of[runs.Text(0)] = numbers_.size();
    numbers_.emplace_back();
    texts_.emplace_back();
    for (int c = 0; c < runs.Columns(); ++c) {
      const std::string name = runs.ColumnName(c);
      if (name == "run_hash" || name == "status" || name == "reason" || name == "settings" ||
          name == "finished_at")
        texts_.back()[name] = runs.Text(c);
      else if (!runs.IsNull(c))
        numbers_.back()[name] = runs.Double(c);
    }
  }
  if (!err->empty()) return false;
  const auto fill = [&](const char* sql) {
    SqliteStatement s;
    if (!db.Prepare(sql, &s, err)) return false;
    bool r = false;
    while (s.Step(&r, err) && r) {
      auto it = index_of.find(s.Text(0));
      if (it == index_of.end()) continue;
      if (!s.IsNull(2)) numbers_[it->second][s.Text(1)] = s.Double(2);
      if (!s.IsNull(3)) texts_[it->second][s.Text(1)] = s.Text(3);
    }
    return err->empty();
  };
  if (!fill("SELECT run_hash, key, number, value FROM run_settings") ||
      !fill("SELECT run_hash, name, number, text FROM results"))
    return false;
  // Settings are stored as TOML literals ('normal'); analyzers get the text.
  for (auto& texts : texts_)
    for (auto& [key, text] : texts) {
      if (text.empty() || (text.front() != '\'' && text.front() != '"')) continue;
      try {
        if (auto value = toml::parse("v = " + text)["v"].value<std::string>()) text = *value;
      } catch (const toml::parse_error&) {
        // A result's text that merely starts with a quote stays as it is.
      }
    }
  return true;
}

bool StoredRuns::Number(size_t run, const std::string& key, double* out) const {
  auto it = numbers_[run].find(key);
  if (it == numbers_[run].end()) return false;
  *out = it->second;
  return true;
}

bool StoredRuns::Text(size_t run, const std::string& key, std::string* out) const {
  auto it = texts_[run].find(key);
  if (it == texts_[run].end()) return false;
  *out = it->second;
  return true;
}

const geneft_study_view* StoredRuns::View(const std::vector<std::string>& swept_keys) {
  swept_ = swept_keys;
  swept_ptrs_.clear();
  for (const std::string& k : swept_) swept_ptrs_.push_back(k.c_str());
  view_ = geneft_study_view{sizeof(geneft_study_view), this, numbers_.size(), swept_ptrs_.size(),
                            swept_ptrs_.data(), &ViewNumber, &ViewText};
  return &view_;
}

}  // namespace geneft
