// The trained model: one embedding per element (the encoder), the decoder
// mode that turns a pair of embeddings into the decoder input, and the MLP
// decoder. Computes the mean loss gradient over a batch of pairs and the
// per-pair loss and correctness, chunk by chunk, without allocating.
//
// Pairs are coded p = i * n + j; labels are the task's n x n matrix indexed
// by p.
#pragma once

#include "plugin/plugin_instances.h"
#include "train/aligned_buffer.h"
#include "train/mlp.h"

#include <cstdint>
#include <memory>
#include <string>

namespace geneft {

/// How the decoder input is made from two embeddings: the trainer adapts the
/// DecoderMode plugin (float); tests supply double versions.
template <typename T>
class DecoderInput {
 public:
  virtual ~DecoderInput() = default;
  /// Decoder input width for embedding dimension d.
  virtual bool Width(uint32_t d, uint32_t* width, std::string* err) const = 0;
  /// out (batch x width) from e1, e2 (batch x d), all row-major.
  virtual bool Forward(uint32_t d, size_t batch, const T* e1, const T* e2, T* out,
                       std::string* err) const = 0;
  /// d_e1, d_e2 (batch x d, overwritten) from d_out (batch x width).
  virtual bool Backward(uint32_t d, size_t batch, const T* e1, const T* e2, const T* d_out,
                        T* d_e1, T* d_e2, std::string* err) const = 0;
};

/// A DecoderMode plugin instance as a DecoderInput<float>.
class PluginDecoderInput final : public DecoderInput<float> {
 public:
  explicit PluginDecoderInput(const DecoderMode& mode) : mode_(mode) {}
  bool Width(uint32_t d, uint32_t* width, std::string* err) const override {
    return mode_.InputWidth(d, width, err);
  }
  bool Forward(uint32_t d, size_t batch, const float* e1, const float* e2, float* out,
               std::string* err) const override {
    return mode_.Forward(d, batch, e1, e2, out, err);
  }
  bool Backward(uint32_t d, size_t batch, const float* e1, const float* e2, const float* d_out,
                float* d_e1, float* d_e2, std::string* err) const override {
    return mode_.Backward(d, batch, e1, e2, d_out, d_e1, d_e2, err);
  }

 private:
  const DecoderMode& mode_;
};

struct ModelShape {
  uint32_t n = 0;            ///< elements
  uint32_t d = 2;            ///< embedding dimension
  uint32_t num_classes = 2;  ///< 2: one logit; C > 2: C logits
  int depth = 3;
  int width = 50;
  Activation activation = Activation::kTanh;
};

/// Most pairs per kernel call: larger batches are cut into equal chunks so a
/// chunk's activations stay in the L2 cache (DESIGN 3b); gradients are
/// summed. The paper's full batch (675 pairs, about 0.7 MB of activations
/// and gradients at width 50) stays one chunk: measured 3-4% faster than
/// 512 + 163, and 25% faster than chunks of 128.
constexpr int kDefaultChunkColumns = 768;

template <typename T>
class Model {
 public:
  /// Builds a model; on failure (the decoder input refused d) returns null
  /// with *err. `chunk_columns` bounds the pairs of one kernel call.
  static std::unique_ptr<Model> Create(const ModelShape& shape, const DecoderInput<T>& input,
                                       int chunk_columns, KernelIsa isa, std::string* err);

  const ModelShape& shape() const { return shape_; }
  const MlpShape& mlp_shape() const { return mlp_.shape(); }
  uint32_t input_width() const { return input_width_; }

  /// The encoder group: n x d embeddings, row-major.
  T* encoder() { return encoder_.data(); }
  size_t encoder_size() const { return encoder_.size(); }
  const T* encoder_grad() const { return encoder_grad_.data(); }
  /// The decoder group: the MLP's flat parameters (see mlp.h).
  T* decoder() { return decoder_.data(); }
  size_t decoder_size() const { return decoder_.size(); }
  const T* decoder_grad() const { return decoder_grad_.data(); }

  /// Embeddings N(0,1) or U(-1,1) times encoder_scale; decoder U(-s, s),
  /// s = decoder_scale / sqrt(fan_in).
  void Initialize(bool normal_encoder, double encoder_scale, double decoder_scale,
                  Rng* encoder_rng, Rng* decoder_rng);

  /// Gradient of the mean loss over pairs[0..count) with respect to every
  /// parameter (overwrites encoder_grad and decoder_grad). *finite = false
  /// when some logit was NaN or infinite. False only on a plugin error.
  bool Gradient(const uint32_t* pairs, size_t count, const int32_t* labels, bool* finite,
                std::string* err);

  /// loss[k] and correct[k] of pairs[k], k < count, at the current parameters;
  /// with `probabilities`, also the class probabilities of each pair
  /// (count x num_classes, row-major; see OutputLoss).
  bool Evaluate(const uint32_t* pairs, size_t count, const int32_t* labels, double* loss,
                uint8_t* correct, std::string* err, float* probabilities = nullptr);

 private:
  Model(const ModelShape& shape, const DecoderInput<T>& input, uint32_t input_width,
        int chunk_columns, KernelIsa isa);
  // Pairs per chunk for a batch of `count`: at most chunk_, chunks equal.
  size_t ChunkSize(size_t count) const;
  // Decoder input of pairs[0..count) into the MLP's input (feature-major);
  // also each pair's two elements into first_ and second_.
  bool LoadChunk(const uint32_t* pairs, int count, const int32_t* labels, std::string* err);
  // Adds de1_ and de2_ of the chunk's `count` (>= 1) pairs to the
  // embedding gradients of their first and second elements.
  void AddEmbeddingGradients(int count);

  ModelShape shape_;
  const DecoderInput<T>& input_;
  uint32_t input_width_;
  int chunk_;
  Mlp<T> mlp_;
  const Kernels<T>* kernels_;  ///< for the loss gradient (the MLP has its own pointer)
  AlignedBuffer<T> encoder_, encoder_grad_, decoder_, decoder_grad_;
  // Per-chunk staging, row-major as the decoder mode wants it.
  AlignedBuffer<T> e1_, e2_, x_, dx_, de1_, de2_;
  AlignedBuffer<int32_t> chunk_labels_;
  // The elements i, j of the chunk's pairs p = i * n + j, split once per
  // chunk and reused by the embedding gradient.
  AlignedBuffer<uint32_t> first_, second_;
};

extern template class Model<float>;
extern template class Model<double>;

}  // namespace geneft
