#include "train/activation.h"

#include "train/activation_math.h"

namespace geneft {
namespace {

struct Named {
  Activation activation;
  const char* name;
};
constexpr Named kActivations[] = {
    {Activation::kTanh, "tanh"},       {Activation::kRelu, "relu"},
    {Activation::kLeakyRelu, "leaky_relu"}, {Activation::kGelu, "gelu"},
    {Activation::kSilu, "silu"},       {Activation::kSigmoid, "sigmoid"},
    {Activation::kIdentity, "identity"},
};

}  // namespace

bool ParseActivation(std::string_view name, Activation* out) {
  for (const Named& a : kActivations) {
    if (name == a.name) {
      if (out != nullptr) *out = a.activation;
      return true;
    }
  }
  return false;
}

const char* ActivationName(Activation activation) {
  for (const Named& a : kActivations)
    if (a.activation == activation) return a.name;
  return "unknown";
}

std::vector<std::string> ActivationNames() {
  std::vector<std::string> names;
  for (const Named& a : kActivations) names.emplace_back(a.name);
  return names;
}

float FastExp(float x) { return ExpOf<ScalarFloatOps>(x); }
float FastTanh(float x) { return TanhOf<ScalarFloatOps>(x); }
float FastSigmoid(float x) { return SigmoidOf<ScalarFloatOps>(x); }

}  // namespace geneft
