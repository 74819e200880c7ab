// The activations' arithmetic, written once. The float versions are
// branch-free approximations (exp by range reduction and a polynomial, a few
// ulp) over an "ops" type: the arithmetic of one float (ScalarFloatOps) or
// of one vector of floats (each kernel set brings its own Simd, see
// kernels_impl.inc). Every fused multiply-add is spelled out (Ops::Fma,
// rounded once) and everything else is plain IEEE arithmetic, so with
// contraction off (core/CMakeLists.txt) one float and every lane of every
// kernel set's vector get bit-identical results: the kernels' arithmetic
// contract (kernels.h). The double versions call <cmath> and serve the
// gradient tests.
//
// A kernel set includes this header inside its `#pragma GCC target` region
// (so the templates compile for its instruction set); everything here is a
// template or always inlined, so no out-of-line copy compiled for one set
// can be linked into another.
#pragma once

#include "train/activation.h"

#include <bit>
#include <cmath>
#include <cstdint>

namespace geneft {

// ----- the arithmetic of one float -----

/// An ops type gives V (a float or a vector of floats), U (its bits as
/// unsigned integers of the same shape), Splat, Fma (a * b + c rounded
/// once), Bits / FromBits, the comparisons Greater and Equal as masks
/// of all-one or all-zero bits, and Min(a, b) = a < b ? a : b (x86's
/// minps: b when either is NaN, so Min(cap, x) keeps a NaN x).
struct ScalarFloatOps {
  using V = float;
  using U = uint32_t;
  static GENEFT_ALWAYS_INLINE V Splat(float x) { return x; }
  static GENEFT_ALWAYS_INLINE V Fma(V a, V b, V c) { return std::fma(a, b, c); }
  static GENEFT_ALWAYS_INLINE U Bits(V x) { return std::bit_cast<U>(x); }
  static GENEFT_ALWAYS_INLINE V FromBits(U u) { return std::bit_cast<V>(u); }
  static GENEFT_ALWAYS_INLINE U Greater(V a, V b) { return U{0} - static_cast<U>(a > b); }
  static GENEFT_ALWAYS_INLINE U Equal(V a, V b) { return U{0} - static_cast<U>(a == b); }
  static GENEFT_ALWAYS_INLINE V Min(V a, V b) { return a < b ? a : b; }
};

/// mask ? a : b, lane by lane, by bit operations (a ternary would become a
/// branch for one float and keep GCC from vectorising the loop around it).
template <class Ops>
GENEFT_ALWAYS_INLINE typename Ops::V SelectBits(typename Ops::U mask, typename Ops::V a,
                                                typename Ops::V b) {
  return Ops::FromBits((Ops::Bits(a) & mask) | (Ops::Bits(b) & ~mask));
}

// ----- exp, tanh, sigmoid, written once -----

/// x = n ln2 + r with |r| <= ln2 / 2, and 2^n. Adding 1.5 * 2^23 rounds
/// x / ln2 to the integer n, read back from the sum's low mantissa bits (no
/// float-to-int conversion, so NaN is harmless); x must lie in [-87, 88].
/// ln2 in two parts (Cody-Waite) keeps r exact up to rounding.
template <class Ops>
struct ExpArgument {
  typename Ops::V r;
  typename Ops::V two_n;
};

template <class Ops>
GENEFT_ALWAYS_INLINE ExpArgument<Ops> ReduceExp(typename Ops::V x) {
  using V = typename Ops::V;
  const V shifted = Ops::Fma(x, Ops::Splat(1.44269504088896341f), Ops::Splat(12582912.0f));
  const V n = shifted - 12582912.0f;
  V r = Ops::Fma(n, Ops::Splat(-0.693145751953125f), x);
  r = Ops::Fma(n, Ops::Splat(-1.42860682030941723e-06f), r);
  const typename Ops::U k = Ops::Bits(shifted) - 0x4B400000u;  // the bits of 12582912.0f
  return {r, Ops::FromBits((k + 127u) << 23)};
}

/// e^r - 1 = r + r^2 q(r) for |r| <= ln2 / 2, q the Taylor polynomial to r^5
/// (e^r to r^7: truncation 2e-8 relative), by Estrin's scheme.
template <class Ops>
GENEFT_ALWAYS_INLINE typename Ops::V ExpMinusOneSmall(typename Ops::V r) {
  using V = typename Ops::V;
  const V r2 = r * r, r4 = r2 * r2;
  const V q01 = Ops::Fma(r, Ops::Splat(1.0f / 6.0f), Ops::Splat(0.5f));
  const V q23 = Ops::Fma(r, Ops::Splat(1.0f / 120.0f), Ops::Splat(1.0f / 24.0f));
  const V q45 = Ops::Fma(r, Ops::Splat(1.0f / 5040.0f), Ops::Splat(1.0f / 720.0f));
  const V q = Ops::Fma(r4, q45, Ops::Fma(r2, q23, q01));
  return Ops::Fma(r2, q, r);
}

/// e^x, relative error below 2e-7; clamps x to [-87, 88] (so the result is
/// always finite and normal). NaN is not propagated: callers that must see
/// NaN restore it.
template <class Ops>
GENEFT_ALWAYS_INLINE typename Ops::V ExpOf(typename Ops::V x) {
  x = SelectBits<Ops>(Ops::Greater(x, Ops::Splat(-87.0f)), x, Ops::Splat(-87.0f));  // NaN: -87
  x = SelectBits<Ops>(Ops::Greater(Ops::Splat(88.0f), x), x, Ops::Splat(88.0f));
  const ExpArgument<Ops> e = ReduceExp<Ops>(x);
  return (ExpMinusOneSmall<Ops>(e.r) + 1.0f) * e.two_n;
}

/// tanh by one rational function, a division and no exp: |x| P(x^2) /
/// Q(x^2), P and Q of degree 4 with positive coefficients (so no
/// cancellation), fitted for the least largest relative error on
/// [0, 9] (truncation below 3e-8; in float about 5 ulp). Past |x| = 9,
/// tanh is 1 in float to within one ulp, so |x| is capped there; the
/// result is capped at 1 so that 1 - tanh^2, the derivative training uses,
/// is never negative. Against std::tanh the absolute error is below 4e-7
/// everywhere (test_trainer_kernels checks it on a dense grid). NaN stays
/// NaN; tanh(+-0) = +-0 (x's sign bit is given back: tanh is odd).
template <class Ops>
GENEFT_ALWAYS_INLINE typename Ops::V TanhOf(typename Ops::V x) {
  using V = typename Ops::V;
  const typename Ops::U sign = Ops::Bits(x) & 0x80000000u;
  const V a = Ops::FromBits(Ops::Bits(x) ^ sign);  // |x|
  const V cap = Ops::Splat(9.0f), one = Ops::Splat(1.0f);
  // Min rather than a mask and select: one instruction instead of four on
  // the chain, the same result (both give a NaN back); the tanh of a
  // default step went from 61 to 44 us on a Zen 2 core.
  const V capped = Ops::Min(cap, a);
  const V s = capped * capped;
  V p = Ops::Fma(s, Ops::Splat(1.33551437e-08f), Ops::Splat(2.0609461e-05f));
  V q = Ops::Fma(s, Ops::Splat(7.77676462e-07f), Ops::Splat(0.000328567345f));
  p = Ops::Fma(p, s, Ops::Splat(0.00349561218f));
  q = Ops::Fma(q, s, Ops::Splat(0.0258770753f));
  p = Ops::Fma(p, s, Ops::Splat(0.133810461f));
  q = Ops::Fma(q, s, Ops::Splat(0.467143625f));
  p = Ops::Fma(p, s, one);
  q = Ops::Fma(q, s, one);
  const V t = (capped * p) / q;
  return Ops::FromBits(Ops::Bits(Ops::Min(one, t)) | sign);
}

/// 1 / (1 + e^-x); NaN stays NaN.
template <class Ops>
GENEFT_ALWAYS_INLINE typename Ops::V SigmoidOf(typename Ops::V x) {
  const typename Ops::V one = Ops::Splat(1.0f);
  return SelectBits<Ops>(Ops::Equal(x, x), one / (one + ExpOf<Ops>(-x)), x);
}

// ----- every activation, forward and derivative -----

/// f(z) of `act` on V (float or vector, via Ops). Written as a switch the
/// kernels call once per vector with a loop-invariant `act`.
template <class Ops>
GENEFT_ALWAYS_INLINE typename Ops::V ActivateOf(Activation act, typename Ops::V z) {
  using V = typename Ops::V;
  const V zero = Ops::Splat(0.0f), one = Ops::Splat(1.0f), half = Ops::Splat(0.5f);
  switch (act) {
    case Activation::kTanh: return TanhOf<Ops>(z);
    case Activation::kRelu: return SelectBits<Ops>(Ops::Greater(z, zero), z, zero);
    case Activation::kLeakyRelu:
      return SelectBits<Ops>(Ops::Greater(z, zero), z, z * static_cast<float>(kLeakyReluSlope));
    case Activation::kGelu: {
      const V inner = Ops::Fma(z * static_cast<float>(kGeluA) * z, z, z);
      return half * z * (one + TanhOf<Ops>(inner * static_cast<float>(kGeluC)));
    }
    case Activation::kSilu: return z * SigmoidOf<Ops>(z);
    case Activation::kSigmoid: return SigmoidOf<Ops>(z);
    case Activation::kIdentity: return z;
  }
  return z;
}

/// g * f'(z), from h = f(z) where that suffices; z is read only when
/// NeedsPreactivation(act).
template <class Ops>
GENEFT_ALWAYS_INLINE typename Ops::V TimesDerivativeOf(Activation act, typename Ops::V g,
                                                       typename Ops::V z, typename Ops::V h) {
  using V = typename Ops::V;
  const V zero = Ops::Splat(0.0f), one = Ops::Splat(1.0f), half = Ops::Splat(0.5f);
  switch (act) {
    case Activation::kTanh: return g * Ops::Fma(-h, h, one);
    case Activation::kRelu: return SelectBits<Ops>(Ops::Greater(h, zero), g, zero);
    case Activation::kLeakyRelu:
      return SelectBits<Ops>(Ops::Greater(h, zero), g, g * static_cast<float>(kLeakyReluSlope));
    case Activation::kGelu: {
      const V c = Ops::Splat(static_cast<float>(kGeluC));
      const V a = Ops::Splat(static_cast<float>(kGeluA));
      const V t = TanhOf<Ops>(Ops::Fma(z * a * z, z, z) * c);
      const V slope = Ops::Fma(z * z * 3.0f, a, one) * c;  // d inner / dz
      return g * Ops::Fma(half * z * Ops::Fma(-t, t, one), slope, half * (one + t));
    }
    case Activation::kSilu: {
      const V s = SigmoidOf<Ops>(z);
      return g * (s * Ops::Fma(z, one - s, one));
    }
    case Activation::kSigmoid: return g * (h * (one - h));
    case Activation::kIdentity: return g;
  }
  return g;
}

// ----- the double versions, for the gradient tests -----

/// f(z) in double, by <cmath>.
GENEFT_ALWAYS_INLINE double ActivateDouble(Activation act, double z) {
  switch (act) {
    case Activation::kTanh: return std::tanh(z);
    case Activation::kRelu: return z > 0 ? z : 0.0;
    case Activation::kLeakyRelu: return z > 0 ? z : kLeakyReluSlope * z;
    case Activation::kGelu: return 0.5 * z * (1 + std::tanh(kGeluC * (z + kGeluA * z * z * z)));
    case Activation::kSilu: return z / (1 + std::exp(-z));
    case Activation::kSigmoid: return 1 / (1 + std::exp(-z));
    case Activation::kIdentity: return z;
  }
  return z;
}

/// g * f'(z) in double, from h = f(z) or z as the float version.
GENEFT_ALWAYS_INLINE double TimesDerivativeDouble(Activation act, double g, double z, double h) {
  switch (act) {
    case Activation::kTanh: return g * (1 - h * h);
    case Activation::kRelu: return h > 0 ? g : 0.0;
    case Activation::kLeakyRelu: return h > 0 ? g : kLeakyReluSlope * g;
    case Activation::kGelu: {
      const double t = std::tanh(kGeluC * (z + kGeluA * z * z * z));
      return g * (0.5 * (1 + t) + 0.5 * z * (1 - t * t) * kGeluC * (1 + 3 * kGeluA * z * z));
    }
    case Activation::kSilu: {
      const double s = 1 / (1 + std::exp(-z));
      return g * s * (1 + z * (1 - s));
    }
    case Activation::kSigmoid: return g * h * (1 - h);
    case Activation::kIdentity: return g;
  }
  return g;
}

}  // namespace geneft
