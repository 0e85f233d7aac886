/* libyaml helpers for the store files; see yaml_io.h. */
#include "yaml_io.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yuedu/utf8_text.h"

int yd_yaml_load(yaml_document_t *doc, const char *data, size_t length, char *problem, size_t size)
{
    yaml_parser_t parser;
    if (!yaml_parser_initialize(&parser)) {
        snprintf(problem, size, "out of memory");
        return -1;
    }
    yaml_parser_set_input_string(&parser, (const unsigned char *)data, length);
    int ok = yaml_parser_load(&parser, doc);
    if (!ok) {
        snprintf(problem, size, "line %zu: %s", parser.problem_mark.line + 1,
                 parser.problem ? parser.problem : "not valid YAML");
        yaml_parser_delete(&parser);
        return -1;
    }
    /* A second document in the stream means the file is not ours. */
    yaml_document_t extra;
    if (yaml_parser_load(&parser, &extra)) {
        int more = yaml_document_get_root_node(&extra) != NULL;
        yaml_document_delete(&extra);
        if (more) {
            snprintf(problem, size, "more than one YAML document");
            yaml_document_delete(doc);
            yaml_parser_delete(&parser);
            return -1;
        }
    } else {
        snprintf(problem, size, "line %zu: %s", parser.problem_mark.line + 1,
                 parser.problem ? parser.problem : "not valid YAML");
        yaml_document_delete(doc);
        yaml_parser_delete(&parser);
        return -1;
    }
    yaml_parser_delete(&parser);
    return 0;
}

yaml_node_t *yd_yaml_get(yaml_document_t *doc, yaml_node_t *map, const char *key)
{
    if (!map || map->type != YAML_MAPPING_NODE)
        return NULL;
    for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top; p++) {
        yaml_node_t *k = yaml_document_get_node(doc, p->key);
        if (k && k->type == YAML_SCALAR_NODE && strlen(key) == k->data.scalar.length &&
            memcmp(k->data.scalar.value, key, k->data.scalar.length) == 0)
            return yaml_document_get_node(doc, p->value);
    }
    return NULL;
}

const char *yd_yaml_get_str(yaml_document_t *doc, yaml_node_t *map, const char *key)
{
    yaml_node_t *v = yd_yaml_get(doc, map, key);
    if (!v || v->type != YAML_SCALAR_NODE)
        return NULL;
    /* libyaml NUL-terminates scalar values; an embedded NUL cuts the text. */
    return (const char *)v->data.scalar.value;
}

int yd_yaml_get_long(yaml_document_t *doc, yaml_node_t *map, const char *key, long long *out)
{
    const char *s = yd_yaml_get_str(doc, map, key);
    if (!s || !*s)
        return 0;
    char *end;
    errno = 0;
    long long v = strtoll(s, &end, 10);
    if (*end != 0 || errno != 0)
        return 0;
    *out = v;
    return 1;
}

void yd_yaml_out_init(yd_yaml_out *y)
{
    y->ok = yaml_document_initialize(&y->doc, NULL, NULL, NULL, 1, 1);
    y->out_of_memory = 0;
}

static int check(yd_yaml_out *y, int id)
{
    if (!id)
        y->ok = 0;
    return id;
}

int yd_yaml_map(yd_yaml_out *y)
{
    return y->ok ? check(y, yaml_document_add_mapping(&y->doc, NULL, YAML_BLOCK_MAPPING_STYLE)) : 0;
}

int yd_yaml_seq(yd_yaml_out *y)
{
    return y->ok ? check(y, yaml_document_add_sequence(&y->doc, NULL, YAML_BLOCK_SEQUENCE_STYLE)) : 0;
}

