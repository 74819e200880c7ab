#include <geneft/common/names.h>

#include <algorithm>
#include <numeric>

namespace geneft {

size_t EditDistance(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  std::iota(row.begin(), row.end(), size_t{0});
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t substitution = diagonal + (a[i - 1] == b[j - 1] ? 0 : 1);
      diagonal = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, substitution});
    }
  }
  return row[b.size()];
}

std::string NearestName(std::string_view word, const std::vector<std::string>& candidates) {
  const size_t limit = std::max<size_t>(2, word.size() / 3);
  std::string best;
  size_t best_distance = limit + 1;
  for (const std::string& candidate : candidates) {
    const size_t d = EditDistance(word, candidate);
    if (d < best_distance) {
      best_distance = d;
      best = candidate;
    }
  }
  return best;
}

std::string UnknownName(std::string_view kind, std::string_view name,
                        const std::vector<std::string>& known, std::string_view if_none) {
  std::string message = "unknown " + std::string(kind) + " '" + std::string(name) + "'";
  const std::string nearest = NearestName(name, known);
  if (!nearest.empty()) return message + ", did you mean '" + nearest + "'?";
  if (known.empty()) {
    return message + " (" +
           (if_none.empty() ? "there are no valid " + std::string(kind) + "s"
                            : std::string(if_none)) +
           ")";
  }
  std::string list;
  for (const std::string& k : known) list += (list.empty() ? "" : ", ") + k;
  return message + " (valid " + std::string(kind) + "s: " + list + ")";
}

}  // namespace geneft
