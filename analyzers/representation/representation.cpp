#include "representation.h"

#include <geneft/common/principal_components.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <utility>

namespace geneft::representation {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

bool On(const std::vector<int32_t>& labels, uint32_t n, uint32_t i, uint32_t j) {
  return labels[size_t{i} * n + j] != 0;
}

double Distance(const std::vector<double>& a, const std::vector<double>& b) {
  double sum = 0;
  for (size_t k = 0; k < a.size(); ++k) sum += (a[k] - b[k]) * (a[k] - b[k]);
  return std::sqrt(sum);
}

// Column means of the embeddings.
std::vector<double> Means(const Embeddings& e) {
  std::vector<double> mean(e.d, 0.0);
  for (uint32_t i = 0; i < e.n; ++i)
    for (uint32_t k = 0; k < e.d; ++k) mean[k] += e.at(i, k);
  for (double& m : mean) m /= static_cast<double>(e.n);
  return mean;
}

// Average ranks 0 .. m-1 (ties share the mean of their positions).
std::vector<double> Ranks(const std::vector<double>& x) {
  std::vector<size_t> order(x.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return x[a] < x[b]; });
  std::vector<double> rank(x.size());
  for (size_t lo = 0; lo < order.size();) {
    size_t hi = lo;
    while (hi + 1 < order.size() && x[order[hi + 1]] == x[order[lo]]) ++hi;
    const double shared = 0.5 * static_cast<double>(lo + hi);
    for (size_t t = lo; t <= hi; ++t) rank[order[t]] = shared;
    lo = hi + 1;
  }
  return rank;
}

double Pearson(const std::vector<double>& x, const std::vector<double>& y) {
  const double m = static_cast<double>(x.size());
  const double mx = std::accumulate(x.begin(), x.end(), 0.0) / m;
  const double my = std::accumulate(y.begin(), y.end(), 0.0) / m;
  double sxy = 0, sxx = 0, syy = 0;
  for (size_t i = 0; i < x.size(); ++i) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) * (x[i] - mx);
    syy += (y[i] - my) * (y[i] - my);
  }
  if (sxx <= 0 || syy <= 0) return kNaN;
  return sxy / std::sqrt(sxx * syy);
}

// Unordered pairs {a, b}, a <= b, grouped by key(a + b); every two distinct
// pairs of one group form a parallelogram, visited once as (a, b, c, d).
template <class Key, class Visit>
void ForEachParallelogram(uint32_t n, uint32_t groups, Key key, Visit visit) {
  std::vector<std::vector<std::pair<uint32_t, uint32_t>>> by_key(groups);
  for (uint32_t a = 0; a < n; ++a)
    for (uint32_t b = a; b < n; ++b) by_key[key(a + b)].emplace_back(a, b);
  for (const auto& group : by_key)
    for (size_t s = 0; s < group.size(); ++s)
      for (size_t t = s + 1; t < group.size(); ++t)
        visit(group[s].first, group[s].second, group[t].first, group[t].second);
}

// Per-dimension zero mean, unit standard deviation (n - 1 denominator); a
// constant dimension becomes all zeros.
Embeddings Standardized(const Embeddings& e) {
  Embeddings z = e;
  const std::vector<double> mean = Means(e);
  for (uint32_t k = 0; k < e.d; ++k) {
    double ss = 0;
    for (uint32_t i = 0; i < e.n; ++i) ss += (e.at(i, k) - mean[k]) * (e.at(i, k) - mean[k]);
    const double sd = e.n > 1 ? std::sqrt(ss / static_cast<double>(e.n - 1)) : 0.0;
    for (uint32_t i = 0; i < e.n; ++i)
      z.values[size_t{i} * e.d + k] = sd > 0 ? (e.at(i, k) - mean[k]) / sd : 0.0;
  }
  return z;
}

// mean_k ((z_a + z_b) - (z_c + z_d))_k^2 on standardized embeddings.
double VectorResidual(const Embeddings& z, uint32_t a, uint32_t b, uint32_t c, uint32_t d) {
  double sum = 0;
  for (uint32_t k = 0; k < z.d; ++k) {
    const double r = z.at(a, k) + z.at(b, k) - z.at(c, k) - z.at(d, k);
    sum += r * r;
  }
  return sum / static_cast<double>(z.d);
}

