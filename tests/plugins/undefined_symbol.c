/* Test plugin: init() calls a function no library defines, so the system
 * loader refuses it (RTLD_NOW) with "undefined symbol", which the host must
 * pass on in words. */
#define TEST_CUSTOM_INIT
#include "minimal_relation.h"

int geneft_test_nowhere_defined(void);

static int32_t calling_init(const geneft_host *host, const char *path) {
    (void)host;
    (void)path;
    return geneft_test_nowhere_defined();
}

GENEFT_EXPORT const geneft_plugin_entry geneft_entry = {
    GENEFT_ABI_VERSION_INIT, calling_init, minimal_deinit, minimal_get_factory};
