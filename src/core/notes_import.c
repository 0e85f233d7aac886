/* The notes JSON (notes_export.c) read back into the stores. JSON is a
 * subset of YAML's flow style, so libyaml reads it, and each note has the
 * keys of a store entry, so the store's own entry reader takes it
 * (yd_bookmark_parse_entry): one parser for both, fuzzed as both. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bookmarks_internal.h"
#include "yaml_io.h"
#include "yuedu/notes.h"

/* The entry with id in store, live or deleted, or NULL. */
static yd_bookmark *with_id(yd_bookmarks *store, const char *id)
{
    for (size_t k = 0; k < store->count; k++)
        if (strcmp(store->items[k].id, id) == 0)
            return &store->items[k];
    return NULL;
}

/* One parsed note (taken over) into its store. */
static yd_status merge_one(yd_bookmarks *store, yd_bookmark *b, yd_notes_imported *result)
{
    yd_bookmark *here = with_id(store, b->id);
    if (here && here->updated >= b->updated) {
        result->same++;
        yd_bookmark_clear(b);
        return YD_OK;
    }
    b->dirty = 1;
    if (here) {
        /* Newer elsewhere: it replaces this one, as a save's merge would. */
        yd_bookmark_clear(here);
        *here = *b;
        memset(b, 0, sizeof *b);
        result->updated++;
        return YD_OK;
    }
    yd_status st = yd_bookmarks_push(store, b);
    if (st != YD_OK) {
        yd_bookmark_clear(b);
        return st;
    }
    result->added++;
    return YD_OK;
}

static int hex4(const char *p, const char *end, unsigned *value)
{
    unsigned v = 0;
    if (end - p < 4)
        return 0;
    for (int k = 0; k < 4; k++) {
        char c = p[k];
        unsigned d = c >= '0' && c <= '9' ? (unsigned)(c - '0')
                     : c >= 'a' && c <= 'f' ? (unsigned)(c - 'a' + 10)
                     : c >= 'A' && c <= 'F' ? (unsigned)(c - 'A' + 10)
                                            : 16;
        if (d == 16)
            return 0;
        v = v << 4 | d;
    }
    *value = v;
    return 1;
}

/* JSON writes a character beyond U+FFFF as a surrogate pair of \u escapes
 * (Python's json and jq -a do), which YAML refuses; YAML's \U escape of
 * eight digits is the same character. A copy with every pair inside a
 * string rewritten so (never longer; no line end moves, so libyaml's line
 * numbers stay the file's), or NULL when out of memory. */
static char *surrogate_pairs_as_yaml(const char *data, size_t length, size_t *out_length)
{
    char *out = malloc(length + 1), *w = out;
    if (!out)
        return NULL;
    const char *p = data, *end = data + length;
    int in_string = 0;
    while (p < end) {
        unsigned hi, lo;
        if (in_string && p[0] == '\\' && end - p >= 12 && p[1] == 'u' && hex4(p + 2, end, &hi) && hi >= 0xD800 &&
            hi <= 0xDBFF && p[6] == '\\' && p[7] == 'u' && hex4(p + 8, end, &lo) && lo >= 0xDC00 && lo <= 0xDFFF) {
            w += sprintf(w, "\\U%08X", 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00));
            p += 12;
        } else if (in_string && p[0] == '\\' && end - p >= 2) {
            *w++ = *p++; /* an escape: the next character is not the string's end */
            *w++ = *p++;
        } else {
            in_string ^= *p == '"';
            *w++ = *p++;
        }
    }
    *w = 0;
    *out_length = (size_t)(w - out);
    return out;
}

yd_status yd_notes_import(const char *data, size_t length, yd_bookmarks *bookmarks, yd_bookmarks *highlights,
                          yd_notes_imported *result, yd_error *err)
{
    memset(result, 0, sizeof *result);
    yaml_document_t doc;
    char problem[200];
    size_t yaml_length;
    char *yaml = surrogate_pairs_as_yaml(data, length, &yaml_length);
    if (!yaml)
        return yd_error_set(err, YD_ENOMEM, "out of memory");
    int unreadable = yd_yaml_load(&doc, yaml, yaml_length, problem, sizeof problem) != 0;
    free(yaml);
    if (unreadable)
        return yd_error_set(err, YD_EINVAL, "not the JSON of yuedu --notes --format json: %s", problem);
    yd_status st = YD_OK;
    yaml_node_t *root = yaml_document_get_root_node(&doc);
    long long schema = 0;
    yaml_node_t *list = root && root->type == YAML_MAPPING_NODE ? yd_yaml_get(&doc, root, "notes") : NULL;
    if (!list || list->type != YAML_SEQUENCE_NODE || !yd_yaml_get_long(&doc, root, "yuedu-notes", &schema) ||
        schema < 1) {
        st = yd_error_set(err, YD_EINVAL, "not the JSON of yuedu --notes --format json (no \"yuedu-notes\" and \"notes\")");
        goto done;
    }
    if (schema > YD_NOTES_SCHEMA) {
        st = yd_error_set(err, YD_EINVAL, "written by a newer yuedu (notes schema %lld; this one reads %d): nothing imported",
                          schema, YD_NOTES_SCHEMA);
        goto done;
    }
    /* Every note is read before any store changes: a text that cannot be
     * read changes nothing. */
    size_t n = (size_t)(list->data.sequence.items.top - list->data.sequence.items.start), got = 0;
    yd_bookmark *parsed = calloc(n ? n : 1, sizeof *parsed);
    int *is_highlight = calloc(n ? n : 1, sizeof *is_highlight);
    if (!parsed || !is_highlight) {
        free(parsed);
        free(is_highlight);
        st = yd_error_set(err, YD_ENOMEM, "out of memory");
        goto done;
    }
    for (yaml_node_item_t *it = list->data.sequence.items.start; it < list->data.sequence.items.top; it++) {
        yaml_node_t *node = yaml_document_get_node(&doc, *it);
        const char *kind = node && node->type == YAML_MAPPING_NODE ? yd_yaml_get_str(&doc, node, "kind") : NULL;
        int highlight = kind && strcmp(kind, "highlight") == 0;
        if (!kind || (!highlight && strcmp(kind, "bookmark") != 0)) {
            result->skipped++;
            continue;
        }
        int rewrite = 0;
        int r = yd_bookmark_parse_entry(&doc, node, &parsed[got], &rewrite);
        if (r == -3) {
            st = yd_error_set(err, YD_ENOMEM, "out of memory");
            break;
        }
        if (r != 0 || rewrite || (highlight && parsed[got].length <= 0)) {
            /* No place, no id (it could never be matched again), or a
             * highlight of no passage: not a note. */
            if (r == 0)
                yd_bookmark_clear(&parsed[got]);
            result->skipped++;
            continue;
        }
        if (!highlight) {
            parsed[got].length = 0;
            parsed[got].style = 0;
        }
        is_highlight[got++] = highlight;
    }
    for (size_t k = 0; k < got; k++) {
        if (st == YD_OK)
            st = merge_one(is_highlight[k] ? highlights : bookmarks, &parsed[k], result);
        else
            yd_bookmark_clear(&parsed[k]);
    }
    if (st == YD_ENOMEM && err && !err->message[0])
        yd_error_set(err, YD_ENOMEM, "out of memory");
    free(parsed);
    free(is_highlight);
done:
    yaml_document_delete(&doc);
    return st;
}
