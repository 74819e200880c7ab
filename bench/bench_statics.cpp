// Benchmark: the full Fig. 2 computation of the paper (Sec. III, Appendix D)
// on one core. Four relations at n = 30 (mod 3, mod 5, greater-than,
// complete bipartite 15/15); 20 training fractions; 10 random training sets
// per fraction; the orbit reading of the bound (exact where cheap, else sampled).
// Prints b (closed form, automorphism group, Table II), p_c (Eq. 4), the
// curves f (Eq. 3), f_UB (Eq. 5) and the Monte Carlo bound, and wall times.
// No assertion on speed (target: under 30 s).
#include <geneft/common/closed_forms.h>
#include "completion_model.h"
#include <geneft/common/description_length.h>
#include "eq_formulas.h"
#include "monte_carlo_bound.h"
#include "paper_relations.h"

#include <chrono>
#include <cstdio>
#include <vector>

using namespace geneft::statics;

namespace {

double Seconds(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

// The closed form each built-in relation declares (Sec. III).
double ClosedForm(const CompletionModel& model, int n) {
  if (model.structure == Structure::kTotalOrder) return ExactBitsTotalOrder(n);
  return ExactBitsForClasses(model.class_sizes);
}

}  // namespace

int main() {
  const int n = 30, fractions = 20;
  const double alpha = 0.9;
  BoundSettings settings;  // 10 training sets, default exact-work limit and samplers
  const std::vector<NamedRelation> relations = {EqualModulo(n, 3), EqualModulo(n, 5), LessThan(n),
                                                CompleteBipartite(n, n / 2)};
  std::printf("Fig. 2 (paper Sec. III, Appendix D): n = %d, %d fractions, %d training sets each, "
              "method %s\n",
              n, fractions, settings.training_sets, BoundMethodName(settings.method));

  const auto start_all = std::chrono::steady_clock::now();
  const std::vector<double> x = EvenFractions(fractions);
  for (const NamedRelation& r : relations) {
    const auto start = std::chrono::steady_clock::now();
    const CompletionModel model = ModelForRelation(r.matrix, r.properties);
    const double b_closed = ClosedForm(model, n);
    const double b_exact = DescriptionLengthFromAutomorphisms(r.matrix);
    const double b_table = TableTwoBits(n, r.properties, model.classes).value();
    const double p_star = GuessProbability(model);
    const double total = r.matrix.entries();
    const BoundRelation relation(LabelMatrix::FromRelation(r.matrix), r.properties,
                                 settings.method);
    std::printf("%s: %s\n  bound: %s\n", r.name.c_str(), model.Describe().c_str(),
                relation.Method(settings).c_str());
    std::printf("  b closed form (Sec. III)          %9.3f bits\n", b_closed);
    std::printf("  b = log2(n!/|Aut|) (nauty)        %9.3f bits\n", b_exact);
    std::printf("  b Table II approximation          %9.3f bits (%+.3f vs exact)\n", b_table,
                b_table - b_exact);
    std::printf("  p* (text after Eq. 5)             %9.4f\n", p_star);
    std::printf("  p_c for alpha = %.2f (Eq. 4)      %9.4f\n", alpha,
                CriticalFraction(b_exact, alpha, total));
    std::printf("  %8s %10s %10s %20s %20s\n", "fraction", "f Eq.3", "f_UB Eq.5",
                "f_UB MC +- SE", "inferred +- SE");
    for (size_t i = 0; i < x.size(); ++i) {
      const BoundPoint p = AverageBound(relation, x[i], i, settings);
      const double f = InferableFraction(b_exact, double(p.training_pairs));
      std::printf("  %8.2f %10.4f %10.4f %12.4f +- %.4f %12.4f +- %.4f\n", x[i], f,
                  AccuracyUpperBound(f, p_star), p.mean, p.error_of_mean, p.inferred_mean,
                  p.inferred_error);
    }
    std::printf("  wall time %.3f s\n\n", Seconds(start));
  }
  std::printf("Fig. 2 total wall time: %.3f s (one core; target < 30 s)\n", Seconds(start_all));
  return 0;
}
