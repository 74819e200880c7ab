// Fuzz target: the study reader (TOML syntax, tables, keys, types, ranges).
// Any input must end in a parsed study or an error message naming the file;
// a crash, a sanitizer report or an exception escaping is a finding.
#include "study/study_config.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  geneft::StudyConfig config;
  std::string err;
  if (!geneft::ParseStudy(text, "fuzz.toml", &config, &err) && err.rfind("fuzz.toml", 0) != 0)
    __builtin_trap();  // every refusal names the file
  return 0;
}
