#include "step_breakdown.h"

#include "bench_clock.h"
#include "train/aligned_buffer.h"
#include "train/model.h"
#include "train/optimizer.h"
#include "train/rng.h"
#include "train/trainer.h"

#include <algorithm>
#include <functional>
#include <memory>
#include <vector>

namespace geneft::bench {
namespace {

constexpr uint32_t kElements = 30;
constexpr int kHidden = 50, kDepth = 3;

// One layer's buffers, feature-major as the MLP keeps them.
struct Layer {
  int in = 0, out = 0;
  AlignedBuffer<float> w, b, dwb;  // dwb: the weight gradient, then the bias gradient
};

struct Buffers {
  int cols = 0;
  ptrdiff_t ld = 0;
  std::vector<Layer> layers;
  std::vector<AlignedBuffer<float>> h;  // h[0] input, h[l + 1] output of layer l
  AlignedBuffer<float> g, g_in;         // a gradient in, one out
};

void Fill(AlignedBuffer<float>* buffer, Rng* rng, double scale) {
  for (float& x : *buffer) x = static_cast<float>(scale * rng->UniformSymmetric());
}

Buffers MakeBuffers(int input_width, int pairs) {
  Buffers s;
  s.cols = PaddedColumns(pairs);
  s.ld = Mlp<float>::RowStride(kDefaultChunkColumns);  // the MLP's, for the default chunk
  Rng rng(5);
  std::vector<int> widths = {input_width};
  for (int l = 0; l < kDepth; ++l) widths.push_back(kHidden);
  widths.push_back(1);
  for (size_t l = 0; l + 1 < widths.size(); ++l) {
    Layer layer;
    layer.in = widths[l];
    layer.out = widths[l + 1];
    layer.w.Reset(size_t(layer.in) * layer.out);
    layer.b.Reset(layer.out);
    layer.dwb.Reset((size_t(layer.in) + 1) * layer.out);
    Fill(&layer.w, &rng, 1.0 / std::sqrt(double(layer.in)));
    Fill(&layer.b, &rng, 0.1);
    s.layers.push_back(std::move(layer));
  }
  for (size_t l = 0; l < widths.size(); ++l) {
    // A layer's input has the MLP's row of ones after its features.
    const bool input = l + 1 < widths.size();
    s.h.emplace_back((size_t(widths[l]) + (input ? 1 : 0)) * s.ld);
    Fill(&s.h.back(), &rng, 0.9);  // finite, and a plausible tanh output
    if (input) std::fill(s.h.back().end() - s.ld, s.h.back().end(), 1.0f);
  }
  s.g.Reset(size_t(kHidden) * s.ld);
  s.g_in.Reset(size_t(kHidden) * s.ld);
  Fill(&s.g, &rng, 1e-3);
  return s;
}

// CPU seconds per call of `work`, over enough calls for about 20 ms.
double SecondsPerCall(const std::function<void()>& work) {
  work();  // warm the caches
  int calls = 1;
  for (;;) {
    const double start = ThreadSeconds();
    for (int i = 0; i < calls; ++i) work();
    const double seconds = ThreadSeconds() - start;
    if (seconds > 0.02) return seconds / calls;
    calls *= 2;
  }
}

// The default run's model and optimizer, one step per call.
class Step {
 public:
  bool Build(KernelIsa isa, const DecoderMode& mode, std::string* err) {
    input_ = std::make_unique<PluginDecoderInput>(mode);
    ModelShape shape;
    shape.n = kElements;
    model_ = Model<float>::Create(shape, *input_, kDefaultChunkColumns, isa, err);
    if (model_ == nullptr) return false;
    Rng encoder_rng(1), decoder_rng(2);
    model_->Initialize(true, 1.0, 1.0, &encoder_rng, &decoder_rng);
    labels_.resize(kElements * kElements);
    for (uint32_t p = 0; p < labels_.size(); ++p)
      labels_[p] = (p / kElements) % 3 == (p % kElements) % 3;
    const std::vector<uint8_t> mask = SplitPairs(kElements, 0.75, 3);
    for (uint32_t p = 0; p < mask.size(); ++p)
      if (mask[p]) pairs_.push_back(p);
    OptimizerSettings settings;
    settings.kind = OptimizerKind::kAdam;
    optimizer_ = std::make_unique<Optimizer<float>>(
        settings,
        std::vector<ParamGroup<float>>{
            {model_->encoder(), model_->encoder_grad(), model_->encoder_size(), 1e-3, 0.0},
            {model_->decoder(), model_->decoder_grad(), model_->decoder_size(), 1e-3, 0.0}},
        isa);
    return true;
  }
  void Run() {
    bool finite = true;
    std::string err;
    model_->Gradient(pairs_.data(), pairs_.size(), labels_.data(), &finite, &err);
    optimizer_->Step();
  }
  size_t pairs() const { return pairs_.size(); }
  int input_width() const { return static_cast<int>(model_->input_width()); }

