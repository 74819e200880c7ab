#include "relation_clusters.h"

#include <algorithm>
#include <map>

namespace geneft::repon {

Clusters IndistinguishableClusters(uint32_t n, const int32_t* labels) {
  Clusters out;
  out.cluster_of.resize(n);
  // An element's signature is its row followed by its column.
  std::map<std::vector<int32_t>, uint32_t> index;
  std::vector<uint32_t> sizes;
  std::vector<int32_t> signature(2 * static_cast<size_t>(n));
  for (uint32_t x = 0; x < n; ++x) {
    for (uint32_t z = 0; z < n; ++z) {
      signature[z] = labels[static_cast<size_t>(x) * n + z];
      signature[n + z] = labels[static_cast<size_t>(z) * n + x];
    }
    auto [it, added] = index.emplace(signature, static_cast<uint32_t>(sizes.size()));
    if (added) sizes.push_back(0);
    out.cluster_of[x] = it->second;
    ++sizes[it->second];
  }
  out.count = static_cast<uint32_t>(sizes.size());
  out.largest = sizes.empty() ? 0 : *std::max_element(sizes.begin(), sizes.end());
  return out;
}

}  // namespace geneft::repon
