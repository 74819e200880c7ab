// The information-theoretic approximation of paper Sec. III: Eq. 3, 4, 5 and
// the description lengths of Table II.
#pragma once

#include <cstdint>
#include <optional>

namespace geneft::statics {

/// Eq. 3: f(m) = 1 - (1 - 1/b)^m, the inferable fraction after m training
/// samples of a relation with description length b > 1 bits.
double InferableFraction(double b, double m);

/// Eq. 4: p_c = (1/N) log2(1 - alpha) / log2(1 - 1/b), the training fraction
/// at which f(N p_c) = alpha; N = n^2 samples, 0 < alpha < 1.
double CriticalFraction(double b, double alpha, double total_samples);

/// Eq. 5: f_UB = f + max(p*, 1 - p*) (1 - f), with p* the guess probability.
double AccuracyUpperBound(double inferable_fraction, double guess_probability);

/// Eq. 5 written with the guess's accuracy g itself: f + g (1 - f). g is
/// max(p*, 1 - p*) for a binary relation with a p*; for any relation, the
/// share of its commonest label (guessing that label everywhere), which
/// extends Eq. 5 to relations without a p* and with C label classes.
double AccuracyUpperBoundForGuess(double inferable_fraction, double guess_accuracy);

/// Table II rows (approximate where the table says so).
double TableTwoGeneric(int n);                        ///< n^2
double TableTwoSymmetric(int n);                      ///< n(n+1)/2
double TableTwoAntisymmetric(int n);                  ///< n(n-1)/2
double TableTwoReflexive(int n);                      ///< n(n-1)
double TableTwoEquivalence(int n, int classes);       ///< n log2 k
double TableTwoTotalOrder(int n);                     ///< n log2(n/e) (Stirling for log2 n!), >= 0
double TableTwoCompleteBipartite(int n);              ///< n

/// The Table II row matching a relation's GENEFT_PROP_* flags, if one does:
/// equivalence (k classes), total order, complete bipartite, or a single one
/// of symmetric / antisymmetric / reflexive, or none (generic).
std::optional<double> TableTwoBits(int n, uint32_t properties, int classes);

}  // namespace geneft::statics
