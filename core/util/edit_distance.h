// "Did you mean ...?" suggestions for unknown keys and plugin ids.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace geneft {

/// Levenshtein distance between a and b.
size_t EditDistance(std::string_view a, std::string_view b);

/// The candidate closest to `word` if it is close enough to be a plausible
/// typo (distance <= max(2, |word| / 3)), else "".
std::string NearestWord(std::string_view word, const std::vector<std::string>& candidates);

/// ", did you mean 'x'?" or "" when nothing is close.
std::string DidYouMean(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace geneft
