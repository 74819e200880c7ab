// Decoder input modes (paper Sec. III): how the two encoder embeddings E1, E2
// of a pair become the decoder's input. On the training hot path: each call is
// one flat loop over the batch, with no allocation and no checks per element.
#include <geneft/plugin.hpp>

#include <cstring>
#include <limits>
#include <string>

// The ABI guarantees the arrays never alias; telling the compiler lets it vectorize.
#define GENEFT_RESTRICT __restrict

namespace {

using geneft::sdk::Error;
using geneft::sdk::Params;

// f.template operator()<kD>() with kD = d for d = 1..4 (copies of a size
// the compiler knows, no call); false, and nothing done, for any other d.
template <typename F>
bool WithSmallDimension(uint32_t d, F&& f) {
  switch (d) {
    case 1: f.template operator()<1>(); return true;
    case 2: f.template operator()<2>(); return true;
    case 3: f.template operator()<3>(); return true;
    case 4: f.template operator()<4>(); return true;
    default: return false;
  }
}

// [E1, E2]: the paper's default mode, width 2d.
class Concat {
 public:
  explicit Concat(const Params&) {}

  uint32_t input_width(uint32_t d) const {
    if (d == 0 || d > std::numeric_limits<uint32_t>::max() / 2)
      throw Error("d = " + std::to_string(d) + ": must be >= 1 and 2d must fit in 32 bits");
    return 2 * d;
  }

  // For d up to 4 (the paper's 2), each embedding is one move of d values
  // (a copy of a size the compiler knows, no call); else one strided pass
  // per feature, since a copy call per pair cost more than the copy.
  void forward(uint32_t d, size_t batch, const float* GENEFT_RESTRICT e1,
               const float* GENEFT_RESTRICT e2, float* GENEFT_RESTRICT out) const {
    const auto rows = [&]<size_t kD>() {
      for (size_t b = 0; b < batch; ++b) {
        std::memcpy(out + b * 2 * kD, e1 + b * kD, kD * sizeof(float));
        std::memcpy(out + b * 2 * kD + kD, e2 + b * kD, kD * sizeof(float));
      }
    };
    if (WithSmallDimension(d, rows)) return;
    const size_t width = 2 * size_t{d};
    for (size_t k = 0; k < d; ++k) {
      for (size_t b = 0; b < batch; ++b) {
        out[b * width + k] = e1[b * d + k];
        out[b * width + d + k] = e2[b * d + k];
      }
    }
  }

  void backward(uint32_t d, size_t batch, const float*, const float*,
                const float* GENEFT_RESTRICT d_out, float* GENEFT_RESTRICT d_e1,
                float* GENEFT_RESTRICT d_e2) const {
    const auto rows = [&]<size_t kD>() {
      for (size_t b = 0; b < batch; ++b) {
        std::memcpy(d_e1 + b * kD, d_out + b * 2 * kD, kD * sizeof(float));
        std::memcpy(d_e2 + b * kD, d_out + b * 2 * kD + kD, kD * sizeof(float));
      }
    };
    if (WithSmallDimension(d, rows)) return;
    const size_t width = 2 * size_t{d};
    for (size_t k = 0; k < d; ++k) {
      for (size_t b = 0; b < batch; ++b) {
        d_e1[b * d + k] = d_out[b * width + k];
        d_e2[b * d + k] = d_out[b * width + d + k];
      }
    }
  }
};

// Width d for the element-wise modes; rows are contiguous, so a batch is one
// flat array of batch * d values.
uint32_t ElementwiseWidth(uint32_t d) {
  if (d == 0) throw Error("d = 0: must be >= 1");
  return d;
}

// E1 - E2: builds in that the relations of Table I depend on a difference.
class Diff {
 public:
  explicit Diff(const Params&) {}

  uint32_t input_width(uint32_t d) const { return ElementwiseWidth(d); }

  void forward(uint32_t d, size_t batch, const float* GENEFT_RESTRICT e1,
               const float* GENEFT_RESTRICT e2, float* GENEFT_RESTRICT out) const {
    const size_t count = batch * d;
    for (size_t i = 0; i < count; ++i) out[i] = e1[i] - e2[i];
  }

  void backward(uint32_t d, size_t batch, const float*, const float*,
                const float* GENEFT_RESTRICT d_out, float* GENEFT_RESTRICT d_e1,
                float* GENEFT_RESTRICT d_e2) const {
    const size_t count = batch * d;
    for (size_t i = 0; i < count; ++i) {
      d_e1[i] = d_out[i];
      d_e2[i] = -d_out[i];
    }
  }
};

// (E1 - E2)^2 element-wise: also symmetric in the pair.
class SqDiff {
 public:
  explicit SqDiff(const Params&) {}

  uint32_t input_width(uint32_t d) const { return ElementwiseWidth(d); }

  void forward(uint32_t d, size_t batch, const float* GENEFT_RESTRICT e1,
               const float* GENEFT_RESTRICT e2, float* GENEFT_RESTRICT out) const {
    const size_t count = batch * d;
    for (size_t i = 0; i < count; ++i) {
      const float delta = e1[i] - e2[i];
      out[i] = delta * delta;
    }
  }

  // d out / d e1 = 2 (e1 - e2), d out / d e2 = -2 (e1 - e2).
  void backward(uint32_t d, size_t batch, const float* GENEFT_RESTRICT e1,
                const float* GENEFT_RESTRICT e2, const float* GENEFT_RESTRICT d_out,
                float* GENEFT_RESTRICT d_e1, float* GENEFT_RESTRICT d_e2) const {
    const size_t count = batch * d;
    for (size_t i = 0; i < count; ++i) {
      const float grad = 2.0f * (e1[i] - e2[i]) * d_out[i];
      d_e1[i] = grad;
      d_e2[i] = -grad;
    }
  }
};

}  // namespace

GENEFT_PLUGIN_LIBRARY(
    geneft::sdk::decoder_mode<Concat>("concat", "1.0.0", "[E1, E2]: concatenation, width 2d"),
    geneft::sdk::decoder_mode<Diff>("diff", "1.0.0", "E1 - E2, width d"),
    geneft::sdk::decoder_mode<SqDiff>("sqdiff", "1.0.0", "(E1 - E2)^2 element-wise, width d"));
