// The kernels' arithmetic contract (train/kernels/kernels.h): every kernel
// set this CPU has computes bit for bit what the generic set computes, so
// a run's numbers, and a study's store, do not depend on the machine. Three
// levels: each kernel on odd shapes (the AVX-512 layout too, compiled as
// portable code in avx512_layout_kernels.cpp for CPUs without AVX-512),
// whole training runs of every decoder mode and activation, and studies
// stored by the geneft binary with GENEFT_KERNEL_ISA forcing each set.
#include "avx512_layout_kernels.h"
#include "plugin/plugin_instances.h"
#include "store/sqlite_db.h"
#include "test_support.h"
#include "train/kernels/kernels.h"
#include "train/rng.h"
#include "train/trainer.h"

#include <catch2/catch.hpp>
#include <sqlite3.h>
#include <fmt/format.h>

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <string>
#include <vector>

namespace {

using geneft::Activation;
using geneft::KernelIsa;

constexpr Activation kActivations[] = {Activation::kTanh,     Activation::kRelu,
                                       Activation::kLeakyRelu, Activation::kGelu,
                                       Activation::kSilu,     Activation::kSigmoid,
                                       Activation::kIdentity};

// The sets to hold against the generic one: those this CPU runs.
std::vector<KernelIsa> FastSets() {
  std::vector<KernelIsa> sets;
  for (KernelIsa isa : {KernelIsa::kAvx2, KernelIsa::kAvx512})
    if (geneft::KernelIsaSupported(isa)) sets.push_back(isa);
  return sets;
}

template <typename T>
bool SameBits(const std::vector<T>& a, const std::vector<T>& b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(T)) == 0;
}

std::vector<float> Random(size_t size, geneft::Rng* rng, double scale) {
  std::vector<float> v(size);
  for (float& x : v) x = static_cast<float>(scale * rng->UniformSymmetric());
  return v;
}

// Every output of every kernel of `K`, on one set of inputs, in one vector.
struct KernelOutputs {
  std::vector<float> z, h, g_in, dw, loss_grad, loss_grad3, adam_p, adam_m, adam_v, sgd_p,
      sgd_buf;
  bool finite = false;
};

KernelOutputs RunKernels(const geneft::Kernels<float>& K, int k, int n, int cols, Activation act,
                         uint64_t seed) {
  const ptrdiff_t ld = cols + 32;  // a row stride past the columns, as the MLP's
  geneft::Rng rng(seed);
  const std::vector<float> w = Random(size_t(k) * n, &rng, 1.0), b = Random(n, &rng, 1.0),
                           x = Random(size_t(k) * ld, &rng, 2.0), g = Random(size_t(n) * ld, &rng, 1.0),
                           z_in = Random(size_t(k) * ld, &rng, 3.0);
  std::vector<float> h_in(z_in.size());
  // A plausible layer input: the activation of z_in (so derivatives from h
  // and from z agree with each other), computed by the kernel itself.
  const std::vector<float> eye = {1.0f}, zero = {0.0f};
  KernelOutputs out;
  out.z.assign(size_t(n) * ld, -7.0f);
  out.h.assign(size_t(n) * ld, -7.0f);
  K.forward(w.data(), b.data(), k, n, x.data(), out.z.data(), out.h.data(), ld, cols, act);
  std::vector<float> h_only(size_t(n) * ld, -7.0f);
  K.forward(w.data(), b.data(), k, n, x.data(), nullptr, h_only.data(), ld, cols, act);
  REQUIRE(SameBits(h_only, out.h));  // storing z does not change h
  for (int r = 0; r < k; ++r)
    K.forward(eye.data(), zero.data(), 1, 1, z_in.data() + r * ld, nullptr, h_in.data() + r * ld,
              ld, cols, act);
  out.g_in.assign(size_t(k) * ld, -7.0f);
  K.backward_data(w.data(), k, n, g.data(), z_in.data(), h_in.data(), out.g_in.data(), ld, cols,
                  act);
  // The weight gradient's inputs carry a row of ones (the biases' input).
  std::vector<float> x1 = x, g1 = g;
  x1.resize(size_t(k + 1) * ld, 1.0f);
  g1.resize(size_t(n + 1) * ld, 1.0f);
  out.dw.assign(size_t(k + 1) * n, 0.25f);  // dw, then db
  K.backward_weights(x1.data(), g.data(), k, n, ld, cols, out.dw.data(), true);
  std::vector<float> dw2(size_t(n + 1) * k);  // x as the gradient: k biases
  K.backward_weights(g1.data(), x.data(), n, k, ld, cols, dw2.data(), false);
  out.dw.insert(out.dw.end(), dw2.begin(), dw2.end());

  // The loss gradient, one logit and three, with a tail of padding columns.
  const int count = cols - 5;
  std::vector<int32_t> labels2(cols), labels3(cols);
  for (int c = 0; c < cols; ++c) {
    labels2[c] = static_cast<int32_t>(rng.Below(2));
    labels3[c] = static_cast<int32_t>(rng.Below(3));
  }
  const std::vector<float> logits = Random(size_t(3) * ld, &rng, 6.0);
  out.loss_grad.assign(ld, -7.0f);
  out.loss_grad3.assign(size_t(3) * ld, -7.0f);
  out.finite = K.output_gradient(1, logits.data(), ld, labels2.data(), count, cols, 1.0f / count,
                                 out.loss_grad.data());
  out.finite &= K.output_gradient(3, logits.data(), ld, labels3.data(), count, cols,
                                  1.0f / count, out.loss_grad3.data());

  // The optimizers, over a count with a scalar tail on every width.
  const size_t params = 5311;
  out.adam_p = Random(params, &rng, 1.0);
  out.adam_m = Random(params, &rng, 1e-2);
  out.adam_v = Random(params, &rng, 1e-4);
  for (float& v : out.adam_v) v = std::abs(v);
  const std::vector<float> grad = Random(params, &rng, 1e-2);
  const geneft::AdamCoefficients<float> c{0.9f, 0.999f, 0.1f, 0.001f, 3e-3f, 1.7f, 1e-8f, 1e-2f,
                                          0.999f};
  out.finite &= K.adam(out.adam_p.data(), grad.data(), out.adam_m.data(), out.adam_v.data(),
                       params, c);
  out.sgd_p = Random(params, &rng, 1.0);
  out.sgd_buf = Random(params, &rng, 1e-2);
  out.finite &= K.sgd(out.sgd_p.data(), grad.data(), out.sgd_buf.data(), params,
                      geneft::SgdCoefficients<float>{0.9f, 0.1f, 1e-3f});
  return out;
}

