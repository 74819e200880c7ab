// A study's phase diagram over two swept settings, and the fitted
// memorization-generalization boundary (GenEFT Sec. IV, Fig. 5 and 8).
// Apart from the plugin so it is unit-testable on synthetic grids.
#pragma once

#include "phase_rule.h"

#include <array>
#include <string>
#include <vector>

namespace geneft::phase {

constexpr size_t kPhaseCount = 5;

/// One finished run placed on the diagram.
struct DiagramRun {
  double x = 0;
  double y = 0;
  Phase phase = Phase::kConfusion;
};

/// Runs that share a grid point (replicates or seeds).
struct Cell {
  std::array<int, kPhaseCount> count{};  ///< indexed by Phase
  int runs() const;
  /// Fraction of runs whose test accuracy reached the threshold
  /// (generalization or grokking).
  double Generalizing() const;
  double Memorizing() const;
};

struct PhaseGrid {
  std::vector<double> xs;   ///< distinct x values, ascending
  std::vector<double> ys;   ///< distinct y values, ascending
  std::vector<Cell> cells;  ///< ys.size() rows of xs.size(), row-major (y outer)
  const Cell& at(size_t ix, size_t iy) const { return cells[iy * xs.size() + ix]; }
};

PhaseGrid BuildGrid(const std::vector<DiagramRun>& runs);

/// Log axes when every value is positive and they span at least a factor
/// of 10 (sweeps of learning rates and weight decays are log-spaced).
bool PrefersLogAxis(const std::vector<double>& values);

struct BoundaryFit {
  /// Boundary points in the fit's coordinates (log10 on log axes): on each
  /// edge between neighbouring cells where one cell mostly generalizes and
  /// the other mostly memorizes, where the generalizing fraction, linear
  /// along the edge, crosses 1/2 (the midpoint for single runs).
  std::vector<std::array<double, 2>> points;
  /// The total least squares line (orthogonal distances: the boundary may
  /// be steep or vertical) passes through `centre`, the points' mean, along
  /// `direction`, a unit vector with x >= 0 ((0, 1) when vertical): the
  /// principal axis of the points' covariance. Direction NaN with fewer
  /// than 2 points or when they all coincide; centre NaN without points.
  std::array<double, 2> centre{};
  std::array<double, 2> direction{};
  /// The same line as y = slope * x + intercept; NaN where the direction
  /// is NaN or vertical.
  double slope = 0;
  double intercept = 0;
  double rms = 0;  ///< root mean square orthogonal distance of the points
  /// The grid's finer spacing in the fit's coordinates (median neighbour
  /// distance along x or along y, whichever is smaller), and rms in units
  /// of it. Points of a straight boundary sit on cell edges, so they stray
  /// from the line by under a step (rms_steps <~ 0.7 on the paper's grids);
  /// rms_steps > 1 says the boundary is not one straight line (Fig. 8's
  /// L shape: flat in weight decay, then a weight-decay edge).
  double grid_step = 0;
  double rms_steps = 0;
  /// The line of slope 1 through the points' mean: on log-log axes, the
  /// constant ratio y / x = 10^unit_intercept that Eq. 12 predicts.
  double unit_intercept = 0;
};

BoundaryFit FitBoundary(const PhaseGrid& grid, bool log_x, bool log_y);

}  // namespace geneft::phase
