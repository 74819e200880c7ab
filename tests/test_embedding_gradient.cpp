// The embedding gradient adds each pair's two shares to its elements in pair
// order (first element, then second), whatever the pairs' order, so a run's
// numbers do not depend on how the model schedules those additions. A
// decoder input with fixed shares of very different sizes makes every other
// order round differently; the expected sums are the plain loop in float.
#include "train/kernels/kernels.h"
#include "train/model.h"
#include "train/rng.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <bit>
#include <cstdint>
#include <string>
#include <vector>

namespace {

// A decoder input of zeros whose gradient ignores the network's: pair b of
// a chunk gets the shares Share(b, k, second).
class FixedShares final : public geneft::DecoderInput<float> {
 public:
  static float Share(size_t b, uint32_t k, bool second) {
    const size_t h = b * 7 + k * 3 + (second ? 1 : 0);
    const float size = h % 4 == 0 ? 3.0e7f : 1.0f + 0.125f * static_cast<float>(h % 9);
    return h % 3 == 0 ? -size : size;
  }
  bool Width(uint32_t d, uint32_t* width, std::string*) const override {
    *width = d;
    return true;
  }
  bool Forward(uint32_t d, size_t batch, const float*, const float*, float* out,
               std::string*) const override {
    std::fill(out, out + batch * d, 0.0f);
    return true;
  }
  bool Backward(uint32_t d, size_t batch, const float*, const float*, const float*, float* d_e1,
                float* d_e2, std::string*) const override {
    for (size_t b = 0; b < batch; ++b) {
      for (uint32_t k = 0; k < d; ++k) {
        d_e1[b * d + k] = Share(b, k, false);
        d_e2[b * d + k] = Share(b, k, true);
      }
    }
    return true;
  }
};

}  // namespace

TEST_CASE("the embedding gradient adds each pair's shares in pair order", "[trainer][gradients]") {
  constexpr uint32_t n = 7;
  std::vector<uint32_t> sorted;  // every pair once, by first element (as a full batch)
  for (uint32_t p = 0; p < n * n; ++p) sorted.push_back(p);
  std::vector<uint32_t> shuffled = sorted;  // mini-batch order, some pairs twice
  geneft::Rng rng(3);
  for (size_t i = shuffled.size(); i > 1; --i) std::swap(shuffled[i - 1], shuffled[rng.Below(i)]);
  shuffled.insert(shuffled.end(), {8, 8, 0, 48, 9, 8});
  const std::vector<int32_t> labels(n * n, 1);

  for (uint32_t d : {1u, 2u, 3u, 6u}) {
    for (const std::vector<uint32_t>* pairs : {&sorted, &shuffled}) {
      INFO("d = " << d << (pairs == &sorted ? ", pairs in order" : ", pairs shuffled"));
      geneft::ModelShape shape;
      shape.n = n;
      shape.d = d;
      shape.depth = 1;
      shape.width = 5;
      FixedShares input;
      std::string err;
      // One chunk for the whole batch: the shares are indexed within it.
      auto model = geneft::Model<float>::Create(shape, input, 1024, geneft::KernelIsa::kGeneric,
                                                &err);
      REQUIRE(model != nullptr);
      geneft::Rng encoder(1), decoder(2);
      model->Initialize(true, 1.0, 1.0, &encoder, &decoder);
      bool finite = false;
      REQUIRE(model->Gradient(pairs->data(), pairs->size(), labels.data(), &finite, &err));

      std::vector<float> expected(size_t(n) * d, 0.0f);
      for (size_t b = 0; b < pairs->size(); ++b) {
        const uint32_t i = (*pairs)[b] / n, j = (*pairs)[b] % n;
        for (uint32_t k = 0; k < d; ++k) expected[i * d + k] += FixedShares::Share(b, k, false);
        for (uint32_t k = 0; k < d; ++k) expected[j * d + k] += FixedShares::Share(b, k, true);
      }
      const float* got = model->encoder_grad();
      for (size_t e = 0; e < expected.size(); ++e) {
        INFO("element " << e / d << ", component " << e % d << ": " << got[e] << " against "
                        << expected[e]);
        CHECK(std::bit_cast<uint32_t>(got[e]) == std::bit_cast<uint32_t>(expected[e]));
      }
    }
  }
}
