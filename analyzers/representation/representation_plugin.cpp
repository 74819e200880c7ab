// Analyzer `representation`: how well each run's final embeddings have the
// shape its relation asks for (see representation.h for the metrics):
//   representation.kind           "collapse", "monotonicity", "rqi_line",
//                                 "rqi_circle" or "none"
//   representation.collapse       equivalence relations: within / between
//   representation.classes        ... and the number of classes
//   representation.monotonicity   strict total orders: |Spearman| on PC 1
//   representation.rqi            additive tasks: fraction of parallelograms
//   representation.parallelograms ... and how many were counted
//   representation.note           why a metric is missing, when it is
#include "representation.h"

#include <geneft/common/names.h>
#include <geneft/plugin.hpp>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

namespace {

namespace rep = geneft::representation;
using geneft::sdk::Error;

const geneft_param_spec kParams[] = {
    {"delta", GENEFT_PARAM_DOUBLE, "0.01",
     "RQI tolerance: a parallelogram counts when its mean squared residual (per-dimension "
     "standardized embeddings) is below delta; 0.01 as Liu et al. 2022"},
    {"kind", GENEFT_PARAM_STRING, "\"auto\"",
     "metric: auto (from the relation's structure), collapse, monotonicity, rqi_line or "
     "rqi_circle"},
};

const std::vector<std::string> kKinds = {"auto", "collapse", "monotonicity", "rqi_line",
                                         "rqi_circle"};

class RepresentationAnalyzer {
 public:
  explicit RepresentationAnalyzer(const geneft::sdk::Params& p)
      : kind_(p.string("kind")) {
    options_.delta = p.real("delta");
    if (!(options_.delta > 0) || !std::isfinite(options_.delta))
      throw Error("delta = " + std::to_string(options_.delta) + ": must be finite and > 0");
    if (std::find(kKinds.begin(), kKinds.end(), kind_) == kKinds.end())
      throw Error(geneft::UnknownName("kind", kind_, kKinds));
  }

  void analyze_run(const geneft_run_view& run, const geneft::sdk::Sink& sink) const {
    const geneft_relation_view& relation = *run.relation;
    const uint32_t n = relation.info->n;
    const std::vector<int32_t> labels(relation.labels, relation.labels + size_t{n} * n);
    const rep::Embeddings e = rep::FromFloats(n, run.embedding_dim, run.embeddings);

    // Structure first: declared flags are verified by the host, and the
    // labels decide the classes / ranks either way.
    const bool binary = relation.info->num_classes == 2;
    std::vector<uint32_t> classes;
    std::vector<double> ranks;
    if (binary) classes = rep::EquivalenceClasses(n, labels);
    if (binary && classes.empty()) ranks = rep::TotalOrderRanks(n, labels);
    const rep::Additive additive = rep::DetectAdditive(n, labels);

    std::string kind = kind_;
    if (kind == "auto") {
      if (!classes.empty()) kind = "collapse";
      else if (!ranks.empty()) kind = "monotonicity";
      else if (additive == rep::Additive::kLine) kind = "rqi_line";
      else if (additive == rep::Additive::kCircle) kind = "rqi_circle";
      else kind = "none";
    }
    sink.text("kind", kind);

    std::string err;
    if (kind == "collapse") {
      if (classes.empty()) return Note(sink, "the labels are not an equivalence relation");
      rep::CollapseResult r;
      if (!rep::Collapse(e, classes, &r, &err)) return Note(sink, err);
      sink.scalar("collapse", r.ratio);
      sink.scalar("classes", r.classes);
    } else if (kind == "monotonicity") {
      if (ranks.empty()) return Note(sink, "the labels are not a strict total order");
      const double m = rep::Monotonicity(e, ranks);
      if (!std::isfinite(m))
        return Note(sink, "monotonicity undefined: the embeddings do not vary along any axis");
      sink.scalar("monotonicity", m);
    } else if (kind == "rqi_line" || kind == "rqi_circle") {
      rep::RqiResult r;
      const bool ok = kind == "rqi_line" ? rep::RqiLine(e, options_, &r, &err)
                                         : rep::RqiCircle(e, options_, &r, &err);
      if (!ok) return Note(sink, err);
      sink.scalar("rqi", r.rqi);
      sink.scalar("parallelograms", static_cast<double>(r.parallelograms));
    } else {
      Note(sink, "no metric applies: the labels are neither an equivalence, a strict total "
                 "order, nor a one-to-one function of a + b (mod n)");
    }
  }

 private:
  static void Note(const geneft::sdk::Sink& sink, const std::string& text) {
    sink.text("note", text);
  }

  std::string kind_;
  rep::RqiOptions options_;
};

}  // namespace

GENEFT_PLUGIN_LIBRARY(geneft::sdk::analyzer<RepresentationAnalyzer>(
    "representation", "1.0.0",
    "embedding structure per run: collapse ratio (equivalence), monotonicity (total order), "
    "RQI (addition)",
    kParams));
