// Fuzz target: the sweep expander. A study's [sweep] table is read, expanded
// into its points when there are at most kMaxPoints, and each point is
// written into the study and read back, as preparing a study does (without
// loading plugins).
#include "study/study_config.h"
#include "study/sweep.h"

#include <toml++/toml.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace {

constexpr size_t kMaxPoints = 256;  // beyond this a run only costs time

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  toml::table root;
  try {
    root = toml::parse(text, std::string_view("fuzz.toml"));
  } catch (const toml::parse_error&) {
    return 0;  // the study reader's target covers malformed TOML
  }
  geneft::SweepSpec spec;
  std::string err;
  if (!geneft::ParseSweep(root, "fuzz.toml", &spec, &err)) {
    if (err.rfind("fuzz.toml", 0) != 0) __builtin_trap();  // every refusal names the file
    return 0;
  }
  if (spec.RunCount() == 0) __builtin_trap();  // a parsed sweep has at least one run
  if (spec.RunCount() > kMaxPoints) return 0;
  for (const geneft::SweepPoint& point : geneft::ExpandSweep(spec)) {
    toml::table run = root;
    run.erase("sweep");
    for (const auto& [key, value] : point.values) geneft::SetSetting(&run, key, *value.get(0), toml::source_region{});
    geneft::StudyConfig config;
    geneft::ParseStudyTable(run, "fuzz.toml", &config, &err);
  }
  return 0;
}
