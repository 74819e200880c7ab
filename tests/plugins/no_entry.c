/* Test plugin: a shared library that exports something, but no geneft_entry. */
#include <geneft/geneft_plugin.h>

GENEFT_EXPORT int not_a_geneft_plugin(void) { return 42; }
