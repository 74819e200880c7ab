// Principal components of a point cloud (common/principal_components.h), the
// axes the representation analyzer and the report's embedding figure read:
// clouds built from known, uncorrelated coordinates along known orthonormal
// axes, solved through the scatter matrix (d <= n) and the Gram matrix (d > n).
#include <geneft/common/principal_components.h>

#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

using geneft::FindPrincipalComponents;

namespace {

constexpr size_t kPoints = 12;

// Three coordinates per point, zero mean and pairwise uncorrelated: a ramp
// (variance 143/12), a (+, -, -, +) pattern (variance 1) and 0.1 times the
// cubic contrast (1, -3, 3, -1) (variance 0.05), each repeating every 4 points.
std::vector<std::vector<double>> Coordinates() {
  const double pattern[4] = {1, -1, -1, 1}, cubic[4] = {1, -3, 3, -1};
  std::vector<std::vector<double>> coordinates(3, std::vector<double>(kPoints));
  for (size_t i = 0; i < kPoints; ++i) {
    coordinates[0][i] = static_cast<double>(i) - 5.5;
    coordinates[1][i] = pattern[i % 4];
    coordinates[2][i] = 0.1 * cubic[i % 4];
  }
  return coordinates;
}

// Point i = offset + sum_c coordinates[c][i] axis_c in R^d, the orthonormal
// axes (1, 2, 2) / 3, (2, 1, -2) / 3, (2, -2, 1) / 3 in the first three
// dimensions; row-major kPoints x d.
std::vector<double> Cloud(size_t d) {
  const double axes[3][3] = {{1, 2, 2}, {2, 1, -2}, {2, -2, 1}};
  const auto coordinates = Coordinates();
  std::vector<double> rows(kPoints * d);
  for (size_t i = 0; i < kPoints; ++i)
    for (size_t k = 0; k < d; ++k) {
      double v = 0.5 * static_cast<double>(k) - 3;  // the offset
      for (size_t c = 0; c < 3 && k < 3; ++c) v += coordinates[c][i] * axes[c][k] / 3;
      rows[i * d + k] = v;
    }
  return rows;
}

// Scores equal the expected coordinates up to the axis's sign.
void CheckScores(const std::vector<double>& scores, const std::vector<double>& expected) {
  REQUIRE(scores.size() == expected.size());
  const double sign = scores[0] * expected[0] >= 0 ? 1 : -1;
  for (size_t i = 0; i < scores.size(); ++i) CHECK(sign * scores[i] == Approx(expected[i]).margin(1e-9));
}

}  // namespace

TEST_CASE("principal components of a cloud with known axes, through either product") {
  const auto coordinates = Coordinates();
  // d = 3 diagonalises the 3 x 3 scatter matrix; d = 20 > 12 points the
  // 12 x 12 Gram matrix, which must give the same components.
  for (size_t d : {3u, 20u}) {
    INFO("d = " << d);
    const auto pc = FindPrincipalComponents(Cloud(d), kPoints, d, 3);
    REQUIRE(pc.variance.size() == 3);
    REQUIRE(pc.scores.size() == 3);
    CHECK(pc.variance[0] == Approx(143.0 / 12));
    CHECK(pc.variance[1] == Approx(1.0));
    CHECK(pc.variance[2] == Approx(0.05));
    for (size_t c = 0; c < 3; ++c) CheckScores(pc.scores[c], coordinates[c]);
  }
  // Beyond the cloud's rank (3) there is no spread.
  const auto all = FindPrincipalComponents(Cloud(20), kPoints, 20, 5);
  REQUIRE(all.variance.size() == 5);
  CHECK(all.variance[3] == Approx(0.0).margin(1e-12));
  for (double s : all.scores[4]) CHECK(s == Approx(0.0).margin(1e-6));
}

TEST_CASE("principal components: at most d, zero for a point, NaN for non-finite input") {
  CHECK(FindPrincipalComponents(Cloud(3), kPoints, 3, 7).scores.size() == 3);
  CHECK(FindPrincipalComponents({}, 0, 2, 2).scores.size() == 2);
  // Every point the same: no spread in any direction, by either product.
  for (size_t n : {5u, 2u}) {
    const auto pc = FindPrincipalComponents(std::vector<double>(n * 4, 1.5), n, 4, 2);
    for (size_t c = 0; c < 2; ++c) {
      CHECK(pc.variance[c] == 0);
      for (double s : pc.scores[c]) CHECK(s == 0);
    }
  }
  std::vector<double> rows = Cloud(3);
  rows[7] = std::nan("");
  const auto pc = FindPrincipalComponents(rows, kPoints, 3, 2);
  CHECK(std::isnan(pc.variance[0]));
  CHECK(std::isnan(pc.scores[1][0]));
}
