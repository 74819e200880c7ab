#include "eq_formulas.h"

#include <geneft/geneft_plugin.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace geneft::statics {
namespace {

void RequireBits(double b) {
  if (!(b > 1.0) || !std::isfinite(b))
    throw std::invalid_argument("description length b = " + std::to_string(b) +
                                ": Eq. 3-5 need b > 1 bit");
}

}  // namespace

double InferableFraction(double b, double m) {
  RequireBits(b);
  if (m < 0) throw std::invalid_argument("training samples m = " + std::to_string(m) + " < 0");
  // (1 - 1/b)^m through log1p keeps precision for large b.
  return -std::expm1(m * std::log1p(-1.0 / b));
}

double CriticalFraction(double b, double alpha, double total_samples) {
  RequireBits(b);
  if (!(alpha > 0.0 && alpha < 1.0))
    throw std::invalid_argument("target accuracy alpha = " + std::to_string(alpha) +
                                ": must be in (0, 1)");
  if (!(total_samples > 0))
    throw std::invalid_argument("total samples N = " + std::to_string(total_samples) +
                                ": must be > 0");
  return std::log2(1.0 - alpha) / std::log2(1.0 - 1.0 / b) / total_samples;
}

double AccuracyUpperBound(double inferable_fraction, double guess_probability) {
  if (!(guess_probability >= 0.0 && guess_probability <= 1.0))
    throw std::invalid_argument("guess probability p* = " + std::to_string(guess_probability) +
                                ": must be in [0, 1]");
  return AccuracyUpperBoundForGuess(inferable_fraction,
                                    std::max(guess_probability, 1.0 - guess_probability));
}

double AccuracyUpperBoundForGuess(double inferable_fraction, double guess_accuracy) {
  if (!(guess_accuracy >= 0.0 && guess_accuracy <= 1.0))
    throw std::invalid_argument("guess accuracy = " + std::to_string(guess_accuracy) +
                                ": must be in [0, 1]");
  return inferable_fraction + guess_accuracy * (1.0 - inferable_fraction);
}

double TableTwoGeneric(int n) { return double(n) * n; }
double TableTwoSymmetric(int n) { return double(n) * (n + 1) / 2.0; }
double TableTwoAntisymmetric(int n) { return double(n) * (n - 1) / 2.0; }
double TableTwoReflexive(int n) { return double(n) * (n - 1); }
double TableTwoEquivalence(int n, int classes) { return n * std::log2(double(classes)); }
// Stirling's n log2(n/e) drops below zero for n < e (n = 1, 2), where a
// description length cannot: there the row reads 0.
double TableTwoTotalOrder(int n) { return std::max(0.0, n * std::log2(n / std::exp(1.0))); }
double TableTwoCompleteBipartite(int n) { return n; }

std::optional<double> TableTwoBits(int n, uint32_t properties, int classes) {
  const uint32_t equivalence =
      GENEFT_PROP_SYMMETRIC | GENEFT_PROP_REFLEXIVE | GENEFT_PROP_TRANSITIVE;
  if ((properties & GENEFT_PROP_EQUIVALENCE) || (properties & equivalence) == equivalence)
    return TableTwoEquivalence(n, classes);
  if (properties & GENEFT_PROP_TOTAL_ORDER) return TableTwoTotalOrder(n);
  if (properties & GENEFT_PROP_BIPARTITE) return TableTwoCompleteBipartite(n);
  switch (properties) {
    case 0: return TableTwoGeneric(n);
    case GENEFT_PROP_SYMMETRIC: return TableTwoSymmetric(n);
    case GENEFT_PROP_ANTISYMMETRIC: return TableTwoAntisymmetric(n);
    case GENEFT_PROP_REFLEXIVE: return TableTwoReflexive(n);
    default: return std::nullopt;
  }
}

}  // namespace geneft::statics
