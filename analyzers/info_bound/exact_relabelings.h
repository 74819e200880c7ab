// Every relabeling consistent with the training facts, enumerated (orbit
// reading, exact): backtracking over elements, each given a twin class with
// room left, pruned by the facts to elements placed before it, by degrees
// (AllowedClasses) and by fixing the order of interchangeable classes (the
// classes of mod k: renaming them changes no label).
#pragma once

#include "hypothesis_tally.h"
#include "random.h"
#include "relabeling_facts.h"
#include "twin_quotient.h"

#include <cstdint>
#include <vector>

namespace geneft::statics {

/// For each class d and direction, the classes c sorted by the label of
/// (c, d) (facts out of an element) or (d, c) (facts into it): the
/// candidates a fact to an element in d leaves are one equal_range.
class LabelIndex {
 public:
  explicit LabelIndex(const TwinQuotient& q);
  /// Classes c with Label(c, d) = label (outgoing) or Label(d, c) = label;
  /// q is the quotient the index was built from.
  std::pair<const int*, const int*> Candidates(const TwinQuotient& q, int d, int32_t label,
                                               bool outgoing) const;

 private:
  struct Run {  // the classes with one label in a row of `classes`
    int32_t label;
    int begin, end;
  };
  struct Side {
    std::vector<int> classes;  // size x size: row d lists the classes by label
    std::vector<Run> runs;     // per row, ascending labels
    std::vector<int> row_runs; // size + 1 offsets into runs
  };
  Side out_, in_;
};

struct EnumerationReport {
  bool complete = false;   ///< false: stopped at the work limit, the tally is partial
  int64_t relabelings = 0; ///< assignments visited (relabelings, up to residual symmetry)
  int64_t work = 0;        ///< facts checked plus pairs tallied
};

/// Adds each consistent assignment to batch 0 of `tally`, stopping once
/// `max_work` (facts checked plus pairs tallied) is spent. A search whose
/// work, estimated from 64 random paths down it (Knuth 1975; rng), exceeds
/// half of `max_work` is not begun.
EnumerationReport EnumerateRelabelings(const TwinQuotient& q, const LabelIndex& index,
                                       const RelabelingFacts& facts,
                                       const std::vector<uint8_t>& allowed, int64_t max_work,
                                       Rng& rng, HypothesisTally* tally);

}  // namespace geneft::statics