bool NeedParallelograms(uint32_t n, std::string* err) {
  if (n >= 3) return true;
  *err = "n = " + std::to_string(n) + ": fewer than 3 elements have no parallelogram";
  return false;
}

void Finish(RqiResult* out) {
  out->rqi = static_cast<double>(out->satisfied) / static_cast<double>(out->parallelograms);
}

}  // namespace

Embeddings FromFloats(uint32_t n, uint32_t d, const float* data) {
  Embeddings e;
  e.n = n;
  e.d = d;
  e.values.assign(data, data + size_t{n} * d);
  return e;
}

// ----- structure -----

std::vector<uint32_t> EquivalenceClasses(uint32_t n, const std::vector<int32_t>& labels) {
  constexpr uint32_t kUnset = std::numeric_limits<uint32_t>::max();
  std::vector<uint32_t> class_of(n, kUnset);
  uint32_t classes = 0;
  for (uint32_t i = 0; i < n; ++i) {
    if (class_of[i] != kUnset) continue;
    if (!On(labels, n, i, i)) return {};  // not reflexive
    // i's row is its whole class; each member must have exactly that row.
    for (uint32_t j = 0; j < n; ++j)
      if (On(labels, n, i, j)) {
        if (class_of[j] != kUnset) return {};
        class_of[j] = classes;
      }
    ++classes;
  }
  for (uint32_t i = 0; i < n; ++i)
    for (uint32_t j = 0; j < n; ++j)
      if (On(labels, n, i, j) != (class_of[i] == class_of[j])) return {};
  return class_of;
}

std::vector<double> TotalOrderRanks(uint32_t n, const std::vector<int32_t>& labels) {
  std::vector<double> rank(n, 0.0);
  std::vector<bool> seen(n, false);
  for (uint32_t i = 0; i < n; ++i) {
    if (On(labels, n, i, i)) return {};
    uint32_t out = 0;
    for (uint32_t j = 0; j < n; ++j) {
      if (j == i) continue;
      if (On(labels, n, i, j) == On(labels, n, j, i)) return {};  // not exactly one direction
      out += On(labels, n, i, j) ? 1 : 0;
    }
    if (seen[out]) return {};  // equal out-degrees: a cycle, not transitive
    seen[out] = true;
    rank[i] = out;
  }
  return rank;
}

Additive DetectAdditive(uint32_t n, const std::vector<int32_t>& labels) {
  if (n < 2) return Additive::kNone;
  // label_of[k] = the one label of every pair with key k; then one-to-one.
  auto injective_function_of = [&](uint32_t keys, auto key) {
    const int64_t unset = std::numeric_limits<int64_t>::min();  // labels are int32_t
    std::vector<int64_t> label_of(keys, unset);
    for (uint32_t i = 0; i < n; ++i)
      for (uint32_t j = 0; j < n; ++j) {
        int64_t& slot = label_of[key(i + j)];
        const int64_t label = labels[size_t{i} * n + j];
        if (slot == unset) slot = label;
        else if (slot != label) return false;
      }
    std::vector<int64_t> sorted = label_of;
    std::sort(sorted.begin(), sorted.end());
    return std::adjacent_find(sorted.begin(), sorted.end()) == sorted.end();
  };
  if (injective_function_of(2 * n - 1, [](uint32_t s) { return s; })) return Additive::kLine;
  if (injective_function_of(n, [n](uint32_t s) { return s % n; })) return Additive::kCircle;
  return Additive::kNone;
}

// ----- metrics -----

