// Representation quality of a trained encoder: how well the final embeddings
// have taken the shape the relation's structure asks for. Apart from the
// plugin so it is unit-testable.
//
//  * equivalence relations: repons of one class collapse to one point
//    (GenEFT Theorem 1): collapse ratio, 0 when perfectly collapsed;
//  * strict total orders: elements lie along a line in order (GenEFT
//    Sec. III, greater-than): |Spearman| between the first principal
//    component and the order's rank, 1 when monotone;
//  * additive tasks (label a function of a + b, or of a + b mod n): the
//    representation quality index RQI of Liu et al. 2022, the fraction of
//    parallelograms the embeddings realize, 1 for a perfect line (circle).
//
// Embeddings are n x d, row-major, as geneft_run_view.embeddings.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace geneft::representation {

/// n x d embeddings, row-major (element i is row i).
struct Embeddings {
  uint32_t n = 0;
  uint32_t d = 0;
  std::vector<double> values;  ///< n * d
  double at(uint32_t i, uint32_t k) const { return values[size_t{i} * d + k]; }
};

Embeddings FromFloats(uint32_t n, uint32_t d, const float* data);

// ----- structure read from the label matrix (labels[i * n + j]) -----

/// Class index (0 .. classes-1, in order of first element) of every element
/// when the labels, read as 0 / non-0, form an equivalence relation (every
/// connected block of non-zero labels is a complete block, diagonal
/// included); empty otherwise.
std::vector<uint32_t> EquivalenceClasses(uint32_t n, const std::vector<int32_t>& labels);

/// Rank 0 .. n-1 of every element when the labels, read as 0 / non-0, form
/// a strict total order: rank(i) = #{j : R(i, j) != 0}, so for greater-than
/// (R(x, y) = [x > y]) the rank is x itself. Empty otherwise. (A tournament
/// is transitive iff its out-degrees are exactly 0 .. n-1.)
std::vector<double> TotalOrderRanks(uint32_t n, const std::vector<int32_t>& labels);

enum class Additive {
  kNone,    ///< labels are not an injective function of a + b nor of a + b mod n
  kLine,    ///< label(i, j) = f(i + j), f one-to-one on 0 .. 2n-2 (addition)
  kCircle,  ///< label(i, j) = g((i + j) mod n), g one-to-one on 0 .. n-1 (modular addition)
};

/// Which additive task the labels are, element i standing for the integer i.
/// Line is tested first; a one-to-one f of the plain sum is never also a
/// function of the sum mod n (n >= 2), so the answer is unique.
Additive DetectAdditive(uint32_t n, const std::vector<int32_t>& labels);

// ----- metrics -----

struct CollapseResult {
  double ratio = 0;    ///< within / between
  double within = 0;   ///< mean distance of an element to its class centroid
  double between = 0;  ///< mean distance between two distinct class centroids
  uint32_t classes = 0;
};

/// Collapse ratio = mean within-class spread / mean between-centroid
/// distance (Euclidean). 0 = every class one point (Theorem 1's collapsed
/// repons); random embeddings give about 1. False with *err when there are
/// fewer than two classes or all centroids coincide (ratio undefined).
bool Collapse(const Embeddings& e, const std::vector<uint32_t>& class_of, CollapseResult* out,
              std::string* err);

/// Up to `count` (1 or 2, at most d) leading principal axes of the centred
/// embeddings (geneft::FindPrincipalComponents: an eigenproblem of size
/// min(n, d)). Returns the projections: scores[c][i] for component c,
/// element i. Axis signs are arbitrary.
std::vector<std::vector<double>> PrincipalScores(const Embeddings& e, uint32_t count);

/// Spearman rank correlation (ties get average ranks). NaN if either input
/// is constant or they differ in length / have fewer than 2 entries.
double Spearman(const std::vector<double>& x, const std::vector<double>& y);

/// |Spearman| between the projection on the first principal axis and the
/// order's rank. 1 = embeddings monotone along their main axis. NaN as for
/// Spearman (e.g. every embedding equal).
double Monotonicity(const Embeddings& e, const std::vector<double>& rank);

struct RqiOptions {
  /// A parallelogram counts when its mean squared residual is below delta
  /// (strictly), in units of the per-dimension variance; Liu et al. use
  /// 0.01 (their code's threshold_P). Range > 0.
  double delta = 0.01;
};

struct RqiResult {
  double rqi = 0;              ///< satisfied / parallelograms
  size_t parallelograms = 0;   ///< ideal parallelograms counted
  size_t satisfied = 0;        ///< of them, realized within delta
};

/// RQI on a line (Liu et al. 2022, Sec. 3). Parallelograms are unordered
/// pairs of distinct unordered pairs {i, j} != {m, n} (i = j allowed) with
/// i + j = m + n -- for n elements every such pair once (the grokking
/// code's i < j <= m < n with i + n = j + m). Embeddings are normalised per
/// dimension to zero mean and unit standard deviation (n - 1 denominator, as
/// torch.std); a dimension with zero spread is left at 0. The residual of
/// (i, j, m, n) is mean_k ((e_i + e_j) - (e_m + e_n))_k^2; it counts when
/// < delta. An affine map of a line, e_i = a + i v, scores 1.
/// False with *err when n has no parallelogram (n < 3).
bool RqiLine(const Embeddings& e, const RqiOptions& options, RqiResult* out, std::string* err);

/// RQI for modular addition, parallelograms by congruence: i + j = m + n
/// (mod n), pairs as in RqiLine. A circle e_i = (cos 2 pi w i / n,
/// sin 2 pi w i / n) does not satisfy e_i + e_j = e_m + e_n (the sum of two
/// unit vectors depends on their angle difference too), so angles are
/// compared: the centred embeddings are projected on their two leading
/// principal axes, each projection scaled to unit variance (so an ellipse,
/// any affine image of the circle, is a circle again), theta_i = atan2,
/// and the residual is the squared chord
/// between the unit vectors at theta_i + theta_j and theta_m + theta_n,
/// 2 - 2 cos(Delta) ~ Delta^2. That is the RqiLine residual of the "sum
/// points" on a circle whose per-dimension standard deviation is 1 (what
/// RqiLine's normalisation does to a uniform circle), so delta keeps its
/// meaning: delta = 0.01 accepts |Delta| < ~0.1 rad. Any frequency w,
/// rotation or reflection of the circle scores 1. With d = 1 there is no
/// circle: the RqiLine residual with congruent parallelograms is used,
/// which a 1-D embedding can satisfy only in part. False with *err when
/// there is no parallelogram (n < 3).
bool RqiCircle(const Embeddings& e, const RqiOptions& options, RqiResult* out,
               std::string* err);

}  // namespace geneft::representation
