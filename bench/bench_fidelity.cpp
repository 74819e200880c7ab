// Fidelity data for bench/torch_fidelity.py: for a few configurations,
// trains geneft's real Train() for `steps` full-batch steps evaluating at
// every step, and writes one JSON file per configuration with everything
// PyTorch needs to train the same network from the same start:
//   - the configuration (n, d, mode, depth, width, activation, classes,
//     optimizer, betas, eps, per-group lr and weight decay),
//   - the initial embeddings (n x d) and each decoder layer's W (fan_in x
//     fan_out, row-major: z = W^T x + b) and b, drawn exactly as Train()
//     draws them (same seeded streams, same InitializeMlp),
//   - the labels (n x n) and the training pairs (Train()'s own split),
//   - geneft's mean training loss after 0, 1, ..., steps updates and the
//     embeddings at the end.
// The script checks that PyTorch's step-0 loss equals geneft's (so the dumped
// weights are those Train() used) and compares the curves.
//
//   bench_fidelity <out_dir> [steps = 300] [seed = 7]
//
// Prints one line per file written; asserts nothing.
#include "plugin/build_paths.h"
#include "plugin/plugin_instances.h"
#include "plugin/plugin_registry.h"
#include "train/mlp.h"
#include "train/rng.h"
#include "train/trainer.h"

#include <fmt/format.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace {

struct Config {
  const char* name;
  const char* relation;  // description only
  uint32_t num_classes;
  std::function<int32_t(uint32_t, uint32_t)> label;
  const char* mode;
  int64_t depth, width;
  const char* activation;
  const char* optimizer;
  double lr_enc, lr_dec, wd_enc, wd_dec;
};

std::vector<Config> Configs() {
  auto mod3 = [](uint32_t i, uint32_t j) { return static_cast<int32_t>(i % 3 == j % 3); };
  auto diff3 = [](uint32_t i, uint32_t j) { return static_cast<int32_t>((i + 3 - j % 3) % 3); };
  return {
      // The paper's default run (Table III).
      {"mod3_concat_tanh_adam", "x = y mod 3", 2, mod3, "concat", 3, 50, "tanh", "adam", 1e-3,
       1e-3, 0.0, 0.0},
      // Another mode and activation; decoupled weight decay, unequal rates.
      {"mod3_diff_relu_adamw", "x = y mod 3", 2, mod3, "diff", 3, 50, "relu", "adamw", 3e-3,
       1e-3, 0.05, 0.1},
      // C = 3 classes (softmax + cross-entropy), L2 weight decay, gelu.
      {"diff3_concat_gelu_adam_l2", "(x - y) mod 3, 3 classes", 3, diff3, "concat", 2, 40, "gelu",
       "adam", 2e-3, 1e-3, 1e-2, 1e-3},
      // Paper Fig. 3's shape: sqdiff, depth 0; SGD with momentum.
      {"mod3_sqdiff_depth0_sgd", "x = y mod 3", 2, mod3, "sqdiff", 0, 50, "tanh", "sgd", 0.1, 0.1,
       0.0, 1e-3},
  };
}

void WriteFloats(std::FILE* f, const float* p, size_t count) {
  std::fputc('[', f);
  for (size_t i = 0; i < count; ++i) fmt::print(f, "{}{:.9g}", i ? "," : "", p[i]);
  std::fputc(']', f);
}

template <typename Int>
void WriteInts(std::FILE* f, const std::vector<Int>& v) {
  std::fputc('[', f);
  for (size_t i = 0; i < v.size(); ++i) fmt::print(f, "{}{}", i ? "," : "", v[i]);
  std::fputc(']', f);
}

