// A relation up to twins, the state space of its relabelings (the orbit
// reading of the accuracy bound, docs in monte_carlo_bound.h).
//
// Elements u and v are twins when swapping them is an automorphism: the same
// label to and from every third element, the same label on themselves, and
// R(u, v) = R(v, u). Twinship is an equivalence (the transpositions inside
// Aut compose), and inside a class every label is alike. A relabeling
// pi(R) is then fixed by which class each element takes, so the hypotheses
// are the assignments of elements to classes that fill every class to its
// size, each relabeling reached by |Aut| / prod |C|! of them (the same for
// all): uniform over assignments is uniform over relabelings. mod k has its
// k classes as twin classes, a tree the leaves under one parent, a total
// order n singletons.
#pragma once

#include <geneft/common/relation_matrix.h>

#include <cstddef>
#include <cstdint>
#include <vector>

namespace geneft::statics {

struct TwinQuotient {
  int n = 0;
  int size = 0;                      ///< number of twin classes
  std::vector<int> class_of;         ///< element -> its twin class
  std::vector<int> capacity;         ///< class -> number of members
  std::vector<int32_t> self_label;   ///< class -> label of (x, x), x a member
  /// size x size: label of (x, y) for x in class c, y in class d, x != y;
  /// -1 on the diagonal of a one-member class (no such pair exists).
  std::vector<int32_t> table;
  bool symmetric = true;  ///< Label(c, d) == Label(d, c) for every c, d
  /// The table's columns as rows (row d: the labels into class d), so that
  /// reading a column is a sequential read; empty when the table is
  /// symmetric, which then serves both ways, or when QuotientByTwins was
  /// asked for none. At n = 2000 the table is 12 MB,
  /// and a chain reading its columns waited on a cache miss per label.
  std::vector<int32_t> columns;
  /// class -> the first class of its group of interchangeable classes:
  /// classes of one size whose wholesale swap keeps every label (the k
  /// classes of mod k). Swapping them changes an assignment but not the
  /// relabeling, so an enumeration may fix their order.
  std::vector<int> interchangeable;

  int32_t Label(int c, int d) const { return table[static_cast<size_t>(c) * size + d]; }
  /// Row c of the table: OutOf(c)[d] = Label(c, d).
  const int32_t* OutOf(int c) const { return table.data() + static_cast<size_t>(c) * size; }
  /// Column d of the table, contiguous: InTo(d)[c] = Label(c, d). A
  /// non-symmetric quotient needs its `columns` (QuotientByTwins' default).
  const int32_t* InTo(int d) const {
    return (symmetric ? table.data() : columns.data()) + static_cast<size_t>(d) * size;
  }
  /// The label of pair (i, j) when element e takes class cls[e].
  int32_t PairLabel(int i, int j, const int* cls) const {
    return i == j ? self_label[cls[i]] : Label(cls[i], cls[j]);
  }
};

/// O(n^2) hashing plus an O(n) check per twin found; throws
/// std::invalid_argument for an empty relation. Without `with_columns` the
/// quotient has no `columns` (InTo reads the table's rows: only right for a
/// symmetric table), saving size^2 labels for callers that never read it.
TwinQuotient QuotientByTwins(const LabelMatrix& relation, bool with_columns = true);

}  // namespace geneft::statics
