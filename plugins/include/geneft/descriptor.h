/*
 * geneft plugin ABI, part 3 of 8: the descriptor, what one plugin is.
 *
 * Every factory (relation, decoder mode, analyzer) lists its plugins as
 * descriptors: id, version, one line of description, parameter schema.
 *
 * C99 and C++ clean.
 */
#ifndef GENEFT_PLUGIN_DESCRIPTOR_H
#define GENEFT_PLUGIN_DESCRIPTOR_H

#include <geneft/params.h>

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* What one plugin is. Static data owned by the plugin library, valid until
 * it is unloaded. */
typedef struct geneft_plugin_descriptor {
    uint32_t struct_size;           /* sizeof(geneft_plugin_descriptor) */
    const char *id;                 /* unique within its kind: "mod_k"; [a-z0-9_]+ */
    const char *version;            /* the plugin's own version, "1.0.0" */
    const char *description;        /* one line */
    const geneft_param_spec *params; /* param_count entries, may be NULL if 0 */
    uint32_t param_count;           /* entries in params */
} geneft_plugin_descriptor;

#ifdef __cplusplus
}
#endif

#endif /* GENEFT_PLUGIN_DESCRIPTOR_H */
