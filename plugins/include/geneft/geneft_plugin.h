/*
 * geneft plugin ABI: the one header a plugin library includes. It includes
 * every part of the ABI, one concern each:
 *
 *   geneft/version.h       ABI version, status codes, string sizes
 *   geneft/params.h        parameter types, the parameter schema, geneft_params
 *   geneft/descriptor.h    what one plugin is: id, version, description, schema
 *   geneft/host.h          the services the host offers: errors, logs, getters
 *   geneft/relation.h      relations, factory "geneft.relation/1"
 *   geneft/decoder_mode.h  decoder input modes, factory "geneft.decoder_mode/1"
 *   geneft/analyzer.h      analyzers, factory "geneft.analyzer/1"
 *   geneft/entry.h         geneft_entry, the one exported symbol
 *
 * A plugin library exports exactly one symbol, `geneft_entry`, a const
 * geneft_plugin_entry. The host checks its ABI version, calls init(), then
 * asks get_factory() for each plugin kind it knows ("geneft.relation/1",
 * "geneft.decoder_mode/1", "geneft.analyzer/1"). A factory lists plugin
 * descriptors (id, version, parameter schema) and creates instances.
 *
 * Rules (see docs/plugin-guide.md):
 *  - Compatibility: the host loads a library whose abi_version.major equals
 *    GENEFT_ABI_VERSION_MAJOR and whose minor is <= the host's minor.
 *  - Released structs never change; a struct that may grow starts with
 *    uint32_t struct_size, and each side reads only the members both know.
 *    New capabilities come as new factory ids ("geneft.relation/2").
 *  - Only plain C types cross the boundary. No exceptions, no memory
 *    allocated on one side and freed on the other.
 *  - Functions return geneft_status (0 ok, negative error). On error the
 *    plugin calls host->set_error() with a message; the host copies it.
 *  - Output goes to caller-owned buffers (pointer + capacity).
 *  - Every function pointer carries a thread tag:
 *      [main-thread]      only the thread that loaded the library
 *      [thread-safe]      any thread, concurrently, on the same instance
 *      [any-thread, one at a time]  any thread, never concurrently on the
 *                         same instance
 *
 * This header and every part are C99 and C++ clean.
 */
#ifndef GENEFT_PLUGIN_H
#define GENEFT_PLUGIN_H

#include <geneft/version.h>
#include <geneft/params.h>
#include <geneft/descriptor.h>
#include <geneft/host.h>
#include <geneft/relation.h>
#include <geneft/decoder_mode.h>
#include <geneft/analyzer.h>
#include <geneft/entry.h>

#endif /* GENEFT_PLUGIN_H */
