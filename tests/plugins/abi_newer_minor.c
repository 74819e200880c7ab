/* Test plugin: a valid library that declares ABI 1.99. */
#include "minimal_relation.h"

GENEFT_EXPORT const geneft_plugin_entry geneft_entry = {
    {1, 99, 0}, minimal_init, minimal_deinit, minimal_get_factory};