void CheckSame(const KernelOutputs& a, const KernelOutputs& b) {
  CHECK(SameBits(a.z, b.z));
  CHECK(SameBits(a.h, b.h));
  CHECK(SameBits(a.g_in, b.g_in));
  CHECK(SameBits(a.dw, b.dw));
  CHECK(SameBits(a.loss_grad, b.loss_grad));
  CHECK(SameBits(a.loss_grad3, b.loss_grad3));
  CHECK(SameBits(a.adam_p, b.adam_p));
  CHECK(SameBits(a.adam_m, b.adam_m));
  CHECK(SameBits(a.adam_v, b.adam_v));
  CHECK(SameBits(a.sgd_p, b.sgd_p));
  CHECK(SameBits(a.sgd_buf, b.sgd_buf));
  CHECK(a.finite == b.finite);
}

// ----- whole runs -----

std::vector<int32_t> Labels(uint32_t n, uint32_t classes) {
  std::vector<int32_t> labels(size_t(n) * n);
  for (uint32_t i = 0; i < n; ++i)
    for (uint32_t j = 0; j < n; ++j)
      labels[i * n + j] = classes == 2 ? (i % 3 == j % 3) : static_cast<int32_t>((i + j) % classes);
  return labels;
}

// Trains with GENEFT_KERNEL_ISA naming `isa` (as a user forces a set).
geneft::TrainResult TrainWith(KernelIsa isa, const geneft::ModelOptions& model,
                              const geneft::TrainOptions& train, const char* mode_id, uint32_t n,
                              uint32_t classes) {
  std::string err;
  auto mode = geneft::testing::BuiltinPlugins().CreateDecoderMode(mode_id, "", &err);
  INFO(err);
  REQUIRE(mode != nullptr);
  const std::vector<int32_t> labels = Labels(n, classes);
  setenv("GENEFT_KERNEL_ISA", geneft::KernelIsaName(isa), 1);
  REQUIRE(geneft::DefaultKernelIsa() == isa);
  geneft::TrainResult result;
  const bool ok =
      geneft::Train(model, train, *mode, geneft::TrainingTask{n, classes, &labels}, &result, &err);
  unsetenv("GENEFT_KERNEL_ISA");
  INFO(err);
  REQUIRE(ok);
  return result;
}

