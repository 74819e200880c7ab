/*
 * geneft plugin ABI, part 4 of 8: the host, the services it offers plugins.
 *
 * The host passes one geneft_host to init() and to every create(): error
 * messages, log lines and the typed parameter getters.
 *
 * C99 and C++ clean.
 */
#ifndef GENEFT_PLUGIN_HOST_H
#define GENEFT_PLUGIN_HOST_H

#include <geneft/params.h>
#include <geneft/version.h>

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum geneft_log_level {
    GENEFT_LOG_DEBUG = 0,   /* shown with --verbose */
    GENEFT_LOG_INFO = 1,    /* shown with --verbose */
    GENEFT_LOG_WARNING = 2, /* always shown */
    GENEFT_LOG_ERROR = 3    /* always shown */
} geneft_log_level;

/* Services the host offers a plugin. Owned by the host, valid from init()
 * until deinit() returns. */
typedef struct geneft_host {
    uint32_t struct_size;       /* sizeof(geneft_host) as the host knows it */
    geneft_version abi_version; /* the host's ABI version */
    const char *host_version;   /* e.g. "0.1.0"; owned by the host */
    void *host_data;            /* reserved for the host; plugins must not touch */

    /* Records the message for the failing call in progress on this thread;
     * the host copies msg. Call it right before returning a negative status.
     * [thread-safe] */
    void (*set_error)(const struct geneft_host *host, const char *msg);

    /* Writes one log line (no trailing newline needed); msg is copied.
     * [thread-safe] */
    void (*log)(const struct geneft_host *host, int32_t level, const char *msg);

    /* Typed parameter getters. Return GENEFT_OK, GENEFT_ERR_NOT_FOUND when
     * the key was not declared, or GENEFT_ERR_INVALID_ARGUMENT when it was
     * declared with another type. `out` is written only on success.
     * [thread-safe] */
    geneft_status (*param_int)(const struct geneft_host *host, const geneft_params *params,
                               const char *key, int64_t *out);
    /* As param_int, for GENEFT_PARAM_DOUBLE. [thread-safe] */
    geneft_status (*param_double)(const struct geneft_host *host, const geneft_params *params,
                                  const char *key, double *out);
    /* As param_int, for GENEFT_PARAM_BOOL. [thread-safe] */
    geneft_status (*param_bool)(const struct geneft_host *host, const geneft_params *params,
                                const char *key, int32_t *out /* 0 or 1 */);

    /* Copies the string value, NUL-terminated, into buf (capacity bytes,
     * caller-owned). *length receives the value's length without the NUL,
     * also when GENEFT_ERR_BUFFER_TOO_SMALL is returned. [thread-safe] */
    geneft_status (*param_string)(const struct geneft_host *host, const geneft_params *params,
                                  const char *key, char *buf, size_t capacity, size_t *length);

    /* Copies up to capacity values into buf (caller-owned); *count receives
     * the list's length, also when GENEFT_ERR_BUFFER_TOO_SMALL is returned.
     * Call with capacity 0 to learn the length. [thread-safe] */
    geneft_status (*param_int_list)(const struct geneft_host *host, const geneft_params *params,
                                    const char *key, int64_t *buf, size_t capacity,
                                    size_t *count);
    /* As param_int_list, for GENEFT_PARAM_DOUBLE_LIST. [thread-safe] */
    geneft_status (*param_double_list)(const struct geneft_host *host,
                                       const geneft_params *params, const char *key,
                                       double *buf, size_t capacity, size_t *count);
} geneft_host;

#ifdef __cplusplus
}
#endif

#endif /* GENEFT_PLUGIN_HOST_H */
