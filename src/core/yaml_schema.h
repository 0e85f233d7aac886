/* Checking a user's YAML file (configuration, theme) against what it may
 * hold: every problem goes to a yd_problems list with the file, line and
 * column (libyaml's marks) and says which default is used instead. Internal
 * to the core. */
#ifndef YUEDU_YAML_SCHEMA_H
#define YUEDU_YAML_SCHEMA_H

#include <stdbool.h>
#include <stddef.h>
#include <yaml.h>

#include "yuedu/problems.h"

/* Files larger than this are refused: a configuration is a page of text. */
#define YD_SCHEMA_MAX_BYTES (1024 * 1024)

typedef struct yd_schema {
    const char *path;     /* for messages */
    yd_problems *problems;
    yaml_document_t doc;
    bool loaded;
} yd_schema;

/* Read path into a malloc'ed buffer. Returns 0; 1 when the file does not
 * exist and missing_ok (nothing reported); -1 after reporting why it could
 * not be read (fallback says what is used instead, e.g. "the defaults"). */
int yd_schema_read(const char *path, bool missing_ok, const char *fallback, char **data, size_t *length,
                   yd_problems *problems);

/* Parse data. Returns the root node (NULL for an empty file, nothing
 * reported), or NULL after reporting the syntax error, or that the root is
 * not a mapping. The caller calls yd_schema_done in every case. */
yaml_node_t *yd_schema_load(yd_schema *s, const char *path, const char *data, size_t length, const char *fallback,
                            yd_problems *problems);
void yd_schema_done(yd_schema *s);

/* Report a problem at node's start. */
void yd_schema_report(yd_schema *s, const yaml_node_t *node, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Walk a mapping: calls visit(key text, key node, value node) for each pair
 * whose key is a scalar seen for the first time; reports other keys (not
 * text, repeated). Reports and skips a node that is not a mapping. keypath
 * names the mapping in messages ("outline"), "" for the root. */
typedef void (*yd_schema_visit)(yd_schema *s, void *context, const char *key, yaml_node_t *key_node,
                                yaml_node_t *value);
void yd_schema_mapping(yd_schema *s, yaml_node_t *map, const char *keypath, yd_schema_visit visit, void *context);

/* Is value an empty scalar (`key:` with nothing, ~, null)? Such a value
 * means "the default" and is not a problem. */
bool yd_schema_is_null(const yaml_node_t *value);

/* Scalar text of value, or NULL after reporting "KEY: expected WHAT". */
const char *yd_schema_scalar(yd_schema *s, yaml_node_t *value, const char *key, const char *what,
                             const char *fallback);

/* A file name pattern (a rule's files: key, such as '*.txt'): its text, or
 * NULL for every file when it is empty or null, or after reporting a value
 * that is no text. */
const char *yd_schema_glob(yd_schema *s, yaml_node_t *value, const char *key);

/* Typed values: on success store into *out and return true; otherwise
 * report (naming key and fallback, the text of the default) and leave
 * *out alone. */
bool yd_schema_bool(yd_schema *s, yaml_node_t *value, const char *key, bool *out);
bool yd_schema_int(yd_schema *s, yaml_node_t *value, const char *key, long min, long max, int *out);
/* One of names (NULL-terminated); *out gets the index. */
bool yd_schema_enum(yd_schema *s, yaml_node_t *value, const char *key, const char *const *names, int *out);

/* The name among names (count of them, NULL entries skipped) closest to
 * word, at most two edits away ("linedown" -> "line-down"), or NULL. */
const char *yd_schema_suggest(const char *word, const char *const *names, size_t count);

/* Parse text as a bool (true false yes no on off, any case). */
bool yd_schema_parse_bool(const char *text, bool *out);
/* Parse text as a decimal integer; false when it is not one. */
bool yd_schema_parse_long(const char *text, long *out);

#endif
