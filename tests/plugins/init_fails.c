/* Test plugin: init() refuses to load, with a message the host must relay. */
#define TEST_CUSTOM_INIT
#include "minimal_relation.h"

static int32_t refusing_init(const geneft_host *host, const char *path) {
    (void)path;
    host->set_error(host, "license file missing");
    return 0;
}

GENEFT_EXPORT const geneft_plugin_entry geneft_entry = {
    GENEFT_ABI_VERSION_INIT, refusing_init, minimal_deinit, minimal_get_factory};
