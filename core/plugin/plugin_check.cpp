// Checking one plugin library the way the host uses it (plugin_check.h).
// Every message names the plugin, the call and what was expected, in words
// a plugin author can act on.
#include "plugin/plugin_check.h"

#include "plugin/elf_file.h"
#include "plugin/host.h"
#include "plugin/params.h"
#include "plugin/plugin_library.h"
#include "plugin/plugin_registry.h"
#include <geneft/common/relation_properties.h>

#include <geneft/geneft_plugin.h>

#include <cxxabi.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <iterator>
#include <limits>
#include <set>
#include <type_traits>

namespace geneft {
namespace {

// Relations larger than this (n^2 labels) are not materialized by the check.
constexpr size_t kMaxCheckedLabels = size_t{1} << 26;
// Element names are read for at most this many elements.
constexpr uint32_t kMaxCheckedNames = 4096;

// Collects the lines; Fail() returns false so checks can `return Fail(...)`.
class Report {
 public:
  explicit Report(std::vector<PluginCheckLine>* lines) : lines_(lines) {}
  void Ok(std::string text) { lines_->push_back({true, std::move(text)}); }
  bool Fail(std::string text) {
    lines_->push_back({false, std::move(text)});
    failed_ = true;
    return false;
  }
  bool failed() const { return failed_; }

 private:
  std::vector<PluginCheckLine>* lines_;
  bool failed_ = false;
};

// "1.0.0", "2.1", "1.0.0-rc1": starts with a digit, no spaces.
bool IsVersionString(const char* text) {
  if (text == nullptr || !(*text >= '0' && *text <= '9')) return false;
  for (const char* c = text; *c; ++c) {
    const bool ok = (*c >= '0' && *c <= '9') || (*c >= 'a' && *c <= 'z') ||
                    (*c >= 'A' && *c <= 'Z') || *c == '.' || *c == '-' || *c == '+';
    if (!ok) return false;
  }
  return true;
}

std::string Quoted(const char* text) { return text ? "'" + std::string(text) + "'" : "NULL"; }

// The message the plugin left with host->set_error(), for a failed call.
std::string PluginMessage() {
  return TakePluginError("(the plugin did not call host->set_error() before failing)");
}

std::string StatusText(geneft_status status) {
  return StatusName(status) + " (" + std::to_string(status) + ")";
}

// A fixed pseudo-random sequence in [-1, 1], so checks are reproducible.
class Numbers {
 public:
  float Next() {
    state_ = state_ * 6364136223846793005ull + 1442695040888963407ull;
    return static_cast<float>((state_ >> 40) & 0xffffff) / float(0x7fffff) - 1.0f;
  }

