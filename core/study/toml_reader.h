// Reads a fixed set of typed keys from one TOML table (the host's own
// [study], [model], [train] tables), so that every unknown key and every
// wrong type becomes an error naming file, line and key.
#pragma once

#include "util/toml_source.h"

#include <toml++/toml.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace geneft {

class TomlReader {
 public:
  /// `table` may be null (the section is absent: every key keeps its default).
  TomlReader(const toml::table* table, SourceRef source);

  // Each Read sets *value when the key is present with the right type, and
  // records an error otherwise. Absent keys leave *value untouched. A double
  // takes a float, or an integer a double holds exactly (util/toml_number.h).
  void Read(const char* key, int64_t* value);
  void Read(const char* key, uint64_t* value);
  void Read(const char* key, double* value);
  void Read(const char* key, bool* value);
  void Read(const char* key, std::string* value);
  void Read(const char* key, std::vector<std::string>* value);
  /// Marks a key as known without reading it (e.g. "plugin").
  void Allow(const char* key);

  /// False if any Read failed or the table holds a key nobody read;
  /// *err then names the first problem: "study.toml:7: [train] unknown key
  /// 'lr_encc', did you mean 'lr_enc'?".
  bool Finish(std::string* err);

  /// "file:line" of `key` in the table, else of the table's header, else
  /// "file": where a check made after reading (IsValid) points.
  std::string Where(std::string_view key) const;

 private:
  const toml::node* Find(const char* key);
  void Fail(const char* key, const std::string& expected);

  const toml::table* table_;
  SourceRef source_;
  std::vector<std::string> known_;
  std::string error_;
};

}  // namespace geneft
