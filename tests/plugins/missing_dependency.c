/* Test plugin: links libgeneft_test_dependency.so, which is built where the
 * system loader never looks (no RPATH), so loading it fails for a missing
 * dependency, which the host must name. */
#define TEST_CUSTOM_INIT
#include "minimal_relation.h"

int geneft_test_dependency_answer(void);

static int32_t dependent_init(const geneft_host *host, const char *path) {
    (void)host;
    (void)path;
    return geneft_test_dependency_answer() == 42;
}

GENEFT_EXPORT const geneft_plugin_entry geneft_entry = {
    GENEFT_ABI_VERSION_INIT, dependent_init, minimal_deinit, minimal_get_factory};
