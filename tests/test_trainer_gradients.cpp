// Gradients of the trainer's model against central finite differences, in
// double precision: every embedding, weight and bias, for each decoder mode,
// each activation, binary and 3-class outputs, depth 0 and 2, with a batch
// larger than one kernel chunk (so chunk accumulation is covered too).
// Then: the float model (each kernel set this CPU has) against the double
// one, and the decoder-mode plugins against the reference modes used here.
#include "plugin/plugin_instances.h"
#include "plugin/plugin_registry.h"
#include "test_support.h"
#include "train/kernels/kernels.h"
#include "train/model.h"
#include "train/rng.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

namespace {

using geneft::Activation;

enum class Mode { kConcat, kDiff, kSqdiff };
constexpr Mode kModes[] = {Mode::kConcat, Mode::kDiff, Mode::kSqdiff};
constexpr Activation kActivations[] = {Activation::kTanh,     Activation::kRelu,
                                       Activation::kLeakyRelu, Activation::kGelu,
                                       Activation::kSilu,     Activation::kSigmoid,
                                       Activation::kIdentity};

const char* ModeName(Mode m) {
  return m == Mode::kConcat ? "concat" : m == Mode::kDiff ? "diff" : "sqdiff";
}

// The decoder modes by their definition (paper Sec. II / DESIGN 2).
template <typename T>
class ReferenceInput final : public geneft::DecoderInput<T> {
 public:
  explicit ReferenceInput(Mode mode) : mode_(mode) {}
  bool Width(uint32_t d, uint32_t* width, std::string*) const override {
    *width = mode_ == Mode::kConcat ? 2 * d : d;
    return true;
  }
  bool Forward(uint32_t d, size_t batch, const T* e1, const T* e2, T* out,
               std::string*) const override {
    for (size_t b = 0; b < batch; ++b) {
      for (uint32_t k = 0; k < d; ++k) {
        const T a = e1[b * d + k], c = e2[b * d + k];
        if (mode_ == Mode::kConcat) {
          out[b * 2 * d + k] = a;
          out[b * 2 * d + d + k] = c;
        } else {
          out[b * d + k] = mode_ == Mode::kDiff ? a - c : (a - c) * (a - c);
        }
      }
    }
    return true;
  }
  bool Backward(uint32_t d, size_t batch, const T* e1, const T* e2, const T* d_out, T* d_e1,
                T* d_e2, std::string*) const override {
    for (size_t b = 0; b < batch; ++b) {
      for (uint32_t k = 0; k < d; ++k) {
        const size_t i = b * d + k;
        if (mode_ == Mode::kConcat) {
          d_e1[i] = d_out[b * 2 * d + k];
          d_e2[i] = d_out[b * 2 * d + d + k];
        } else {
          const T g = mode_ == Mode::kDiff ? d_out[i] : T(2) * (e1[i] - e2[i]) * d_out[i];
          d_e1[i] = g;
          d_e2[i] = -g;
        }
      }
    }
    return true;
  }

 private:
  Mode mode_;
};

struct Problem {
  geneft::ModelShape shape;
  std::vector<uint32_t> pairs;  // every pair once: 25 > one chunk of 16
  std::vector<int32_t> labels;
};

constexpr int kChunk = 16;

Problem MakeProblem(Activation activation, uint32_t classes, int depth, uint64_t seed) {
  Problem p;
  p.shape.n = 5;
  p.shape.d = 2;
  p.shape.num_classes = classes;
  p.shape.depth = depth;
  p.shape.width = 7;
  p.shape.activation = activation;
  geneft::Rng rng(seed);
  for (uint32_t q = 0; q < p.shape.n * p.shape.n; ++q) {
    p.pairs.push_back(q);
    p.labels.push_back(static_cast<int32_t>(rng.Below(classes)));
  }
  return p;
}

template <typename T>
void Initialize(geneft::Model<T>* model, uint64_t seed) {
  geneft::Rng encoder(seed + 1), decoder(seed + 2);
  model->Initialize(/*normal_encoder=*/true, 1.0, 1.0, &encoder, &decoder);
}

double MeanLoss(geneft::Model<double>* model, const Problem& p) {
  std::vector<double> loss(p.pairs.size());
  std::vector<uint8_t> correct(p.pairs.size());
  std::string err;
  REQUIRE(model->Evaluate(p.pairs.data(), p.pairs.size(), p.labels.data(), loss.data(),
                          correct.data(), &err));
  double sum = 0.0;
  for (double l : loss) sum += l;
  return sum / static_cast<double>(loss.size());
}

// Largest relative error between analytic and central-difference gradients
// of the parameters params[0..size); gradients below 1e-3 in size are
// compared relative to 1e-3 (the differences' round-off is ~1e-11).
double MaxRelativeError(geneft::Model<double>* model, const Problem& p, double* params,
                        const double* grad, size_t size, size_t* worst) {
  const double h = 1e-5;
  double max_err = 0.0;
  for (size_t i = 0; i < size; ++i) {
    const double saved = params[i];
    params[i] = saved + h;
    const double up = MeanLoss(model, p);
    params[i] = saved - h;
    const double down = MeanLoss(model, p);
    params[i] = saved;
    const double fd = (up - down) / (2 * h);
    const double err = std::abs(fd - grad[i]) / std::max({std::abs(fd), std::abs(grad[i]), 1e-3});
    if (err > max_err) max_err = err, *worst = i;
  }
  return max_err;
}

}  // namespace

