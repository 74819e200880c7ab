// Hidden-layer activations of the decoder MLP and their derivatives.
//
// The float versions are branch-free approximations (exp by range reduction
// and a degree-7 polynomial, a few ulp) that the compiler vectorises inside
// the MLP kernels; calling std::tanh per element would cost more than the
// matrix products. The double versions call <cmath> and serve the gradient
// tests. gelu is the tanh approximation 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))).
#pragma once

#include <bit>
#include <cmath>
#include <cstdint>
#include <string_view>
#include <type_traits>

#define GENEFT_ALWAYS_INLINE inline __attribute__((always_inline))

namespace geneft {

enum class Activation { kTanh, kRelu, kLeakyRelu, kGelu, kSilu, kSigmoid, kIdentity };

/// Parses "tanh", "relu", "leaky_relu", "gelu", "silu", "sigmoid",
/// "identity". Returns false for anything else; `out` may be null.
bool ParseActivation(std::string_view name, Activation* out);
const char* ActivationName(Activation activation);
/// "tanh, relu, leaky_relu, gelu, silu, sigmoid, identity", for messages.
const char* ActivationNameList();

/// True when the derivative needs the pre-activation z, not only h = f(z).
constexpr bool NeedsPreactivation(Activation a) {
  return a == Activation::kGelu || a == Activation::kSilu;
}

constexpr double kLeakyReluSlope = 0.01;

// ----- fast float elementary functions -----

/// c ? a : b by bit masks. Written as a ternary, GCC turns the select into a
/// branch whenever an operand needs arithmetic and, with the default
/// -ftrapping-math, then cannot vectorise the loop (except with AVX-512
/// masks); the mask form vectorises for every instruction set.
template <typename T>
GENEFT_ALWAYS_INLINE T Select(bool c, T a, T b) {
  using U = std::conditional_t<sizeof(T) == 4, uint32_t, uint64_t>;
  const U m = U{0} - static_cast<U>(c);
  return std::bit_cast<T>((std::bit_cast<U>(a) & m) | (std::bit_cast<U>(b) & ~m));
}

/// e^x for float, relative error below 2e-7; clamps x to [-87, 88] (so the
/// result is always finite and normal). NaN is not propagated: callers that
/// must see NaN restore it.
GENEFT_ALWAYS_INLINE float FastExp(float x) {
  x = Select(x > -87.0f, x, -87.0f);  // a NaN fails the test and is clamped
  x = Select(x < 88.0f, x, 88.0f);
  // x = n ln2 + r with |r| <= ln2 / 2; adding 1.5 * 2^23 rounds to an integer.
  const float n = (x * 1.44269504088896341f + 12582912.0f) - 12582912.0f;
  const float r = (x - n * 0.693145751953125f) - n * 1.42860682030941723e-06f;
  float p = 1.0f / 5040.0f;
  p = p * r + 1.0f / 720.0f;
  p = p * r + 1.0f / 120.0f;
  p = p * r + 1.0f / 24.0f;
  p = p * r + 1.0f / 6.0f;
  p = p * r + 0.5f;
  p = p * r + 1.0f;
  p = p * r + 1.0f;
  const float two_n =
      std::bit_cast<float>(static_cast<uint32_t>(static_cast<int32_t>(n) + 127) << 23);
  return p * two_n;
}

/// tanh for float, error a few ulp; NaN stays NaN.
GENEFT_ALWAYS_INLINE float FastTanh(float x) {
  const float a = Select(x < 0.0f, -x, x);
  // Small |x|: odd Taylor series to x^11 (next term below 2e-10 relative).
  const float a2 = a * a;
  float s = 1382.0f / 155925.0f;
  s = s * a2 - 62.0f / 2835.0f;
  s = s * a2 + 17.0f / 315.0f;
  s = s * a2 - 2.0f / 15.0f;
  s = s * a2 + 1.0f / 3.0f;
  const float small = a - a * a2 * s;
  // Otherwise (1 - e) / (1 + e) with e = exp(-2|x|); no cancellation at |x| >= 1/4.
  const float e = FastExp(-2.0f * a);
  const float large = (1.0f - e) / (1.0f + e);
  const float t = Select(a < 0.25f, small, large);
  return Select(x == x, Select(x < 0.0f, -t, t), x);
}

/// 1 / (1 + e^-x) for float; NaN stays NaN.
GENEFT_ALWAYS_INLINE float FastSigmoid(float x) {
  return Select(x == x, 1.0f / (1.0f + FastExp(-x)), x);
}

// ----- the scalar functions per type -----

template <typename T>
GENEFT_ALWAYS_INLINE T Tanh(T x) {
  if constexpr (std::is_same_v<T, float>) return FastTanh(x);
  else return std::tanh(x);
}

template <typename T>
GENEFT_ALWAYS_INLINE T Sigmoid(T x) {
  if constexpr (std::is_same_v<T, float>) return FastSigmoid(x);
  else return T(1) / (T(1) + std::exp(-x));
}

template <typename T>
GENEFT_ALWAYS_INLINE T Exp(T x) {
  if constexpr (std::is_same_v<T, float>) return FastExp(x);
  else return std::exp(x);
}

constexpr double kGeluC = 0.7978845608028654;  // sqrt(2 / pi)
constexpr double kGeluA = 0.044715;

/// h = f(z) for `count` elements; h may be z (in place).
template <typename T>
GENEFT_ALWAYS_INLINE void ApplyActivation(Activation act, const T* z, T* h, int count) {
  const T leaky = T(kLeakyReluSlope), gc = T(kGeluC), ga = T(kGeluA);
  switch (act) {
    case Activation::kTanh:
      for (int i = 0; i < count; ++i) h[i] = Tanh(z[i]);
      break;
    case Activation::kRelu:
      for (int i = 0; i < count; ++i) h[i] = Select(z[i] > T(0), z[i], T(0));
      break;
    case Activation::kLeakyRelu:
      for (int i = 0; i < count; ++i) h[i] = Select(z[i] > T(0), z[i], leaky * z[i]);
      break;
    case Activation::kGelu:
      for (int i = 0; i < count; ++i) {
        const T x = z[i];
        h[i] = T(0.5) * x * (T(1) + Tanh(gc * (x + ga * x * x * x)));
      }
      break;
    case Activation::kSilu:
      for (int i = 0; i < count; ++i) h[i] = z[i] * Sigmoid(z[i]);
      break;
    case Activation::kSigmoid:
      for (int i = 0; i < count; ++i) h[i] = Sigmoid(z[i]);
      break;
    case Activation::kIdentity:
      if (h != z)
        for (int i = 0; i < count; ++i) h[i] = z[i];
      break;
  }
}

/// g *= f'(z) for `count` elements, from h = f(z) where that suffices; z is
/// read only when NeedsPreactivation(act).
template <typename T>
GENEFT_ALWAYS_INLINE void MultiplyByDerivative(Activation act, const T* z, const T* h, T* g,
                                               int count) {
  const T leaky = T(kLeakyReluSlope), gc = T(kGeluC), ga = T(kGeluA);
  switch (act) {
    case Activation::kTanh:
      for (int i = 0; i < count; ++i) g[i] *= T(1) - h[i] * h[i];
      break;
    case Activation::kRelu:
      for (int i = 0; i < count; ++i) g[i] = Select(h[i] > T(0), g[i], T(0));
      break;
    case Activation::kLeakyRelu:
      for (int i = 0; i < count; ++i) g[i] = Select(h[i] > T(0), g[i], leaky * g[i]);
      break;
    case Activation::kGelu:
      for (int i = 0; i < count; ++i) {
        const T x = z[i];
        const T t = Tanh(gc * (x + ga * x * x * x));
        g[i] *= T(0.5) * (T(1) + t) + T(0.5) * x * (T(1) - t * t) * gc * (T(1) + T(3) * ga * x * x);
      }
      break;
    case Activation::kSilu:
      for (int i = 0; i < count; ++i) {
        const T s = Sigmoid(z[i]);
        g[i] *= s * (T(1) + z[i] * (T(1) - s));
      }
      break;
    case Activation::kSigmoid:
      for (int i = 0; i < count; ++i) g[i] *= h[i] * (T(1) - h[i]);
      break;
    case Activation::kIdentity:
      break;
  }
}

}  // namespace geneft
