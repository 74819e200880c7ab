/*
 * geneft plugin ABI, part 1 of 8: versions, status codes, string sizes.
 *
 * Compatibility: the host loads a library whose abi_version.major equals
 * GENEFT_ABI_VERSION_MAJOR and whose minor is <= the host's minor (the patch
 * is informational). Any other library is refused with both versions named.
 *
 * C99 and C++ clean. Plugins include geneft/geneft_plugin.h, which includes
 * every part.
 */
#ifndef GENEFT_PLUGIN_VERSION_H
#define GENEFT_PLUGIN_VERSION_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define GENEFT_ABI_VERSION_MAJOR 1
/* 1.1: GENEFT_PARAM_PATH
 * 1.2: the model in the analyzer views, the host in every view */
#define GENEFT_ABI_VERSION_MINOR 2
#define GENEFT_ABI_VERSION_PATCH 0

typedef struct geneft_version {
    uint32_t major; /* incompatible changes */
    uint32_t minor; /* additions a newer host understands */
    uint32_t patch; /* fixes only */
} geneft_version;

#define GENEFT_ABI_VERSION_INIT \
    { GENEFT_ABI_VERSION_MAJOR, GENEFT_ABI_VERSION_MINOR, GENEFT_ABI_VERSION_PATCH }

/* What every ABI function returns: GENEFT_OK or a negative error. On error
 * the plugin calls host->set_error() with a message first. */
typedef int32_t geneft_status;

#define GENEFT_OK 0
#define GENEFT_ERR_INVALID_ARGUMENT (-1) /* a parameter or input is out of range */
#define GENEFT_ERR_BUFFER_TOO_SMALL (-2) /* a caller buffer's capacity is short */
#define GENEFT_ERR_NOT_FOUND (-3)        /* no such parameter, plugin or element */
#define GENEFT_ERR_UNSUPPORTED (-4)      /* the plugin does not offer this call */
#define GENEFT_ERR_NOT_AVAILABLE (-5)    /* no answer exists for this input */
#define GENEFT_ERR_INTERNAL (-6)         /* a bug or an unexpected exception */

/* Bounded string lengths, including the terminating NUL. */
#define GENEFT_ID_SIZE 64    /* a plugin id */
#define GENEFT_NAME_SIZE 256 /* an element's display name */

#ifdef __cplusplus
}
#endif

#endif /* GENEFT_PLUGIN_VERSION_H */
