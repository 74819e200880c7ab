// The trainer's building blocks: fast float activations, the per-instruction-
// set layer and optimizer kernels against plain double loops, the optimizer
// formulas, exact threshold counts and the random streams.
#include "train/activation.h"
#include "train/activation_math.h"
#include "train/kernels/kernels.h"
#include "train/optimizer.h"
#include "train/pair_transpose.h"
#include "train/pass_count.h"
#include "train/rng.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <set>
#include <vector>

namespace {

constexpr geneft::KernelIsa kIsas[] = {geneft::KernelIsa::kGeneric, geneft::KernelIsa::kAvx2,
                                       geneft::KernelIsa::kAvx512};

double Ulp(float x) {
  return std::nextafter(std::abs(x), std::numeric_limits<float>::infinity()) - std::abs(x);
}

double Reference(geneft::Activation a, double z) {
  using geneft::Activation;
  switch (a) {
    case Activation::kTanh: return std::tanh(z);
    case Activation::kRelu: return z > 0 ? z : 0;
    case Activation::kLeakyRelu: return z > 0 ? z : 0.01 * z;
    case Activation::kGelu:
      return 0.5 * z * (1 + std::tanh(0.7978845608028654 * (z + 0.044715 * z * z * z)));
    case Activation::kSilu: return z / (1 + std::exp(-z));
    case Activation::kSigmoid: return 1 / (1 + std::exp(-z));
    case Activation::kIdentity: return z;
  }
  return 0;
}

}  // namespace

TEST_CASE("fast float exp, tanh and sigmoid are within a few ulp", "[trainer][activation]") {
  double worst_exp = 0, worst_tanh_abs = 0, worst_tanh = 0, worst_sigmoid = 0;
  for (double x = -80; x <= 80; x += 0.00731) {
    const float f = static_cast<float>(x);
    worst_exp =
        std::max(worst_exp, std::abs(geneft::FastExp(f) - std::exp(double(f))) / Ulp(std::exp(f)));
    worst_tanh_abs = std::max(worst_tanh_abs, std::abs(geneft::FastTanh(f) - std::tanh(double(f))));
    const double s = 1 / (1 + std::exp(-double(f)));
    worst_sigmoid =
        std::max(worst_sigmoid, std::abs(geneft::FastSigmoid(f) - s) / Ulp(static_cast<float>(s)));
  }
  // Arguments below 1, where tanh's relative accuracy matters.
  for (double x = 1e-6; x < 1; x *= 1.0001) {
    for (float f : {static_cast<float>(x), -static_cast<float>(x)})
      worst_tanh = std::max(
          worst_tanh, std::abs(geneft::FastTanh(f) - std::tanh(double(f))) / Ulp(std::tanh(f)));
  }
  INFO("worst errors in ulp: exp " << worst_exp << ", tanh below 1 " << worst_tanh
                                   << ", sigmoid " << worst_sigmoid << "; tanh absolute "
                                   << worst_tanh_abs);
  CHECK(worst_exp < 4);
  CHECK(worst_tanh < 4);
  CHECK(worst_sigmoid < 4);
  // tanh's stated bound (activation_math.h), where its output nears 1.
  CHECK(worst_tanh_abs < 4e-7);

  const float inf = std::numeric_limits<float>::infinity(), nan = std::nanf("");
  CHECK(geneft::FastTanh(inf) == 1.0f);
  CHECK(geneft::FastTanh(-inf) == -1.0f);
  CHECK(geneft::FastTanh(1e30f) == 1.0f);
  CHECK(geneft::FastTanh(0.0f) == 0.0f);
  CHECK(std::isnan(geneft::FastTanh(nan)));
  CHECK(std::isnan(geneft::FastSigmoid(nan)));
  CHECK(geneft::FastSigmoid(-1e30f) >= 0.0f);
  CHECK(geneft::FastSigmoid(1e30f) == 1.0f);
  CHECK(std::isfinite(geneft::FastExp(1000.0f)));
}

TEST_CASE("the float tanh's slope is 1 - tanh^2, the derivative backward uses",
          "[trainer][activation]") {
  // Backward multiplies by 1 - h^2 from the stored h = FastTanh(z); that is
  // the gradient of what forward computed only if FastTanh's own slope is
  // 1 - FastTanh^2, not merely if FastTanh is close to tanh.
  const double step = 1e-2;  // central differences: truncation ~3e-5, rounding ~3e-5
  double worst = 0, lowest = 1;
  for (double x = -12; x <= 12; x += 0.000913) {
    const float h = geneft::FastTanh(static_cast<float>(x));
    const double slope = (double(geneft::FastTanh(static_cast<float>(x + step))) -
                          double(geneft::FastTanh(static_cast<float>(x - step)))) /
                         (double(static_cast<float>(x + step)) - double(static_cast<float>(x - step)));
    worst = std::max(worst, std::abs(slope - (1.0 - double(h) * h)));
    lowest = std::min(lowest, 1.0 - double(h) * h);
  }
  INFO("largest |slope - (1 - h^2)| " << worst << ", smallest 1 - h^2 " << lowest);
  CHECK(worst < 1e-4);
  CHECK(lowest >= 0.0);  // |FastTanh| <= 1: the derivative never changes sign
}

