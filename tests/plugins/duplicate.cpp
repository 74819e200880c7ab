// Test plugin built twice (two files, same relation id) to check that the
// host refuses duplicate plugin ids.
#include <geneft/plugin.hpp>

namespace {

class Twin {
 public:
  explicit Twin(const geneft::sdk::Params&) {}
  geneft_relation_info info() const { return {sizeof(geneft_relation_info), 2, 2, 0, 1.0, 0.5}; }
  void labels(int32_t* out) const {
    for (int i = 0; i < 4; ++i) out[i] = i == 1;
  }
};

const geneft_param_spec kNoParams[] = {{"unused", GENEFT_PARAM_INT, "0", "ignored"}};

}  // namespace

GENEFT_PLUGIN_LIBRARY(geneft::sdk::relation<Twin>("twin", "1.0.0", "duplicate id test", kNoParams));
