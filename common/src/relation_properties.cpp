#include <geneft/common/relation_properties.h>

#include <geneft/geneft_plugin.h>

#include <algorithm>
#include <bit>
#include <stdexcept>
#include <string>
#include <utility>

namespace geneft {
namespace {

using Word = uint64_t;
constexpr uint32_t kWordBits = 64;

// The matrix as bit rows (row[i] bit j = R(i, j)) and bit columns (col[i]
// bit j = R(j, i)): whole-row set operations then test each property.
class BitMatrix {
 public:
  BitMatrix(uint32_t n, const std::vector<int32_t>& labels)
      : n_(n), words_((n + kWordBits - 1) / kWordBits),
        rows_(size_t{n} * words_), cols_(size_t{n} * words_) {
    for (uint32_t i = 0; i < n; ++i)
      for (uint32_t j = 0; j < n; ++j)
        if (labels[size_t{i} * n + j] != 0) {
          row(i)[j / kWordBits] |= Word{1} << (j % kWordBits);
          col(j)[i / kWordBits] |= Word{1} << (i % kWordBits);
        }
  }

  uint32_t n() const { return n_; }
  uint32_t words() const { return words_; }
  Word* row(uint32_t i) { return &rows_[size_t{i} * words_]; }
  const Word* row(uint32_t i) const { return &rows_[size_t{i} * words_]; }
  const Word* col(uint32_t i) const { return &cols_[size_t{i} * words_]; }
  bool at(uint32_t i, uint32_t j) const { return (row(i)[j / kWordBits] >> (j % kWordBits)) & 1; }

 private:
  Word* col(uint32_t i) { return &cols_[size_t{i} * words_]; }

  uint32_t n_;
  uint32_t words_;
  std::vector<Word> rows_;
  std::vector<Word> cols_;
};

bool IsSymmetric(const BitMatrix& m) {
  for (uint32_t i = 0; i < m.n(); ++i)
    for (uint32_t w = 0; w < m.words(); ++w)
      if (m.row(i)[w] != m.col(i)[w]) return false;
  return true;
}

// Diagonal all equal to `value`.
bool DiagonalIs(const BitMatrix& m, bool value) {
  for (uint32_t i = 0; i < m.n(); ++i)
    if (m.at(i, i) != value) return false;
  return true;
}

// R(i,j) and R(j,i) only when i = j.
bool IsAntisymmetric(const BitMatrix& m) {
  for (uint32_t i = 0; i < m.n(); ++i)
    for (uint32_t w = 0; w < m.words(); ++w) {
      Word both = m.row(i)[w] & m.col(i)[w];
      if (w == i / kWordBits) both &= ~(Word{1} << (i % kWordBits));
      if (both != 0) return false;
    }
  return true;
}

// R o R within R: for each i, the union of the rows of i's successors must lie
// inside row i. The union is a branch-free OR over whole words.
bool IsTransitive(const BitMatrix& m) {
  std::vector<Word> reach(m.words());
  for (uint32_t i = 0; i < m.n(); ++i) {
    const Word* row_i = m.row(i);
    std::fill(reach.begin(), reach.end(), Word{0});
    for (uint32_t w = 0; w < m.words(); ++w)
      for (Word bits = row_i[w]; bits != 0; bits &= bits - 1) {
        const Word* row_j = m.row(w * kWordBits + std::countr_zero(bits));
        for (uint32_t v = 0; v < m.words(); ++v) reach[v] |= row_j[v];
      }
    for (uint32_t w = 0; w < m.words(); ++w)
      if ((reach[w] & ~row_i[w]) != 0) return false;
  }
  return true;
}

// For every i != j exactly one of R(i,j), R(j,i): row XOR column is all but i.
bool IsTotal(const BitMatrix& m) {
  for (uint32_t i = 0; i < m.n(); ++i)
    for (uint32_t w = 0; w < m.words(); ++w) {
      const uint32_t bits_here = std::min(kWordBits, m.n() - w * kWordBits);
      Word expected = bits_here == kWordBits ? ~Word{0} : (Word{1} << bits_here) - 1;
      if (w == i / kWordBits) expected &= ~(Word{1} << (i % kWordBits));
      if ((m.row(i)[w] ^ m.col(i)[w]) != expected) return false;
    }
  return true;
}

// Complete bipartite: element 0's row is the other block B, its complement A
// holds 0; every row must then be B (for members of A) or A (for members of B).
bool IsCompleteBipartite(const BitMatrix& m) {
  if (m.n() < 2) return false;
  const Word* block_b = m.row(0);
  bool b_empty = true;
  for (uint32_t w = 0; w < m.words(); ++w) b_empty = b_empty && block_b[w] == 0;
  if (b_empty) return false;
  for (uint32_t i = 0; i < m.n(); ++i) {
    const bool in_b = m.at(0, i);
    for (uint32_t w = 0; w < m.words(); ++w) {
      const uint32_t bits_here = std::min(kWordBits, m.n() - w * kWordBits);
      const Word all = bits_here == kWordBits ? ~Word{0} : (Word{1} << bits_here) - 1;
      const Word expected = in_b ? (~block_b[w] & all) : block_b[w];
      if (m.row(i)[w] != expected) return false;
    }
  }
  return true;
}

}  // namespace

uint32_t DetectProperties(uint32_t n, const std::vector<int32_t>& labels) {
  if (labels.size() != size_t{n} * n)
    throw std::invalid_argument("relation properties: " + std::to_string(labels.size()) +
                                " labels given, n * n = " + std::to_string(size_t{n} * n) +
                                " expected");
  const BitMatrix m(n, labels);
  const bool symmetric = IsSymmetric(m);
  const bool reflexive = DiagonalIs(m, true);
  const bool irreflexive = DiagonalIs(m, false);
  const bool transitive = IsTransitive(m);
  const bool antisymmetric = IsAntisymmetric(m);

  uint32_t flags = 0;
  if (symmetric) flags |= GENEFT_PROP_SYMMETRIC;
  if (reflexive) flags |= GENEFT_PROP_REFLEXIVE;
  if (irreflexive) flags |= GENEFT_PROP_IRREFLEXIVE;
  if (transitive) flags |= GENEFT_PROP_TRANSITIVE;
  if (antisymmetric) flags |= GENEFT_PROP_ANTISYMMETRIC;
  if (symmetric && reflexive && transitive) flags |= GENEFT_PROP_EQUIVALENCE;
  if (irreflexive && transitive && IsTotal(m)) flags |= GENEFT_PROP_TOTAL_ORDER;
  if (symmetric && irreflexive && IsCompleteBipartite(m)) flags |= GENEFT_PROP_BIPARTITE;
  return flags;
}

std::string PropertyNames(uint32_t flags) {
  static const std::pair<uint32_t, const char*> kNames[] = {
      {GENEFT_PROP_SYMMETRIC, "symmetric"},     {GENEFT_PROP_REFLEXIVE, "reflexive"},
      {GENEFT_PROP_IRREFLEXIVE, "irreflexive"}, {GENEFT_PROP_TRANSITIVE, "transitive"},
      {GENEFT_PROP_ANTISYMMETRIC, "antisymmetric"}, {GENEFT_PROP_EQUIVALENCE, "equivalence"},
      {GENEFT_PROP_TOTAL_ORDER, "total order"}, {GENEFT_PROP_BIPARTITE, "bipartite"},
  };
  std::string names;
  for (const auto& [flag, name] : kNames)
    if (flags & flag) names += (names.empty() ? "" : ", ") + std::string(name);
  return names.empty() ? "none" : names;
}

}  // namespace geneft