void CheckSameRun(const geneft::TrainResult& a, const geneft::TrainResult& b) {
  CHECK(a.status == b.status);
  CHECK(a.steps_done == b.steps_done);
  CHECK(a.first_train_step == b.first_train_step);
  CHECK(a.first_test_step == b.first_test_step);
  CHECK(a.first_all_step == b.first_all_step);
  CHECK(a.trajectory.step == b.trajectory.step);
  CHECK(SameBits(a.trajectory.loss, b.trajectory.loss));
  CHECK(SameBits(a.trajectory.train_accuracy, b.trajectory.train_accuracy));
  CHECK(SameBits(a.trajectory.test_accuracy, b.trajectory.test_accuracy));
  CHECK(SameBits(a.trajectory.all_accuracy, b.trajectory.all_accuracy));
  CHECK(SameBits(a.embeddings, b.embeddings));
}

// ----- stored studies -----

namespace fs = std::filesystem;

// Every row of every table of a store but wall times and dates, numbers as
// their exact bits (hexadecimal floats), ordered.
std::vector<std::string> StoredNumbers(const fs::path& store_path) {
  geneft::SqliteDb db;
  std::string err;
  REQUIRE(db.Open(store_path, geneft::SqliteAccess::kReadOnly, &err));
  std::vector<std::string> rows;
  for (const char* table : {"runs", "run_settings", "trajectories", "embeddings", "results",
                            "series"}) {
    geneft::SqliteStatement s;
    REQUIRE(db.Prepare(fmt::format("SELECT * FROM {} ORDER BY 1, 2, 3", table), &s, &err));
    bool row = false;
    while (s.Step(&row, &err) && row) {
      std::string line = table;
      for (int c = 0; c < s.Columns(); ++c) {
        const std::string name = s.ColumnName(c);
        if (name == "seconds" || name == "finished_at") continue;
        line += " " + name + "=" +
                (s.Type(c) == SQLITE_FLOAT ? fmt::format("{:a}", s.Double(c)) : s.Text(c));
      }
      rows.push_back(line);
    }
    REQUIRE(err.empty());
  }
  return rows;
}

}  // namespace

TEST_CASE("every kernel set and the avx512 layout compute each kernel as the generic set",
          "[trainer][kernels][identity]") {
  const geneft::Kernels<float>& generic = geneft::FloatKernels(KernelIsa::kGeneric);
  const geneft::Kernels<float>& avx512_layout = geneft::testing::Avx512LayoutKernels();
  uint64_t seed = 1;
  // Shapes with every tile remainder: rows 1..7 past a tile, column blocks
  // of one vector up to several, and the paper's 4-50-50-1 layers.
  for (int k : {1, 4, 7, 50}) {
    for (int n : {1, 3, 50}) {
      for (int cols : {16, 48, 112, 688}) {
        for (Activation act : kActivations) {
          ++seed;
          const KernelOutputs expected = RunKernels(generic, k, n, cols, act, seed);
          CHECK(expected.finite);
          for (KernelIsa isa : FastSets()) {
            INFO("kernels " << geneft::KernelIsaName(isa) << ", k " << k << ", n " << n
                            << ", cols " << cols << ", " << geneft::ActivationName(act));
            CheckSame(expected, RunKernels(geneft::FloatKernels(isa), k, n, cols, act, seed));
          }
          INFO("the avx512 layout in portable code, k " << k << ", n " << n << ", cols " << cols
                                                         << ", " << geneft::ActivationName(act));
          CheckSame(expected, RunKernels(avx512_layout, k, n, cols, act, seed));
        }
      }
    }
  }
}

TEST_CASE("every kernel set's weight and bias gradients are kernels.h's sums, bit for bit",
          "[trainer][kernels][identity]") {
  // The contract written out in scalar code: 16 partial sums, partial i
  // taking columns i, i + 16, ... by fma, combined (i + (i+8)), then 4, 2
  // and 1 apart; the bias's the same with an input of ones (fma(1, g, s)),
  // which is the plain add of g the bias gradient always was.
  // A layer of 7 outputs and a logit layer (one output: tiles of its own).
  const int k = 5, cols = 80;
  const ptrdiff_t ld = cols + 16;
  auto contract_sum = [&](const float* a, const float* b, bool ones) {
    float part[16] = {};
    for (int c = 0; c < cols; ++c)
      part[c % 16] = ones ? part[c % 16] + b[c] : std::fma(a[c], b[c], part[c % 16]);
    for (int half = 8; half >= 1; half /= 2)
      for (int i = 0; i < half; ++i) part[i] = part[i] + part[i + half];
    return part[0];
  };
  for (int n : {7, 1}) {
    geneft::Rng rng(3);
    std::vector<float> x = Random(size_t(k) * ld, &rng, 2.0), g = Random(size_t(n) * ld, &rng, 1.0);
    x.resize(size_t(k + 1) * ld, 1.0f);  // the row of ones
    std::vector<float> expected(size_t(k + 1) * n);
    for (int r = 0; r <= k; ++r)
      for (int j = 0; j < n; ++j)
        expected[r * n + j] = contract_sum(x.data() + r * ld, g.data() + j * ld, r == k);
    std::vector<KernelIsa> sets = FastSets();
    sets.push_back(KernelIsa::kGeneric);
    for (KernelIsa isa : sets) {
      INFO("kernels " << geneft::KernelIsaName(isa) << ", n " << n);
      std::vector<float> dwb(expected.size(), -7.0f);
      geneft::FloatKernels(isa).backward_weights(x.data(), g.data(), k, n, ld, cols, dwb.data(),
                                                 false);
      CHECK(SameBits(dwb, expected));
    }
  }
}

