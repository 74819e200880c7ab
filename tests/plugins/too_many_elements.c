/* Test plugin: a relation whose get_info reports GENEFT_MAX_ELEMENTS + 1
 * elements. The host must refuse it from get_info alone, before it
 * allocates (or asks for) the n^2 labels. */
#define TEST_RELATION_N (GENEFT_MAX_ELEMENTS + 1)
#include "minimal_relation.h"

GENEFT_EXPORT const geneft_plugin_entry geneft_entry = {
    GENEFT_ABI_VERSION_INIT, minimal_init, minimal_deinit, minimal_get_factory};
