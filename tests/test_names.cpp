// The one "unknown name" message (common/src/names.cpp): a suggestion when a
// known name is close, else the list of valid names, else why there is none.
#include <geneft/common/names.h>

#include <catch2/catch.hpp>

using geneft::UnknownName;

TEST_CASE("edit distance counts insertions, deletions and substitutions") {
  CHECK(geneft::EditDistance("", "") == 0);
  CHECK(geneft::EditDistance("run", "rn") == 1);
  CHECK(geneft::EditDistance("kitten", "sitting") == 3);
  CHECK(geneft::EditDistance("lr_enc", "lr_dec") == 2);
}

TEST_CASE("a close name is suggested, a far one is not") {
  const std::vector<std::string> known = {"lr_enc", "lr_dec", "steps"};
  CHECK(geneft::NearestName("lr_encc", known) == "lr_enc");
  CHECK(geneft::NearestName("step", known) == "steps");
  CHECK(geneft::NearestName("momentum", known).empty());
  // Ties go to the earlier candidate.
  CHECK(geneft::NearestName("lr_ec", known) == "lr_enc");
}

TEST_CASE("the phrase: a suggestion, else the valid names, else the reason for none") {
  CHECK(UnknownName("key", "lr_encc", {"lr_enc", "steps"}) ==
        "unknown key 'lr_encc', did you mean 'lr_enc'?");
  CHECK(UnknownName("command", "frobnicate", {"run", "check"}) ==
        "unknown command 'frobnicate' (valid commands: run, check)");
  CHECK(UnknownName("key", "n", {}) == "unknown key 'n' (there are no valid keys)");
  CHECK(UnknownName("key", "n", {}, "this plugin takes no parameters") ==
        "unknown key 'n' (this plugin takes no parameters)");
}
