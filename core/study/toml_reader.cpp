#include "study/toml_reader.h"

#include "util/toml_number.h"
#include <geneft/common/names.h>

#include <algorithm>

namespace geneft {

TomlReader::TomlReader(const toml::table* table, SourceRef source)
    : table_(table), source_(std::move(source)) {}

const toml::node* TomlReader::Find(const char* key) {
  known_.emplace_back(key);
  return table_ != nullptr ? table_->get(key) : nullptr;
}

std::string TomlReader::Where(std::string_view key) const {
  return table_ != nullptr ? source_.WhereKey(*table_, key)
                           : geneft::Where(source_.file, source_.at);
}

void TomlReader::Fail(const char* key, const std::string& expected) {
  if (!error_.empty()) return;
  error_ = Where(key) + ": [" + source_.table + "] key '" + key + "' must be " + expected;
}

void TomlReader::Read(const char* key, int64_t* value) {
  if (const toml::node* n = Find(key)) {
    if (auto v = n->value_exact<int64_t>()) *value = *v;
    else Fail(key, "an integer");
  }
}

void TomlReader::Read(const char* key, uint64_t* value) {
  if (const toml::node* n = Find(key)) {
    auto v = n->value_exact<int64_t>();
    if (v && *v >= 0) *value = static_cast<uint64_t>(*v);
    else Fail(key, "a non-negative integer");
  }
}

void TomlReader::Read(const char* key, double* value) {
  if (const toml::node* n = Find(key)) {
    std::string expected;
    if (!TomlToDouble(*n, value, &expected)) Fail(key, expected);
  }
}

void TomlReader::Read(const char* key, bool* value) {
  if (const toml::node* n = Find(key)) {
    if (auto v = n->value_exact<bool>()) *value = *v;
    else Fail(key, "true or false");
  }
}

void TomlReader::Read(const char* key, std::string* value) {
  if (const toml::node* n = Find(key)) {
    if (auto v = n->value_exact<std::string>()) *value = *v;
    else Fail(key, "a string");
  }
}

void TomlReader::Read(const char* key, std::vector<std::string>* value) {
  if (const toml::node* n = Find(key)) {
    const toml::array* a = n->as_array();
    std::vector<std::string> out;
    bool ok = a != nullptr;
    if (ok) {
      for (const toml::node& e : *a) {
        if (auto s = e.value_exact<std::string>()) out.push_back(*s);
        else ok = false;
      }
    }
    if (ok) *value = std::move(out);
    else Fail(key, "an array of strings");
  }
}

void TomlReader::Allow(const char* key) { known_.emplace_back(key); }

bool TomlReader::Finish(std::string* err) {
  if (error_.empty() && table_ != nullptr) {
    for (const auto& [key, node] : *table_) {
      const std::string name(key.str());
      if (std::find(known_.begin(), known_.end(), name) != known_.end()) continue;
      error_ = geneft::Where(source_.file, key.source()) + ": [" + source_.table + "] " +
               UnknownName("key", name, known_);
      break;
    }
  }
  if (error_.empty()) return true;
  *err = error_;
  return false;
}

}  // namespace geneft
