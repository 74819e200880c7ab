#include "train/option_docs.h"

#include "train/activation.h"
#include "train/train_options.h"

#include <fmt/format.h>

#include <cstdint>
#include <map>
#include <type_traits>

namespace geneft {
namespace {

struct RangeAndHelp {
  std::string range, help;
};

std::string JoinedActivations() {
  std::string out;
  for (const std::string& name : ActivationNames()) out += (out.empty() ? "" : " | ") + name;
  return out;
}

const std::map<std::string, RangeAndHelp>& ModelTexts() {
  static const std::map<std::string, RangeAndHelp> texts = {
      {"embedding_dim", {"1 .. 4096", "dimension d of each element's learnable embedding (Table III: 2)"}},
      {"encoder_init", {"normal | uniform", "embeddings start N(0, 1) or U(-1, 1), times encoder_init_scale"}},
      {"encoder_init_scale", {"> 0", "multiplier of the embeddings' start; sets sigma_c of Eq. 12"}},
      {"depth", {"0 .. 1000", "hidden layers of the MLP decoder; 0 is one affine map (Table III: 3)"}},
      {"width", {"1 .. 65536", "units per hidden layer (Table III: 50)"}},
      {"activation", {JoinedActivations(), "hidden activation (Table III: tanh)"}},
      {"decoder_init_scale", {"> 0", "decoder weights start U(-s, s), s = scale / sqrt(fan_in)"}},
  };
  return texts;
}

const std::map<std::string, RangeAndHelp>& TrainTexts() {
  static const std::map<std::string, RangeAndHelp> texts = {
      {"fraction", {"(0, 1]", "fraction of the n^2 pairs trained on; the rest is the test set"}},
      {"steps", {"1 .. 10^12", "step budget (Table IV: 1e5)"}},
      {"optimizer", {"adam | adamw | sgd", "adamw decouples weight decay; sgd uses momentum"}},
      {"lr_enc", {"> 0", "encoder (embedding) learning rate"}},
      {"lr_dec", {"> 0", "decoder learning rate"}},
      {"wd_enc", {">= 0", "encoder weight decay"}},
      {"wd_dec", {">= 0", "decoder weight decay"}},
      {"beta1", {"[0, 1)", "Adam's first-moment decay"}},
      {"beta2", {"[0, 1)", "Adam's second-moment decay"}},
      {"eps", {"> 0", "Adam's epsilon"}},
      {"momentum", {"[0, 1)", "SGD's momentum"}},
      {"batch_size", {"0 .. 2^31", "pairs per step; 0 is the full batch (the paper)"}},
      {"eval_every", {">= 1", "evaluate every this many steps; first passages resolve to it"}},
      {"threshold", {"[0, 1]", "accuracy that counts as learned (Table IV: 0.9)"}},
      {"early_stop", {"true | false", "stop once train and test accuracy reached the threshold"}},
      {"max_loss", {"> 0, inf = off", "a run whose training loss exceeds this is stored as diverged"}},
  };
  return texts;
}

// A default as a study file writes it: strings quoted, floats with a point.
template <typename V>
std::pair<std::string, std::string> TypeAndLiteral(const V& value) {
  if constexpr (std::is_same_v<V, std::string>) {
    return {"string", fmt::format("\"{}\"", value)};
  } else if constexpr (std::is_same_v<V, bool>) {
    return {"bool", value ? "true" : "false"};
  } else if constexpr (std::is_integral_v<V>) {
    return {"int", fmt::format("{}", value)};
  } else {
    std::string text = fmt::format("{}", value);
    if (text.find_first_of(".en") == std::string::npos) text += ".0";
    return {"double", text};
  }
}

template <typename Options, typename Visit>
std::vector<OptionDoc> Docs(const std::map<std::string, RangeAndHelp>& texts, Visit visit_all) {
  const Options defaults;
  std::vector<OptionDoc> docs;
  visit_all(defaults, [&](const char* key, const auto& value) {
    auto [type, literal] = TypeAndLiteral(value);
    const auto text = texts.find(key);
    docs.push_back({key, type, literal, text == texts.end() ? "" : text->second.range,
                    text == texts.end() ? "" : text->second.help});
  });
  return docs;
}

}  // namespace

std::vector<OptionDoc> ModelOptionDocs() {
  return Docs<ModelOptions>(ModelTexts(), [](const ModelOptions& m, auto&& visit) {
    VisitModelOptions(m, visit);
  });
}

std::vector<OptionDoc> TrainOptionDocs() {
  return Docs<TrainOptions>(TrainTexts(), [](const TrainOptions& t, auto&& visit) {
    VisitTrainOptions(t, visit);
  });
}

}  // namespace geneft
