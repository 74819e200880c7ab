#include <geneft/common/relation_matrix.h>

#include <stdexcept>
#include <string>

namespace geneft::statics {

RelationMatrix RelationMatrix::FromLabels(const int32_t* labels, int n) {
  if (n < 1) throw std::invalid_argument("relation: n = " + std::to_string(n) + " must be >= 1");
  RelationMatrix r;
  r.n = n;
  r.ones.resize(static_cast<size_t>(n) * n);
  for (size_t e = 0; e < r.ones.size(); ++e) {
    if (labels[e] != 0 && labels[e] != 1)
      throw std::invalid_argument("relation: label " + std::to_string(labels[e]) + " at pair (" +
                                  std::to_string(e / n) + ", " + std::to_string(e % n) +
                                  ") is not 0 or 1");
    r.ones[e] = static_cast<uint8_t>(labels[e]);
  }
  return r;
}

}  // namespace geneft::statics
