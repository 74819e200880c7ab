// RAII handles over plugin instances; every call clears and collects the
// plugin's error message.
#include "plugin/plugin_instances.h"

#include "plugin/host.h"
#include <geneft/common/relation_properties.h>

#include <cmath>

namespace geneft {
namespace {

bool Check(geneft_status status, const std::string& what, std::string* err) {
  if (status == GENEFT_OK) return true;
  *err = what + " failed (" + StatusName(status) + "): " + TakePluginError("no message");
  return false;
}

}  // namespace

// ----- Relation -----

Relation::Relation(const geneft_relation* abi, std::shared_ptr<PluginLibrary> library,
                   std::string id)
    : abi_(abi), library_(std::move(library)), id_(std::move(id)) {}

Relation::~Relation() {
  if (abi_ != nullptr && abi_->destroy != nullptr) abi_->destroy(abi_);
}

bool Relation::Load(std::string* err) {
  if (abi_->struct_size < sizeof(geneft_relation) || abi_->get_info == nullptr ||
      abi_->get_labels == nullptr) {
    *err = "the relation instance is incomplete (short struct_size or null functions)";
    return false;
  }
  info_.struct_size = sizeof(geneft_relation_info);
  ClearPluginError();
  if (!Check(abi_->get_info(abi_, &info_), "get_info", err)) return false;
  if (info_.n == 0) return *err = "the relation has n = 0 elements", false;
  if (info_.n > GENEFT_MAX_ELEMENTS)  // refused before n^2 labels are allocated
    return *err = "the relation has n = " + std::to_string(info_.n) +
                  " elements; at most GENEFT_MAX_ELEMENTS = " +
                  std::to_string(GENEFT_MAX_ELEMENTS),
           false;
  if (info_.num_classes < 2)
    return *err = "num_classes = " + std::to_string(info_.num_classes) + ": must be >= 2", false;
  const size_t cells = size_t{info_.n} * info_.n;
  labels_.assign(cells, -1);
  if (!Check(abi_->get_labels(abi_, labels_.data(), labels_.size()), "get_labels", err))
    return false;
  for (size_t c = 0; c < cells; ++c) {
    if (labels_[c] < 0 || labels_[c] >= static_cast<int32_t>(info_.num_classes)) {
      *err = "label of pair (" + std::to_string(c / info_.n) + ", " +
             std::to_string(c % info_.n) + ") is " + std::to_string(labels_[c]) +
             ", outside 0.." + std::to_string(info_.num_classes - 1);
      return false;
    }
  }
  // Analyzers trust declared properties (the Monte Carlo bound closes the
  // training facts under them), so a false declaration is refused here.
  const uint32_t missing = info_.properties & ~DetectProperties(info_.n, labels_);
  if (missing != 0) {
    *err = "declares properties the label matrix does not have: " + PropertyNames(missing);
    return false;
  }
  names_.clear();
  for (uint32_t i = 0; i < info_.n; ++i) {
    char buf[GENEFT_NAME_SIZE];
    if (abi_->get_element_name == nullptr) {
      names_.push_back(std::to_string(i));
    } else if (Check(abi_->get_element_name(abi_, i, buf, sizeof buf),
                     "get_element_name(" + std::to_string(i) + ")", err)) {
      names_.emplace_back(buf);
    } else {
      return false;
    }
  }
  return true;
}

// ----- DecoderMode -----

DecoderMode::DecoderMode(const geneft_decoder_mode* abi, std::shared_ptr<PluginLibrary> library,
                         std::string id)
    : abi_(abi), library_(std::move(library)), id_(std::move(id)) {}

DecoderMode::~DecoderMode() {
  if (abi_ != nullptr && abi_->destroy != nullptr) abi_->destroy(abi_);
}

bool DecoderMode::InputWidth(uint32_t d, uint32_t* width, std::string* err) const {
  ClearPluginError();
  return Check(abi_->input_width(abi_, d, width), "decoder_mode." + id_ + " input_width", err);
}

bool DecoderMode::Forward(uint32_t d, size_t batch, const float* e1, const float* e2,
                          float* out, std::string* err) const {
  const geneft_status s = abi_->forward(abi_, d, batch, e1, e2, out);
  return s == GENEFT_OK || Check(s, "decoder_mode." + id_ + " forward", err);
}

bool DecoderMode::Backward(uint32_t d, size_t batch, const float* e1, const float* e2,
                           const float* d_out, float* d_e1, float* d_e2,
                           std::string* err) const {
  const geneft_status s = abi_->backward(abi_, d, batch, e1, e2, d_out, d_e1, d_e2);
  return s == GENEFT_OK || Check(s, "decoder_mode." + id_ + " backward", err);
}

// ----- Analyzer -----

Analyzer::Analyzer(const geneft_analyzer* abi, std::shared_ptr<PluginLibrary> library,
                   std::string id)
    : abi_(abi), library_(std::move(library)), id_(std::move(id)) {}

Analyzer::~Analyzer() {
  if (abi_ != nullptr && abi_->destroy != nullptr) abi_->destroy(abi_);
}

}  // namespace geneft
