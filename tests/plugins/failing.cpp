// Test plugin: every call fails, by status or by exception, so the host's
// error paths are exercised. Each plugin says in its id how it fails.
#include <geneft/plugin.hpp>

#include <cmath>
#include <stdexcept>

namespace {

const geneft_param_spec kParams[] = {{"n", GENEFT_PARAM_INT, "4", "elements"}};

// Constructor throws a plain std::exception (not geneft::sdk::Error).
class ThrowsOnCreate {
 public:
  explicit ThrowsOnCreate(const geneft::sdk::Params&) { throw std::runtime_error("cannot build"); }
  geneft_relation_info info() const { return {}; }
  void labels(int32_t*) const {}
};

// Builds, but reading its labels throws.
class ThrowsOnLabels {
 public:
  explicit ThrowsOnLabels(const geneft::sdk::Params& p) : n_(static_cast<uint32_t>(p.integer("n"))) {}
  geneft_relation_info info() const { return {sizeof(geneft_relation_info), n_, 2, 0, 1.0, 0.5}; }
  void labels(int32_t*) const { throw geneft::sdk::Error("labels file vanished", GENEFT_ERR_INTERNAL); }

 private:
  uint32_t n_;
};

// Labels outside 0..num_classes-1: the host must refuse them.
class OutOfRangeLabels {
 public:
  explicit OutOfRangeLabels(const geneft::sdk::Params&) {}
  geneft_relation_info info() const { return {sizeof(geneft_relation_info), 2, 2, 0, 1.0, 0.5}; }
  void labels(int32_t* out) const {
    for (int i = 0; i < 4; ++i) out[i] = 7;
  }
};

// Throws something that is not an exception at all.
class ThrowsInt {
 public:
  explicit ThrowsInt(const geneft::sdk::Params&) {}
  uint32_t input_width(uint32_t) const { throw 42; }
  void forward(uint32_t, size_t, const float*, const float*, float*) const { throw 42; }
  void backward(uint32_t, size_t, const float*, const float*, const float*, float*, float*) const {
    throw 42;
  }
};

const geneft_param_spec kAnalyzerParams[] = {
    {"n", GENEFT_PARAM_INT, "4", "elements"},
    {"not_available", GENEFT_PARAM_INT, "0",
     "1: answer 'no answer exists' (a note), not an invalid input (a failure)"}};

class FailingAnalyzer {
 public:
  explicit FailingAnalyzer(const geneft::sdk::Params& p) : not_available_(p.integer("not_available") != 0) {}
  void analyze_run(const geneft_run_view&, const geneft::sdk::Sink&) const {
    if (not_available_)
      throw geneft::sdk::Error("bound not available for this relation", GENEFT_ERR_NOT_AVAILABLE);
    throw geneft::sdk::Error("run view has no predictions", GENEFT_ERR_INVALID_ARGUMENT);
  }

 private:
  bool not_available_;
};

const geneft_param_spec kSloppyParams[] = {
    {"twice", GENEFT_PARAM_INT, "0", "1: give the result 'ratio' twice"}};

// Succeeds with results a host must question: a NaN, maybe a name twice.
class SloppyAnalyzer {
 public:
  explicit SloppyAnalyzer(const geneft::sdk::Params& p) : twice_(p.integer("twice") != 0) {}
  void analyze_run(const geneft_run_view&, const geneft::sdk::Sink& sink) const {
    sink.scalar("ratio", std::nan(""));
    if (twice_) sink.scalar("ratio", 1.0);
  }

 private:
  bool twice_;
};

}  // namespace

GENEFT_PLUGIN_LIBRARY(
    geneft::sdk::relation<ThrowsOnCreate>("throws_on_create", "1.0.0", "fails in create", kParams),
    geneft::sdk::relation<ThrowsOnLabels>("throws_on_labels", "1.0.0", "fails in get_labels", kParams),
    geneft::sdk::relation<OutOfRangeLabels>("out_of_range_labels", "1.0.0", "labels 7", kParams),
    geneft::sdk::decoder_mode<ThrowsInt>("throws_int", "1.0.0", "throws an int"),
    geneft::sdk::analyzer<FailingAnalyzer>("failing_analyzer", "1.0.0", "fails in analyze_run",
                                           kAnalyzerParams),
    geneft::sdk::analyzer<SloppyAnalyzer>("sloppy_analyzer", "1.0.0", "a NaN result, maybe twice",
                                          kSloppyParams));
