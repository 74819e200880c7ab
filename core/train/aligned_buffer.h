// A fixed-size, zero-initialised, 64-byte aligned array of a trivial type:
// the work buffers of training, allocated once before the step loop.
#pragma once

#include <algorithm>
#include <cstddef>
#include <memory>
#include <new>
#include <type_traits>

namespace geneft {

template <typename T>
class AlignedBuffer {
  static_assert(std::is_trivial_v<T>);

 public:
  static constexpr std::align_val_t kAlignment{64};  // a cache line, an AVX-512 vector

  AlignedBuffer() = default;
  explicit AlignedBuffer(size_t size) { Reset(size); }

  /// Reallocates to `size` elements, all zero.
  void Reset(size_t size) {
    data_.reset();
    size_ = 0;
    if (size == 0) return;
    data_.reset(static_cast<T*>(::operator new(size * sizeof(T), kAlignment)));
    size_ = size;
    std::fill_n(data_.get(), size, T{});
  }

  T* data() { return data_.get(); }
  const T* data() const { return data_.get(); }
  size_t size() const { return size_; }
  T& operator[](size_t i) { return data_.get()[i]; }
  const T& operator[](size_t i) const { return data_.get()[i]; }
  T* begin() { return data(); }
  T* end() { return data() + size_; }
  const T* begin() const { return data(); }
  const T* end() const { return data() + size_; }

 private:
  struct Free {
    void operator()(T* p) const { ::operator delete(p, kAlignment); }
  };
  std::unique_ptr<T, Free> data_;
  size_t size_ = 0;
};

}  // namespace geneft
