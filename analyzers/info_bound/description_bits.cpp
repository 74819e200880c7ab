#include "description_bits.h"

#include "completion_model.h"
#include "not_available.h"

#include <geneft/common/closed_forms.h>
#include <geneft/common/description_length.h>
#include <geneft/geneft_plugin.h>

#include <cmath>

namespace geneft::statics {

ExactBits ExactDescriptionBits(const LabelMatrix& relation, uint32_t properties,
                               bool declared_bits) {
  const uint32_t structured =
      GENEFT_PROP_EQUIVALENCE | GENEFT_PROP_BIPARTITE | GENEFT_PROP_TOTAL_ORDER;
  if (relation.classes == 2 && (properties & structured)) {
    try {
      const CompletionModel model = ModelForRelation(
          RelationMatrix::FromLabels(relation.labels.data(), relation.n), properties);
      if (model.structure == Structure::kTotalOrder)
        return {ExactBitsTotalOrder(relation.n), "closed form of a total order"};
      return {ExactBitsForClasses(model.class_sizes), "closed form of " + model.Describe()};
    } catch (const NotAvailable&) {
      // symmetric + reflexive + transitive without the flags' shorthand: nauty below
    }
  }
  if (declared_bits && relation.n > kNautyCheckElements)
    return {std::nan(""), "not checked: n = " + std::to_string(relation.n) + " > " +
                              std::to_string(kNautyCheckElements) +
                              " elements, the declared b stands"};
  return {DescriptionLengthFromAutomorphisms(relation), "nauty"};
}

}  // namespace geneft::statics
