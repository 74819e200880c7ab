// Where a TOML value came from, for error messages that name the file and
// the line: "study.toml:12: [relation] key 'n' ...".
#pragma once

#include <toml++/toml.h>

#include <string>

namespace geneft {

/// The file and table a TOML table came from: "study.toml", "analyzer[1]".
struct SourceRef {
  std::string file;  ///< path as the user gave it
  std::string table; ///< "relation", "analyzer[1]"
};

/// "file:line" for a node ("file" alone when the line is unknown).
inline std::string Where(const std::string& file, const toml::source_region& region) {
  return region.begin.line > 0 ? file + ":" + std::to_string(region.begin.line) : file;
}

}  // namespace geneft