TEST_CASE("the logit layer's fused backward gives the numbers of its two calls, on every set",
          "[trainer][kernels][identity]") {
  // backward_one_output_tanh against backward_weights then backward_data
  // (tanh, the gradient over the activations), both ways of accumulating,
  // on every row remainder; x holds tanh outputs and the row of ones.
  std::vector<const geneft::Kernels<float>*> sets = {&geneft::FloatKernels(KernelIsa::kGeneric),
                                                     &geneft::testing::Avx512LayoutKernels()};
  for (KernelIsa isa : FastSets()) sets.push_back(&geneft::FloatKernels(isa));
  uint64_t seed = 100;
  for (int k : {1, 4, 7, 50}) {
    for (int cols : {16, 48, 112, 688}) {
      for (bool accumulate : {false, true}) {
        const ptrdiff_t ld = cols + 32;
        geneft::Rng rng(++seed);
        const std::vector<float> w = Random(k, &rng, 1.0), g = Random(ld, &rng, 1.0);
        std::vector<float> x = Random(size_t(k) * ld, &rng, 0.99);
        x.resize(size_t(k + 1) * ld, 1.0f);
        const std::vector<float> dwb0 = Random(k + 1, &rng, 1.0);
        for (size_t i = 0; i < sets.size(); ++i) {
          INFO("set " << i << ", k " << k << ", cols " << cols << ", accumulate " << accumulate);
          const geneft::Kernels<float>& K = *sets[i];
          std::vector<float> x_two = x, dwb_two = dwb0, x_fused = x, dwb_fused = dwb0;
          K.backward_weights(x_two.data(), g.data(), k, 1, ld, cols, dwb_two.data(), accumulate);
          K.backward_data(w.data(), k, 1, g.data(), nullptr, x_two.data(), x_two.data(), ld, cols,
                          Activation::kTanh);
          K.backward_one_output_tanh(w.data(), x_fused.data(), g.data(), k, ld, cols,
                                     dwb_fused.data(), accumulate);
          CHECK(SameBits(dwb_fused, dwb_two));
          CHECK(SameBits(x_fused, x_two));  // the gradient rows, and the ones kept
        }
      }
    }
  }
}

TEST_CASE("every kernel set's tanh is FastTanh bit for bit, at the cap, signed zeros and NaN",
          "[trainer][kernels][identity]") {
  // A layer of one input, weight 1 and bias 0, gives z = fma(1, x, 0) (x
  // itself but for -0, which becomes +0) and h = tanh(z): h must be
  // FastTanh(z) lane by lane, also where the argument is capped (|x| > 9),
  // where the quotient is clamped to 1 (x near 9), and for NaN and the
  // infinities.
  std::vector<float> x = {0.0f, -0.0f, 9.0f, -9.0f, std::nextafter(9.0f, 10.0f),
                          std::nextafter(-9.0f, -10.0f), 1e30f, -1e30f,
                          std::numeric_limits<float>::infinity(),
                          -std::numeric_limits<float>::infinity(), std::nanf(""), -std::nanf("")};
  for (float v = 1e-40f; v < 30.0f; v *= 1.4f) {  // subnormals to past the cap, both signs
    x.push_back(v);
    x.push_back(-v);
  }
  for (float v = 8.0f; x.size() < 688; v += 1.0f / 64) x.push_back(v);
  const float one = 1.0f, zero = 0.0f;
  for (KernelIsa isa : {KernelIsa::kGeneric, KernelIsa::kAvx2, KernelIsa::kAvx512}) {
    if (!geneft::KernelIsaSupported(isa)) continue;
    std::vector<float> z(x.size()), h(x.size());
    geneft::FloatKernels(isa).forward(&one, &zero, 1, 1, x.data(), z.data(), h.data(),
                                      static_cast<ptrdiff_t>(x.size()),
                                      static_cast<int>(x.size()), Activation::kTanh);
    for (size_t i = 0; i < x.size(); ++i) {
      const float expected = geneft::FastTanh(z[i]);
      INFO(geneft::KernelIsaName(isa) << ": x = " << x[i]);
      CHECK(std::memcmp(&expected, &h[i], sizeof(float)) == 0);
    }
  }
}

