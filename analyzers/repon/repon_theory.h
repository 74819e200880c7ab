// Interacting repon theory (GenEFT Sec. IV, Appendix C): a pair of same-class
// representations ("repons") and the locally linearised decoder between them.
//
// Notation of the paper, with the names geneft uses:
//   eta_x = eta_enc  encoder (embedding) learning rate, moves the repons;
//   eta_A = eta_dec  decoder learning rate, moves the linearised decoder A;
//   a_2   decoder gain along the repon separation (Eq. 9-10);
//   c     half the repon separation r = (x_1 - x_2) / 2 (Eq. 8-10);
//   sigma_a, sigma_c  widths of the Gaussian initial a_2 and c (Eq. 12).
// Every probability depends on the learning rates only through the ratio
// rho = eta_dec / eta_enc, and on the initialisation only through
// sigma_a / sigma_c.
#pragma once

#include <cstdint>
#include <string>

namespace geneft::repon {

// ----- closed forms ---------------------------------------------------------

/// Eq. 12: probability that two repons collide (generalizable representation
/// learning, an upper bound on generalization),
///   p_r = (2/pi) arctan((sigma_a / sigma_c) sqrt(eta_enc / (2 eta_dec))).
/// All arguments > 0; returns a value in (0, 1).
double CollisionProbability(double sigma_a, double sigma_c, double eta_enc, double eta_dec);

/// Eq. 13: one repon joining N others already clustered at one point,
///   p_r = (2/pi) arctan((sigma_a / sigma_c) sqrt(eta_enc / (4 / (1 + 1/N) eta_dec))).
/// N = 1 is Eq. 12; N -> infinity replaces the 2 by 4. N >= 1.
double ClusterJoinProbability(double sigma_a, double sigma_c, double eta_enc, double eta_dec,
                              double n);

/// The ratio eta_dec / eta_enc at which Eq. 13 (Eq. 12 for n = 1) equals
/// `target` in (0, 1): the inverse of Eq. 12/13 in the ratio,
///   rho* = (sigma_a / sigma_c)^2 (1 + 1/N) / (4 tan^2(pi target / 2)).
/// Ratios below rho* give a collision probability above `target`.
double CriticalRatio(double sigma_a, double sigma_c, double target, double n = 1.0);

/// Eq. 11: C = a_2^2 / (2 eta_dec) - c^2 / eta_enc, conserved by Eq. 10.
/// C > 0: the repons collide (c -> 0); C < 0: they stay apart (a_2 -> 0).
double ConservedQuantity(double a2, double c, double eta_enc, double eta_dec);

// ----- Eq. 10 integrated -----------------------------------------------------

/// How Eq. 10 is integrated: Boost.Odeint's Dormand-Prince 5(4)
/// (runge_kutta_dopri5) with its adaptive step-size control.
struct PairOptions {
  // Local error tolerance per step, relative to each component's size
  // (a_2 and c never change sign, so a relative norm is well defined).
  // Range (0, 1e-2]. Smaller is slower and conserves C more tightly: over a
  // decided run C drifts by less than the tolerance (PairResult::max_c_drift).
  double tolerance = 1e-9;
  // The run is decided once |c| or |a_2| fell below this fraction of its
  // initial value: collision if c did, no collision if a_2 did. Range (0, 1).
  double decay = 1e-6;
  // Accepted + rejected steps before giving up ("undecided"). Range >= 1.
  int64_t max_steps = 200000;

  /// Checks ranges; *error reads "tolerance = 0: must be in (0, 0.01]".
  bool IsValid(std::string* error) const;
};

enum class Outcome { kCollision, kNoCollision, kUndecided };

/// "collision", "no_collision", "undecided".
const char* OutcomeName(Outcome outcome);

/// The end of one integration of Eq. 10.
struct PairResult {
  Outcome outcome = Outcome::kUndecided;
  double a2 = 0, c = 0;       ///< final state
  double time = 0;            ///< final t (gradient-flow time, eta t dimensionless)
  int64_t steps = 0;          ///< accepted steps
  int64_t rejected = 0;       ///< rejected steps
  double c_initial = 0;       ///< Eq. 11 at t = 0
  /// max over accepted steps of |C(t) - C(0)| / (a_2(0)^2/(2 eta_dec) + c(0)^2/eta_enc):
  /// the drift of Eq. 11 relative to the size of its two terms.
  double max_c_drift = 0;
};

/// Integrates Eq. 10,
///   da_2/dt = -2 eta_dec c^2 a_2,   dc/dt = -eta_enc a_2^2 c,
/// from (a2, c) until one of them decayed by `options.decay` (the outcome
/// then follows from the trajectory, not from the sign of C), monitoring
/// Eq. 11 along the path. a2 = 0 is a separated start, c = 0 a collided one.
/// Learning rates > 0; options valid.
PairResult IntegratePair(double a2, double c, double eta_enc, double eta_dec,
                         const PairOptions& options);

// ----- Monte Carlo over initial conditions ----------------------------------

struct MonteCarloResult {
  int64_t samples = 0;
  int64_t collisions = 0;
  int64_t undecided = 0;      ///< counted as no collision
  double probability = 0;     ///< collisions / samples
  double error = 0;           ///< binomial standard error sqrt(p (1 - p) / samples)
  double max_c_drift = 0;     ///< worst Eq. 11 drift over all samples
};

/// Draws `samples` initial conditions a_2 ~ N(0, sigma_a^2), c ~ N(0, sigma_c^2)
/// from a generator seeded by `seed` (same seed, same result on every
/// platform), integrates Eq. 10 from each and counts collisions: a Monte
/// Carlo estimate of the probability Eq. 12 gives in closed form.
MonteCarloResult MonteCarloCollisions(double sigma_a, double sigma_c, double eta_enc,
                                      double eta_dec, int64_t samples, uint64_t seed,
                                      const PairOptions& options);

/// Binomial standard error of a fraction k / n (0 when n = 0).
double BinomialError(int64_t k, int64_t n);

// ----- initialisation widths from the model configuration -------------------

/// The model settings that fix sigma_a and sigma_c (keys of the study's
/// [model] table and the decoder mode).
struct InitSettings {
  std::string encoder_init = "normal";  ///< model.encoder_init: "normal" or "uniform"
  double encoder_init_scale = 1.0;      ///< model.encoder_init_scale
  double decoder_init_scale = 1.0;      ///< model.decoder_init_scale
  int64_t embedding_dim = 2;            ///< model.embedding_dim
  int64_t fan_in = 0;                   ///< first decoder layer's input width; 0 = from mode
  std::string decoder_mode = "concat";  ///< decoder_mode.plugin: concat has width 2d, others d
};

/// sigma_c: std of one coordinate of r = (x_1 - x_2) / 2 for two independent
/// embeddings. An embedding coordinate is scale * N(0, 1) (std = scale) or
/// scale * U(-1, 1) (std = scale / sqrt 3); the half difference divides
/// that by sqrt 2. Throws std::invalid_argument for an unknown init.
double SigmaC(const InitSettings& s);

/// sigma_a: std of one first-layer decoder weight, the decoder's gain along
/// the separation: U(-w, w) with w = decoder_init_scale / sqrt(fan_in) has
/// std w / sqrt 3. fan_in = 2 d for the concat mode, d for element-wise modes.
double SigmaA(const InitSettings& s);

}  // namespace geneft::repon
