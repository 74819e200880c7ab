#include "util/error_text.h"

#include <cctype>

namespace geneft {

std::string ErrorText(const std::error_code& ec) {
  std::string text = ec.message();
  if (!text.empty()) text[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(text[0])));
  return text;
}

}  // namespace geneft