TEST_CASE("activations and derivatives in float match double", "[trainer][activation]") {
  using geneft::Activation;
  for (Activation a : {Activation::kTanh, Activation::kRelu, Activation::kLeakyRelu,
                       Activation::kGelu, Activation::kSilu, Activation::kSigmoid,
                       Activation::kIdentity}) {
    INFO(geneft::ActivationName(a));
    std::vector<float> z, h, g;
    for (int i = -200; i <= 200; ++i) z.push_back(static_cast<float>(i * 0.037 + 0.0011));
    for (float x : z) h.push_back(geneft::ActivateOf<geneft::ScalarFloatOps>(a, x));
    for (size_t i = 0; i < z.size(); ++i)
      g.push_back(geneft::TimesDerivativeOf<geneft::ScalarFloatOps>(a, 1.0f, z[i], h[i]));
    for (size_t i = 0; i < z.size(); ++i) {
      const double x = z[i], step = 1e-6;
      CHECK(h[i] == Approx(Reference(a, x)).margin(1e-6).epsilon(1e-5));
      const double slope = (Reference(a, x + step) - Reference(a, x - step)) / (2 * step);
      CHECK(g[i] == Approx(slope).margin(1e-5).epsilon(1e-4));
    }
  }
  geneft::Activation parsed;
  CHECK(geneft::ParseActivation("leaky_relu", &parsed));
  CHECK(parsed == Activation::kLeakyRelu);
  CHECK_FALSE(geneft::ParseActivation("tanhh", nullptr));
}

TEST_CASE("layer kernels of every instruction set match a double reference", "[trainer][kernels]") {
  geneft::Rng rng(11);
  const ptrdiff_t ld = 96;
  // Sizes exercise full tiles and every remainder (rows and column vectors).
  for (int k : {1, 3, 7, 50}) {
    for (int n : {1, 2, 5, 50}) {
      for (int cols : {16, 48, 80, 96}) {
        std::vector<double> w(k * n), b(n), x(k * ld), g(n * ld);
        for (double& v : w) v = rng.UniformSymmetric();
        for (double& v : b) v = rng.UniformSymmetric();
        for (double& v : x) v = rng.UniformSymmetric();
        for (double& v : g) v = rng.UniformSymmetric();
        // Reference, plain loops.
        std::vector<double> z(n * ld, 0), gin(k * ld, 0), dw(k * n, 0), db(n, 0);
        for (int j = 0; j < n; ++j)
          for (int c = 0; c < cols; ++c) {
            double s = b[j];
            for (int i = 0; i < k; ++i) s += w[i * n + j] * x[i * ld + c];
            z[j * ld + c] = s;
          }
        for (int i = 0; i < k; ++i)
          for (int c = 0; c < cols; ++c) {
            double s = 0;
            for (int j = 0; j < n; ++j) s += w[i * n + j] * g[j * ld + c];
            gin[i * ld + c] = s * (1 - x[i * ld + c] * x[i * ld + c]);  // tanh' from h = x
          }
        for (int i = 0; i < k; ++i)
          for (int j = 0; j < n; ++j)
            for (int c = 0; c < cols; ++c) dw[i * n + j] += x[i * ld + c] * g[j * ld + c];
        for (int j = 0; j < n; ++j)
          for (int c = 0; c < cols; ++c) db[j] += g[j * ld + c];

        for (geneft::KernelIsa isa : kIsas) {
          if (!geneft::KernelIsaSupported(isa)) continue;
          INFO("kernels " << geneft::KernelIsaName(isa) << ", k " << k << ", n " << n << ", cols "
                          << cols);
          const geneft::Kernels<float>& K = geneft::FloatKernels(isa);
          auto f = [](const std::vector<double>& v) {
            return std::vector<float>(v.begin(), v.end());
          };
          std::vector<float> wf = f(w), bf = f(b), xf = f(x), gf = f(g);
          std::vector<float> zf(n * ld, -7), hf(n * ld, -7), ginf(k * ld, -7);
          std::vector<float> dwbf((k + 1) * n, 1);  // dw then db
          std::vector<float> x1 = xf;  // the weight gradient's input: x and a row of ones
          x1.resize((k + 1) * ld, 1.0f);
          K.forward(wf.data(), bf.data(), k, n, xf.data(), zf.data(), hf.data(), ld, cols,
                    geneft::Activation::kTanh);
          K.backward_data(wf.data(), k, n, gf.data(), nullptr, xf.data(), ginf.data(), ld, cols,
                          geneft::Activation::kTanh);
          K.backward_weights(x1.data(), gf.data(), k, n, ld, cols, dwbf.data(), true);
          const double tol = 1e-5 * std::sqrt(double(std::max(k, std::max(n, cols))));
          for (int j = 0; j < n; ++j)
            for (int c = 0; c < ld; ++c) {
              if (c < cols) {
                REQUIRE(zf[j * ld + c] == Approx(z[j * ld + c]).margin(tol));
                REQUIRE(hf[j * ld + c] == Approx(std::tanh(z[j * ld + c])).margin(tol));
              } else {
                REQUIRE(zf[j * ld + c] == -7);  // columns past `cols` untouched
              }
            }
          for (int i = 0; i < k; ++i)
            for (int c = 0; c < cols; ++c)
              REQUIRE(ginf[i * ld + c] == Approx(gin[i * ld + c]).margin(tol));
          for (int i = 0; i < k * n; ++i) REQUIRE(dwbf[i] == Approx(dw[i] + 1).margin(tol * 4));
          for (int j = 0; j < n; ++j)
            REQUIRE(dwbf[k * n + j] == Approx(db[j] + 1).margin(tol * 4));
          K.backward_weights(x1.data(), gf.data(), k, n, ld, cols, dwbf.data(), false);
          for (int i = 0; i < k * n; ++i) REQUIRE(dwbf[i] == Approx(dw[i]).margin(tol * 4));
          for (int j = 0; j < n; ++j) REQUIRE(dwbf[k * n + j] == Approx(db[j]).margin(tol * 4));
        }
      }
    }
  }
}