 private:
  uint64_t state_ = 12345;
};

// ----- exported symbols -----

void CheckExports(const std::filesystem::path& path, Report* report) {
  std::vector<std::string> names;
  if (!ExportedSymbols(path, &names)) {
    report->Ok("exported symbols not checked: not an ELF64 file");
    return;
  }
  std::string others;
  size_t count = 0;
  for (const std::string& name : names) {
    if (name == GENEFT_ENTRY_SYMBOL) continue;
    if (++count > 3) continue;
    int status = 0;
    char* readable = abi::__cxa_demangle(name.c_str(), nullptr, nullptr, &status);
    others += (others.empty() ? "" : ", ") + std::string(status == 0 ? readable : name.c_str());
    std::free(readable);
  }
  if (count == 0)
    report->Ok("exports only [" GENEFT_ENTRY_SYMBOL "]");
  else
    report->Fail("exports " + std::to_string(count) + " symbols besides [" GENEFT_ENTRY_SYMBOL
                 "] (" + others + (count > 3 ? ", ..." : "") + "): build with "
                 "geneft_add_plugin(), which hides them, or they may clash with other plugins");
}

// ----- descriptors -----

// Checks one descriptor; on success fills *schema from its parameter specs.
bool CheckDescriptor(const geneft_plugin_descriptor* d, const std::string& who, Report* report,
                     std::vector<ParamSpec>* schema) {
  if (d == nullptr)
    return report->Fail(who + ": get_descriptor returned NULL for an index below count()");
  if (d->struct_size < sizeof(geneft_plugin_descriptor))
    return report->Fail(who + ": descriptor struct_size is " + std::to_string(d->struct_size) +
                        ", expected sizeof(geneft_plugin_descriptor) = " +
                        std::to_string(sizeof(geneft_plugin_descriptor)));
  bool ok = true;
  if (!IsPluginIdentifier(d->id))
    ok = report->Fail(who + ": id " + Quoted(d->id) + " must be non-empty and only [a-z0-9_]");
  else if (std::strlen(d->id) >= GENEFT_ID_SIZE)
    ok = report->Fail(who + ": id is " + std::to_string(std::strlen(d->id)) +
                      " characters long; at most " + std::to_string(GENEFT_ID_SIZE - 1));
  if (!IsVersionString(d->version))
    ok = report->Fail(who + ": version " + Quoted(d->version) +
                      " is not a version string like \"1.0.0\"");
  if (d->description == nullptr || *d->description == '\0')
    ok = report->Fail(who + ": description is empty; give one line saying what the plugin does");
  else if (std::strchr(d->description, '\n') != nullptr)
    ok = report->Fail(who + ": description must be one line (it contains a newline)");
  if (d->param_count > 0 && d->params == nullptr)
    return report->Fail(who + ": param_count is " + std::to_string(d->param_count) +
                        " but params is NULL");
  if (ok) report->Ok(who + ": descriptor: version " + d->version + ", \"" + d->description + "\"");

  std::set<std::string> names;
  bool params_ok = true;
  for (uint32_t i = 0; i < d->param_count; ++i) {
    const geneft_param_spec& s = d->params[i];
    const std::string param = who + ": parameter " + std::to_string(i) + " " + Quoted(s.name);
    if (!IsPluginIdentifier(s.name)) {
      params_ok = report->Fail(param + ": the name must be non-empty and only [a-z0-9_]");
      continue;
    }
    if (!names.insert(s.name).second) {
      params_ok = report->Fail(param + ": declared twice");
      continue;
    }
    if (!IsParamType(s.type)) {
      params_ok = report->Fail(param + ": type " + std::to_string(s.type) +
                               " is not a geneft_param_type (" +
                               std::to_string(GENEFT_PARAM_INT) + " .. " +
                               std::to_string(GENEFT_PARAM_PATH) + ")");
      continue;
    }
    const ParamSpec spec = SpecFromAbi(s);
    if (spec.help.empty())
      params_ok = report->Fail(param + ": help is empty; `geneft describe` shows it to users");
    ParamValue unused;
    std::string why;
    if (!spec.required && !ParseDefault(spec, &unused, &why)) {
      params_ok = report->Fail(param + ": default \"" + spec.default_literal +
                               "\" is not a TOML literal of type " + ParamTypeName(spec.type) +
                               ": " + why);
      continue;
    }
    schema->push_back(std::move(spec));
  }
  if (params_ok) {
    std::string list;
    for (const ParamSpec& s : *schema)
      list += (list.empty() ? "" : ", ") + s.name + " " + ParamTypeName(s.type) + " = " +
              (s.required ? "(required)" : s.default_literal);
    report->Ok(who + ": " + std::to_string(schema->size()) + " parameter" +
               (schema->size() == 1 ? "" : "s") + (list.empty() ? "" : " (" + list + ")"));
  }
  return ok && params_ok;
}

// Default parameters for a create() call; false (with a reason) when a
// parameter is required and so no default instance exists.
bool DefaultParams(const std::vector<ParamSpec>& schema, ParamSet* params, std::string* why) {
  for (const ParamSpec& s : schema)
    if (s.required) return *why = "parameter '" + s.name + "' is required (no default)", false;
  return ParseParams(schema, "", params, why);
}

// ----- relations -----

void CheckRelationLabels(const geneft_relation* r, const geneft_relation_info& info,
                         const std::string& who, Report* report) {
  const size_t cells = size_t{info.n} * info.n;
  if (cells > kMaxCheckedLabels) {
    report->Ok(who + ": get_labels not called: n = " + std::to_string(info.n) +
               " is too large for the check");
    return;
  }
  constexpr int32_t kUnwritten = std::numeric_limits<int32_t>::min();
  std::vector<int32_t> labels(cells, kUnwritten);
  ClearPluginError();
  const geneft_status status = r->get_labels(r, labels.data(), labels.size());
  if (status != GENEFT_OK) {
    report->Fail(who + ": get_labels with room for n * n = " + std::to_string(cells) +
                 " labels failed with " + StatusText(status) + ": " + PluginMessage());
    return;
  }
  size_t bad = 0, first_bad = 0;
  for (size_t c = 0; c < cells; ++c)
    if (labels[c] < 0 || labels[c] >= static_cast<int32_t>(info.num_classes))
      if (bad++ == 0) first_bad = c;
  if (bad > 0) {
    const std::string at = "(" + std::to_string(first_bad / info.n) + "," +
                           std::to_string(first_bad % info.n) + ")";
    const std::string others =
        bad > 1 ? " (and " + std::to_string(bad - 1) + " more labels out of range)" : "";
    if (labels[first_bad] == kUnwritten)
      report->Fail(who + ": get_labels left the label at " + at +
                   " unwritten; it must write all n * n = " + std::to_string(cells) + others);
    else
      report->Fail(who + ": get_labels wrote label " + std::to_string(labels[first_bad]) +
                   " at " + at + " but num_classes is " + std::to_string(info.num_classes) +
                   others);
    return;
  }
  report->Ok(who + ": get_labels: " + std::to_string(cells) + " labels in 0.." +
             std::to_string(info.num_classes - 1));

  const uint32_t holds = DetectProperties(info.n, labels);
  const uint32_t missing = info.properties & ~holds;
  if (missing != 0)
    report->Fail(who + ": get_info declares " + PropertyNames(missing) +
                 " but the labels do not have it; the host refuses such a relation "
                 "(the labels have: " + PropertyNames(holds) + ")");
  else
    report->Ok(who + ": declared properties hold: " + PropertyNames(info.properties));

  // The buffer is large enough; only the stated capacity is short, so a
  // plugin that ignores capacity is caught without memory damage.
  if (cells > 0) {
    ClearPluginError();
    const geneft_status short_status = r->get_labels(r, labels.data(), cells - 1);
    TakePluginError();
    if (short_status != GENEFT_ERR_BUFFER_TOO_SMALL)
      report->Fail(who + ": get_labels with capacity n * n - 1 returned " +
                   StatusText(short_status) + "; it must check capacity and return "
                   "GENEFT_ERR_BUFFER_TOO_SMALL (-2)");
    else
      report->Ok(who + ": get_labels refuses a buffer one label short");
  }
}

void CheckElementNames(const geneft_relation* r, const geneft_relation_info& info,
                       const std::string& who, Report* report) {
  if (r->get_element_name == nullptr) {
    report->Ok(who + ": get_element_name is NULL: elements are named by index");
    return;
  }
  const uint32_t count = std::min(info.n, kMaxCheckedNames);
  for (uint32_t i = 0; i < count; ++i) {
    char buf[GENEFT_NAME_SIZE];
    std::memset(buf, 'x', sizeof buf);
    ClearPluginError();
    const geneft_status status = r->get_element_name(r, i, buf, sizeof buf);
    if (status != GENEFT_OK) {
      report->Fail(who + ": get_element_name(" + std::to_string(i) + ") with a " +
                   std::to_string(sizeof buf) + "-byte buffer failed with " + StatusText(status) +
                   ": " + PluginMessage());
      return;
    }
    if (std::memchr(buf, '\0', sizeof buf) == nullptr || buf[0] == '\0') {
      report->Fail(who + ": get_element_name(" + std::to_string(i) +
                   ") wrote an empty or unterminated name");
      return;
    }
  }
  report->Ok(who + ": get_element_name for " + std::to_string(count) + " elements");
}

void CheckRelation(const geneft_relation_factory* f, const char* id, const ParamSet& params,
                   const std::string& who, Report* report) {
  ClearPluginError();
  const geneft_relation* r = f->create(f, Host(), id, &params);
  if (r == nullptr) {
    report->Fail(who + ": create() with default parameters returned NULL: " + PluginMessage());
    return;
  }
  if (r->struct_size < sizeof(geneft_relation) || r->get_info == nullptr ||
      r->get_labels == nullptr || r->destroy == nullptr) {
    report->Fail(who + ": create() returned an incomplete geneft_relation: struct_size must be "
                 "sizeof(geneft_relation) and get_info, get_labels, destroy non-NULL");
    if (r->destroy != nullptr) r->destroy(r);
    return;
  }
  report->Ok(who + ": create with default parameters");

  geneft_relation_info info{};
  info.struct_size = sizeof info;
  ClearPluginError();
  const geneft_status status = r->get_info(r, &info);
  if (status != GENEFT_OK) {
    report->Fail(who + ": get_info failed with " + StatusText(status) + ": " + PluginMessage());
  } else if (info.n == 0) {
    report->Fail(who + ": get_info says n = 0; a relation needs at least one element");
  } else if (info.n > GENEFT_MAX_ELEMENTS) {
    report->Fail(who + ": get_info says n = " + std::to_string(info.n) +
                 "; at most GENEFT_MAX_ELEMENTS = " + std::to_string(GENEFT_MAX_ELEMENTS) +
                 " (the host counts the n^2 pairs in 32 bits): refuse larger n in create()");
  } else if (info.num_classes < 2) {
    report->Fail(who + ": get_info says num_classes = " + std::to_string(info.num_classes) +
                 "; it must be >= 2 (2 for a binary relation)");
  } else if (info.properties >= (GENEFT_PROP_BIPARTITE << 1)) {
    report->Fail(who + ": get_info declares property bits this ABI does not define (properties = " +
                 std::to_string(info.properties) + ")");
  } else {
    report->Ok(who + ": get_info: n = " + std::to_string(info.n) + ", " +
               std::to_string(info.num_classes) + " classes");
    CheckRelationLabels(r, info, who, report);
    CheckElementNames(r, info, who, report);
  }
  r->destroy(r);
  report->Ok(who + ": destroy");
}

// ----- decoder modes -----

// sum_k w[k] * out[k] for the mode's forward pass, in double.
bool WeightedForward(const geneft_decoder_mode* m, uint32_t d, size_t batch, uint32_t width,
                     const std::vector<float>& e1, const std::vector<float>& e2,
                     const std::vector<float>& w, double* value) {
  std::vector<float> out(batch * width);
  if (m->forward(m, d, batch, e1.data(), e2.data(), out.data()) != GENEFT_OK) return false;
  *value = 0;
  for (size_t k = 0; k < out.size(); ++k) *value += double(w[k]) * out[k];
  return true;
}

void CheckModeCalls(const geneft_decoder_mode* m, const std::string& who, Report* report) {
  constexpr uint32_t d = 4;
  constexpr size_t batch = 3;
  uint32_t width = 0;
  ClearPluginError();
  geneft_status status = m->input_width(m, d, &width);
  if (status != GENEFT_OK)
    return (void)report->Fail(who + ": input_width(d = 4) failed with " + StatusText(status) +
                              ": " + PluginMessage());
  if (width == 0 || width > 1024 * d)
    return (void)report->Fail(who + ": input_width(d = 4) gave width " + std::to_string(width) +
                              "; expected 1 .. " + std::to_string(1024 * d));
  report->Ok(who + ": input_width(d = 4) = " + std::to_string(width));

  Numbers numbers;
  std::vector<float> e1(batch * d), e2(batch * d), w(batch * width);
  for (float& x : e1) x = numbers.Next();
  for (float& x : e2) x = numbers.Next();
  for (float& x : w) x = numbers.Next();
  const float nan = std::numeric_limits<float>::quiet_NaN();
  std::vector<float> out(batch * width, nan);
  ClearPluginError();
  status = m->forward(m, d, batch, e1.data(), e2.data(), out.data());
  if (status != GENEFT_OK)
    return (void)report->Fail(who + ": forward(d = 4, batch = 3) failed with " +
                              StatusText(status) + ": " + PluginMessage());
  for (size_t k = 0; k < out.size(); ++k)
    if (!std::isfinite(out[k]))
      return (void)report->Fail(who + ": forward(d = 4, batch = 3) left out[" +
                                std::to_string(k / width) + " * width + " +
                                std::to_string(k % width) +
                                "] unwritten or not finite; it must write batch * width values");
  report->Ok(who + ": forward on a batch of 3");

  std::vector<float> d_e1(batch * d, nan), d_e2(batch * d, nan);
  ClearPluginError();
  status = m->backward(m, d, batch, e1.data(), e2.data(), w.data(), d_e1.data(), d_e2.data());
  if (status != GENEFT_OK)
    return (void)report->Fail(who + ": backward(d = 4, batch = 3) failed with " +
                              StatusText(status) + ": " + PluginMessage());
  for (size_t k = 0; k < d_e1.size(); ++k)
    if (!std::isfinite(d_e1[k]) || !std::isfinite(d_e2[k]))
      return (void)report->Fail(who + ": backward left d_e1 or d_e2 at index " +
                                std::to_string(k) +
                                " unwritten or not finite; it must overwrite both");

  // Directional derivative along a random direction v: from backward,
  // sum(d_e . v); from forward, a central difference.
  std::vector<float> v1(batch * d), v2(batch * d);
  for (float& x : v1) x = numbers.Next();
  for (float& x : v2) x = numbers.Next();
  double analytic = 0;
  for (size_t k = 0; k < v1.size(); ++k) analytic += double(d_e1[k]) * v1[k] + double(d_e2[k]) * v2[k];
  const float h = 1e-2f;
  std::vector<float> p1 = e1, p2 = e2, q1 = e1, q2 = e2;
  for (size_t k = 0; k < v1.size(); ++k) {
    p1[k] += h * v1[k], p2[k] += h * v2[k];
    q1[k] -= h * v1[k], q2[k] -= h * v2[k];
  }
  double plus = 0, minus = 0;
  if (!WeightedForward(m, d, batch, width, p1, p2, w, &plus) ||
      !WeightedForward(m, d, batch, width, q1, q2, w, &minus)) {
    TakePluginError();
    return (void)report->Fail(who + ": forward failed on slightly moved inputs");
  }
  const double numeric = (plus - minus) / (2.0 * h);
  if (std::abs(analytic - numeric) > 1e-2 + 1e-2 * std::abs(numeric))
    return (void)report->Fail(who + ": backward disagrees with forward: the directional "
                              "derivative is " + std::to_string(analytic) + " from backward, " +
                              std::to_string(numeric) + " from finite differences of forward");
  report->Ok(who + ": backward matches finite differences of forward");
}

void CheckDecoderMode(const geneft_decoder_mode_factory* f, const char* id,
                      const ParamSet& params, const std::string& who, Report* report) {
  ClearPluginError();
  const geneft_decoder_mode* m = f->create(f, Host(), id, &params);
  if (m == nullptr) {
    report->Fail(who + ": create() with default parameters returned NULL: " + PluginMessage());
    return;
  }
  if (m->struct_size < sizeof(geneft_decoder_mode) || m->input_width == nullptr ||
      m->forward == nullptr || m->backward == nullptr || m->destroy == nullptr) {
    report->Fail(who + ": create() returned an incomplete geneft_decoder_mode: struct_size must "
                 "be sizeof(geneft_decoder_mode) and every function non-NULL");
    if (m->destroy != nullptr) m->destroy(m);
    return;
  }
  report->Ok(who + ": create with default parameters");
  CheckModeCalls(m, who, report);
  m->destroy(m);
  report->Ok(who + ": destroy");
}

// ----- analyzers -----

void CheckAnalyzer(const geneft_analyzer_factory* f, const char* id, const ParamSet& params,
                   const std::string& who, Report* report) {
  ClearPluginError();
  const geneft_analyzer* a = f->create(f, Host(), id, &params);
  if (a == nullptr) {
    report->Fail(who + ": create() with default parameters returned NULL: " + PluginMessage());
    return;
  }
  if (a->struct_size < sizeof(geneft_analyzer) || a->destroy == nullptr) {
    report->Fail(who + ": create() returned an incomplete geneft_analyzer: struct_size must be "
                 "sizeof(geneft_analyzer) and destroy non-NULL");
    if (a->destroy != nullptr) a->destroy(a);
    return;
  }
  std::string stages;
  if (a->analyze_relation) stages += " analyze_relation";
  if (a->analyze_run) stages += " analyze_run";
  if (a->analyze_study) stages += " analyze_study";
  if (stages.empty())
    report->Fail(who + ": analyze_relation, analyze_run and analyze_study are all NULL; "
                 "the analyzer would never be called");
  else
    report->Ok(who + ": create with default parameters; offers" + stages);
  a->destroy(a);
  report->Ok(who + ": destroy");
}

// ----- factories -----

// The three factory structs share their shape: count, get_descriptor, create.
template <class Factory>
void CheckFactory(const PluginKindFactory& kind, const void* raw, Report* report) {
  const Factory* f = static_cast<const Factory*>(raw);
  const std::string where = std::string(kind.factory_id) + " factory";
  if (f->count == nullptr || f->get_descriptor == nullptr || f->create == nullptr)
    return (void)report->Fail(where + ": count, get_descriptor and create must all be non-NULL");
  const uint32_t count = f->count(f);
  report->Ok(where + ": " + std::to_string(count) + " " + PluginKindName(kind.kind) + " plugin" +
             (count == 1 ? "" : "s"));
  if (f->get_descriptor(f, count) != nullptr)
    report->Fail(where + ": get_descriptor(" + std::to_string(count) +
                 ") is past count() and must return NULL");
  std::set<std::string> ids;
  for (uint32_t i = 0; i < count; ++i) {
    const geneft_plugin_descriptor* d = f->get_descriptor(f, i);
    const bool named = d != nullptr && d->struct_size >= sizeof *d && d->id != nullptr;
    const std::string who = std::string(PluginKindName(kind.kind)) + " " +
                            (named ? "'" + std::string(d->id) + "'" : "#" + std::to_string(i));
    std::vector<ParamSpec> schema;
    if (!CheckDescriptor(d, who, report, &schema)) continue;
    if (!ids.insert(d->id).second) {
      report->Fail(who + ": the id appears twice in this library; ids are unique per kind");
      continue;
    }
    ParamSet params;
    std::string why;
    if (!DefaultParams(schema, &params, &why)) {
      report->Ok(who + ": create not tried: " + why);
      continue;
    }
    if constexpr (std::is_same_v<Factory, geneft_relation_factory>)
      CheckRelation(f, d->id, params, who, report);
    else if constexpr (std::is_same_v<Factory, geneft_decoder_mode_factory>)
      CheckDecoderMode(f, d->id, params, who, report);
    else
      CheckAnalyzer(f, d->id, params, who, report);
  }
}

// Everything after a successful open; `library` stays loaded meanwhile.
void CheckFactories(const PluginLibrary& library, Report* report) {
  int kinds = 0;
  for (const PluginKindFactory& kind : kPluginKindFactories) {
    const void* factory = library.factory(kind.factory_id);
    if (factory == nullptr) continue;
    ++kinds;
    switch (kind.kind) {
      case PluginKind::kRelation:
        CheckFactory<geneft_relation_factory>(kind, factory, report);
        break;
      case PluginKind::kDecoderMode:
        CheckFactory<geneft_decoder_mode_factory>(kind, factory, report);
        break;
      case PluginKind::kAnalyzer:
        CheckFactory<geneft_analyzer_factory>(kind, factory, report);
        break;
    }
  }
  if (kinds == 0)
    report->Fail("get_factory returns NULL for every kind this host knows (" +
                 std::string(GENEFT_RELATION_FACTORY_ID) + ", " + GENEFT_DECODER_MODE_FACTORY_ID +
                 ", " + GENEFT_ANALYZER_FACTORY_ID + "): the library offers nothing");
  if (library.factory("geneft.no_such_kind/1") != nullptr)
    report->Fail("get_factory(\"geneft.no_such_kind/1\") must return NULL for a factory id "
                 "the library does not know (a newer host asks for kinds it lacks)");
  else
    report->Ok("get_factory returns NULL for an unknown factory id");
}

}  // namespace

bool CheckPluginLibrary(const std::filesystem::path& path, std::vector<PluginCheckLine>* lines) {
  Report report(lines);
  std::vector<OpenStep> steps;
  std::string err;
  std::shared_ptr<PluginLibrary> library = PluginLibrary::Open(path, &err, &steps);
  for (OpenStep& step : steps)
    step.ok ? report.Ok(std::move(step.text)) : (void)report.Fail(std::move(step.text));
  if (library == nullptr) return false;

  CheckExports(path, &report);
  CheckFactories(*library, &report);
  const bool calls_deinit = library->has_deinit();
  library.reset();
  report.Ok(calls_deinit ? "deinit()" : "no deinit() to call (the entry's deinit is NULL)");
  return !report.failed();
}

}  // namespace geneft
