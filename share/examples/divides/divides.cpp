// Example relation plugin, built outside the geneft tree: "x divides y" on
// the integers 1 .. n. R(x, y) = 1 iff y is a multiple of x.
//
// A relation is a plain class with a constructor taking the validated
// parameters, info() and labels(); GENEFT_PLUGIN_LIBRARY at the bottom turns
// it into the library's exported `geneft_entry`. Build it with the
// CMakeLists.txt beside this file against an installed geneft; see
// docs/plugin-guide.md.
#include <geneft/plugin.hpp>

#include <cmath>
#include <string>

namespace {

// The parameter schema: static data, read by `geneft describe` and used by
// the host to validate a study's [relation] table before create() is called.
// Defaults are TOML literals; a NULL default would make the key required.
const geneft_param_spec kParams[] = {
    {"n", GENEFT_PARAM_INT, "24", "largest integer; the elements are 1 .. n"},
};

class Divides {
 public:
  // Called by the host's create(). Out-of-range values are refused with
  // geneft::sdk::Error: the SDK turns it into GENEFT_ERR_INVALID_ARGUMENT and
  // hands the message to host->set_error(), and the user sees
  // "relation.divides: n = 0: must be >= 1 and <= 4096".
  explicit Divides(const geneft::sdk::Params& params) : n_(params.integer("n")) {
    if (n_ < 1 || n_ > 4096)
      throw geneft::sdk::Error("n = " + std::to_string(n_) + ": must be >= 1 and <= 4096");
  }

  // What the relation is. The host checks every declared property against
  // the label matrix, so declare only what holds: divisibility is a partial
  // order (reflexive, antisymmetric, transitive) and not symmetric.
  geneft_relation_info info() const {
    geneft_relation_info info{};
    info.n = static_cast<uint32_t>(n_);
    info.num_classes = 2;  // a binary relation: labels 0 and 1
    info.properties = GENEFT_PROP_REFLEXIVE | GENEFT_PROP_ANTISYMMETRIC | GENEFT_PROP_TRANSITIVE;
    info.description_bits = std::nan("");   // no closed-form b for this relation
    info.guess_probability = std::nan("");  // nor a p*
    return info;
  }

  // The n x n labels, row-major: out[i * n + j] = R(x_i, x_j) with
  // x_i = i + 1. The SDK has already checked that the buffer holds n * n.
  void labels(int32_t* out) const {
    for (int64_t x = 1; x <= n_; ++x)
      for (int64_t y = 1; y <= n_; ++y) *out++ = (y % x == 0) ? 1 : 0;
  }

  // Optional: how reports name element i (otherwise by its index).
  std::string element_name(uint32_t i) const { return std::to_string(i + 1); }

 private:
  int64_t n_;
};

}  // namespace

// The library's one exported symbol. Id, version and description are what
// `geneft plugins` lists; a study selects the relation with plugin = "divides".
GENEFT_PLUGIN_LIBRARY(geneft::sdk::relation<Divides>("divides", "1.0.0",
                                                     "x ~ y iff x divides y, on 1 .. n",
                                                     kParams));
