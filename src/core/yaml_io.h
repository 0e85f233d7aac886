/* Small helpers over libyaml for the store files (bookmarks, state):
 * reading a whole file into a node tree, looking keys up, and building a
 * tree that libyaml's emitter writes out. Internal to the core. */
#ifndef YUEDU_YAML_IO_H
#define YUEDU_YAML_IO_H

#include <stddef.h>
#include <yaml.h>

/* Parse data as one YAML document. Returns 0, or -1 with a message in
 * problem ("line 3: did not find expected key"). An empty input gives an
 * empty document (no root node). */
int yd_yaml_load(yaml_document_t *doc, const char *data, size_t length, char *problem, size_t size);

/* Value node of key in a mapping node, or NULL. */
yaml_node_t *yd_yaml_get(yaml_document_t *doc, yaml_node_t *map, const char *key);

/* Scalar text of the value of key, or NULL when absent or not a scalar. */
const char *yd_yaml_get_str(yaml_document_t *doc, yaml_node_t *map, const char *key);

/* Integer value of key into *out (unchanged when absent or bad); returns
 * 1 when set. */
int yd_yaml_get_long(yaml_document_t *doc, yaml_node_t *map, const char *key, long long *out);

/* Building a tree: each returns the new node id, 0 on failure (the
 * builder's ok flag drops and the final dump fails). */
typedef struct yd_yaml_out {
    yaml_document_t doc;
    int ok;
    int out_of_memory;
} yd_yaml_out;

void yd_yaml_out_init(yd_yaml_out *y);
int yd_yaml_map(yd_yaml_out *y);
int yd_yaml_seq(yd_yaml_out *y);
/* key: value where value is free text (double-quoted, never retyped). */
void yd_yaml_put_text(yd_yaml_out *y, int map, const char *key, const char *value);
/* key: value written plain (numbers, times, ids). */
void yd_yaml_put_plain(yd_yaml_out *y, int map, const char *key, const char *value);
void yd_yaml_put_long(yd_yaml_out *y, int map, const char *key, long long value);
void yd_yaml_put_node(yd_yaml_out *y, int map, const char *key, int node);
void yd_yaml_append(yd_yaml_out *y, int seq, int node);
int yd_yaml_text(yd_yaml_out *y, const char *value);

/* Emit the tree (the first node created is the root) as UTF-8 into a
 * malloc'ed buffer, and free the tree. Returns 0, or -1 with the reason in
 * problem ("out of memory", or what libyaml's emitter said). Text values
 * that are not UTF-8 are written repaired (U+FFFD), never refused. */
int yd_yaml_dump(yd_yaml_out *y, char **out, size_t *length, char *problem, size_t size);

#endif
