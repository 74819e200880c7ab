#include "repon_theory.h"

#include <boost/numeric/odeint/stepper/controlled_runge_kutta.hpp>
#include <boost/numeric/odeint/stepper/runge_kutta_dopri5.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>
#include <stdexcept>
#include <utility>

namespace geneft::repon {
namespace {

constexpr double kPi = std::numbers::pi;

// Eq. 13 with the pair factor k = 4 / (1 + 1/N) (k = 2 for N = 1, Eq. 12).
double ArctanLaw(double sigma_a, double sigma_c, double eta_enc, double eta_dec, double k) {
  return 2.0 / kPi * std::atan(sigma_a / sigma_c * std::sqrt(eta_enc / (k * eta_dec)));
}

double PairFactor(double n) { return 4.0 / (1.0 + 1.0 / n); }

// Eq. 10 in the time tau = eta_enc t, with rho = eta_dec / eta_enc:
//   da/dtau = -2 rho c^2 a,   dc/dtau = -a^2 c;   the state is (a, c).
using State = std::array<double, 2>;

struct Eq10 {
  double rho;
  void operator()(const State& y, State& rate, double /*tau*/) const {
    rate[0] = -2.0 * rho * y[1] * y[1] * y[0];
    rate[1] = -y[0] * y[0] * y[1];
  }
};

// Eq. 11 times eta_enc: a^2 / (2 rho) - c^2.
double ScaledC(const State& y, double rho) { return y[0] * y[0] / (2.0 * rho) - y[1] * y[1]; }

// Dormand-Prince 5(4) with odeint's step-size control.
using ControlledDopri5 = boost::numeric::odeint::controlled_runge_kutta<
    boost::numeric::odeint::runge_kutta_dopri5<State>>;

// SplitMix64: a small generator whose output is the same everywhere.
class SplitMix64 {
 public:
  explicit SplitMix64(uint64_t seed) : state_(seed) {}
  uint64_t Next() {
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  // Uniform in (0, 1): 53 random bits, never 0.
  double Uniform() { return (static_cast<double>(Next() >> 11) + 0.5) * 0x1.0p-53; }

 private:
  uint64_t state_;
};

// Two independent standard normals by Box-Muller.
std::pair<double, double> NormalPair(SplitMix64& rng) {
  const double radius = std::sqrt(-2.0 * std::log(rng.Uniform()));
  const double angle = 2.0 * kPi * rng.Uniform();
  return {radius * std::cos(angle), radius * std::sin(angle)};
}

}  // namespace

double CollisionProbability(double sigma_a, double sigma_c, double eta_enc, double eta_dec) {
  return ArctanLaw(sigma_a, sigma_c, eta_enc, eta_dec, 2.0);
}

double ClusterJoinProbability(double sigma_a, double sigma_c, double eta_enc, double eta_dec,
                              double n) {
  return ArctanLaw(sigma_a, sigma_c, eta_enc, eta_dec, PairFactor(n));
}

double CriticalRatio(double sigma_a, double sigma_c, double target, double n) {
  const double t = std::tan(kPi * target / 2.0);
  const double s = sigma_a / sigma_c;
  return s * s / (PairFactor(n) * t * t);
}

double ConservedQuantity(double a2, double c, double eta_enc, double eta_dec) {
  return a2 * a2 / (2.0 * eta_dec) - c * c / eta_enc;
}

bool PairOptions::IsValid(std::string* error) const {
  if (!(tolerance > 0 && tolerance <= 1e-2)) {
    *error = "tolerance = " + std::to_string(tolerance) + ": must be in (0, 0.01]";
    return false;
  }
  if (!(decay > 0 && decay < 1)) {
    *error = "decay = " + std::to_string(decay) + ": must be in (0, 1)";
    return false;
  }
  if (max_steps < 1) {
    *error = "max_steps = " + std::to_string(max_steps) + ": must be >= 1";
    return false;
  }
  return true;
}

const char* OutcomeName(Outcome outcome) {
  switch (outcome) {
    case Outcome::kCollision: return "collision";
    case Outcome::kNoCollision: return "no_collision";
    case Outcome::kUndecided: return "undecided";
  }
  return "undecided";
}

PairResult IntegratePair(double a2, double c, double eta_enc, double eta_dec,
                         const PairOptions& options) {
  const double rho = eta_dec / eta_enc;
  State y{a2, c};
  PairResult r;
  r.c_initial = ConservedQuantity(a2, c, eta_enc, eta_dec);
  const auto finish = [&](Outcome outcome, double tau) {
    r.outcome = outcome;
    r.a2 = y[0];
    r.c = y[1];
    r.time = tau / eta_enc;
    return r;
  };
  // Starts on a fixed point: together already, or no force between them.
  if (c == 0) return finish(Outcome::kCollision, 0);
  if (a2 == 0) return finish(Outcome::kNoCollision, 0);

  const double c0 = ScaledC(y, rho);
  const double scale = a2 * a2 / (2.0 * rho) + c * c;
  const double a_stop = options.decay * std::abs(a2), c_stop = options.decay * std::abs(c);
  // First step: a small fraction of the faster of the two decay times.
  double h = 1e-3 / std::max(2.0 * rho * c * c, a2 * a2);
  double tau = 0;
  // Each component's local error is measured against the tolerance times
  // its size before the step: no absolute part and, unlike make_controlled's
  // default, no dt |dx/dt| term. Neither a nor c changes sign and both only
  // shrink, so that size is the larger of the two around the step.
  ControlledDopri5 stepper(ControlledDopri5::error_checker_type(0.0, options.tolerance, 1.0, 0.0));
  const Eq10 system{rho};
  for (int64_t attempt = 0; attempt < options.max_steps; ++attempt) {
    if (stepper.try_step(system, y, tau, h) == boost::numeric::odeint::fail) {
      ++r.rejected;
      continue;
    }
    ++r.steps;
    // Rates past the double range (|a|, |c| near 1e100) make a NaN that
    // odeint's error norm does not see; no smaller step can help.
    if (!std::isfinite(y[0]) || !std::isfinite(y[1])) return finish(Outcome::kUndecided, tau);
    r.max_c_drift = std::max(r.max_c_drift, std::abs(ScaledC(y, rho) - c0) / scale);
    if (std::abs(y[1]) <= c_stop) return finish(Outcome::kCollision, tau);
    if (std::abs(y[0]) <= a_stop) return finish(Outcome::kNoCollision, tau);
  }
  return finish(Outcome::kUndecided, tau);
}

double BinomialError(int64_t k, int64_t n) {
  if (n <= 0) return 0;
  const double p = static_cast<double>(k) / static_cast<double>(n);
  return std::sqrt(p * (1.0 - p) / static_cast<double>(n));
}

MonteCarloResult MonteCarloCollisions(double sigma_a, double sigma_c, double eta_enc,
                                      double eta_dec, int64_t samples, uint64_t seed,
                                      const PairOptions& options) {
  MonteCarloResult m;
  SplitMix64 rng(seed);
  for (int64_t i = 0; i < samples; ++i) {
    const auto [za, zc] = NormalPair(rng);
    const PairResult r = IntegratePair(sigma_a * za, sigma_c * zc, eta_enc, eta_dec, options);
    ++m.samples;
    if (r.outcome == Outcome::kCollision) ++m.collisions;
    if (r.outcome == Outcome::kUndecided) ++m.undecided;
    m.max_c_drift = std::max(m.max_c_drift, r.max_c_drift);
  }
  if (m.samples > 0) m.probability = static_cast<double>(m.collisions) / m.samples;
  m.error = BinomialError(m.collisions, m.samples);
  return m;
}

double SigmaC(const InitSettings& s) {
  double coordinate = 0;
  if (s.encoder_init == "normal") {
    coordinate = s.encoder_init_scale;
  } else if (s.encoder_init == "uniform") {
    coordinate = s.encoder_init_scale / std::sqrt(3.0);
  } else {
    throw std::invalid_argument("model.encoder_init = \"" + s.encoder_init +
                                "\": expected normal or uniform");
  }
  // r = (x_1 - x_2) / 2: variance 2 sigma^2 / 4.
  return coordinate / std::sqrt(2.0);
}

double SigmaA(const InitSettings& s) {
  int64_t fan_in = s.fan_in;
  if (fan_in <= 0) fan_in = (s.decoder_mode == "concat" ? 2 : 1) * s.embedding_dim;
  if (fan_in <= 0)
    throw std::invalid_argument("decoder fan-in " + std::to_string(fan_in) + ": must be >= 1");
  const double half_width = s.decoder_init_scale / std::sqrt(static_cast<double>(fan_in));
  return half_width / std::sqrt(3.0);
}

}  // namespace geneft::repon
