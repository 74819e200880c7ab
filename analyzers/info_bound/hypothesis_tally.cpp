#include "hypothesis_tally.h"

#include "random.h"

#include <algorithm>
#include <map>

namespace geneft::statics {

HypothesisTally::HypothesisTally(const LabelMatrix& relation, int batches)
    : relation_(relation),
      added_(std::max(1, batches), 0),
      slot_(relation.entries(), -1),
      is_away_(relation.n, 0) {}

void HypothesisTally::Record(size_t pair, int32_t label, int batch) {
  int32_t& slot = slot_[pair];
  if (slot < 0) {
    slot = static_cast<int32_t>(counts_.size());
    counts_.emplace_back();
  }
  for (Count& c : counts_[slot])
    if (c.batch == batch && c.label == label) {
      ++c.count;
      return;
    }
  counts_[slot].push_back({batch, label, 1});
}

int64_t HypothesisTally::Add(const TwinQuotient& q, const int* cls, int batch) {
  const int n = relation_.n;
  away_.clear();
  for (int e = 0; e < n; ++e)
    if (cls[e] != q.class_of[e]) away_.push_back(e);
  for (int e : away_) is_away_[e] = 1;
  int64_t differing = 0;
  uint64_t hash = 0;
  const auto visit = [&](size_t pair, int32_t label, int32_t truth) {
    if (label == truth) return;
    ++differing;
    hash += MixBits(pair * 0x9e3779b97f4a7c15ULL + static_cast<uint64_t>(label));
    Record(pair, label, batch);
  };
  // Row e of the relation and of the relabeling, then column e of both,
  // read as rows of the quotient's table (the relation's own label of
  // (x, e), x != e, is its class pair's label).
  for (int e : away_) {
    const int32_t* row = relation_.labels.data() + static_cast<size_t>(e) * n;
    const int32_t *out_now = q.OutOf(cls[e]), *in_now = q.InTo(cls[e]);
    const int32_t* in_own = q.InTo(q.class_of[e]);
    for (int x = 0; x < n; ++x) {
      const size_t pair = static_cast<size_t>(e) * n + x;
      visit(pair, x == e ? q.self_label[cls[e]] : out_now[cls[x]], row[x]);
      // (x, e) with x away (e itself among them) is visited from x
      if (!is_away_[x]) visit(static_cast<size_t>(x) * n + e, in_now[cls[x]], in_own[cls[x]]);
    }
  }
  for (int e : away_) is_away_[e] = 0;
  ++added_[batch];
  if (seen_.size() < kMaxDistinct) seen_.insert(hash);
  return static_cast<int64_t>(relation_.entries()) - differing;
}

HypothesisTally::Estimate HypothesisTally::Bound() const {
  const int batches = this->batches();
  int64_t all_added = 0;
  for (int64_t a : added_) all_added += a;
  const double total_pairs = static_cast<double>(relation_.entries());
  const double unchanged = static_cast<double>(relation_.entries() - counts_.size());
  double pooled = 0;
  std::vector<double> guessed(batches, 0.0);
  std::map<int32_t, std::vector<int64_t>> by_label;  // label -> count per batch
  for (size_t slot = 0; slot < counts_.size(); ++slot) {
    by_label.clear();
    std::vector<int64_t> others(batches, 0);  // per batch: labels other than the relation's
    for (const Count& c : counts_[slot]) {
      auto& per_batch = by_label[c.label];
      per_batch.resize(batches, 0);
      per_batch[c.batch] += c.count;
      others[c.batch] += c.count;
    }
    // The relation's own label: what each batch added minus the other labels.
    std::vector<int64_t>& own = by_label[-1];  // labels are >= 0: -1 stands for it
    own.resize(batches);
    for (int b = 0; b < batches; ++b) own[b] = added_[b] - others[b];
    int64_t most = 0;
    for (const auto& [label, counts] : by_label) {
      int64_t sum = 0;
      for (int64_t c : counts) sum += c;
      most = std::max(most, sum);
    }
    pooled += static_cast<double>(most) / static_cast<double>(all_added);
    for (int b = 0; b < batches; ++b) {
      if (added_[b] == 0) continue;
      // The favoured label by the other batches (ties share), this batch's share of it.
      int64_t best = -1;
      double share = 0;
      int tied = 0;
      for (const auto& [label, counts] : by_label) {
        int64_t weight = 0;
        for (int o = 0; o < batches; ++o)
          if (o != b || batches == 1) weight += counts[o];
        if (weight > best) {
          best = weight;
          share = 0;
          tied = 0;
        }
        if (weight == best) {
          share += static_cast<double>(counts[b]);
          ++tied;
        }
      }
      guessed[b] += share / tied / static_cast<double>(added_[b]);
    }
  }
  Estimate estimate;
  estimate.pooled = (unchanged + pooled) / total_pairs;
  for (int b = 0; b < batches; ++b)
    estimate.cross_fitted.push_back((unchanged + guessed[b]) / total_pairs);
  return estimate;
}

double HypothesisTally::Resolution() const {
  int64_t all_added = 0;
  for (int64_t a : added_) all_added += a;
  if (all_added == 0) return 0;
  return static_cast<double>(counts_.size()) / static_cast<double>(relation_.entries()) /
         static_cast<double>(all_added);
}

double HypothesisTally::UnchangedFraction() const {
  return static_cast<double>(relation_.entries() - counts_.size()) /
         static_cast<double>(relation_.entries());
}

}  // namespace geneft::statics
