#include "phase_diagram.h"

#include <Eigen/Dense>

#include <algorithm>
#include <cmath>
#include <limits>

namespace geneft::phase {
namespace {

size_t IndexOf(const std::vector<double>& sorted, double v) {
  return static_cast<size_t>(std::lower_bound(sorted.begin(), sorted.end(), v) - sorted.begin());
}

std::vector<double> Distinct(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
  return v;
}

// Mostly generalizing / mostly memorizing, as the boundary sees a cell.
bool Generalizes(const Cell& c) { return c.runs() > 0 && c.Generalizing() >= 0.5; }
bool Memorizes(const Cell& c) { return c.runs() > 0 && c.Memorizing() >= 0.5; }

// Median distance between neighbouring values (log10 on a log axis);
// infinity for fewer than two values.
double MedianStep(const std::vector<double>& sorted, bool log) {
  std::vector<double> steps;
  for (size_t i = 1; i < sorted.size(); ++i)
    steps.push_back(log ? std::log10(sorted[i] / sorted[i - 1]) : sorted[i] - sorted[i - 1]);
  if (steps.empty()) return std::numeric_limits<double>::infinity();
  std::nth_element(steps.begin(), steps.begin() + steps.size() / 2, steps.end());
  return steps[steps.size() / 2];
}

}  // namespace

int Cell::runs() const {
  int total = 0;
  for (int c : count) total += c;
  return total;
}

double Cell::Generalizing() const {
  const int n = runs();
  if (n == 0) return std::nan("");
  return static_cast<double>(count[static_cast<size_t>(Phase::kGeneralization)] +
                             count[static_cast<size_t>(Phase::kGrokking)]) / n;
}

double Cell::Memorizing() const {
  const int n = runs();
  if (n == 0) return std::nan("");
  return static_cast<double>(count[static_cast<size_t>(Phase::kMemorization)]) / n;
}

PhaseGrid BuildGrid(const std::vector<DiagramRun>& runs) {
  PhaseGrid grid;
  std::vector<double> xs, ys;
  for (const DiagramRun& r : runs) {
    xs.push_back(r.x);
    ys.push_back(r.y);
  }
  grid.xs = Distinct(std::move(xs));
  grid.ys = Distinct(std::move(ys));
  grid.cells.resize(grid.xs.size() * grid.ys.size());
  for (const DiagramRun& r : runs) {
    const size_t cell = IndexOf(grid.ys, r.y) * grid.xs.size() + IndexOf(grid.xs, r.x);
    ++grid.cells[cell].count[static_cast<size_t>(r.phase)];
  }
  return grid;
}

bool PrefersLogAxis(const std::vector<double>& values) {
  if (values.empty()) return false;
  const auto [lo, hi] = std::minmax_element(values.begin(), values.end());
  return *lo > 0 && *hi / *lo >= 10;
}

BoundaryFit FitBoundary(const PhaseGrid& grid, bool log_x, bool log_y) {
  BoundaryFit fit;
  const auto coord = [](double v, bool log) { return log ? std::log10(v) : v; };
  // A point on the edge from cell a (at pa) to cell b (at pb), where the
  // generalizing fraction crosses 1/2.
  const auto edge = [&](const Cell& a, const Cell& b, std::array<double, 2> pa,
                        std::array<double, 2> pb) {
    const Cell* gen = &a;
    const Cell* mem = &b;
    if (!(Generalizes(a) && Memorizes(b))) {
      if (!(Generalizes(b) && Memorizes(a))) return;
      std::swap(gen, mem);
      std::swap(pa, pb);
    }
    const double g = gen->Generalizing(), m = mem->Generalizing();
    const double t = g > m ? (g - 0.5) / (g - m) : 0.5;
    fit.points.push_back({pa[0] + t * (pb[0] - pa[0]), pa[1] + t * (pb[1] - pa[1])});
  };
  for (size_t iy = 0; iy < grid.ys.size(); ++iy) {
    for (size_t ix = 0; ix < grid.xs.size(); ++ix) {
      const std::array<double, 2> here = {coord(grid.xs[ix], log_x), coord(grid.ys[iy], log_y)};
      if (ix + 1 < grid.xs.size())
        edge(grid.at(ix, iy), grid.at(ix + 1, iy), here,
             {coord(grid.xs[ix + 1], log_x), here[1]});
      if (iy + 1 < grid.ys.size())
        edge(grid.at(ix, iy), grid.at(ix, iy + 1), here,
             {here[0], coord(grid.ys[iy + 1], log_y)});
    }
  }

  const double nan = std::numeric_limits<double>::quiet_NaN();
  fit.slope = fit.intercept = fit.rms = fit.unit_intercept = fit.grid_step = fit.rms_steps = nan;
  fit.centre = fit.direction = {nan, nan};
  const size_t n = fit.points.size();
  if (n == 0) return fit;
  Eigen::Vector2d mean = Eigen::Vector2d::Zero();
  for (const auto& p : fit.points) mean += Eigen::Vector2d(p[0], p[1]) / static_cast<double>(n);
  fit.centre = {mean.x(), mean.y()};
  fit.unit_intercept = mean.y() - mean.x();
  if (n < 2) return fit;
  Eigen::Matrix2d covariance = Eigen::Matrix2d::Zero();
  for (const auto& p : fit.points) {
    const Eigen::Vector2d offset = Eigen::Vector2d(p[0], p[1]) - mean;
    covariance += offset * offset.transpose() / static_cast<double>(n);
  }
  // Eigenvalues ascend: the larger's eigenvector runs along the best line,
  // the smaller's is its normal. The distances are measured along the
  // normal rather than read off the smaller eigenvalue, whose rounding
  // error (relative to the larger) a square root would blow up to 1e-8.
  const Eigen::SelfAdjointEigenSolver<Eigen::Matrix2d> solver(covariance);
  const Eigen::Vector2d normal = solver.eigenvectors().col(0);
  double squares = 0;
  for (const auto& p : fit.points) {
    const double distance = (Eigen::Vector2d(p[0], p[1]) - mean).dot(normal);
    squares += distance * distance;
  }
  fit.rms = std::sqrt(squares / static_cast<double>(n));
  fit.grid_step = std::min(MedianStep(grid.xs, log_x), MedianStep(grid.ys, log_y));
  if (!std::isfinite(fit.grid_step)) fit.grid_step = nan;
  fit.rms_steps = fit.grid_step > 0 ? fit.rms / fit.grid_step : nan;
  if (covariance.isZero(0)) return fit;  // coincident points define no line
  Eigen::Vector2d along = solver.eigenvectors().col(1);
  if (along.x() < 0 || (along.x() == 0 && along.y() < 0)) along = -along;
  fit.direction = {along.x(), along.y()};
  if (along.x() < 1e-12) return fit;  // vertical
  fit.slope = along.y() / along.x();
  fit.intercept = mean.y() - fit.slope * mean.x();
  return fit;
}

}  // namespace geneft::phase
