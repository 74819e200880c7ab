// The training facts as constraints on relabelings (orbit reading): an
// assignment of elements to twin classes is consistent when it gives every
// training pair its observed label.
#pragma once

#include <geneft/common/relation_matrix.h>
#include <geneft/common/twin_quotient.h>

#include <cstddef>
#include <cstdint>
#include <vector>

namespace geneft::statics {

/// One off-diagonal training pair seen from one of its elements.
struct Fact {
  int other = 0;        ///< the other element
  int32_t label = 0;    ///< the observed label
  bool outgoing = true; ///< true: pair (element, other); false: (other, element)
};

struct RelabelingFacts {
  static constexpr int32_t kNoLabel = -1;

  int n = 0;
  int64_t count = 0;                 ///< training pairs, the diagonal included
  std::vector<size_t> start;         ///< n + 1 offsets into `facts`
  std::vector<Fact> facts;           ///< each off-diagonal pair twice, once per element
  std::vector<int32_t> self_label;   ///< element -> observed label of (e, e), or kNoLabel

  size_t Degree(int e) const { return start[e + 1] - start[e]; }
  const Fact* begin(int e) const { return facts.data() + start[e]; }
  const Fact* end(int e) const { return facts.data() + start[e + 1]; }

  /// The facts assignment `cls` violates.
  int64_t Violations(const TwinQuotient& q, const int* cls) const;
  /// How many more facts assignment `cls` violates once elements a and b
  /// (in different classes) swap classes: negative when it violates fewer.
  /// Looks at the facts of a and b only.
  int SwapDelta(const TwinQuotient& q, const int* cls, int a, int b) const;
  /// For a consistent `cls`: whether the swap of a and b keeps every fact.
  /// Stops at the first fact it breaks, where SwapDelta reads them all;
  /// adds the facts it read to *read.
  bool SwapKeepsFacts(const TwinQuotient& q, const int* cls, int a, int b, int64_t* read) const;
};

/// Throws std::invalid_argument when mask and relation differ in size.
RelabelingFacts CollectFacts(const LabelMatrix& relation, const TrainingMask& mask);

/// For each twin class, how many other elements a member sees with each
/// label, out of it and into it: what degree pruning compares facts with.
struct ClassDegrees {
  struct LabelCount {
    int32_t label;
    int64_t count;
  };
  std::vector<std::vector<LabelCount>> out, in;  ///< per class, ascending labels

  explicit ClassDegrees(const TwinQuotient& q);
};

/// Per element, the classes it may take at all (size x n, row-major by
/// element): the diagonal fact's label, and enough pairs of each label to
/// and from the class to host the element's facts ("degree pruning").
std::vector<uint8_t> AllowedClasses(const TwinQuotient& q, const ClassDegrees& degrees,
                                    const RelabelingFacts& facts);

}  // namespace geneft::statics