TEST_CASE("model gradients match finite differences for every parameter", "[trainer][gradients]") {
  uint64_t seed = 100;
  for (Mode mode : kModes) {
    for (Activation act : kActivations) {
      for (uint32_t classes : {2u, 3u}) {
        for (int depth : {0, 2}) {
          ++seed;
          INFO("mode " << ModeName(mode) << ", activation " << geneft::ActivationName(act)
                       << ", classes " << classes << ", depth " << depth);
          const Problem p = MakeProblem(act, classes, depth, seed);
          ReferenceInput<double> input(mode);
          std::string err;
          auto model = geneft::Model<double>::Create(p.shape, input, kChunk,
                                                     geneft::KernelIsa::kGeneric, &err);
          REQUIRE(model != nullptr);
          Initialize(model.get(), seed);
          bool finite = false;
          REQUIRE(model->Gradient(p.pairs.data(), p.pairs.size(), p.labels.data(), &finite, &err));
          REQUIRE(finite);
          const std::vector<double> encoder_grad(model->encoder_grad(),
                                                 model->encoder_grad() + model->encoder_size());
          const std::vector<double> decoder_grad(model->decoder_grad(),
                                                 model->decoder_grad() + model->decoder_size());
          size_t worst = 0;
          const double encoder_err = MaxRelativeError(
              model.get(), p, model->encoder(), encoder_grad.data(), encoder_grad.size(), &worst);
          INFO("embeddings: max relative error " << encoder_err << " at " << worst);
          CHECK(encoder_err < 1e-6);
          // Decoder, layer by layer, so a failure names the layer and part.
          const geneft::MlpShape& mlp = model->mlp_shape();
          for (int l = 0; l < mlp.layers(); ++l) {
            for (bool bias : {false, true}) {
              const size_t begin = bias ? mlp.bias_offset(l) : mlp.weight_offset(l);
              const size_t end = bias ? mlp.weight_offset(l + 1) : mlp.bias_offset(l);
              const double e = MaxRelativeError(model.get(), p, model->decoder() + begin,
                                                decoder_grad.data() + begin, end - begin, &worst);
              INFO("layer " << l << (bias ? " biases" : " weights") << ": max relative error "
                            << e << " at " << worst);
              CHECK(e < 1e-6);
            }
          }
        }
      }
    }
  }
}

