// Test plugin: a C++ library whose author writes the entry by hand, as a
// const at namespace scope, without the helper's GENEFT_PLUGIN_LIBRARY and
// without extern "C". Such a const has internal linkage in C++ unless
// declared before; geneft/entry.h declares geneft_entry (extern "C",
// exported), so this definition is the library's exported entry point.
#include <geneft/geneft_plugin.h>

#include <cmath>
#include <cstring>

namespace {

constexpr uint32_t kElements = 5;

// The identity relation on kElements elements: x ~ y iff x = y.
geneft_status GetInfo(const geneft_relation*, geneft_relation_info* info) {
  info->n = kElements;
  info->num_classes = 2;
  info->properties = GENEFT_PROP_SYMMETRIC | GENEFT_PROP_REFLEXIVE | GENEFT_PROP_TRANSITIVE |
                     GENEFT_PROP_ANTISYMMETRIC | GENEFT_PROP_EQUIVALENCE;
  info->description_bits = 0.0;
  info->guess_probability = NAN;
  return GENEFT_OK;
}

geneft_status GetLabels(const geneft_relation*, int32_t* labels, size_t capacity) {
  if (capacity < kElements * kElements) return GENEFT_ERR_BUFFER_TOO_SMALL;
  for (uint32_t i = 0; i < kElements * kElements; ++i) labels[i] = i / kElements == i % kElements;
  return GENEFT_OK;
}

void Destroy(const geneft_relation*) {}

const geneft_relation kInstance = {sizeof(geneft_relation), nullptr, GetInfo, GetLabels, nullptr,
                                   Destroy};

const geneft_param_spec kParams[] = {{"unused", GENEFT_PARAM_INT, "0", "no effect"}};
const geneft_plugin_descriptor kDescriptor = {
    sizeof(geneft_plugin_descriptor), "hand_written", "1.0.0",
    "x ~ y iff x = y on 5 elements, from an entry written by hand in C++", kParams, 1};

const geneft_relation_factory kFactory = {
    [](const geneft_relation_factory*) -> uint32_t { return 1; },
    [](const geneft_relation_factory*, uint32_t index) -> const geneft_plugin_descriptor* {
      return index == 0 ? &kDescriptor : nullptr;
    },
    [](const geneft_relation_factory*, const geneft_host*, const char*,
       const geneft_params*) -> const geneft_relation* { return &kInstance; }};

int32_t Init(const geneft_host*, const char*) { return 1; }

const void* GetFactory(const char* id) {
  return std::strcmp(id, GENEFT_RELATION_FACTORY_ID) == 0 ? &kFactory : nullptr;
}

}  // namespace

const geneft_plugin_entry geneft_entry = {GENEFT_ABI_VERSION_INIT, Init, nullptr, GetFactory};
