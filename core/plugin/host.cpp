// The host structure handed to plugins and its callbacks.
#include "plugin/host.h"

#include "plugin/params.h"

#include <cstdio>
#include <cstring>
#include <mutex>
#include <type_traits>

namespace geneft {
namespace {

// One pending message per thread: plugin calls on worker threads never see
// each other's errors.
thread_local std::string t_plugin_error;
thread_local bool t_has_plugin_error = false;

std::mutex g_log_mutex;
std::function<void(int32_t, const std::string&)> g_log_handler;

void HostSetError(const geneft_host*, const char* msg) {
  t_plugin_error = msg != nullptr ? msg : "";
  t_has_plugin_error = true;
}

void HostLog(const geneft_host*, int32_t level, const char* msg) {
  std::lock_guard<std::mutex> lock(g_log_mutex);
  const std::string text = msg != nullptr ? msg : "";
  if (g_log_handler) {
    g_log_handler(level, text);
  } else if (level >= GENEFT_LOG_WARNING) {
    std::fprintf(stderr, "geneft: plugin %s: %s\n",
                 level >= GENEFT_LOG_ERROR ? "error" : "warning", text.c_str());
  }
}

// Looks up `key` holding a T; NOT_FOUND / INVALID_ARGUMENT otherwise.
template <class T>
geneft_status Lookup(const geneft_params* params, const char* key, const T** out) {
  if (params == nullptr || key == nullptr) return GENEFT_ERR_INVALID_ARGUMENT;
  auto it = params->values.find(std::string_view(key));
  if (it == params->values.end()) return GENEFT_ERR_NOT_FOUND;
  *out = std::get_if<T>(&it->second);
  return *out != nullptr ? GENEFT_OK : GENEFT_ERR_INVALID_ARGUMENT;
}

// A scalar stored as T, handed out as Out (bool goes out as int32 0 / 1).
template <class T, class Out>
geneft_status ParamScalar(const geneft_params* p, const char* key, Out* out) {
  const T* v = nullptr;
  geneft_status s = Lookup(p, key, &v);
  if (s == GENEFT_OK && out != nullptr) *out = static_cast<Out>(*v);
  return s;
}

geneft_status ParamInt(const geneft_host*, const geneft_params* p, const char* key,
                       int64_t* out) {
  return ParamScalar<int64_t>(p, key, out);
}

geneft_status ParamDouble(const geneft_host*, const geneft_params* p, const char* key,
                          double* out) {
  return ParamScalar<double>(p, key, out);
}

geneft_status ParamBool(const geneft_host*, const geneft_params* p, const char* key,
                        int32_t* out) {
  return ParamScalar<bool>(p, key, out);
}

geneft_status ParamString(const geneft_host*, const geneft_params* p, const char* key,
                          char* buf, size_t capacity, size_t* length) {
  const std::string* v = nullptr;
  geneft_status s = Lookup(p, key, &v);
  if (s != GENEFT_OK) return s;
  if (length != nullptr) *length = v->size();
  if (buf == nullptr || capacity < v->size() + 1) return GENEFT_ERR_BUFFER_TOO_SMALL;
  std::memcpy(buf, v->c_str(), v->size() + 1);
  return GENEFT_OK;
}

template <class T>
geneft_status ParamList(const geneft_params* p, const char* key, T* buf, size_t capacity,
                        size_t* count) {
  const std::vector<T>* v = nullptr;
  geneft_status s = Lookup(p, key, &v);
  if (s != GENEFT_OK) return s;
  if (count != nullptr) *count = v->size();
  if (capacity < v->size() || (buf == nullptr && !v->empty()))
    return GENEFT_ERR_BUFFER_TOO_SMALL;
  std::copy(v->begin(), v->end(), buf);
  return GENEFT_OK;
}

geneft_status ParamIntList(const geneft_host*, const geneft_params* p, const char* key,
                           int64_t* buf, size_t capacity, size_t* count) {
  return ParamList(p, key, buf, capacity, count);
}

geneft_status ParamDoubleList(const geneft_host*, const geneft_params* p, const char* key,
                              double* buf, size_t capacity, size_t* count) {
  return ParamList(p, key, buf, capacity, count);
}

const geneft_host kHost = {
    sizeof(geneft_host),
    GENEFT_ABI_VERSION_INIT,
    GENEFT_VERSION,
    nullptr,
    &HostSetError,
    &HostLog,
    &ParamInt,
    &ParamDouble,
    &ParamBool,
    &ParamString,
    &ParamIntList,
    &ParamDoubleList,
};

}  // namespace

const geneft_host* Host() { return &kHost; }

std::string TakePluginError(const std::string& fallback) {
  std::string message = t_has_plugin_error ? t_plugin_error : fallback;
  ClearPluginError();
  return message;
}

void ClearPluginError() {
  t_plugin_error.clear();
  t_has_plugin_error = false;
}

void SetPluginLogHandler(std::function<void(int32_t, const std::string&)> handler) {
  std::lock_guard<std::mutex> lock(g_log_mutex);
  g_log_handler = std::move(handler);
}

std::string StatusName(geneft_status status) {
  switch (status) {
    case GENEFT_OK: return "ok";
    case GENEFT_ERR_INVALID_ARGUMENT: return "invalid argument";
    case GENEFT_ERR_BUFFER_TOO_SMALL: return "buffer too small";
    case GENEFT_ERR_NOT_FOUND: return "not found";
    case GENEFT_ERR_UNSUPPORTED: return "unsupported";
    case GENEFT_ERR_NOT_AVAILABLE: return "not available";
    case GENEFT_ERR_INTERNAL: return "internal error";
    default: return "status " + std::to_string(status);
  }
}

}  // namespace geneft
