// `geneft theory`'s table written as results arrive (TheoryTableStream):
// what a user sees before a slow result, such as the Monte Carlo bound, is done.
#include "cli/theory_text.h"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using geneft::AnalysisResults;
using geneft::SeriesResult;
using geneft::TheoryTableStream;

TEST_CASE("theory's table writes each result once, curves as soon as a later result follows them") {
  std::vector<std::string> written;
  TheoryTableStream stream([&](const std::string& text) { written.push_back(text); });
  AnalysisResults r;

  r.scalars.emplace_back("info_bound.b", 39.75);
  stream.Update(r);
  REQUIRE(written.size() == 1);
  CHECK_THAT(written[0], Catch::StartsWith("info_bound.b") && Catch::Contains("39.75"));

  // A curve waits: more curves of the same table may follow.
  r.series.push_back(SeriesResult{"info_bound.f_formula", {0.5, 1}, {0.9, 1}, {}});
  stream.Update(r);
  CHECK(written.size() == 1);

  // The next line (the slow bound's description) first flushes the curve.
  r.texts.emplace_back("info_bound.monte_carlo", "orbit reading");
  stream.Update(r);
  REQUIRE(written.size() == 3);
  CHECK_THAT(written[1], Catch::Contains("info_bound.f_formula") && Catch::Contains("0.9"));
  CHECK_THAT(written[2], Catch::StartsWith("info_bound.monte_carlo") &&
                             Catch::Contains("orbit reading"));

  // The bound's curve comes out at Finish; nothing is written twice.
  r.series.push_back(SeriesResult{"info_bound.f_ub_monte_carlo", {0.5, 1}, {0.95, 1}, {0.01, 0}});
  stream.Update(r);
  stream.Finish(r);
  REQUIRE(written.size() == 4);
  CHECK_THAT(written[3], Catch::Contains("info_bound.f_ub_monte_carlo_err") &&
                             !Catch::Contains("info_bound.f_formula"));
  stream.Finish(r);
  CHECK(written.size() == 4);
}
