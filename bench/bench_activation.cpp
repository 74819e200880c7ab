// Benchmark: the trainer's float tanh (train/activation.h, FastTanh) beside
// Eigen's vectorised tanh and libm's std::tanh, on one hidden layer's worth
// of values (50 units x 688 padded pairs) at the build's baseline
// instruction set, the same for all three. Prints nanoseconds per element
// (median of `repeats` runs of `passes` passes), the largest error in float
// ulps against double tanh on [-10, 10], and what each makes of NaN. It
// backs docs/numerics.md; nothing here fails on speed.
#include "train/activation.h"

#include <Eigen/Core>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <vector>

namespace {

// Median seconds of `repeats` runs of `passes` calls of f.
template <class F>
double MedianSeconds(F f, int repeats, int passes) {
  std::vector<double> times;
  for (int r = 0; r < repeats; ++r) {
    const auto start = std::chrono::steady_clock::now();
    for (int p = 0; p < passes; ++p) f();
    times.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }
  std::sort(times.begin(), times.end());
  return times[times.size() / 2];
}

// Keeps the compiler from dropping stores nobody reads.
void Touch(const float* data) { asm volatile("" : : "r"(data) : "memory"); }

// |value - tanh(x)| in float ulps of tanh(x), computed in double.
double UlpError(float value, float x) {
  const double exact = std::tanh(static_cast<double>(x));
  const float magnitude = static_cast<float>(std::fabs(exact));
  const double ulp = std::nextafter(magnitude, 2.0f) - magnitude;
  return std::fabs(static_cast<double>(value) - exact) / ulp;
}

}  // namespace

int main(int argc, char** argv) {
  const int passes = argc > 1 ? std::atoi(argv[1]) : 200;
  const int repeats = argc > 2 ? std::atoi(argv[2]) : 7;
  const int n = 50 * 688;
  Eigen::ArrayXf z(n), h(n);
  for (int i = 0; i < n; ++i) z[i] = -6.0f + 12.0f * static_cast<float>(i) / n;
  const float* in = z.data();
  float* out = h.data();

  const double ours = MedianSeconds([&] {
    for (int i = 0; i < n; ++i) out[i] = geneft::FastTanh(in[i]);
    Touch(out);
  }, repeats, passes);
  const double eigen = MedianSeconds([&] {
    h = z.tanh();
    Touch(out);
  }, repeats, passes);
  const double libm = MedianSeconds([&] {
    for (int i = 0; i < n; ++i) out[i] = std::tanh(in[i]);
    Touch(out);
  }, repeats, passes);

  const int samples = 1 << 20;
  Eigen::ArrayXf grid(samples);
  for (int i = 0; i < samples; ++i) grid[i] = -10.0f + 20.0f * static_cast<float>(i) / samples;
  const Eigen::ArrayXf eigen_values = grid.tanh();
  double ours_ulp = 0, eigen_ulp = 0, libm_ulp = 0;
  for (int i = 0; i < samples; ++i) {
    ours_ulp = std::max(ours_ulp, UlpError(geneft::FastTanh(grid[i]), grid[i]));
    eigen_ulp = std::max(eigen_ulp, UlpError(eigen_values[i], grid[i]));
    libm_ulp = std::max(libm_ulp, UlpError(std::tanh(grid[i]), grid[i]));
  }
  Eigen::ArrayXf nan_in = Eigen::ArrayXf::Constant(16, std::numeric_limits<float>::quiet_NaN());
  const Eigen::ArrayXf nan_out = nan_in.tanh();

  const auto ns = [&](double seconds) { return seconds / passes / n * 1e9; };
  std::printf("float tanh on %d values, %d passes, median of %d (baseline instruction set)\n", n,
              passes, repeats);
  std::printf("%-28s %12s %14s %10s\n", "", "ns/element", "max err (ulp)", "tanh(NaN)");
  std::printf("%-28s %12.3f %14.2f %10g\n", "geneft FastTanh", ns(ours), ours_ulp,
              geneft::FastTanh(std::numeric_limits<float>::quiet_NaN()));
  std::printf("%-28s %12.3f %14.2f %10g\n", "Eigen ArrayXf::tanh", ns(eigen), eigen_ulp,
              nan_out[0]);
  std::printf("%-28s %12.3f %14.2f %10g\n", "std::tanh (libm, scalar)", ns(libm), libm_ulp,
              std::tanh(std::numeric_limits<float>::quiet_NaN()));
  std::printf("Eigen / FastTanh time: %.2f\n", eigen / ours);
  return 0;
}
