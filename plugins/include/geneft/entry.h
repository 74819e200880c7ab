/*
 * geneft plugin ABI, part 8 of 8: the entry point, the one symbol a plugin
 * library exports.
 *
 * The host opens the library, reads `geneft_entry`, checks its ABI version
 * (geneft/version.h), calls init(), then asks get_factory() for each plugin
 * kind it knows (GENEFT_RELATION_FACTORY_ID, GENEFT_DECODER_MODE_FACTORY_ID,
 * GENEFT_ANALYZER_FACTORY_ID). Teardown: every instance destroyed, deinit(),
 * then the library unloaded.
 *
 * C99 and C++ clean.
 */
#ifndef GENEFT_PLUGIN_ENTRY_H
#define GENEFT_PLUGIN_ENTRY_H

#include <geneft/host.h>
#include <geneft/version.h>

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The one symbol a plugin library exports, named by GENEFT_ENTRY_SYMBOL. */
typedef struct geneft_plugin_entry {
    geneft_version abi_version; /* GENEFT_ABI_VERSION_INIT at build time */

    /* Called once after loading, before any other call. library_path is
     * valid during the call. host lives until deinit() returns. Returns 1 on
     * success; 0 after host->set_error() to refuse loading. [main-thread] */
    int32_t (*init)(const geneft_host *host, const char *library_path);

    /* Called once before unloading, after every instance was destroyed.
     * May be NULL when the library has nothing to release: the host then
     * unloads it without a call. (init and get_factory must be set.)
     * [main-thread] */
    void (*deinit)(void);

    /* The factory for factory_id (e.g. GENEFT_RELATION_FACTORY_ID), or NULL
     * if the library has none. The factory is owned by the library and lives
     * until it is unloaded. [thread-safe] */
    const void *(*get_factory)(const char *factory_id);
} geneft_plugin_entry;

#define GENEFT_ENTRY_SYMBOL "geneft_entry"

#if defined(_WIN32)
#define GENEFT_EXPORT __declspec(dllexport)
#else
#define GENEFT_EXPORT __attribute__((visibility("default")))
#endif

/* The entry point itself, defined once per library as
 *   GENEFT_EXPORT const geneft_plugin_entry geneft_entry = { ... };
 * (the C++ helper's GENEFT_PLUGIN_LIBRARY writes it). Declared here with C
 * linkage and exported, so that the definition is the exported C symbol in
 * C++ too: without this declaration, a const at namespace scope has internal
 * linkage and the library would have no entry point. Owned by the library,
 * valid until it is unloaded. */
GENEFT_EXPORT extern const geneft_plugin_entry geneft_entry;

#ifdef __cplusplus
}
#endif

#endif /* GENEFT_PLUGIN_ENTRY_H */
