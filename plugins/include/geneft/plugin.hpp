// geneft plugin SDK: a thin, header-only C++20 layer over geneft_plugin.h.
//
// A plugin is a plain class; the SDK generates the C trampolines, catches
// every exception at the boundary and turns it into a status code plus the
// host's error message. A library lists its plugins once:
//
//   class ModK {
//    public:
//     explicit ModK(const geneft::sdk::Params& p);
//     geneft_relation_info info() const;
//     void labels(int32_t* out) const;            // n * n, row-major
//   };
//   GENEFT_PLUGIN_LIBRARY(
//       geneft::sdk::relation<ModK>("mod_k", "1.0.0", "x ~ y iff x = y mod k", kModKParams))
//
// Relations may add `std::string element_name(uint32_t) const`. Decoder modes
// provide input_width / forward / backward; analyzers any of
// analyze_relation / analyze_run / analyze_study (see docs/plugin-guide.md).
#ifndef GENEFT_PLUGIN_HPP
#define GENEFT_PLUGIN_HPP

#include <geneft/geneft_plugin.h>

#include <cstring>
#include <exception>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

namespace geneft::sdk {

/// An error a plugin throws; `status` travels back to the host.
class Error : public std::runtime_error {
 public:
  explicit Error(const std::string& message, geneft_status status = GENEFT_ERR_INVALID_ARGUMENT)
      : std::runtime_error(message), status_(status) {}
  geneft_status status() const { return status_; }

 private:
  geneft_status status_;
};

namespace detail {

inline void report(const geneft_host* host, const char* message) {
  if (host != nullptr && host->set_error != nullptr) host->set_error(host, message);
}

// Runs f, mapping every exception to a status code and a host error message.
template <class F>
geneft_status guarded(const geneft_host* host, F&& f) noexcept {
  try {
    f();
    return GENEFT_OK;
  } catch (const Error& e) {
    report(host, e.what());
    return e.status();
  } catch (const std::exception& e) {
    report(host, e.what());
    return GENEFT_ERR_INTERNAL;
  } catch (...) {
    report(host, "unknown exception in plugin");
    return GENEFT_ERR_INTERNAL;
  }
}

inline void check(geneft_status status, const char* what, const char* key) {
  if (status == GENEFT_OK) return;
  std::string message = std::string(what) + " '" + key + "'";
  if (status == GENEFT_ERR_NOT_FOUND) message += ": not declared in the plugin's schema";
  if (status == GENEFT_ERR_INVALID_ARGUMENT)
    message += std::string(what) == "result"
                   ? ": refused: a result name is made of [a-z0-9_.] and given once per stage"
                   : ": declared with another type";
  throw Error(message, status);
}

}  // namespace detail

/// Typed read access to a plugin's validated parameters.
class Params {
 public:
  Params(const geneft_host* host, const geneft_params* params) : host_(host), params_(params) {}

  int64_t integer(const char* key) const {
    int64_t v = 0;
    detail::check(host_->param_int(host_, params_, key, &v), "integer parameter", key);
    return v;
  }
  double real(const char* key) const {
    double v = 0;
    detail::check(host_->param_double(host_, params_, key, &v), "real parameter", key);
    return v;
  }
  bool boolean(const char* key) const {
    int32_t v = 0;
    detail::check(host_->param_bool(host_, params_, key, &v), "boolean parameter", key);
    return v != 0;
  }
  std::string string(const char* key) const {
    size_t length = 0;
    geneft_status s = host_->param_string(host_, params_, key, nullptr, 0, &length);
    if (s != GENEFT_ERR_BUFFER_TOO_SMALL) detail::check(s, "string parameter", key);
    std::string value(length + 1, '\0');
    detail::check(host_->param_string(host_, params_, key, value.data(), value.size(), &length),
                  "string parameter", key);
    value.resize(length);
    return value;
  }
  std::vector<int64_t> int_list(const char* key) const {
    return list<int64_t>(host_->param_int_list, key);
  }
  std::vector<double> double_list(const char* key) const {
    return list<double>(host_->param_double_list, key);
  }
  const geneft_host* host() const { return host_; }

 private:
  template <class T, class Getter>
  std::vector<T> list(Getter getter, const char* key) const {
    size_t count = 0;
    geneft_status s = getter(host_, params_, key, nullptr, 0, &count);
    if (s != GENEFT_ERR_BUFFER_TOO_SMALL) detail::check(s, "list parameter", key);
    std::vector<T> values(count);
    detail::check(getter(host_, params_, key, values.data(), values.size(), &count),
                  "list parameter", key);
    return values;
  }

