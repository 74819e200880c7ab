// Greater-than (paper Table I): R(x, y) = 1 iff x < y, on elements 0 .. n-1.
#include <geneft/plugin.hpp>

#include <cmath>
#include <string>

namespace {

using geneft::sdk::Error;

const geneft_param_spec kParams[] = {
    {"n", GENEFT_PARAM_INT, "30", "number of elements"},
};

class GreaterThan {
 public:
  explicit GreaterThan(const geneft::sdk::Params& params) : n_(params.integer("n")) {
    if (n_ < 1 || n_ > GENEFT_MAX_ELEMENTS)
      throw Error("n = " + std::to_string(n_) + ": must be >= 1 and <= " +
                  std::to_string(GENEFT_MAX_ELEMENTS));
  }

  geneft_relation_info info() const {
    geneft_relation_info info{};
    info.n = static_cast<uint32_t>(n_);
    info.num_classes = 2;
    info.properties = GENEFT_PROP_TRANSITIVE | GENEFT_PROP_ANTISYMMETRIC |
                      GENEFT_PROP_IRREFLEXIVE | GENEFT_PROP_TOTAL_ORDER;
    // A total order has |Aut| = 1, so b = log2(n!) (paper Sec. III, Table II).
    info.description_bits = std::lgamma(static_cast<double>(n_) + 1) / std::log(2.0);
    // Three-symbol argument after paper Eq. 5: given x < y, z falls in one of
    // three equally likely places, so a guess on (x, z) is right 1/3 of the time.
    info.guess_probability = 1.0 / 3.0;
    return info;
  }

  void labels(int32_t* out) const {
    for (int64_t x = 0; x < n_; ++x)
      for (int64_t y = 0; y < n_; ++y) *out++ = (x < y) ? 1 : 0;
  }

 private:
  int64_t n_;
};

}  // namespace

GENEFT_PLUGIN_LIBRARY(geneft::sdk::relation<GreaterThan>("greater_than", "1.0.0",
                                                         "x < y (strict total order)",
                                                         kParams));
