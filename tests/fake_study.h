// A study held in memory, shown to analyzers through the same
// geneft_study_view the host builds from a store: numbers and texts per run
// by key, and the swept keys.
#pragma once

#include <geneft/geneft_plugin.h>

#include <cstring>
#include <map>
#include <string>
#include <vector>

namespace geneft::testing {

struct FakeStudy {
  std::vector<std::map<std::string, double>> numbers;       ///< per run
  std::vector<std::map<std::string, std::string>> texts;    ///< per run, as plain text
  std::vector<const char*> swept;                           ///< the view's swept_keys

  /// Valid while this FakeStudy lives and its vectors do not change.
  geneft_study_view View() {
    geneft_study_view v{};
    v.struct_size = sizeof v;
    v.host_data = this;
    v.run_count = numbers.size();
    v.swept_count = swept.size();
    v.swept_keys = swept.data();
    v.run_number = [](const geneft_study_view* s, size_t run, const char* key, double* out) {
      const auto& m = static_cast<const FakeStudy*>(s->host_data)->numbers[run];
      auto it = m.find(key);
      if (it == m.end()) return geneft_status{GENEFT_ERR_NOT_FOUND};
      *out = it->second;
      return geneft_status{GENEFT_OK};
    };
    v.run_text = [](const geneft_study_view* s, size_t run, const char* key, char* buf,
                    size_t capacity, size_t* length) {
      const auto& m = static_cast<const FakeStudy*>(s->host_data)->texts[run];
      auto it = m.find(key);
      if (it == m.end()) return geneft_status{GENEFT_ERR_NOT_FOUND};
      *length = it->second.size();
      if (buf == nullptr || capacity < it->second.size() + 1)
        return geneft_status{GENEFT_ERR_BUFFER_TOO_SMALL};
      std::memcpy(buf, it->second.c_str(), it->second.size() + 1);
      return geneft_status{GENEFT_OK};
    };
    return v;
  }
};

}  // namespace geneft::testing