  const geneft_host* host_;
  const geneft_params* params_;
};

/// Where an analyzer writes results; throws Error when the host refuses.
class Sink {
 public:
  explicit Sink(const geneft_result_sink* sink) : sink_(sink) {}
  void scalar(const char* name, double value) const {
    detail::check(sink_->add_scalar(sink_, name, value), "result", name);
  }
  void text(const char* name, const std::string& value) const {
    detail::check(sink_->add_text(sink_, name, value.c_str()), "result", name);
  }
  void series(const char* name, const std::vector<double>& x, const std::vector<double>& y,
              const std::vector<double>& err = {}) const {
    if (x.size() != y.size() || (!err.empty() && err.size() != x.size()))
      throw Error(std::string("series '") + name + "': x, y and err differ in length");
    detail::check(sink_->add_series(sink_, name, x.data(), y.data(),
                                    err.empty() ? nullptr : err.data(), x.size()),
                  "result", name);
  }

 private:
  const geneft_result_sink* sink_;
};

/// The host a view carries (ABI 1.2), or nullptr when the view is older.
/// An analyzer rarely needs it: throwing Error reports through it already.
template <class View>
const geneft_host* host_of(const View& view) {
  return GENEFT_VIEW_HAS(&view, View, host) ? view.host : nullptr;
}

/// The final model's predictions in a run view (ABI 1.2).
struct Predictions {
  uint32_t n = 0;            ///< elements; pairs are p = row * n + column
  uint32_t class_count = 0;  ///< C; 0 when the run has none
  /// n * n * C probabilities, by (row, column, class); empty when the run
  /// has none (stored before geneft recorded them) or the view is older.
  std::span<const float> probabilities;

