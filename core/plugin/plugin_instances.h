// RAII handles over plugin instances. Each keeps its library loaded and calls
// the instance's destroy() exactly once. Methods follow the ABI's thread tags.
#pragma once

#include "plugin/plugin_library.h"

#include <geneft/geneft_plugin.h>

#include <memory>
#include <string>
#include <vector>

namespace geneft {

/// A relation instance: its info, label matrix and element names.
class Relation {
 public:
  Relation(const geneft_relation* abi, std::shared_ptr<PluginLibrary> library, std::string id);
  ~Relation();
  Relation(const Relation&) = delete;
  Relation& operator=(const Relation&) = delete;

  const std::string& id() const { return id_; }
  /// Info, labels and names are read once at construction (see Load).
  const geneft_relation_info& info() const { return info_; }
  uint32_t n() const { return info_.n; }
  /// n x n labels, row-major.
  const std::vector<int32_t>& labels() const { return labels_; }
  const std::vector<std::string>& element_names() const { return names_; }

  /// Reads info, labels and names from the plugin and checks them (labels in
  /// range, n > 0). Called by the registry right after create().
  bool Load(std::string* err);

 private:
  const geneft_relation* abi_;
  std::shared_ptr<PluginLibrary> library_;
  std::string id_;
  geneft_relation_info info_{};
  std::vector<int32_t> labels_;
  std::vector<std::string> names_;
};

/// A decoder input mode. forward/backward are [thread-safe].
class DecoderMode {
 public:
  DecoderMode(const geneft_decoder_mode* abi, std::shared_ptr<PluginLibrary> library,
              std::string id);
  ~DecoderMode();
  DecoderMode(const DecoderMode&) = delete;
  DecoderMode& operator=(const DecoderMode&) = delete;

  const std::string& id() const { return id_; }
  bool InputWidth(uint32_t d, uint32_t* width, std::string* err) const;
  bool Forward(uint32_t d, size_t batch, const float* e1, const float* e2, float* out,
               std::string* err) const;
  bool Backward(uint32_t d, size_t batch, const float* e1, const float* e2, const float* d_out,
                float* d_e1, float* d_e2, std::string* err) const;

 private:
  const geneft_decoder_mode* abi_;
  std::shared_ptr<PluginLibrary> library_;
  std::string id_;
};

/// An analyzer. Stages it does not offer report `false` from Has*().
class Analyzer {
 public:
  Analyzer(const geneft_analyzer* abi, std::shared_ptr<PluginLibrary> library, std::string id);
  ~Analyzer();
  Analyzer(const Analyzer&) = delete;
  Analyzer& operator=(const Analyzer&) = delete;

  const std::string& id() const { return id_; }
  const geneft_analyzer* abi() const { return abi_; }
  bool HasRelationStage() const { return abi_->analyze_relation != nullptr; }
  bool HasRunStage() const { return abi_->analyze_run != nullptr; }
  bool HasStudyStage() const { return abi_->analyze_study != nullptr; }

 private:
  const geneft_analyzer* abi_;
  std::shared_ptr<PluginLibrary> library_;
  std::string id_;
};

}  // namespace geneft