static int scalar(yd_yaml_out *y, const char *value, yaml_scalar_style_t style)
{
    if (!y->ok)
        return 0;
    /* libyaml refuses to emit ill-formed UTF-8, and one such value would
     * make the whole file unwritable: write it repaired instead. */
    char *repaired = NULL;
    if (!yd_utf8_valid(value)) {
        if (!(repaired = yd_utf8_repair(value))) {
            y->ok = 0;
            y->out_of_memory = 1;
            return 0;
        }
        value = repaired;
    }
    int id = check(y, yaml_document_add_scalar(&y->doc, NULL, (yaml_char_t *)value, (int)strlen(value), style));
    free(repaired);
    return id;
}

int yd_yaml_text(yd_yaml_out *y, const char *value)
{
    return scalar(y, value ? value : "", YAML_DOUBLE_QUOTED_SCALAR_STYLE);
}

void yd_yaml_put_node(yd_yaml_out *y, int map, const char *key, int node)
{
    int k = scalar(y, key, YAML_PLAIN_SCALAR_STYLE);
    if (y->ok && node && !yaml_document_append_mapping_pair(&y->doc, map, k, node))
        y->ok = 0;
}

void yd_yaml_put_text(yd_yaml_out *y, int map, const char *key, const char *value)
{
    yd_yaml_put_node(y, map, key, yd_yaml_text(y, value));
}

void yd_yaml_put_plain(yd_yaml_out *y, int map, const char *key, const char *value)
{
    yd_yaml_put_node(y, map, key, scalar(y, value, YAML_PLAIN_SCALAR_STYLE));
}

void yd_yaml_put_long(yd_yaml_out *y, int map, const char *key, long long value)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%lld", value);
    yd_yaml_put_plain(y, map, key, buf);
}

void yd_yaml_append(yd_yaml_out *y, int seq, int node)
{
    if (y->ok && node && !yaml_document_append_sequence_item(&y->doc, seq, node))
        y->ok = 0;
}

typedef struct buffer {
    char *data;
    size_t length, capacity;
    int failed;
} buffer;

static int write_handler(void *context, unsigned char *bytes, size_t size)
{
    buffer *b = context;
    if (b->length + size + 1 > b->capacity) {
        size_t cap = b->capacity ? b->capacity : 4096;
        while (cap < b->length + size + 1)
            cap *= 2;
        char *bigger = realloc(b->data, cap);
        if (!bigger) {
            b->failed = 1;
            return 0;
        }
        b->data = bigger;
        b->capacity = cap;
    }
    memcpy(b->data + b->length, bytes, size);
    b->length += size;
    b->data[b->length] = 0;
    return 1;
}

int yd_yaml_dump(yd_yaml_out *y, char **out, size_t *length, char *problem, size_t size)
{
    *out = NULL;
    *length = 0;
    snprintf(problem, size, "out of memory");
    if (!y->ok) {
        yaml_document_delete(&y->doc);
        return -1;
    }
    yaml_emitter_t emitter;
    if (!yaml_emitter_initialize(&emitter)) {
        yaml_document_delete(&y->doc);
        return -1;
    }
    buffer b = {0};
    yaml_emitter_set_output(&emitter, write_handler, &b);
    yaml_emitter_set_unicode(&emitter, 1);
    yaml_emitter_set_width(&emitter, -1);
    yaml_emitter_set_encoding(&emitter, YAML_UTF8_ENCODING);
    int ok = yaml_emitter_open(&emitter);
    if (ok)
        ok = yaml_emitter_dump(&emitter, &y->doc) && yaml_emitter_close(&emitter) && yaml_emitter_flush(&emitter);
    else
        yaml_document_delete(&y->doc);
    /* yaml_emitter_dump deletes the document, even on failure. */
    if (!ok && !b.failed && emitter.error != YAML_MEMORY_ERROR)
        snprintf(problem, size, "%s", emitter.problem ? emitter.problem : "the YAML emitter failed");
    yaml_emitter_delete(&emitter);
    if (!ok || b.failed) {
        free(b.data);
        return -1;
    }
    *out = b.data;
    *length = b.length;
    return 0;
}