  bool empty() const { return probabilities.empty(); }
  /// The probability of class `c` on pair `pair`.
  float at(size_t pair, uint32_t c) const { return probabilities[pair * class_count + c]; }
};

/// The predictions of `run`, valid as long as the view (during the call).
inline Predictions predictions(const geneft_run_view& run) {
  Predictions p;
  if (!GENEFT_VIEW_HAS(&run, geneft_run_view, probabilities) || run.probabilities == nullptr ||
      run.relation == nullptr || run.relation->info == nullptr)
    return p;
  p.n = run.relation->info->n;
  p.class_count = run.class_count;
  p.probabilities = {run.probabilities, size_t{p.n} * p.n * p.class_count};
  return p;
}

/// One plugin of a library, type-erased: its descriptor and how to create it.
struct Registration {
  const char* factory_id;
  geneft_plugin_descriptor descriptor;
  const void* (*create)(const geneft_host* host, const geneft_params* params);
};

namespace detail {

// Heap block holding the C struct handed to the host and the plugin object.
template <class Abi, class T>
struct Instance {
  Abi abi{};
  const geneft_host* host;
  T impl;
  Instance(const geneft_host* h, const geneft_params* p) : host(h), impl(Params(h, p)) {}
  static const Instance& of(const Abi* abi) {
    return *static_cast<const Instance*>(abi->plugin_data);
  }
  static void destroy(const Abi* abi) { delete &of(abi); }
};

template <class T>
const void* create_relation(const geneft_host* host, const geneft_params* params) {
  using I = Instance<geneft_relation, T>;
  I* instance = nullptr;
  guarded(host, [&] { instance = new I(host, params); });
  if (instance == nullptr) return nullptr;
  geneft_relation& a = instance->abi;
  a.struct_size = sizeof(geneft_relation);
  a.plugin_data = instance;
  a.get_info = [](const geneft_relation* r, geneft_relation_info* info) {
    const I& self = I::of(r);
    return guarded(self.host, [&] {
      if (info == nullptr || info->struct_size < sizeof(geneft_relation_info))
        throw Error("get_info: info is null or its struct_size is too small");
      *info = self.impl.info();
      info->struct_size = sizeof(geneft_relation_info);
    });
  };
  a.get_labels = [](const geneft_relation* r, int32_t* labels, size_t capacity) {
    const I& self = I::of(r);
    return guarded(self.host, [&] {
      const size_t n = self.impl.info().n;
      if (labels == nullptr || capacity < n * n)
        throw Error("get_labels: buffer holds " + std::to_string(capacity) + " labels, " +
                        std::to_string(n * n) + " needed",
                    GENEFT_ERR_BUFFER_TOO_SMALL);
      self.impl.labels(labels);
    });
  };
  if constexpr (requires(const T& t) { t.element_name(0u); }) {
    a.get_element_name = [](const geneft_relation* r, uint32_t index, char* buf,
                            size_t capacity) {
      const I& self = I::of(r);
      return guarded(self.host, [&] {
        const std::string name = self.impl.element_name(index);
        if (buf == nullptr || capacity < name.size() + 1)
          throw Error("get_element_name: buffer too small for '" + name + "'",
                      GENEFT_ERR_BUFFER_TOO_SMALL);
        std::memcpy(buf, name.c_str(), name.size() + 1);
      });
    };
  }
  a.destroy = &I::destroy;
  return &instance->abi;
}

template <class T>
const void* create_decoder_mode(const geneft_host* host, const geneft_params* params) {
  using I = Instance<geneft_decoder_mode, T>;
  I* instance = nullptr;
  guarded(host, [&] { instance = new I(host, params); });
  if (instance == nullptr) return nullptr;
  geneft_decoder_mode& a = instance->abi;
  a.struct_size = sizeof(geneft_decoder_mode);
  a.plugin_data = instance;
  a.input_width = [](const geneft_decoder_mode* m, uint32_t d, uint32_t* width) {
    const I& self = I::of(m);
    return guarded(self.host, [&] { *width = self.impl.input_width(d); });
  };
  a.forward = [](const geneft_decoder_mode* m, uint32_t d, size_t batch, const float* e1,
                 const float* e2, float* out) {
    const I& self = I::of(m);
    return guarded(self.host, [&] { self.impl.forward(d, batch, e1, e2, out); });
  };
  a.backward = [](const geneft_decoder_mode* m, uint32_t d, size_t batch, const float* e1,
                  const float* e2, const float* d_out, float* d_e1, float* d_e2) {
    const I& self = I::of(m);
    return guarded(self.host,
                   [&] { self.impl.backward(d, batch, e1, e2, d_out, d_e1, d_e2); });
  };
  a.destroy = &I::destroy;
  return &instance->abi;
}

template <class T>
const void* create_analyzer(const geneft_host* host, const geneft_params* params) {
  using I = Instance<geneft_analyzer, T>;
  I* instance = nullptr;
  guarded(host, [&] { instance = new I(host, params); });
  if (instance == nullptr) return nullptr;
  geneft_analyzer& a = instance->abi;
  a.struct_size = sizeof(geneft_analyzer);
  a.plugin_data = instance;
  if constexpr (requires(const T& t, const geneft_relation_view& v, const Sink& s) {
                  t.analyze_relation(v, s);
                }) {
    a.analyze_relation = [](const geneft_analyzer* an, const geneft_relation_view* v,
                            const geneft_result_sink* sink) {
      const I& self = I::of(an);
      return guarded(self.host, [&] { self.impl.analyze_relation(*v, Sink(sink)); });
    };
  }
  if constexpr (requires(const T& t, const geneft_run_view& v, const Sink& s) {
                  t.analyze_run(v, s);
                }) {
    a.analyze_run = [](const geneft_analyzer* an, const geneft_run_view* v,
                       const geneft_result_sink* sink) {
      const I& self = I::of(an);
      return guarded(self.host, [&] { self.impl.analyze_run(*v, Sink(sink)); });
    };
  }
  if constexpr (requires(const T& t, const geneft_study_view& v, const Sink& s) {
                  t.analyze_study(v, s);
                }) {
    a.analyze_study = [](const geneft_analyzer* an, const geneft_study_view* v,
                         const geneft_result_sink* sink) {
      const I& self = I::of(an);
      return guarded(self.host, [&] { self.impl.analyze_study(*v, Sink(sink)); });
    };
  }
  a.destroy = &I::destroy;
  return &instance->abi;
}

inline geneft_plugin_descriptor describe(const char* id, const char* version,
                                         const char* description,
                                         const geneft_param_spec* params, uint32_t count) {
  return geneft_plugin_descriptor{sizeof(geneft_plugin_descriptor), id, version, description,
                                  params, count};
}

}  // namespace detail

/// Registers relation class T. `params` must be a static array.
template <class T, size_t N>
Registration relation(const char* id, const char* version, const char* description,
                      const geneft_param_spec (&params)[N]) {
  return {GENEFT_RELATION_FACTORY_ID, detail::describe(id, version, description, params, N),
          &detail::create_relation<T>};
}
template <class T, size_t N>
Registration decoder_mode(const char* id, const char* version, const char* description,
                          const geneft_param_spec (&params)[N]) {
  return {GENEFT_DECODER_MODE_FACTORY_ID,
          detail::describe(id, version, description, params, N),
          &detail::create_decoder_mode<T>};
}
template <class T>
Registration decoder_mode(const char* id, const char* version, const char* description) {
  return {GENEFT_DECODER_MODE_FACTORY_ID,
          detail::describe(id, version, description, nullptr, 0),
          &detail::create_decoder_mode<T>};
}
template <class T, size_t N>
Registration analyzer(const char* id, const char* version, const char* description,
                      const geneft_param_spec (&params)[N]) {
  return {GENEFT_ANALYZER_FACTORY_ID, detail::describe(id, version, description, params, N),
          &detail::create_analyzer<T>};
}

/// The plugins of one library, grouped by factory kind. Defined once per
/// library by GENEFT_PLUGIN_LIBRARY.
class Library {
 public:
  explicit Library(std::vector<Registration> plugins) : plugins_(std::move(plugins)) {}

