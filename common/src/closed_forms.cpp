#include <geneft/common/closed_forms.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <numbers>

namespace geneft::statics {

double Log2Factorial(int n) { return std::lgamma(n + 1.0) / std::numbers::ln2; }

double OrbitBits(int n, double log2_automorphisms) {
  const double log2_all = Log2Factorial(n);
  const double bits = log2_all - log2_automorphisms;
  // lgamma and nauty's |Aut| carry relative errors near 1e-15 of log2 n!.
  return bits > 1e-12 * std::max(1.0, log2_all) ? bits : 0.0;
}

double ExactBitsForClasses(const std::vector<int>& class_sizes) {
  int n = 0;
  double log2_aut = 0;
  std::map<int, int> classes_of_size;
  for (int c : class_sizes) {
    n += c;
    log2_aut += Log2Factorial(c);
    ++classes_of_size[c];
  }
  for (const auto& [size, count] : classes_of_size) log2_aut += Log2Factorial(count);
  return OrbitBits(n, log2_aut);
}

double ExactBitsTotalOrder(int n) { return Log2Factorial(n); }

double ExactBitsCompleteBipartite(int a, int c) { return ExactBitsForClasses({a, c}); }

}  // namespace geneft::statics
