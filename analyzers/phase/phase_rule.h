// The phase of one run by the grokking papers' rule (GenEFT Appendix B,
// Table IV; Liu et al. 2022), apart from the plugin so it is unit-testable.
#pragma once

#include <cstdint>
#include <string>

namespace geneft::phase {

enum class Phase { kGeneralization, kGrokking, kMemorization, kConfusion, kDiverged };

const char* PhaseName(Phase phase);  ///< "generalization", "grokking", ...

struct PhaseRule {
  int64_t budget = 100000;  ///< B: passages after this step count as never
  int64_t gap = 1000;       ///< T: test passage at least this many steps after train = grokking
};

/// first_train / first_test: first step each accuracy reached the threshold,
/// -1 for never. Choices where Table IV is silent:
///  * gap exactly T is grokking (generalization needs gap < T, as written);
///  * test reaching the threshold before train (negative gap) is
///    generalization;
///  * test reaching it while train never does is confusion (the model did
///    not learn its training set; Table IV has no row for it), flagged by
///    *test_only so a report can say so.
Phase Classify(const PhaseRule& rule, int64_t first_train, int64_t first_test, bool diverged,
               bool* test_only);

}  // namespace geneft::phase
