#include "train/model.h"

#include "train/loss.h"
#include "train/pair_transpose.h"

#include <libdivide.h>

#include <algorithm>
#include <cstring>

namespace geneft {
namespace {

// f.template operator()<kD>() with kD = d for d = 1..4, so that the loops
// over an embedding's components have a length the compiler knows (the
// paper's d is 2); kD = 0 for any other d.
template <typename F>
void WithSmallDimension(uint32_t d, F&& f) {
  switch (d) {
    case 1: return f.template operator()<1>();
    case 2: return f.template operator()<2>();
    case 3: return f.template operator()<3>();
    case 4: return f.template operator()<4>();
    default: return f.template operator()<0>();
  }
}

}  // namespace

template <typename T>
std::unique_ptr<Model<T>> Model<T>::Create(const ModelShape& shape, const DecoderInput<T>& input,
                                           int chunk_columns, KernelIsa isa, std::string* err) {
  uint32_t width = 0;
  if (!input.Width(shape.d, &width, err)) return nullptr;
  if (width == 0) {
    *err = "the decoder mode gives input width 0 for embedding dimension " +
           std::to_string(shape.d);
    return nullptr;
  }
  return std::unique_ptr<Model>(new Model(shape, input, width, chunk_columns, isa));
}

template <typename T>
Model<T>::Model(const ModelShape& shape, const DecoderInput<T>& input, uint32_t input_width,
                int chunk_columns, KernelIsa isa)
    : shape_(shape),
      input_(input),
      input_width_(input_width),
      chunk_(std::max(chunk_columns, 1)),
      mlp_(MlpShape{static_cast<int>(input_width), shape.width, shape.depth,
                    LogitCount(shape.num_classes), shape.activation},
           chunk_, isa),
      kernels_(&KernelsFor<T>(isa)) {
  const size_t n = shape.n, d = shape.d, chunk = chunk_;
  encoder_.Reset(n * d);
  encoder_grad_.Reset(n * d);
  decoder_.Reset(mlp_.shape().num_params());
  decoder_grad_.Reset(mlp_.shape().num_params());
  for (AlignedBuffer<T>* b : {&e1_, &e2_, &de1_, &de2_}) b->Reset(chunk * d);
  x_.Reset(chunk * input_width);
  dx_.Reset(chunk * input_width);
  chunk_labels_.Reset(chunk);
  first_.Reset(chunk);
  second_.Reset(chunk);
}

template <typename T>
void Model<T>::Initialize(bool normal_encoder, double encoder_scale, double decoder_scale,
                          Rng* encoder_rng, Rng* decoder_rng) {
  for (T& e : encoder_) {
    const double x = normal_encoder ? encoder_rng->Normal() : encoder_rng->UniformSymmetric();
    e = static_cast<T>(encoder_scale * x);
  }
  InitializeMlp(mlp_.shape(), decoder_scale, decoder_rng, decoder_.data());
}

template <typename T>
size_t Model<T>::ChunkSize(size_t count) const {
  // Equal chunks, not full ones and a small tail: a tail pays the per-call
  // costs (lane sums, partial tiles) for few pairs.
  const size_t chunks = (count + chunk_ - 1) / chunk_;
  return chunks == 0 ? 1 : (count + chunks - 1) / chunks;
}

template <typename T>
bool Model<T>::LoadChunk(const uint32_t* pairs, int count, const int32_t* labels,
                         std::string* err) {
  const uint32_t n = shape_.n, d = shape_.d;
  // 1. Each pair's elements and label, then its two embeddings. A copy
  // call per pair cost more than the copy (d is small): for d up to 4, d
  // is known to the compiler and each embedding is one move (for the
  // paper's d = 2 the split and gather took 0.83-0.85% of a default run
  // with element-by-element copies, 0.67% so), else element by element.
  const libdivide::divider<uint32_t> by_n(n);  // a multiply, not a division, per pair
  const T* encoder = encoder_.data();
  auto split_and_gather = [&]<uint32_t kD>() {
    const uint32_t dd = kD != 0 ? kD : d;
    T* e1 = e1_.data();
    T* e2 = e2_.data();
    for (int b = 0; b < count; ++b) {
      const uint32_t p = pairs[b], i = p / by_n, j = p - i * n;
      first_[b] = i;
      second_[b] = j;
      chunk_labels_[b] = labels[p];
      const T* a = encoder + size_t(i) * dd;
      const T* c = encoder + size_t(j) * dd;
      if constexpr (kD != 0) {
        std::memcpy(e1 + size_t(b) * kD, a, kD * sizeof(T));
        std::memcpy(e2 + size_t(b) * kD, c, kD * sizeof(T));
      } else {
        for (uint32_t k = 0; k < dd; ++k) e1[size_t(b) * dd + k] = a[k];
        for (uint32_t k = 0; k < dd; ++k) e2[size_t(b) * dd + k] = c[k];
      }
    }
  };
  WithSmallDimension(d, split_and_gather);
  // 2. The decoder mode: (e1, e2) -> x, row-major.
  if (!input_.Forward(d, count, e1_.data(), e2_.data(), x_.data(), err)) return false;
  // 3. Transpose into the MLP's feature-major input; padding columns are 0.
  PairsToFeatureRows(x_.data(), input_width_, count, mlp_.input(), mlp_.ld(),
                     PaddedColumns(count));
  return true;
}

template <typename T>
bool Model<T>::Gradient(const uint32_t* pairs, size_t count, const int32_t* labels, bool* finite,
                        std::string* err) {
  const uint32_t d = shape_.d;
  const ptrdiff_t ld = mlp_.ld();
  const T scale = T(1) / static_cast<T>(count);  // the loss is the batch mean
  std::fill(encoder_grad_.begin(), encoder_grad_.end(), T(0));
  *finite = true;
  const size_t per_chunk = ChunkSize(count);
  for (size_t start = 0; start < count; start += per_chunk) {
    const int c = static_cast<int>(std::min(per_chunk, count - start));
    const int cols = PaddedColumns(c);
    const uint32_t* chunk_pairs = pairs + start;
    // Forward: embeddings -> decoder input -> logits -> dLoss/dlogits.
    if (!LoadChunk(chunk_pairs, c, labels, err)) return false;
    const T* logits = mlp_.Forward(decoder_.data(), cols);
    *finite &= kernels_->output_gradient(LogitCount(shape_.num_classes), logits, ld,
                                         chunk_labels_.data(), c, cols, scale,
                                         mlp_.output_grad());
    // Backward: decoder (summed over chunks), then through the decoder mode.
    mlp_.Backward(decoder_.data(), cols, decoder_grad_.data(), /*accumulate=*/start > 0);
    FeatureRowsToPairs(mlp_.input_grad(), ld, input_width_, c, dx_.data());
    if (!input_.Backward(d, c, e1_.data(), e2_.data(), dx_.data(), de1_.data(), de2_.data(), err))
      return false;
    AddEmbeddingGradients(c);
  }
  return true;
}

template <typename T>
void Model<T>::AddEmbeddingGradients(int count) {
  // Each pair adds to the gradient of both its elements' embeddings, in
  // pair order. The sums of the pairs' first element (all d components)
  // are kept in registers while consecutive pairs share it (as pairs
  // sorted by first element do), instead of being stored and read back
  // once per pair; for d up to 4 every component goes in the same pass
  // over the pairs. Every element's additions keep their order, component
  // by component.
  const uint32_t d = shape_.d;
  T* grad = encoder_grad_.data();
  auto add = [&]<uint32_t kD>(uint32_t k0) {  // components k0 .. k0 + kD - 1
    uint32_t held = first_[0];
    T sum[kD];
    for (uint32_t k = 0; k < kD; ++k) sum[k] = grad[size_t(held) * d + k0 + k];
    for (int b = 0; b < count; ++b) {
      const uint32_t i = first_[b], j = second_[b];
      if (i != held) {
        for (uint32_t k = 0; k < kD; ++k) grad[size_t(held) * d + k0 + k] = sum[k];
        held = i;
        for (uint32_t k = 0; k < kD; ++k) sum[k] = grad[size_t(i) * d + k0 + k];
      }
      const T* share1 = de1_.data() + size_t(b) * d + k0;
      const T* share2 = de2_.data() + size_t(b) * d + k0;
      for (uint32_t k = 0; k < kD; ++k) sum[k] += share1[k];
      if (j == i) {
        for (uint32_t k = 0; k < kD; ++k) sum[k] += share2[k];
      } else {
        for (uint32_t k = 0; k < kD; ++k) grad[size_t(j) * d + k0 + k] += share2[k];
      }
    }
    for (uint32_t k = 0; k < kD; ++k) grad[size_t(held) * d + k0 + k] = sum[k];
  };
  WithSmallDimension(d, [&]<uint32_t kD>() {
    if constexpr (kD != 0) add.template operator()<kD>(0);
    else for (uint32_t k = 0; k < d; ++k) add.template operator()<1>(k);  // a pass per component
  });
}

template <typename T>
bool Model<T>::Evaluate(const uint32_t* pairs, size_t count, const int32_t* labels, double* loss,
                        uint8_t* correct, std::string* err, float* probabilities) {
  const size_t per_chunk = ChunkSize(count);
  for (size_t start = 0; start < count; start += per_chunk) {
    const int c = static_cast<int>(std::min(per_chunk, count - start));
    const int cols = PaddedColumns(c);
    if (!LoadChunk(pairs + start, c, labels, err)) return false;
    const T* logits = mlp_.Forward(decoder_.data(), cols);
    OutputLoss(shape_.num_classes, logits, mlp_.ld(), chunk_labels_.data(), c, loss + start,
               correct + start,
               probabilities != nullptr ? probabilities + start * shape_.num_classes : nullptr);
  }
  return true;
}

template class Model<float>;
template class Model<double>;

}  // namespace geneft
