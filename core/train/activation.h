// Hidden-layer activations of the decoder MLP: their names, and the fast
// float functions (exp, tanh, sigmoid, a few ulp) whose one definition is
// in activation_math.h.
#pragma once

#include <string>
#include <string_view>
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
constexpr double kGeluC = 0.7978845608028654;  // sqrt(2 / pi)
constexpr double kGeluA = 0.044715;  // gelu(x) = 0.5 x (1 + tanh(kGeluC (x + kGeluA x^3)))

/// The float functions for one value (the tests measure their accuracy;
/// the kernels compute the same per lane).
float FastExp(float x);
float FastTanh(float x);
float FastSigmoid(float x);

}  // namespace geneft