TEST_CASE("optimizers follow PyTorch's update rules", "[trainer][optimizer]") {
  // Two steps on three parameters of each group, against the formulas.
  struct Case {
    geneft::OptimizerKind kind;
    const char* name;
  };
  for (const Case& c : {Case{geneft::OptimizerKind::kAdam, "adam"},
                        Case{geneft::OptimizerKind::kAdamW, "adamw"},
                        Case{geneft::OptimizerKind::kSgd, "sgd"}}) {
    for (geneft::KernelIsa isa : kIsas) {
      if (!geneft::KernelIsaSupported(isa)) continue;
      INFO(c.name << " on " << geneft::KernelIsaName(isa));
      // 37 parameters: vector bodies and scalar tails of every width.
      const size_t size = 37;
      std::vector<float> p(size), g(size);
      std::vector<double> ref(size), m(size, 0), v(size, 0), buf(size, 0);
      for (size_t i = 0; i < size; ++i) p[i] = ref[i] = 0.1f * static_cast<float>(i) - 1.5f;
      const double lr = 0.01, wd = 0.3, b1 = 0.8, b2 = 0.95, eps = 1e-6, mom = 0.7;
      geneft::OptimizerSettings settings{c.kind, b1, b2, eps, mom};
      geneft::Optimizer<float> opt(settings, {{p.data(), g.data(), size, lr, wd}}, isa);
      for (int t = 1; t <= 2; ++t) {
        for (size_t i = 0; i < size; ++i) g[i] = static_cast<float>(std::sin(double(i + t)));
        REQUIRE(opt.Step());
        for (size_t i = 0; i < size; ++i) {
          double grad = g[i];
          if (c.kind == geneft::OptimizerKind::kSgd) {
            grad += wd * ref[i];
            buf[i] = mom * buf[i] + grad;
            ref[i] -= lr * buf[i];
            continue;
          }
          if (c.kind == geneft::OptimizerKind::kAdam) grad += wd * ref[i];
          else ref[i] *= 1 - lr * wd;
          m[i] = b1 * m[i] + (1 - b1) * grad;
          v[i] = b2 * v[i] + (1 - b2) * grad * grad;
          const double mhat = m[i] / (1 - std::pow(b1, t)), vhat = v[i] / (1 - std::pow(b2, t));
          ref[i] -= lr * mhat / (std::sqrt(vhat) + eps);
        }
      }
      for (size_t i = 0; i < size; ++i) CHECK(p[i] == Approx(ref[i]).margin(1e-6));
      CHECK(opt.steps_taken() == 2);
    }
  }
}