TEST_CASE("every kernel set trains bit-identical runs for every mode and activation",
          "[trainer][kernels][identity]") {
  geneft::ModelOptions model;
  model.depth = 2;
  model.width = 13;  // no multiple of any tile
  geneft::TrainOptions train;
  train.steps = 200;
  train.eval_every = 20;
  train.fraction = 0.7;
  train.optimizer = "adamw";
  train.lr_enc = 1e-2;
  train.lr_dec = 3e-3;
  train.wd_dec = 1e-2;
  train.seed = 11;
  for (const char* mode : {"concat", "diff", "sqdiff", "add_embeddings"}) {
    for (Activation act : kActivations) {
      model.activation = geneft::ActivationName(act);
      for (uint32_t classes : {2u, 3u}) {
        ++train.seed;
        const geneft::TrainResult expected =
            TrainWith(KernelIsa::kGeneric, model, train, mode, 12, classes);
        for (KernelIsa isa : FastSets()) {
          INFO("kernels " << geneft::KernelIsaName(isa) << ", mode " << mode << ", "
                          << model.activation << ", classes " << classes);
          CheckSameRun(expected, TrainWith(isa, model, train, mode, 12, classes));
        }
      }
    }
  }
}

TEST_CASE("every kernel set trains bit-identical runs in chunks, mini-batches, sgd and adam",
          "[trainer][kernels][identity]") {
  geneft::ModelOptions model;
  model.depth = 1;
  model.width = 9;
  geneft::TrainOptions train;
  train.steps = 40;
  train.eval_every = 10;
  struct Case {
    const char* what;
    double fraction;
    int64_t batch;
    const char* optimizer;
  };
  // 810 training pairs: two chunks a step; batches of 100 with a tail of 10.
  for (const Case& c : {Case{"full batch of 810 pairs", 0.9, 0, "adam"},
                        Case{"mini-batches of 100", 0.9, 100, "sgd"}}) {
    train.fraction = c.fraction;
    train.batch_size = c.batch;
    train.optimizer = c.optimizer;
    train.wd_enc = 1e-3;
    const geneft::TrainResult expected =
        TrainWith(KernelIsa::kGeneric, model, train, "concat", 30, 2);
    for (KernelIsa isa : FastSets()) {
      INFO("kernels " << geneft::KernelIsaName(isa) << ", " << c.what);
      CheckSameRun(expected, TrainWith(isa, model, train, "concat", 30, 2));
    }
  }
}

TEST_CASE("a study stores the same numbers whichever kernel set GENEFT_KERNEL_ISA forces",
          "[trainer][kernels][identity]") {
  const fs::path dir = fs::path(GENEFT_BINARY_DIR) / "tests" / "studies" / "kernel_identity";
  fs::remove_all(dir);
  fs::create_directories(dir);
  const fs::path study = dir / "study.toml";
  std::ofstream(study) << "[relation]\nplugin = \"mod_k\"\nn = 10\nk = 2\n"
                          "[model]\ndepth = 2\nwidth = 11\n"
                          "[train]\nsteps = 300\neval_every = 25\nlr_enc = 1e-2\n"
                          "[sweep]\n\"train.lr_dec\" = [1e-3, 1e-2]\n"
                          "[[analyzer]]\nplugin = \"phase\"\nbudget = 300\n";
  auto store_with = [&](KernelIsa isa) {
    const fs::path out = dir / (std::string(geneft::KernelIsaName(isa)) + ".db");
    const auto r = geneft::testing::RunCommand(
        std::string("GENEFT_KERNEL_ISA=") + geneft::KernelIsaName(isa) + " " GENEFT_BINARY_DIR
        "/bin/geneft run " + study.string() + " --quiet --out " + out.string());
    INFO(r.output);
    REQUIRE(r.exit_code == 0);
    return StoredNumbers(out);
  };
  const std::vector<std::string> expected = store_with(KernelIsa::kGeneric);
  CHECK(expected.size() > 50);
  for (KernelIsa isa : FastSets()) {
    INFO("kernels " << geneft::KernelIsaName(isa));
    CHECK(store_with(isa) == expected);
  }
}