TEST_CASE("float model gradients agree with double ones on every kernel set",
          "[trainer][gradients][kernels]") {
  uint64_t seed = 500;
  for (geneft::KernelIsa isa :
       {geneft::KernelIsa::kGeneric, geneft::KernelIsa::kAvx2, geneft::KernelIsa::kAvx512}) {
    if (!geneft::KernelIsaSupported(isa)) continue;
    for (Mode mode : kModes) {
      for (Activation act : kActivations) {
        for (uint32_t classes : {2u, 3u}) {
          ++seed;
          INFO("kernels " << geneft::KernelIsaName(isa) << ", mode " << ModeName(mode)
                          << ", activation " << geneft::ActivationName(act) << ", classes "
                          << classes);
          const Problem p = MakeProblem(act, classes, 2, seed);
          ReferenceInput<double> input_d(mode);
          ReferenceInput<float> input_f(mode);
          std::string err;
          auto md = geneft::Model<double>::Create(p.shape, input_d, kChunk, isa, &err);
          auto mf = geneft::Model<float>::Create(p.shape, input_f, kChunk, isa, &err);
          REQUIRE((md != nullptr && mf != nullptr));
          Initialize(md.get(), seed);
          // The float model gets the double model's parameters, rounded.
          std::copy(md->encoder(), md->encoder() + md->encoder_size(), mf->encoder());
          std::copy(md->decoder(), md->decoder() + md->decoder_size(), mf->decoder());
          std::copy(mf->encoder(), mf->encoder() + mf->encoder_size(), md->encoder());
          std::copy(mf->decoder(), mf->decoder() + mf->decoder_size(), md->decoder());
          bool finite_d = false, finite_f = false;
          REQUIRE(md->Gradient(p.pairs.data(), p.pairs.size(), p.labels.data(), &finite_d, &err));
          REQUIRE(mf->Gradient(p.pairs.data(), p.pairs.size(), p.labels.data(), &finite_f, &err));
          REQUIRE((finite_d && finite_f));
          // float round-off over a 25-pair sum and the fast activations
          // (a few ulp): 1e-4 of the largest gradient is ample and still
          // catches any indexing mistake.
          auto check = [](const double* gd, const float* gf, size_t size, const char* what) {
            double scale = 0.0;
            for (size_t i = 0; i < size; ++i) scale = std::max(scale, std::abs(gd[i]));
            for (size_t i = 0; i < size; ++i) {
              INFO(what << "[" << i << "]: double " << gd[i] << ", float " << gf[i]);
              CHECK(std::abs(gd[i] - gf[i]) <= 1e-4 * scale + 1e-7);
            }
          };
          check(md->encoder_grad(), mf->encoder_grad(), md->encoder_size(), "encoder grad");
          check(md->decoder_grad(), mf->decoder_grad(), md->decoder_size(), "decoder grad");
        }
      }
    }
  }
}

TEST_CASE("decoder-mode plugins agree with the reference modes", "[trainer][gradients][plugins]") {
  const geneft::PluginRegistry& registry = geneft::testing::BuiltinPlugins();
  std::string err;
  const uint32_t d = 3;
  const size_t batch = 9;
  geneft::Rng rng(7);
  std::vector<float> e1(batch * d), e2(batch * d);
  for (float& x : e1) x = static_cast<float>(rng.UniformSymmetric());
  for (float& x : e2) x = static_cast<float>(rng.UniformSymmetric());
  for (Mode m : kModes) {
    INFO("mode " << ModeName(m) << ": " << err);
    auto plugin = registry.CreateDecoderMode(ModeName(m), "", &err);
    REQUIRE(plugin != nullptr);
    geneft::PluginDecoderInput actual(*plugin);
    ReferenceInput<float> expected(m);
    uint32_t width = 0, expected_width = 0;
    REQUIRE(actual.Width(d, &width, &err));
    REQUIRE(expected.Width(d, &expected_width, &err));
    REQUIRE(width == expected_width);
    std::vector<float> out(batch * width), out_ref(batch * width), d_out(batch * width);
    for (float& x : d_out) x = static_cast<float>(rng.UniformSymmetric());
    REQUIRE(actual.Forward(d, batch, e1.data(), e2.data(), out.data(), &err));
    REQUIRE(expected.Forward(d, batch, e1.data(), e2.data(), out_ref.data(), &err));
    for (size_t i = 0; i < out.size(); ++i) CHECK(out[i] == Approx(out_ref[i]).epsilon(1e-6));
    std::vector<float> g1(batch * d), g2(batch * d), g1_ref(batch * d), g2_ref(batch * d);
    REQUIRE(
        actual.Backward(d, batch, e1.data(), e2.data(), d_out.data(), g1.data(), g2.data(), &err));
    REQUIRE(expected.Backward(d, batch, e1.data(), e2.data(), d_out.data(), g1_ref.data(),
                              g2_ref.data(), &err));
    for (size_t i = 0; i < g1.size(); ++i) {
      CHECK(g1[i] == Approx(g1_ref[i]).epsilon(1e-6));
      CHECK(g2[i] == Approx(g2_ref[i]).epsilon(1e-6));
    }
  }
}
