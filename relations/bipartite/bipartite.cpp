// Complete bipartite graph G = (S, S-bar) (paper Table I): R(x, y) = 1 iff
// exactly one of x, y is in S, on elements 0 .. n-1.
#include <geneft/plugin.hpp>

#include <cmath>
#include <string>
#include <vector>

namespace {

using geneft::sdk::Error;

const geneft_param_spec kParams[] = {
    {"n", GENEFT_PARAM_INT, "30", "number of elements"},
    {"size", GENEFT_PARAM_INT, "15", "|S|: S is elements 0 .. size-1 (unless members is given)"},
    {"members", GENEFT_PARAM_INT_LIST, "[]", "the elements of S explicitly; overrides size"},
};

class Bipartite {
 public:
  explicit Bipartite(const geneft::sdk::Params& params) : n_(params.integer("n")) {
    if (n_ < 1 || n_ > GENEFT_MAX_ELEMENTS)
      throw Error("n = " + std::to_string(n_) + ": must be >= 1 and <= " +
                  std::to_string(GENEFT_MAX_ELEMENTS));
    in_s_.assign(static_cast<size_t>(n_), 0);
    const std::vector<int64_t> members = params.int_list("members");
    if (members.empty()) {
      const int64_t size = params.integer("size");
      if (size < 1 || size > n_ - 1)
        throw Error("size = " + std::to_string(size) + ": must be >= 1 and <= n - 1 (" +
                    std::to_string(n_ - 1) + ")");
      for (int64_t x = 0; x < size; ++x) in_s_[x] = 1;
      size_s_ = size;
    } else {
      for (int64_t x : members) {
        if (x < 0 || x >= n_)
          throw Error("members: element " + std::to_string(x) + " is out of range 0 .. " +
                      std::to_string(n_ - 1));
        if (in_s_[x]) throw Error("members: element " + std::to_string(x) + " is listed twice");
        in_s_[x] = 1;
      }
      size_s_ = static_cast<int64_t>(members.size());
      if (size_s_ == n_)
        throw Error("members: lists all " + std::to_string(n_) +
                    " elements, the other block would be empty");
    }
  }

  geneft_relation_info info() const {
    geneft_relation_info info{};
    info.n = static_cast<uint32_t>(n_);
    info.num_classes = 2;
    info.properties = GENEFT_PROP_SYMMETRIC | GENEFT_PROP_IRREFLEXIVE | GENEFT_PROP_BIPARTITE;
    info.description_bits = DescriptionBits();
    info.guess_probability = 0.5;  // two clusters (paper, text after Eq. 5)
    return info;
  }

  void labels(int32_t* out) const {
    for (int64_t x = 0; x < n_; ++x)
      for (int64_t y = 0; y < n_; ++y) *out++ = (in_s_[x] != in_s_[y]) ? 1 : 0;
  }

 private:
  // b = log2(n! / |Aut|) with |Aut(K_{a,c})| = a! c!, times 2 when a = c
  // because the blocks may then be swapped (paper Sec. III, Table II).
  double DescriptionBits() const {
    const double a = static_cast<double>(size_s_);
    const double c = static_cast<double>(n_ - size_s_);
    const double ln_aut = std::lgamma(a + 1) + std::lgamma(c + 1) + (a == c ? std::log(2.0) : 0);
    return (std::lgamma(static_cast<double>(n_) + 1) - ln_aut) / std::log(2.0);
  }

  int64_t n_;
  int64_t size_s_ = 0;
  std::vector<uint8_t> in_s_;  // 1 for elements of S
};

}  // namespace

GENEFT_PLUGIN_LIBRARY(geneft::sdk::relation<Bipartite>(
    "bipartite", "1.0.0", "complete bipartite graph: x ~ y iff exactly one is in S", kParams));
