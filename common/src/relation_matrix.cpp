#include <geneft/common/relation_matrix.h>

#include <stdexcept>
#include <string>

namespace geneft::statics {
namespace {

void RequireElements(int n) {
  if (n < 1) throw std::invalid_argument("relation: n = " + std::to_string(n) + " must be >= 1");
}

std::string Pair(size_t e, int n) {
  return "(" + std::to_string(e / n) + ", " + std::to_string(e % n) + ")";
}

}  // namespace

RelationMatrix RelationMatrix::FromLabels(const int32_t* labels, int n) {
  RequireElements(n);
  RelationMatrix r;
  r.n = n;
  r.ones.resize(static_cast<size_t>(n) * n);
  for (size_t e = 0; e < r.ones.size(); ++e) {
    if (labels[e] != 0 && labels[e] != 1)
      throw std::invalid_argument("relation: label " + std::to_string(labels[e]) + " at pair " +
                                  Pair(e, n) + " is not 0 or 1");
    r.ones[e] = static_cast<uint8_t>(labels[e]);
  }
  return r;
}

LabelMatrix LabelMatrix::FromLabels(const int32_t* labels, int n, int classes) {
  RequireElements(n);
  if (classes < 1)
    throw std::invalid_argument("relation: " + std::to_string(classes) +
                                " label classes, must be >= 1");
  LabelMatrix r;
  r.n = n;
  r.classes = classes;
  r.labels.assign(labels, labels + static_cast<size_t>(n) * n);
  for (size_t e = 0; e < r.labels.size(); ++e)
    if (r.labels[e] < 0 || r.labels[e] >= classes)
      throw std::invalid_argument("relation: label " + std::to_string(r.labels[e]) +
                                  " at pair " + Pair(e, n) + " is outside 0 .. " +
                                  std::to_string(classes - 1));
  return r;
}

LabelMatrix LabelMatrix::FromRelation(const RelationMatrix& relation) {
  LabelMatrix r;
  r.n = relation.n;
  r.classes = 2;
  r.labels.assign(relation.ones.begin(), relation.ones.end());
  return r;
}

}  // namespace geneft::statics
