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
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#define GENEFT_ALWAYS_INLINE inline __attribute__((always_inline))

namespace geneft {

enum class Activation { kTanh, kRelu, kLeakyRelu, kGelu, kSilu, kSigmoid, kIdentity };

/// Parses "tanh", "relu", "leaky_relu", "gelu", "silu", "sigmoid",
/// "identity". Returns false for anything else; `out` may be null.
bool ParseActivation(std::string_view name, Activation* out);
const char* ActivationName(Activation activation);
/// Every name ParseActivation accepts, in the order above (for messages).
std::vector<std::string> ActivationNames();

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

/// e^x - 1 for x in [-87, 0], or NaN (then NaN), accurate in relative
/// terms near 0 too: x = n ln2 + r as in FastExp, e^r - 1 = r + r^2 q(r)
/// (Taylor to r^8), then 2^n (e^r - 1) + (2^n - 1), exact for n = 0 and
/// without harmful cancellation otherwise (|x| > ln2 / 2). 2^n is built from
/// the integer the rounding constant leaves in the low mantissa bits (no
/// float-to-int conversion, so NaN is harmless).
GENEFT_ALWAYS_INLINE float ExpMinusOneNonPositive(float x) {
  const float shifted = x * 1.44269504088896341f + 12582912.0f;
  const float n = shifted - 12582912.0f;
  const float r = (x - n * 0.693145751953125f) - n * 1.42860682030941723e-06f;
  float q = 1.0f / 40320.0f;
  q = q * r + 1.0f / 5040.0f;
  q = q * r + 1.0f / 720.0f;
  q = q * r + 1.0f / 120.0f;
  q = q * r + 1.0f / 24.0f;
  q = q * r + 1.0f / 6.0f;
  q = q * r + 0.5f;
  const float em1 = r + r * r * q;
  const uint32_t k = std::bit_cast<uint32_t>(shifted) - std::bit_cast<uint32_t>(12582912.0f);
  const float two_n = std::bit_cast<float>((k + 127u) << 23);
  return two_n * em1 + (two_n - 1.0f);
}

/// tanh for float, error a few ulp; NaN stays NaN. With m = e^(-2|x|) - 1,
/// tanh|x| = -m / (2 + m) (no cancellation at any |x|), given x's sign bit
/// back (tanh is odd); NaN is carried through the arithmetic rather than
/// restored by a select. It runs on every hidden unit, so it is written
/// for the fewest vector operations.
GENEFT_ALWAYS_INLINE float FastTanh(float x) {
  const uint32_t bits = std::bit_cast<uint32_t>(x);
  const uint32_t sign = bits & 0x80000000u;
  const float a = std::bit_cast<float>(bits ^ sign);  // |x|
  // Past |x| = 43.5, m = e^-87 - 1 = -1 in float; a NaN fails the test.
  const float m = ExpMinusOneNonPositive(Select(a > 43.5f, -87.0f, -2.0f * a));
  const float t = -m / (2.0f + m);
  return std::bit_cast<float>(std::bit_cast<uint32_t>(t) | sign);
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
