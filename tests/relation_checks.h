// Helpers for the relation tests: short names for the ABI's property flags,
// and the check that a relation declares exactly what the host detects.
#pragma once

#include "plugin/plugin_instances.h"
#include <geneft/common/relation_properties.h>

#include <geneft/geneft_plugin.h>

#include <catch2/catch.hpp>

#include <cstdint>

namespace geneft::testing {

constexpr uint32_t kSym = GENEFT_PROP_SYMMETRIC;
constexpr uint32_t kRefl = GENEFT_PROP_REFLEXIVE;
constexpr uint32_t kIrrefl = GENEFT_PROP_IRREFLEXIVE;
constexpr uint32_t kTrans = GENEFT_PROP_TRANSITIVE;
constexpr uint32_t kAntisym = GENEFT_PROP_ANTISYMMETRIC;
constexpr uint32_t kEquiv = GENEFT_PROP_EQUIVALENCE;
constexpr uint32_t kTotal = GENEFT_PROP_TOTAL_ORDER;
constexpr uint32_t kBipartite = GENEFT_PROP_BIPARTITE;

/// The properties `relation` declares are the ones its labels have.
inline void CheckDeclaredProperties(const Relation& relation) {
  const uint32_t detected = DetectProperties(relation.n(), relation.labels());
  INFO("declared: " << PropertyNames(relation.info().properties)
                    << "; detected: " << PropertyNames(detected));
  CHECK(relation.info().properties == detected);
}

}  // namespace geneft::testing
