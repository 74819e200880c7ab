// Where a TOML value came from, for error messages that name the file and
// the line: "study.toml:12: [relation] key 'n' ...".
//
// toml++ keeps the place of a key when its table is copied, not the place
// of a value; every sweep point is a copy of the study, so messages point at
// keys (and a swept setting's key carries the place of its [sweep] entry).
#pragma once

#include <toml++/toml.h>

#include <string>
#include <string_view>

namespace geneft {

/// "file:line" for a place ("file" alone when the line is unknown).
inline std::string Where(const std::string& file, const toml::source_region& region) {
  return region.begin.line > 0 ? file + ":" + std::to_string(region.begin.line) : file;
}

/// Where `key` is written in `table`; empty (line 0) when it is absent.
inline toml::source_region KeyRegion(const toml::table& table, std::string_view key) {
  const auto it = table.find(key);
  return it != table.end() ? it->first.source() : toml::source_region{};
}

/// The file and table a TOML table came from: "study.toml", "analyzer 1".
struct SourceRef {
  std::string file;        ///< path as the user gave it
  std::string table;       ///< "relation", "analyzer 1"
  toml::source_region at;  ///< the table's header; empty when unknown or absent

  /// "file:line" of `key` in `t`, else of the table's header, else "file".
  std::string WhereKey(const toml::table& t, std::string_view key) const {
    const toml::source_region region = KeyRegion(t, key);
    return Where(file, region.begin.line > 0 ? region : at);
  }
};

}  // namespace geneft