bool RunOne(const geneft::PluginRegistry& registry, const Config& c, int64_t steps, uint64_t seed,
            const std::filesystem::path& out_dir) {
  std::string err;
  auto mode = registry.CreateDecoderMode(c.mode, "", &err);
  if (mode == nullptr) {
    fmt::print(stderr, "bench_fidelity: decoder mode {}: {}\n", c.mode, err);
    return false;
  }
  const uint32_t n = 30;
  std::vector<int32_t> labels(size_t{n} * n);
  for (uint32_t i = 0; i < n; ++i)
    for (uint32_t j = 0; j < n; ++j) labels[size_t{i} * n + j] = c.label(i, j);
  const geneft::TrainingTask task{n, c.num_classes, &labels};

  geneft::ModelOptions model;
  model.depth = c.depth;
  model.width = c.width;
  model.activation = c.activation;
  geneft::TrainOptions train;
  train.steps = steps;
  train.eval_every = 1;
  train.optimizer = c.optimizer;
  train.lr_enc = c.lr_enc;
  train.lr_dec = c.lr_dec;
  train.wd_enc = c.wd_enc;
  train.wd_dec = c.wd_dec;
  train.seed = seed;

  // The initial parameters, drawn as Train() draws them (trainer.cpp,
  // Prepare and Model::Initialize).
  uint32_t input_width = 0;
  if (!mode->InputWidth(static_cast<uint32_t>(model.embedding_dim), &input_width, &err)) {
    fmt::print(stderr, "bench_fidelity: {}\n", err);
    return false;
  }
  const uint32_t d = static_cast<uint32_t>(model.embedding_dim);
  std::vector<float> encoder(size_t{n} * d);
  geneft::Rng encoder_rng(geneft::DeriveSeed(seed, geneft::RandomStream::kEncoderInit));
  for (float& e : encoder) e = static_cast<float>(model.encoder_init_scale * encoder_rng.Normal());
  geneft::MlpShape shape;
  shape.input = static_cast<int>(input_width);
  shape.width = static_cast<int>(model.width);
  shape.depth = static_cast<int>(model.depth);
  shape.outputs = c.num_classes == 2 ? 1 : static_cast<int>(c.num_classes);
  std::vector<float> decoder(shape.num_params());
  geneft::Rng decoder_rng(geneft::DeriveSeed(seed, geneft::RandomStream::kDecoderInit));
  geneft::InitializeMlp(shape, model.decoder_init_scale, &decoder_rng, decoder.data());

  geneft::TrainResult result;
  if (!geneft::Train(model, train, *mode, task, &result, &err)) {
    fmt::print(stderr, "bench_fidelity: {}: training failed: {}\n", c.name, err);
    return false;
  }
  std::vector<uint32_t> train_pairs;
  for (uint32_t p = 0; p < n * n; ++p)
    if (result.train_mask[p]) train_pairs.push_back(p);

  const std::filesystem::path path = out_dir / (std::string(c.name) + ".json");
  std::FILE* f = std::fopen(path.c_str(), "w");
  if (f == nullptr) {
    fmt::print(stderr, "bench_fidelity: cannot write {}: {}\n", path.string(), std::strerror(errno));
    return false;
  }
  fmt::print(f, "{{\"name\":\"{}\",\"relation\":\"{}\",\"n\":{},\"d\":{},\"mode\":\"{}\",", c.name,
             c.relation, n, d, c.mode);
  fmt::print(f, "\"input_width\":{},\"depth\":{},\"width\":{},\"activation\":\"{}\",", input_width,
             c.depth, c.width, c.activation);
  fmt::print(f, "\"num_classes\":{},\"optimizer\":\"{}\",\"beta1\":{},\"beta2\":{},\"eps\":{},",
             c.num_classes, c.optimizer, train.beta1, train.beta2, train.eps);
  fmt::print(f, "\"momentum\":{},\"lr_enc\":{},\"lr_dec\":{},\"wd_enc\":{},\"wd_dec\":{},",
             train.momentum, c.lr_enc, c.lr_dec, c.wd_enc, c.wd_dec);
  fmt::print(f, "\"seed\":{},\"kernel_isa\":\"{}\",\"status\":\"{}\",", seed,
             geneft::KernelIsaName(geneft::DefaultKernelIsa()), geneft::RunStatusName(result.status));
  fmt::print(f, "\"labels\":");
  WriteInts(f, labels);
  fmt::print(f, ",\"train_pairs\":");
  WriteInts(f, train_pairs);
  fmt::print(f, ",\"encoder\":");
  WriteFloats(f, encoder.data(), encoder.size());
  fmt::print(f, ",\"layers\":[");
  for (int l = 0; l < shape.layers(); ++l) {
    fmt::print(f, "{}{{\"fan_in\":{},\"fan_out\":{},\"W\":", l ? "," : "", shape.fan_in(l),
               shape.fan_out(l));
    WriteFloats(f, decoder.data() + shape.weight_offset(l),
                size_t(shape.fan_in(l)) * shape.fan_out(l));
    fmt::print(f, ",\"b\":");
    WriteFloats(f, decoder.data() + shape.bias_offset(l), size_t(shape.fan_out(l)));
    fmt::print(f, "}}");
  }
  fmt::print(f, "],\"steps\":");
  WriteInts(f, result.trajectory.step);
  fmt::print(f, ",\"loss\":[");
  for (size_t i = 0; i < result.trajectory.loss.size(); ++i)
    fmt::print(f, "{}{:.17g}", i ? "," : "", result.trajectory.loss[i]);
  fmt::print(f, "],\"final_encoder\":");
  WriteFloats(f, result.embeddings.data(), result.embeddings.size());
  fmt::print(f, "}}\n");
  std::fclose(f);
  fmt::print("{}: {} steps, loss {:.6f} -> {:.6f}, wrote {}\n", c.name, result.steps_done,
             result.trajectory.loss.front(), result.trajectory.loss.back(), path.string());
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    fmt::print(stderr, "usage: bench_fidelity <out_dir> [steps = 300] [seed = 7]\n");
    return 2;
  }
  const std::filesystem::path out_dir = argv[1];
  const int64_t steps = argc > 2 ? std::atoll(argv[2]) : 300;
  const uint64_t seed = argc > 3 ? std::strtoull(argv[3], nullptr, 10) : 7;
  std::error_code ec;
  std::filesystem::create_directories(out_dir, ec);
  if (ec) {
    fmt::print(stderr, "bench_fidelity: cannot create {}: {}\n", out_dir.string(), ec.message());
    return 1;
  }

  geneft::PluginRegistry registry;
  std::string err;
  registry.LoadDirectory(GENEFT_BUILD_PLUGIN_DIR, &err);
  bool ok = true;
  for (const Config& c : Configs()) ok = RunOne(registry, c, steps, seed, out_dir) && ok;
  return ok ? 0 : 1;
}
