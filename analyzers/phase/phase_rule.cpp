#include "phase_rule.h"

namespace geneft::phase {

const char* PhaseName(Phase phase) {
  switch (phase) {
    case Phase::kGeneralization: return "generalization";
    case Phase::kGrokking: return "grokking";
    case Phase::kMemorization: return "memorization";
    case Phase::kConfusion: return "confusion";
    case Phase::kDiverged: return "diverged";
  }
  return "unknown";
}

Phase Classify(const PhaseRule& rule, int64_t first_train, int64_t first_test, bool diverged,
               bool* test_only) {
  *test_only = false;
  if (diverged) return Phase::kDiverged;
  const bool train = first_train >= 0 && first_train <= rule.budget;
  const bool test = first_test >= 0 && first_test <= rule.budget;
  if (!train) {
    *test_only = test;
    return Phase::kConfusion;
  }
  if (!test) return Phase::kMemorization;
  return first_test - first_train < rule.gap ? Phase::kGeneralization : Phase::kGrokking;
}

}  // namespace geneft::phase
