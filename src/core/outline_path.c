/* The outline path of a place and the title of its document (outline_path.h). */
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/ustring.h>

#include "yuedu/numeral.h"
#include "yuedu/outline_path.h"
#include "yuedu/utf8_text.h"

char *yd_outline_path_utf8(const yd_document *doc, const yd_outline *o, int32_t offset)
{
    int32_t chain[16], depth = 0;
    for (int32_t p = yd_outline_node_at(o, offset); p >= 0 && depth < 16; p = o->nodes[p].parent)
        if (o->nodes[p].kind != YD_NODE_ITEM)
            chain[depth++] = p;
    UChar path[1024];
    int32_t n = 0;
    UChar title[128];
    while (depth-- > 0 && n + 3 + 128 < 1024) {
        if (n) {
            path[n++] = u' ';
            path[n++] = 0x203A;
            path[n++] = u' ';
        }
        int32_t len = yd_outline_node_title(doc, &o->nodes[chain[depth]], title, 128);
        len = len < 128 ? len : 128;
        memcpy(path + n, title, (size_t)len * sizeof *title);
        n += len;
    }
    if (n == 0)
        return strdup("");
    return yd_utf8_of_utf16(path, n, NULL);
}

char *yd_document_title_utf8(const yd_document *doc, const yd_outline *o)
{
    if (o->title_start >= 0 && o->title_length > 0) {
        UChar u[256];
        int32_t n = yd_outline_clean_title(doc->text, o->title_start, o->title_length, u, 256);
        if (n > 0)
            return yd_utf8_of_utf16(u, n < 256 ? n : 256, NULL);
    }
    const char *slash = strrchr(doc->path, '/');
    return strdup(slash ? slash + 1 : doc->path);
}

/* A path's parts, white space left out, lower case: parts[k] starts at
 * text[starts[k]] and ends at text[starts[k + 1]]. */
enum { PATH_PARTS = 16, PATH_UNITS = 512 };
typedef struct path_parts {
    UChar text[PATH_UNITS];
    int32_t starts[PATH_PARTS + 1];
    int count;
} path_parts;

static int ignored(UChar32 c) { return u_isUWhiteSpace(c) || c == 0x200B || c == 0xFEFF; }

/* c as a path and a title are compared: folded, then in lower case. */
static UChar fold_char(const UChar *fold, UChar c) { return (UChar)u_tolower(fold ? fold[c] : c); }

static yd_status split_path(const char *path, const UChar *fold, path_parts *p, yd_error *err)
{
    UChar u[PATH_UNITS];
    int32_t n = 0;
    UErrorCode status = U_ZERO_ERROR;
    u_strFromUTF8WithSub(u, PATH_UNITS, &n, path, -1, 0xFFFD, NULL, &status);
    if (U_FAILURE(status) || n >= PATH_UNITS)
        return yd_error_set(err, YD_EINVAL, "the heading path is too long");
    p->count = 0;
    int32_t at = 0;
    p->starts[0] = 0;
    for (int32_t i = 0; i <= n; i++) {
        UChar c = i < n ? u[i] : 0;
        if (i == n || c == u'>' || c == 0x203A /* › */ || c == 0xFF1E /* ＞ */) {
            if (at == p->starts[p->count])
                continue; /* an empty part ("第二编 ›"): dropped */
            if (p->count == PATH_PARTS)
                return yd_error_set(err, YD_EINVAL, "the heading path has more than 16 parts");
            p->starts[++p->count] = at;
        } else if (!ignored(c)) {
            p->text[at++] = fold_char(fold, c);
        }
    }
    if (p->count == 0)
        return yd_error_set(err, YD_EINVAL, "the heading path is empty");
    return YD_OK;
}

/* Does part k begin the title of node? Both are compared folded and
 * without white space, and a number against a number by its value in
 * whatever form each is written: 第2编 begins 第二编 物权, and 第一 does not
 * begin 第一百编 (its number is 100, not 1). */
static int part_begins(const yd_document *doc, const yd_outline_node *node, const path_parts *p, int k,
                       const UChar *fold)
{
    UChar title[256], t[256];
    int32_t n = yd_outline_node_title(doc, node, title, 256), tn = 0;
    n = n < 256 ? n : 256;
    for (int32_t i = 0; i < n; i++)
        if (!ignored(title[i]))
            t[tn++] = fold_char(fold, title[i]);
    int32_t want = p->starts[k], end = p->starts[k + 1], i = 0;
    while (want < end) {
        if (i >= tn)
            return 0;
        int32_t in_title, in_part;
        int32_t title_past = yd_numeral_parse(t, i, tn, YD_NUMERAL_ANY, &in_title);
        int32_t part_past = yd_numeral_parse(p->text, want, end, YD_NUMERAL_ANY, &in_part);
        if (title_past > i && part_past > want) {
            if (in_title != in_part)
                return 0;
            i = title_past;
            want = part_past;
        } else if (t[i++] != p->text[want++]) {
            return 0;
        }
    }
    return 1;
}

/* Does node match the last part, and its headings above, in order, the
 * parts before it? */
static int path_names(const yd_document *doc, const yd_outline *o, int32_t node, const path_parts *p,
                      const UChar *fold)
{
    int k = p->count - 1;
    if (o->nodes[node].kind == YD_NODE_ITEM || !part_begins(doc, &o->nodes[node], p, k, fold))
        return 0;
    for (int32_t up = o->nodes[node].parent; up >= 0 && k > 0; up = o->nodes[up].parent)
        if (o->nodes[up].kind != YD_NODE_ITEM && part_begins(doc, &o->nodes[up], p, k - 1, fold))
            k--;
    return k == 0;
}

yd_status yd_outline_under(const yd_document *doc, const yd_outline *o, const char *path, const UChar *fold,
                           yd_text_range **ranges, size_t *count, yd_error *err)
{
    *ranges = NULL;
    *count = 0;
    path_parts p;
    yd_status st = split_path(path, fold, &p, err);
    if (st != YD_OK)
        return st;
    size_t n = 0, cap = 0;
    yd_text_range *out = NULL;
    for (int32_t i = 0; i < o->count; i++) {
        if (n > 0 && o->nodes[i].offset < out[n - 1].hi)
            continue; /* inside a subtree already taken */
        if (!path_names(doc, o, i, &p, fold))
            continue;
        if (n == cap) {
            size_t grown = cap ? cap * 2 : 8;
            yd_text_range *more = realloc(out, grown * sizeof *more);
            if (!more) {
                free(out);
                return yd_error_set(err, YD_ENOMEM, "out of memory");
            }
            out = more;
            cap = grown;
        }
        yd_outline_subtree_span(o, doc->length, i, &out[n].lo, &out[n].hi);
        n++;
    }
    *ranges = out;
    *count = n;
    return YD_OK;
}
