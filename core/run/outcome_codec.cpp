#include "run/outcome_codec.h"

#include <bit>
#include <cstring>
#include <type_traits>

namespace geneft {
namespace {

static_assert(std::endian::native == std::endian::little,
              "the run outcome format is little-endian: add byte swaps for this machine");

constexpr char kMagic[4] = {'G', 'E', 'R', 'O'};  // GEneft Run Outcome
// Raise when the field list changes: ranks of different builds then refuse
// each other's messages instead of misreading them.
// 2: the final model's probabilities.
constexpr uint32_t kFormatVersion = 2;

// Every field of an executed run, in wire order. The encoder and the decoder
// both walk this one list, so they cannot disagree: a field added to
// RunOutcome needs one line here, and nothing else.
template <class Archive, class Run>
void RunFields(Archive& a, Run& r) {
  auto& t = r.outcome.train;
  a("ok", r.ok);
  a("failure", r.failure);
  a("train.status", t.status);
  a("train.reason", t.reason);
  a("train.steps_done", t.steps_done);
  a("train.first_train_step", t.first_train_step);
  a("train.first_test_step", t.first_test_step);
  a("train.first_all_step", t.first_all_step);
  a("train.diverged_step", t.diverged_step);
  a("train.trajectory.step", t.trajectory.step);
  a("train.trajectory.loss", t.trajectory.loss);
  a("train.trajectory.train_accuracy", t.trajectory.train_accuracy);
  a("train.trajectory.test_accuracy", t.trajectory.test_accuracy);
  a("train.trajectory.all_accuracy", t.trajectory.all_accuracy);
  a("train.embeddings", t.embeddings);
  a("train.train_mask", t.train_mask);
  a("train.embedding_dim", t.embedding_dim);
  a("train.probabilities", t.probabilities);
  a("train.class_count", t.class_count);
  a("train.seconds", t.seconds);
  a("analysis.scalars", r.outcome.analysis.scalars);
  a("analysis.texts", r.outcome.analysis.texts);
  a("analysis.series", r.outcome.analysis.series);
  a("analysis_errors", r.outcome.analysis_errors);
}

template <class Archive, class Series>
void SeriesFields(Archive& a, Series& s) {
  a("name", s.name);
  a("x", s.x);
  a("y", s.y);
  a("err", s.err);
}

class Writer {
 public:
  template <class T>
  void operator()(const char* /*field*/, const T& value) {
    Put(value);
  }
  std::string bytes;

 private:
  template <class T>
    requires std::is_arithmetic_v<T>
  void Put(T value) {
    bytes.append(reinterpret_cast<const char*>(&value), sizeof value);
  }
  template <class T>
    requires std::is_enum_v<T>
  void Put(T value) {
    Put(static_cast<std::underlying_type_t<T>>(value));
  }
  void Put(const std::string& s) {
    Put(static_cast<uint64_t>(s.size()));
    bytes.append(s);
  }
  template <class A, class B>
  void Put(const std::pair<A, B>& p) {
    Put(p.first);
    Put(p.second);
  }
  void Put(const SeriesResult& s) { SeriesFields(*this, s); }
  template <class T>
  void Put(const std::vector<T>& v) {
    Put(static_cast<uint64_t>(v.size()));
    if constexpr (std::is_arithmetic_v<T>)
      bytes.append(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(T));
    else
      for (const T& e : v) Put(e);
  }
};

class Reader {
 public:
  explicit Reader(std::string_view bytes) : bytes_(bytes) {}

