/*
 * geneft plugin ABI, part 2 of 8: parameters.
 *
 * A plugin declares the parameters it accepts as an array of
 * geneft_param_spec (its schema). The host parses the study's TOML, checks
 * it against the schema and hands the plugin a geneft_params, which the
 * plugin reads through the host's typed getters (geneft/host.h).
 *
 * C99 and C++ clean.
 */
#ifndef GENEFT_PLUGIN_PARAMS_H
#define GENEFT_PLUGIN_PARAMS_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum geneft_param_type {
    GENEFT_PARAM_INT = 1,        /* 64-bit signed integer */
    GENEFT_PARAM_DOUBLE = 2,     /* finite double; an integer literal is accepted */
    GENEFT_PARAM_BOOL = 3,       /* true / false */
    GENEFT_PARAM_STRING = 4,     /* UTF-8 text */
    GENEFT_PARAM_INT_LIST = 5,   /* array of 64-bit integers, possibly empty */
    GENEFT_PARAM_DOUBLE_LIST = 6, /* array of doubles, possibly empty */
    GENEFT_PARAM_PATH = 7         /* (ABI 1.1) a file path, given as a TOML string; the
                                     host makes a relative path absolute against the
                                     study file's folder (the working directory when
                                     there is no file) and the plugin reads the result
                                     with param_string */
} geneft_param_type;

/* One parameter a plugin accepts. Arrays of these are static data owned by
 * the plugin library and live until it is unloaded. */
typedef struct geneft_param_spec {
    const char *name;          /* TOML key, [a-z0-9_]+ */
    int32_t type;              /* a geneft_param_type */
    const char *default_value; /* TOML literal ("30", "0.001", "\"x\"", "[]"); NULL = required */
    const char *help;          /* one line, shown by `geneft describe` */
} geneft_param_spec;

/* Opaque set of validated parameter values, owned by the host. Every key the
 * plugin declared is present (given or defaulted). Valid for the duration of
 * the create() call it is passed to; a plugin copies what it keeps. */
typedef struct geneft_params geneft_params;

#ifdef __cplusplus
}
#endif

#endif /* GENEFT_PLUGIN_PARAMS_H */
