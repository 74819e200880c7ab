// The step loop allocates nothing: every global operator new (and, on glibc,
// every malloc/calloc/realloc, which also catches C code and libraries that
// bypass operator new) is counted while training runs.
#include "plugin/plugin_instances.h"
#include "plugin/plugin_registry.h"
#include "test_support.h"
#include "train/model.h"
#include "train/optimizer.h"
#include "train/trainer.h"

#include <catch2/catch.hpp>

#include <atomic>
#include <cstdlib>
#include <new>
#include <string>
#include <vector>

namespace {

std::atomic<long> g_news{0};
std::atomic<long> g_mallocs{0};

void* CountedNew(std::size_t size) {
  g_news.fetch_add(1, std::memory_order_relaxed);
  if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
  throw std::bad_alloc();
}

void* CountedAlignedNew(std::size_t size, std::align_val_t align) {
  g_news.fetch_add(1, std::memory_order_relaxed);
  const std::size_t a = static_cast<std::size_t>(align);
  void* p = nullptr;
  if (posix_memalign(&p, a < sizeof(void*) ? sizeof(void*) : a, size == 0 ? 1 : size) == 0)
    return p;
  throw std::bad_alloc();
}

}  // namespace

void* operator new(std::size_t size) { return CountedNew(size); }
void* operator new[](std::size_t size) { return CountedNew(size); }
void* operator new(std::size_t size, const std::nothrow_t&) noexcept {
  try { return CountedNew(size); } catch (...) { return nullptr; }
}
void* operator new[](std::size_t size, const std::nothrow_t&) noexcept {
  try { return CountedNew(size); } catch (...) { return nullptr; }
}
void* operator new(std::size_t size, std::align_val_t align) {
  return CountedAlignedNew(size, align);
}
void* operator new[](std::size_t size, std::align_val_t align) {
  return CountedAlignedNew(size, align);
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }
void operator delete(void* p, std::align_val_t) noexcept { std::free(p); }
void operator delete[](void* p, std::align_val_t) noexcept { std::free(p); }
void operator delete(void* p, std::size_t, std::align_val_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t, std::align_val_t) noexcept { std::free(p); }

#if defined(__GLIBC__)
// glibc lets a program replace malloc; these count and forward to glibc's
// own allocator (free stays glibc's, which matches).
extern "C" {
void* __libc_malloc(std::size_t);
void* __libc_calloc(std::size_t, std::size_t);
void* __libc_realloc(void*, std::size_t);
void* malloc(std::size_t size) noexcept {
  g_mallocs.fetch_add(1, std::memory_order_relaxed);
  return __libc_malloc(size);
}
void* calloc(std::size_t count, std::size_t size) noexcept {
  g_mallocs.fetch_add(1, std::memory_order_relaxed);
  return __libc_calloc(count, size);
}
void* realloc(void* p, std::size_t size) noexcept {
  g_mallocs.fetch_add(1, std::memory_order_relaxed);
  return __libc_realloc(p, size);
}
}
#endif

namespace {

struct Allocations {
  long news = 0, mallocs = 0;
  bool operator==(const Allocations&) const = default;
};

template <typename F>
Allocations Count(F&& f) {
  const long news = g_news.load(), mallocs = g_mallocs.load();
  f();
  return {g_news.load() - news, g_mallocs.load() - mallocs};
}

std::unique_ptr<geneft::DecoderMode> LoadMode(const char* id) {
  std::string err;
  auto mode = geneft::testing::BuiltinPlugins().CreateDecoderMode(id, "", &err);
  INFO(err);
  REQUIRE(mode != nullptr);
  return mode;
}

std::vector<int32_t> Mod3(uint32_t n) {
  std::vector<int32_t> labels(n * n);
  for (uint32_t i = 0; i < n; ++i)
    for (uint32_t j = 0; j < n; ++j) labels[i * n + j] = i % 3 == j % 3;
  return labels;
}

}  // namespace

TEST_CASE("200 training steps after a warm-up allocate nothing", "[trainer][alloc]") {
  auto mode = LoadMode("concat");
  geneft::PluginDecoderInput input(*mode);
  const uint32_t n = 30;
  const std::vector<int32_t> labels = Mod3(n);
  std::vector<uint32_t> pairs(675), all(n * n);
  for (uint32_t p = 0; p < all.size(); ++p) all[p] = p;
  for (uint32_t k = 0; k < pairs.size(); ++k) pairs[k] = (k * 4) / 3;  // 675 distinct pairs

  for (geneft::Activation act : {geneft::Activation::kTanh, geneft::Activation::kGelu}) {
    INFO("activation " << geneft::ActivationName(act));
    geneft::ModelShape shape;
    shape.n = n;
    shape.activation = act;
    std::string err;
    auto model = geneft::Model<float>::Create(shape, input, geneft::kDefaultChunkColumns,
                                              geneft::DefaultKernelIsa(), &err);
    REQUIRE(model != nullptr);
    geneft::Rng rng_e(1), rng_d(2);
    model->Initialize(true, 1.0, 1.0, &rng_e, &rng_d);
    geneft::Optimizer<float> optimizer(
        geneft::OptimizerSettings{},
        {{model->encoder(), model->encoder_grad(), model->encoder_size(), 1e-3, 0.0},
         {model->decoder(), model->decoder_grad(), model->decoder_size(), 1e-3, 0.1}},
        geneft::DefaultKernelIsa());
    std::vector<double> loss(all.size());
    std::vector<uint8_t> correct(all.size());
    bool ok = true, finite = true;
    auto step = [&](int s) {
      ok = ok && model->Gradient(pairs.data(), pairs.size(), labels.data(), &finite, &err);
      ok = ok && optimizer.Step();
      if (s % 50 == 0)
        ok = ok && model->Evaluate(all.data(), all.size(), labels.data(), loss.data(),
                                   correct.data(), &err);
    };
    for (int s = 0; s < 5; ++s) step(s);  // warm-up
    const Allocations a = Count([&] {
      for (int s = 0; s < 200; ++s) step(s);
    });
    CHECK(ok);
    CHECK(a.news == 0);
    CHECK(a.mallocs == 0);
  }
}

TEST_CASE("Train allocates the same whatever the number of steps", "[trainer][alloc]") {
  // Setup allocates; the loop must not: 10 and 210 steps (with evaluations
  // and, for mini-batches, several reshuffles) must count the same.
  auto mode = LoadMode("concat");
  const std::vector<int32_t> labels = Mod3(30);
  const geneft::TrainingTask task{30, 2, &labels};
  for (int64_t batch : {0, 64}) {
    INFO("batch_size " << batch);
    geneft::ModelOptions model;
    geneft::TrainOptions train;
    train.batch_size = batch;
    train.eval_every = 50;
    geneft::TrainResult result;
    std::string err;
    auto run = [&](int64_t steps) {
      train.steps = steps;
      return Count([&] { REQUIRE(geneft::Train(model, train, *mode, task, &result, &err)); });
    };
    run(20);  // warm-up: first-use statics
    const Allocations short_run = run(10);
    const Allocations long_run = run(210);
    CHECK(long_run == short_run);
    CHECK(result.steps_done == 210);
  }
}
