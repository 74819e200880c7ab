// The decoder input modes of paper Sec. III: forward against the definition,
// backward against central finite differences, and backward overwriting.
#include "plugin/plugin_instances.h"
#include "plugin/plugin_registry.h"

#include "test_support.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <memory>
#include <random>
#include <string>
#include <vector>

namespace {

const geneft::PluginRegistry& Registry() {
  const geneft::PluginRegistry& registry = geneft::testing::BuiltinPlugins();
  for (const char* id : {"concat", "diff", "sqdiff"})
    REQUIRE(registry.Find(geneft::PluginKind::kDecoderMode, id) != nullptr);
  return registry;
}

std::vector<float> Random(size_t count, std::mt19937& rng) {
  std::uniform_real_distribution<float> uniform(-1.0f, 1.0f);
  std::vector<float> values(count);
  for (float& v : values) v = uniform(rng);
  return values;
}

// The definition of each mode for one pair, one output element k.
float Expected(const std::string& mode, uint32_t d, const float* e1, const float* e2, uint32_t k) {
  if (mode == "concat") return k < d ? e1[k] : e2[k - d];
  const float delta = e1[k] - e2[k];
  return mode == "diff" ? delta : delta * delta;
}

}  // namespace

TEST_CASE("decoder modes: forward, backward and finite differences", "[decoder_modes]") {
  const size_t batch = 7;
  std::mt19937 rng(2024);
  for (const char* id : {"concat", "diff", "sqdiff"}) {
    std::string err;
    auto mode = Registry().CreateDecoderMode(id, "", &err);
    INFO(id << ": " << err);
    REQUIRE(mode != nullptr);

    for (uint32_t d : {1u, 2u, 3u, 4u, 6u}) {  // (concat: d <= 4 by moves, 6 by features)
      INFO("d = " << d);
      uint32_t width = 0;
      REQUIRE(mode->InputWidth(d, &width, &err));
      CHECK(width == (std::string(id) == "concat" ? 2 * d : d));

      std::vector<float> e1 = Random(batch * d, rng), e2 = Random(batch * d, rng);
      std::vector<float> out(batch * width);
      REQUIRE(mode->Forward(d, batch, e1.data(), e2.data(), out.data(), &err));
      for (size_t b = 0; b < batch; ++b)
        for (uint32_t k = 0; k < width; ++k)
          CHECK(out[b * width + k] ==
                Approx(Expected(id, d, &e1[b * d], &e2[b * d], k)).epsilon(1e-6));

      // L(out) = sum w . out, so dL/d_out = w; garbage in d_e1, d_e2 beforehand
      // shows that backward overwrites rather than adds.
      const std::vector<float> w = Random(batch * width, rng);
      std::vector<float> d_e1(batch * d, 1e30f), d_e2(batch * d, std::nanf(""));
      REQUIRE(mode->Backward(d, batch, e1.data(), e2.data(), w.data(), d_e1.data(), d_e2.data(),
                             &err));

      auto loss = [&](const std::vector<float>& a, const std::vector<float>& b) {
        std::vector<float> o(batch * width);
        REQUIRE(mode->Forward(d, batch, a.data(), b.data(), o.data(), &err));
        double sum = 0;
        for (size_t i = 0; i < o.size(); ++i) sum += double(w[i]) * o[i];
        return sum;
      };
      // Central differences, dividing by the step float actually took.
      auto numeric = [&](std::vector<float> a, std::vector<float> b, bool first, size_t i) {
        std::vector<float>& x = first ? a : b;
        const float x0 = x[i], eps = 1e-2f;
        x[i] = x0 + eps;
        const float up = x[i];
        const double loss_up = loss(a, b);
        x[i] = x0 - eps;
        const float down = x[i];
        const double loss_down = loss(a, b);
        return (loss_up - loss_down) / (double(up) - double(down));
      };
      for (size_t i = 0; i < batch * d; ++i) {
        INFO("element " << i);
        CHECK(d_e1[i] == Approx(numeric(e1, e2, true, i)).epsilon(1e-3).margin(1e-4));
        CHECK(d_e2[i] == Approx(numeric(e1, e2, false, i)).epsilon(1e-3).margin(1e-4));
      }
    }
  }
}

TEST_CASE("decoder modes reject d = 0", "[decoder_modes]") {
  for (const char* id : {"concat", "diff", "sqdiff"}) {
    std::string err;
    auto mode = Registry().CreateDecoderMode(id, "", &err);
    REQUIRE(mode != nullptr);
    uint32_t width = 0;
    CHECK_FALSE(mode->InputWidth(0, &width, &err));
    INFO(id << ": " << err);
    CHECK(err.find("d = 0") != std::string::npos);
  }
}