bool Collapse(const Embeddings& e, const std::vector<uint32_t>& class_of, CollapseResult* out,
              std::string* err) {
  if (class_of.size() != e.n) {
    *err = "collapse: " + std::to_string(class_of.size()) + " class labels for " +
           std::to_string(e.n) + " embeddings";
    return false;
  }
  const uint32_t classes =
      class_of.empty() ? 0 : *std::max_element(class_of.begin(), class_of.end()) + 1;
  if (classes < 2) {
    *err = "collapse: " + std::to_string(classes) + " class(es); the ratio needs at least 2";
    return false;
  }
  std::vector<std::vector<double>> centroid(classes, std::vector<double>(e.d, 0.0));
  std::vector<double> size(classes, 0.0);
  for (uint32_t i = 0; i < e.n; ++i) {
    size[class_of[i]] += 1;
    for (uint32_t k = 0; k < e.d; ++k) centroid[class_of[i]][k] += e.at(i, k);
  }
  for (uint32_t c = 0; c < classes; ++c)
    for (double& v : centroid[c]) v /= size[c];

  double within = 0;
  std::vector<double> row(e.d);
  for (uint32_t i = 0; i < e.n; ++i) {
    for (uint32_t k = 0; k < e.d; ++k) row[k] = e.at(i, k);
    within += Distance(row, centroid[class_of[i]]);
  }
  within /= static_cast<double>(e.n);

  double between = 0;
  for (uint32_t a = 0; a < classes; ++a)
    for (uint32_t b = a + 1; b < classes; ++b) between += Distance(centroid[a], centroid[b]);
  between /= 0.5 * static_cast<double>(classes) * static_cast<double>(classes - 1);

  if (!(between > 0)) {
    *err = "collapse: all class centroids coincide; the ratio is undefined";
    return false;
  }
  *out = CollapseResult{within / between, within, between, classes};
  return true;
}

std::vector<std::vector<double>> PrincipalScores(const Embeddings& e, uint32_t count) {
  return FindPrincipalComponents(e.values, e.n, e.d, std::min(count, 2u)).scores;
}

double Spearman(const std::vector<double>& x, const std::vector<double>& y) {
  if (x.size() != y.size() || x.size() < 2) return kNaN;
  return Pearson(Ranks(x), Ranks(y));
}

double Monotonicity(const Embeddings& e, const std::vector<double>& rank) {
  if (rank.size() != e.n || e.d == 0) return kNaN;
  const std::vector<std::vector<double>> scores = PrincipalScores(e, 1);
  return std::fabs(Spearman(scores[0], rank));
}

bool RqiLine(const Embeddings& e, const RqiOptions& options, RqiResult* out, std::string* err) {
  if (!NeedParallelograms(e.n, err)) return false;
  const Embeddings z = Standardized(e);
  *out = RqiResult{};
  ForEachParallelogram(e.n, 2 * e.n - 1, [](uint32_t s) { return s; },
                       [&](uint32_t a, uint32_t b, uint32_t c, uint32_t d) {
                         ++out->parallelograms;
                         if (VectorResidual(z, a, b, c, d) < options.delta) ++out->satisfied;
                       });
  Finish(out);
  return true;
}

bool RqiCircle(const Embeddings& e, const RqiOptions& options, RqiResult* out,
               std::string* err) {
  if (!NeedParallelograms(e.n, err)) return false;
  const uint32_t n = e.n;
  auto congruence = [n](uint32_t s) { return s % n; };
  *out = RqiResult{};
  if (e.d < 2) {
    const Embeddings z = Standardized(e);
    ForEachParallelogram(n, n, congruence, [&](uint32_t a, uint32_t b, uint32_t c, uint32_t d) {
      ++out->parallelograms;
      if (VectorResidual(z, a, b, c, d) < options.delta) ++out->satisfied;
    });
    Finish(out);
    return true;
  }
  // Whitened scores: an ellipse (an affine image of the circle) becomes a
  // circle again, up to a rotation or reflection.
  std::vector<std::vector<double>> scores = PrincipalScores(e, 2);
  for (std::vector<double>& component : scores) {
    double ss = 0;
    for (double v : component) ss += v * v;
    const double sd = std::sqrt(ss / static_cast<double>(n));
    if (sd > 0)
      for (double& v : component) v /= sd;
  }
  std::vector<double> theta(n);
  for (uint32_t i = 0; i < n; ++i) theta[i] = std::atan2(scores[1][i], scores[0][i]);
  ForEachParallelogram(n, n, congruence, [&](uint32_t a, uint32_t b, uint32_t c, uint32_t d) {
    ++out->parallelograms;
    const double delta_angle = theta[a] + theta[b] - theta[c] - theta[d];
    const double chord2 = 2.0 - 2.0 * std::cos(delta_angle);  // 2 pi periodic
    if (chord2 < options.delta) ++out->satisfied;
  });
  Finish(out);
  return true;
}

}  // namespace geneft::representation
