// The one message for a name that is not among the known ones, with a
// "did you mean" suggestion (ninja's edit_distance.cc manner). Every lookup
// of the host and of the in-tree plugins words it through UnknownName, so a
// typo reads the same everywhere: a command, a TOML key, a swept setting, a
// plugin id, an option's value.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace geneft {

/// Levenshtein distance between a and b.
size_t EditDistance(std::string_view a, std::string_view b);

/// The candidate closest to `word` if it is close enough to be a plausible
/// typo (distance <= max(2, |word| / 3)), else "". Ties go to the earlier
/// candidate.
std::string NearestName(std::string_view word, const std::vector<std::string>& candidates);

/// The whole phrase for an unknown name; `kind` is a singular noun:
///   unknown key 'lr_encc', did you mean 'lr_enc'?      (a candidate is close)
///   unknown key 'zzz' (valid keys: fraction, steps)   (none is close)
///   unknown key 'zzz' (<if_none>)                     (`known` is empty)
/// An empty `if_none` reads "there are no valid <kind>s".
std::string UnknownName(std::string_view kind, std::string_view name,
                        const std::vector<std::string>& known, std::string_view if_none = "");

}  // namespace geneft