  std::vector<const Registration*> of_kind(const char* factory_id) const {
    std::vector<const Registration*> out;
    for (const Registration& r : plugins_)
      if (std::strcmp(r.factory_id, factory_id) == 0) out.push_back(&r);
    return out;
  }

  // Same-shaped C factory for each kind; `Factory` is the kind's struct.
  // Constructed once, in place, as a function-local static; never copied.
  template <class Factory, class Abi>
  class Kind {
   public:
    Kind(const Library* library, const char* factory_id)
        : members_(library->of_kind(factory_id)) {
      holder_.owner = this;
      holder_.factory.count = [](const Factory* f) {
        return static_cast<uint32_t>(owner(f).members_.size());
      };
      holder_.factory.get_descriptor = [](const Factory* f,
                                          uint32_t index) -> const geneft_plugin_descriptor* {
        const Kind& k = owner(f);
        return index < k.members_.size() ? &k.members_[index]->descriptor : nullptr;
      };
      holder_.factory.create = [](const Factory* f, const geneft_host* host, const char* id,
                                  const geneft_params* params) -> const Abi* {
        for (const Registration* r : owner(f).members_)
          if (std::strcmp(r->descriptor.id, id) == 0)
            return static_cast<const Abi*>(r->create(host, params));
        detail::report(host, (std::string("no plugin '") + id + "' in this library").c_str());
        return nullptr;
      };
    }
    Kind(const Kind&) = delete;
    Kind& operator=(const Kind&) = delete;

    /// The C factory, or nullptr when the library has no plugin of this kind.
    const void* get() const { return members_.empty() ? nullptr : &holder_.factory; }

   private:
    // Standard layout, factory first: a Factory* converts back to its Holder.
    struct Holder {
      Factory factory;
      const Kind* owner;
    };
    static const Kind& owner(const Factory* f) {
      return *reinterpret_cast<const Holder*>(f)->owner;
    }

    std::vector<const Registration*> members_;
    Holder holder_{};
  };

 private:
  std::vector<Registration> plugins_;
};

}  // namespace geneft::sdk

/// Defines the library's `geneft_entry` from a list of registrations.
#define GENEFT_PLUGIN_LIBRARY(...)                                                          \
  namespace {                                                                               \
  using geneft_sdk_relations_ =                                                             \
      geneft::sdk::Library::Kind<geneft_relation_factory, geneft_relation>;                 \
  using geneft_sdk_modes_ =                                                                 \
      geneft::sdk::Library::Kind<geneft_decoder_mode_factory, geneft_decoder_mode>;         \
  using geneft_sdk_analyzers_ =                                                             \
      geneft::sdk::Library::Kind<geneft_analyzer_factory, geneft_analyzer>;                 \
  const geneft::sdk::Library& geneft_sdk_library_() {                                       \
    static const geneft::sdk::Library library({__VA_ARGS__});                               \
    return library;                                                                         \
  }                                                                                         \
  const void* geneft_sdk_get_factory_(const char* id) {                                     \
    static const geneft_sdk_relations_ relations(&geneft_sdk_library_(),                    \
                                                 GENEFT_RELATION_FACTORY_ID);               \
    static const geneft_sdk_modes_ modes(&geneft_sdk_library_(),                            \
                                         GENEFT_DECODER_MODE_FACTORY_ID);                   \
    static const geneft_sdk_analyzers_ analyzers(&geneft_sdk_library_(),                    \
                                                 GENEFT_ANALYZER_FACTORY_ID);               \
    if (id == nullptr) return nullptr;                                                      \
    if (std::strcmp(id, GENEFT_RELATION_FACTORY_ID) == 0) return relations.get();           \
    if (std::strcmp(id, GENEFT_DECODER_MODE_FACTORY_ID) == 0) return modes.get();           \
    if (std::strcmp(id, GENEFT_ANALYZER_FACTORY_ID) == 0) return analyzers.get();           \
    return nullptr;                                                                         \
  }                                                                                         \
  }                                                                                         \
  extern "C" GENEFT_EXPORT const geneft_plugin_entry geneft_entry = {                       \
      GENEFT_ABI_VERSION_INIT,                                                              \
      [](const geneft_host*, const char*) -> int32_t { return 1; },                         \
      []() {},                                                                              \
      [](const char* id) -> const void* { return geneft_sdk_get_factory_(id); }}

#endif  // GENEFT_PLUGIN_HPP
