#include "analyze/study_view.h"

#include "plugin/host.h"

#include <toml++/toml.h>

#include <cstring>
#include <type_traits>

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

bool StoredRuns::Load(StoreReader& store, std::string* err) {
  std::vector<StoredRun> runs;
  std::vector<StoredSetting> settings;
  std::vector<StoredResult> results;
  if (!store.Runs(&runs, err) || !store.Settings(&settings, err) || !store.Results(&results, err))
    return false;
  // Every column of a run by its name: texts as texts, numbers unless NULL.
  std::map<std::string, size_t> index_of;
  for (const StoredRun& run : runs) {
    index_of[run.hash] = numbers_.size();
    auto& numbers = numbers_.emplace_back();
    auto& texts = texts_.emplace_back();
    VisitRunColumns(run, [&](const char* column, const auto& value) {
      using T = std::decay_t<decltype(value)>;
      if constexpr (std::is_same_v<T, std::string>) texts[column] = value;
      else if constexpr (std::is_same_v<T, int64_t>) numbers[column] = static_cast<double>(value);
      else if (value) numbers[column] = static_cast<double>(*value);
    });
  }
  for (const StoredSetting& s : settings) {
    auto it = index_of.find(s.run_hash);
    if (it == index_of.end()) continue;
    if (s.number) numbers_[it->second][s.key] = *s.number;
    texts_[it->second][s.key] = s.value;
  }
  for (const StoredResult& r : results) {
    auto it = index_of.find(r.run_hash);
    if (it == index_of.end()) continue;
    if (r.number) numbers_[it->second][r.name] = *r.number;
    if (r.text) texts_[it->second][r.name] = *r.text;
  }
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
                            swept_ptrs_.data(), &ViewNumber, &ViewText, Host()};
  return &view_;
}

}  // namespace geneft
