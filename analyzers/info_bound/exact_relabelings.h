// Every relabeling consistent with the training facts, enumerated (orbit
// reading, exact): backtracking over elements, each given a twin class with
// room left. Each element keeps the classes still open to it (a bitset,
// first pruned by degrees, AllowedClasses); placing an element narrows those
// of the elements it shares a fact with (forward checking), and the element
// with the fewest classes left goes next, so that facts pin whole regions
// without branching. The order of interchangeable classes (the classes of
// mod k: renaming them changes no label) is fixed.
#pragma once

#include "hypothesis_tally.h"
#include "random.h"
#include "relabeling_facts.h"

#include <geneft/common/twin_quotient.h>

#include <cstdint>
#include <vector>

namespace geneft::statics {

struct EnumerationReport {
  bool complete = false;   ///< false: stopped at the work limit, the tally is partial
  int64_t relabelings = 0; ///< assignments visited (relabelings, up to residual symmetry)
  int64_t work = 0;        ///< facts checked plus pairs tallied
};

/// Adds each consistent assignment to batch 0 of `tally`, stopping once
/// `max_work` (facts checked plus pairs tallied) is spent. A search whose
/// work, estimated from 64 random paths down it (Knuth 1975; rng), exceeds
/// half of `max_work` is not begun.
EnumerationReport EnumerateRelabelings(const TwinQuotient& q, const RelabelingFacts& facts,
                                       const std::vector<uint8_t>& allowed, int64_t max_work,
                                       Rng& rng, HypothesisTally* tally);

}  // namespace geneft::statics
