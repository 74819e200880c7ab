// The one error the statics library raises on purpose: a number that does not
// exist for this relation (never replaced by a wrong one).
#pragma once

#include <stdexcept>
#include <string>

namespace geneft::statics {

class NotAvailable : public std::runtime_error {
 public:
  /// what() = "bound not available for this relation: <reason>".
  explicit NotAvailable(const std::string& reason)
      : std::runtime_error("bound not available for this relation: " + reason) {}
};

}  // namespace geneft::statics
