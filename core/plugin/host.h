// The geneft_host the core hands to every plugin: error and log callbacks and
// the typed parameter getters.
#pragma once

#include <geneft/geneft_plugin.h>

#include <functional>
#include <string>

namespace geneft {

/// The process-wide host structure; lives for the whole program.
const geneft_host* Host();

/// The message the last failing plugin call on this thread left with
/// host->set_error(), or `fallback` if it left none. Clears it.
std::string TakePluginError(const std::string& fallback = "no message");

/// Clears any stale message before a plugin call.
void ClearPluginError();

/// Where plugin log lines go (default: stderr for warnings and errors).
void SetPluginLogHandler(std::function<void(int32_t level, const std::string&)> handler);

/// "geneft_status -3 (not found)" style name of a status code.
std::string StatusName(geneft_status status);

}  // namespace geneft