TEST_CASE("optimizers report a non-finite parameter", "[trainer][optimizer]") {
  for (geneft::KernelIsa isa : kIsas) {
    if (!geneft::KernelIsaSupported(isa)) continue;
    for (size_t bad : {0u, 20u, 36u}) {  // in a vector body or in the tail
      std::vector<float> p(37, 1.0f), g(37, 0.5f);
      g[bad] = std::numeric_limits<float>::infinity();
      geneft::Optimizer<float> sgd(geneft::OptimizerSettings{geneft::OptimizerKind::kSgd},
                                   {{p.data(), g.data(), p.size(), 0.1, 0.0}}, isa);
      CHECK_FALSE(sgd.Step());
      std::vector<float> q(37, 1.0f), h(37, 0.5f);
      h[bad] = std::nanf("");
      geneft::Optimizer<float> adam(geneft::OptimizerSettings{},
                                    {{q.data(), h.data(), q.size(), 0.1, 0.0}}, isa);
      CHECK_FALSE(adam.Step());
    }
  }
}

TEST_CASE("PassCount reads the threshold as its decimal", "[trainer][threshold]") {
  CHECK(geneft::PassCount(0.9, 10) == 9);
  CHECK(geneft::PassCount(0.9, 225) == 203);   // 202.5
  CHECK(geneft::PassCount(0.9, 675) == 608);   // 607.5
  CHECK(geneft::PassCount(0.9, 900) == 810);
  CHECK(geneft::PassCount(0.3, 10) == 3);      // 0.3 * 10 is 3.0000000000000004 in double
  CHECK(geneft::PassCount(0.7, 10) == 7);      // 7.000000000000001 in double
  CHECK(geneft::PassCount(0.95, 20) == 19);
  CHECK(geneft::PassCount(0.5, 3) == 2);
  CHECK(geneft::PassCount(1.0, 7) == 7);
  CHECK(geneft::PassCount(0.0, 7) == 0);
  CHECK(geneft::PassCount(0.9, 0) == 0);
  CHECK(geneft::PassCount(1e-30, 5) == 1);
  CHECK(geneft::PassCount(1e-300, 5) == 1);
  CHECK(geneft::PassCount(0.123456789012345, 1000000000) == 123456790);
}

TEST_CASE("random streams are seeded, distinct and well spread", "[trainer][rng]") {
  using geneft::RandomStream;
  std::set<uint64_t> seeds;
  for (uint64_t s = 0; s < 100; ++s)
    for (RandomStream r : {RandomStream::kSplit, RandomStream::kEncoderInit,
                           RandomStream::kDecoderInit, RandomStream::kBatchShuffle})
      seeds.insert(geneft::DeriveSeed(s, r));
  CHECK(seeds.size() == 400);

  geneft::Rng a(5), b(5);
  for (int i = 0; i < 10; ++i) CHECK(a.Next() == b.Next());
  double sum = 0, sum2 = 0;
  const int count = 200000;
  for (int i = 0; i < count; ++i) {
    const double x = a.Normal();
    sum += x;
    sum2 += x * x;
  }
  CHECK(std::abs(sum / count) < 0.01);
  CHECK(std::abs(sum2 / count - 1) < 0.02);
  for (int i = 0; i < 1000; ++i) {
    const float u = a.UniformFloat();
    CHECK((u >= 0.0f && u < 1.0f));
    CHECK(a.Below(7) < 7);
  }
}

TEMPLATE_TEST_CASE("pairs go to feature rows and back as the plain loops copy them",
                   "[trainer][layout]", float, double) {
  // Every width (the shuffled 2 and multiples of 4, the rest element by
  // element) and every count's tail of 0-3 pairs past the blocks of 4.
  const ptrdiff_t ld = 48;
  for (uint32_t width : {1u, 2u, 3u, 4u, 5u, 6u, 8u, 12u}) {
    for (int count : {0, 1, 3, 4, 5, 7, 8, 13, 31, 32}) {
      INFO("width " << width << ", count " << count);
      const int cols = (count + 15) / 16 * 16;
      std::vector<TestType> pairs(size_t(count) * width);
      for (size_t i = 0; i < pairs.size(); ++i) pairs[i] = static_cast<TestType>(i) + 0.5f;
      std::vector<TestType> rows(size_t(width) * ld, -7);
      geneft::PairsToFeatureRows(pairs.data(), width, count, rows.data(), ld, cols);
      for (uint32_t f = 0; f < width; ++f)
        for (int b = 0; b < ld; ++b) {
          const TestType expected = b < count  ? pairs[size_t(b) * width + f]
                                    : b < cols ? TestType(0)
                                               : TestType(-7);  // past the padding: untouched
          REQUIRE(rows[f * ld + b] == expected);
        }
      std::vector<TestType> back(pairs.size(), -7);
      geneft::FeatureRowsToPairs(rows.data(), ld, width, count, back.data());
      REQUIRE(back == pairs);
    }
  }
}
