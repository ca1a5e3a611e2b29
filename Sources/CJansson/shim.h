#ifndef AUDIENCIA_CJANSSON_SHIM_H
#define AUDIENCIA_CJANSSON_SHIM_H
#include <jansson.h>

/* jansson's type tests are function-like macros, which Swift cannot import. */
static inline json_type audiencia_json_typeof(const json_t *value) { return json_typeof(value); }

/* json_decref is an inline function with a macro guard; wrap it so every release goes
   through one symbol. */
static inline void audiencia_json_release(json_t *value) { json_decref(value); }

#endif
