// Addition (Liu et al. 2022, "Towards Understanding Grokking", Sec. 3 toy
// model): elements 0 .. p-1, the label of the pair (a, b) is the class a + b
// (2p - 1 classes), or a + b mod p (p classes) with modulus = true.
//
// The library also carries the decoder input mode `add_embeddings`
// (E1 + E2), the grokking toy's decoder input, the sum of the two embeddings:
// with it, e_a + e_b = e_c + e_d (a parallelogram) forces equal outputs, so
// a parallelogram-structured encoder generalizes by construction.
#include <geneft/plugin.hpp>

#include <cmath>
#include <limits>
#include <string>

namespace {

using geneft::sdk::Error;

const geneft_param_spec kParams[] = {
    {"p", GENEFT_PARAM_INT, "10",
     "number of elements 0 .. p-1 (the grokking toy uses p = 10); >= 2"},
    {"modulus", GENEFT_PARAM_BOOL, "false",
     "false: label a + b, 2p - 1 classes; true: label (a + b) mod p, p classes"},
};

class Addition {
 public:
  explicit Addition(const geneft::sdk::Params& params)
      : p_(params.integer("p")), modulus_(params.boolean("modulus")) {
    if (p_ < 2 || p_ > GENEFT_MAX_ELEMENTS)
      throw Error("p = " + std::to_string(p_) + ": must be >= 2 and <= " +
                  std::to_string(GENEFT_MAX_ELEMENTS));
  }

  geneft_relation_info info() const {
    geneft_relation_info info{};
    info.n = static_cast<uint32_t>(p_);
    info.num_classes = static_cast<uint32_t>(modulus_ ? p_ : 2 * p_ - 1);
    info.properties = Properties();
    info.description_bits = DescriptionBits();
    // No p*: Eq. 5's guess is defined for binary relations; a guess of 1/C
    // would ignore that the classes are far from equally frequent (the sum 0
    // occurs once, p - 1 occurs p times).
    info.guess_probability = std::numeric_limits<double>::quiet_NaN();
    return info;
  }

  void labels(int32_t* out) const {
    for (int64_t a = 0; a < p_; ++a)
      for (int64_t b = 0; b < p_; ++b)
        *out++ = static_cast<int32_t>(modulus_ ? (a + b) % p_ : a + b);
  }

  std::string element_name(uint32_t index) const {
    if (index >= static_cast<uint64_t>(p_))
      throw Error("element " + std::to_string(index) + ": out of range 0 .. " +
                      std::to_string(p_ - 1),
                  GENEFT_ERR_NOT_FOUND);
    return std::to_string(index);
  }

 private:
  // The host checks declared flags against the label matrix read as 0 / non-0
  // (common/src/relation_properties.cpp). Label 0 is the pair (0, 0) only, or
  // the pairs a + b = 0 mod p: symmetric, and neither reflexive (0 + 0 = 0)
  // nor transitive (R(0,1), R(1,0) but not R(0,0)). The one exception is
  // p = 2 mod 2: non-zero exactly off the diagonal, the complete bipartite
  // graph between {0} and {1}, which is also irreflexive.
  uint32_t Properties() const {
    uint32_t flags = GENEFT_PROP_SYMMETRIC;
    if (modulus_ && p_ == 2) flags |= GENEFT_PROP_IRREFLEXIVE | GENEFT_PROP_BIPARTITE;
    return flags;
  }

  // b = log2(p! / |Aut|), so that nauty need not find it. A permutation
  // keeping every label keeps (a, a)'s label 2a: for a + b that fixes every
  // element (|Aut| = 1). Mod p, 2 pi(a) = 2a (mod p) leaves pi(a) = a, or for
  // even p also a + p/2; (a, b) then forces the same choice for all, and
  // a -> a + p/2 does keep (a + b) mod p: |Aut| = 2 for even p, else 1.
  double DescriptionBits() const {
    const double log2_permutations = std::lgamma(static_cast<double>(p_) + 1) / std::log(2.0);
    return modulus_ && p_ % 2 == 0 ? log2_permutations - 1 : log2_permutations;
  }

  int64_t p_;
  bool modulus_;
};

// E1 + E2, width d: the grokking toy's decoder input.
class AddEmbeddings {
 public:
  explicit AddEmbeddings(const geneft::sdk::Params&) {}

  uint32_t input_width(uint32_t d) const { return d; }

  void forward(uint32_t d, size_t batch, const float* e1, const float* e2, float* out) const {
    const size_t count = batch * d;
    for (size_t k = 0; k < count; ++k) out[k] = e1[k] + e2[k];
  }

  void backward(uint32_t d, size_t batch, const float*, const float*, const float* d_out,
                float* d_e1, float* d_e2) const {
    const size_t count = batch * d;
    for (size_t k = 0; k < count; ++k) d_e1[k] = d_e2[k] = d_out[k];
  }
};

}  // namespace

GENEFT_PLUGIN_LIBRARY(
    geneft::sdk::relation<Addition>("addition", "1.0.0",
                                    "label of (a, b) is a + b (2p - 1 classes) or a + b mod p",
                                    kParams),
    geneft::sdk::decoder_mode<AddEmbeddings>("add_embeddings", "1.0.0",
                                             "E1 + E2, width d (the grokking toy's decoder input)"));