 private:
  std::unique_ptr<PluginDecoderInput> input_;
  std::unique_ptr<Model<float>> model_;
  std::unique_ptr<Optimizer<float>> optimizer_;
  std::vector<int32_t> labels_;
  std::vector<uint32_t> pairs_;
};

}  // namespace

bool MeasureStepBreakdown(KernelIsa isa, const DecoderMode& mode, int repeats,
                          StepBreakdown* out, std::string* err) {
  Step step;
  if (!step.Build(isa, mode, err)) return false;
  Buffers s = MakeBuffers(step.input_width(), static_cast<int>(step.pairs()));
  const Kernels<float>& k = FloatKernels(isa);
  const int layers = static_cast<int>(s.layers.size());
  // Each kernel for layer l alone; the step's kernel lines are their sums.
  auto forward_of = [&](int l, Activation hidden) {
    Layer& L = s.layers[l];
    k.forward(L.w.data(), L.b.data(), L.in, L.out, s.h[l].data(), nullptr, s.g_in.data(), s.ld,
              s.cols, l + 1 < layers ? hidden : Activation::kIdentity);
  };
  // The layer's forward over no inputs: its outputs are act(bias), so with
  // tanh it is the tanh and the stores, nothing else.
  auto activation_alone_of = [&](int l, Activation act) {
    Layer& L = s.layers[l];
    k.forward(L.w.data(), L.b.data(), 0, L.out, s.h[l].data(), nullptr, s.g_in.data(), s.ld,
              s.cols, act);
  };
  // Through a tanh layer the gradient is written over its activations, as
  // the MLP does (they stay finite and near 1e-3, so later calls time the
  // same); into a buffer of its own for the input layer.
  auto input_grad_of = [&](int l) {
    Layer& L = s.layers[l];
    float* g_in = l > 0 ? s.h[l].data() : s.g_in.data();
    k.backward_data(L.w.data(), L.in, L.out, s.g.data(), nullptr, s.h[l].data(), g_in, s.ld,
                    s.cols, l > 0 ? Activation::kTanh : Activation::kIdentity);
  };
  auto weight_grad_of = [&](int l) {
    Layer& L = s.layers[l];
    k.backward_weights(s.h[l].data(), s.g.data(), L.in, L.out, s.ld, s.cols, L.dwb.data(),
                       false);
  };
  auto both_grads_of_logit = [&](int l) {
    Layer& L = s.layers[l];
    k.backward_one_output_tanh(L.w.data(), s.h[l].data(), s.g.data(), L.in, s.ld, s.cols,
                               L.dwb.data(), false);
  };
  // Adam over the step's two groups: the decoder's parameters, the embeddings.
  size_t decoder_params = 0;
  for (const Layer& L : s.layers) decoder_params += size_t(L.in + 1) * L.out;
  const size_t encoder_params = size_t(kElements) * 2;
  AlignedBuffer<float> p(decoder_params + encoder_params), g(p.size()), m(p.size()), v(p.size());
  Rng rng(9);
  Fill(&p, &rng, 0.1);
  Fill(&g, &rng, 1e-3);
  const AdamCoefficients<float> c{0.9f, 0.999f, 0.1f, 0.001f, 1e-3f, 1.0f, 1e-8f, 0.0f, 1.0f};
  auto adam = [&] {
    k.adam(p.data(), g.data(), m.data(), v.data(), decoder_params, c);
    k.adam(p.data() + decoder_params, g.data() + decoder_params, m.data() + decoder_params,
           v.data() + decoder_params, encoder_params, c);
  };

  struct Samples {
    std::vector<double> forward, tanh, tanh_alone, input_grad, weight_grad;
  };
  std::vector<Samples> per_layer(layers);
  std::vector<double> a, st;
  for (int r = 0; r < repeats; ++r) {
    for (int l = 0; l < layers; ++l) {
      Samples& times = per_layer[l];
      const double plain = SecondsPerCall([&] { forward_of(l, Activation::kIdentity); });
      times.forward.push_back(plain);
      if (l + 1 < layers) {
        times.tanh.push_back(SecondsPerCall([&] { forward_of(l, Activation::kTanh); }) - plain);
        times.tanh_alone.push_back(
            SecondsPerCall([&] { activation_alone_of(l, Activation::kTanh); }) -
            SecondsPerCall([&] { activation_alone_of(l, Activation::kIdentity); }));
      }
      times.weight_grad.push_back(SecondsPerCall([&] { weight_grad_of(l); }));
      if (l > 0 && s.layers[l].out == 1) {
        // The logit layer after tanh: both gradients in one pass, as the
        // MLP takes them; its input-gradient share is that pass minus the
        // weight gradient alone.
        times.input_grad.push_back(SecondsPerCall([&] { both_grads_of_logit(l); }) -
                                   times.weight_grad.back());
      } else {
        times.input_grad.push_back(SecondsPerCall([&] { input_grad_of(l); }));
      }
    }
    a.push_back(SecondsPerCall(adam));
    st.push_back(SecondsPerCall([&] { step.Run(); }));
  }
  out->adam = Median(a);
  out->step = Median(st);
  out->layers.clear();
  const auto median_or_zero = [](const std::vector<double>& v) {  // (no tanh: the logit layer)
    return v.empty() ? 0.0 : Median(v);
  };
  for (int l = 0; l < layers; ++l) {
    const Samples& times = per_layer[l];
    out->layers.push_back({s.layers[l].in, s.layers[l].out, Median(times.forward),
                           median_or_zero(times.tanh), median_or_zero(times.tanh_alone),
                           Median(times.input_grad), Median(times.weight_grad)});
  }
  return true;
}

}  // namespace geneft::bench