  template <class T>
  void operator()(const char* field, T& value) {
    if (!error_.empty()) return;
    const std::string outer = field_;
    field_ = outer.empty() ? field : outer + "." + field;
    Get(value);
    field_ = outer;
  }
  /// Reads `n` raw bytes into `out`; false once anything failed.
  bool Take(size_t n, void* out) {
    if (!error_.empty()) return false;
    if (n > bytes_.size() - pos_) {
      Fail("ends after " + std::to_string(bytes_.size()) + " bytes, " +
           std::to_string(n - left()) + " more expected");
      return false;
    }
    if (n > 0) std::memcpy(out, bytes_.data() + pos_, n);
    pos_ += n;
    return true;
  }
  void Fail(const std::string& what) {
    if (error_.empty())
      error_ = "run outcome message: " + what + (field_.empty() ? "" : " inside " + field_);
  }
  size_t left() const { return bytes_.size() - pos_; }
  const std::string& error() const { return error_; }

 private:
  template <class T>
    requires std::is_arithmetic_v<T>
  void Get(T& value) {
    if constexpr (std::is_same_v<T, bool>) {
      uint8_t b = 0;
      if (Take(1, &b) && b > 1) Fail("byte " + std::to_string(pos_ - 1) + " is not a bool");
      value = b == 1;
    } else {
      Take(sizeof value, &value);
    }
  }
  void Get(RunStatus& status) {
    std::underlying_type_t<RunStatus> v{};
    Get(v);
    if (v < static_cast<decltype(v)>(RunStatus::kCompleted) || v > static_cast<decltype(v)>(RunStatus::kFailed))
      Fail("run status " + std::to_string(v) + " is unknown");
    status = static_cast<RunStatus>(v);
  }
  void Get(std::string& s) {
    uint64_t n = 0;
    Get(n);
    if (!error_.empty()) return;
    if (n > left()) return Fail(std::to_string(n) + " characters announced, " + std::to_string(left()) + " bytes left");
    s.assign(bytes_.data() + pos_, n);
    pos_ += n;
  }
  template <class A, class B>
  void Get(std::pair<A, B>& p) {
    Get(p.first);
    Get(p.second);
  }
  void Get(SeriesResult& s) { SeriesFields(*this, s); }
  template <class T>
  void Get(std::vector<T>& v) {
    uint64_t n = 0;
    Get(n);
    if (!error_.empty()) return;
    // Every element takes at least one byte: a corrupt count cannot make us
    // allocate more than the message could hold.
    const uint64_t least = std::is_arithmetic_v<T> ? sizeof(T) : 1;
    if (n > left() / least)
      return Fail(std::to_string(n) + " elements announced, " + std::to_string(left()) + " bytes left");
    v.resize(n);
    if constexpr (std::is_arithmetic_v<T> && !std::is_same_v<T, bool>)
      Take(n * sizeof(T), v.data());
    else
      for (T& e : v) Get(e);
  }

  std::string_view bytes_;
  size_t pos_ = 0;
  std::string field_;
  std::string error_;
};

}  // namespace

std::string EncodeExecutedRun(const ExecutedRun& run) {
  Writer w;
  w.bytes.append(kMagic, sizeof kMagic);
  w("version", kFormatVersion);
  RunFields(w, run);
  return std::move(w.bytes);
}

bool DecodeExecutedRun(std::string_view bytes, ExecutedRun* out, std::string* err) {
  Reader r(bytes);
  char magic[sizeof kMagic] = {};
  uint32_t version = 0;
  if (r.Take(sizeof magic, magic) && std::memcmp(magic, kMagic, sizeof magic) != 0)
    r.Fail("does not start with GERO: not a geneft run outcome");
  r("version", version);
  if (r.error().empty() && version != kFormatVersion)
    r.Fail("format version " + std::to_string(version) + ", this geneft reads version " +
           std::to_string(kFormatVersion) + " (do all ranks run the same geneft build?)");
  *out = ExecutedRun{};
  RunFields(r, *out);
  if (r.error().empty() && r.left() > 0)
    r.Fail(std::to_string(r.left()) + " bytes after the last field (do all ranks run the same geneft build?)");
  if (r.error().empty()) return true;
  *err = r.error();
  return false;
}

}  // namespace geneft
