// Equal modulo k (paper Table I): x ~ y iff x = y (mod k), on elements 0 .. n-1.
#include <geneft/plugin.hpp>

#include <cmath>
#include <string>

namespace {

using geneft::sdk::Error;

const geneft_param_spec kParams[] = {
    {"n", GENEFT_PARAM_INT, "30", "number of elements"},
    {"k", GENEFT_PARAM_INT, "3", "modulus: the number of equivalence classes"},
};

class ModK {
 public:
  explicit ModK(const geneft::sdk::Params& params)
      : n_(params.integer("n")), k_(params.integer("k")) {
    if (n_ < 1 || n_ > GENEFT_MAX_ELEMENTS)
      throw Error("n = " + std::to_string(n_) + ": must be >= 1 and <= " +
                  std::to_string(GENEFT_MAX_ELEMENTS));
    if (k_ < 1 || k_ > n_)
      throw Error("k = " + std::to_string(k_) + ": must be >= 1 and <= n (" +
                  std::to_string(n_) + ")");
  }

  geneft_relation_info info() const {
    geneft_relation_info info{};
    info.n = static_cast<uint32_t>(n_);
    info.num_classes = 2;
    info.properties = GENEFT_PROP_SYMMETRIC | GENEFT_PROP_REFLEXIVE | GENEFT_PROP_TRANSITIVE |
                      GENEFT_PROP_EQUIVALENCE;
    // With k = n every class is a singleton: R is the identity, also antisymmetric.
    if (k_ == n_) info.properties |= GENEFT_PROP_ANTISYMMETRIC;
    info.description_bits = DescriptionBits();
    info.guess_probability = 1.0 / static_cast<double>(k_);  // paper, text after Eq. 5
    return info;
  }

  void labels(int32_t* out) const {
    for (int64_t x = 0; x < n_; ++x)
      for (int64_t y = 0; y < n_; ++y) *out++ = (x % k_ == y % k_) ? 1 : 0;
  }

 private:
  // b = log2(n! / |Aut|) (paper Sec. III, Table II). Residues below r = n mod k
  // have q + 1 = floor(n/k) + 1 members, the other k - r have q; automorphisms
  // permute within classes and swap classes of equal size:
  // |Aut| = (q+1)!^r * q!^(k-r) * r! * (k-r)!.
  double DescriptionBits() const {
    const double q = static_cast<double>(n_ / k_);
    const double r = static_cast<double>(n_ % k_);
    const double k = static_cast<double>(k_);
    const double ln_aut = r * std::lgamma(q + 2) + (k - r) * std::lgamma(q + 1) +
                          std::lgamma(r + 1) + std::lgamma(k - r + 1);
    return (std::lgamma(static_cast<double>(n_) + 1) - ln_aut) / std::log(2.0);
  }

  int64_t n_;
  int64_t k_;
};

}  // namespace

GENEFT_PLUGIN_LIBRARY(geneft::sdk::relation<ModK>("mod_k", "1.0.0",
                                                  "x ~ y iff x = y mod k (equivalence, k classes)",
                                                  kParams));
