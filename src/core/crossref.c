/* Cross-references: recognising citations of articles and divisions in a
 * text and resolving them against the outlines (see crossref.h).
 *
 * A reference is a base (nothing, 本法 and its kin, 本条, 前条, 前款, 本章,
 * 《title》, or a law's name right before 第) followed by a chain of
 * 第N<unit> (第二十三条第二款第三项). Recognition is one pass over the text
 * looking for 第, 本, 前 and 《; resolution works on a small index of the
 * numbered nodes of each outline, made once per document. */
#include "yuedu/crossref.h"

#include <stdlib.h>
#include <uchar.h>
#include <string.h>
#include <unicode/ustring.h>

#include "yuedu/numeral.h"

/* Units a number after 第 may carry. */
enum unit { U_NONE, U_TIAO, U_KUAN, U_XIANG, U_BIAN, U_FENBIAN, U_ZHANG, U_JIE, U_JUAN, U_HUI };

typedef struct entry {
    int32_t value, sub; /* 第N条之M: sub M, 0 when none */
    int32_t node;
    uint8_t unit;
} entry;

struct yd_ref_index {
    const yd_document *doc;
    const yd_outline *outline;
    entry *entries; /* numbered nodes in document order */
    int32_t count;
    int taiwan;     /* articles written 條: 項 is a paragraph, 款 an item */
    int articles;   /* nodes that are articles (第N条) */
};

const char *yd_ref_kind_name(yd_ref_kind kind)
{
    static const char *const names[] = {"article", "paragraph", "item", "division", "previous", "this"};
    return (unsigned)kind < sizeof names / sizeof *names ? names[kind] : "?";
}

static int is_blank(UChar c) { return c == ' ' || c == '\t' || c == 0x3000 || c == 0xA0; }

static int is_han(UChar c) { return (c >= 0x3400 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF); }

static int32_t skip_blanks(const UChar *t, int32_t i, int32_t end)
{
    while (i < end && is_blank(t[i]))
        i++;
    return i;
}

/* The unit at t[i] (编 分编 章 节 条 款 项...): sets *unit, returns the index
 * past it, or i when there is none. */
static int32_t read_unit(const UChar *t, int32_t i, int32_t end, enum unit *unit)
{
    if (i >= end)
        return i;
    switch (t[i]) {
    case 0x6761: case 0x689D: *unit = U_TIAO; break;   /* 条 條 */
    case 0x6B3E: *unit = U_KUAN; break;                /* 款 */
    case 0x9879: case 0x9805: *unit = U_XIANG; break;  /* 项 項 */
    case 0x7F16: case 0x7DE8: *unit = U_BIAN; break;   /* 编 編 */
    case 0x7AE0: *unit = U_ZHANG; break;               /* 章 */
    case 0x8282: case 0x7BC0: *unit = U_JIE; break;    /* 节 節 */
    case 0x5377: *unit = U_JUAN; break;                /* 卷 */
    case 0x56DE: *unit = U_HUI; break;                 /* 回 */
    case 0x5206:                                       /* 分编 */
        if (i + 1 < end && (t[i + 1] == 0x7F16 || t[i + 1] == 0x7DE8)) {
            *unit = U_FENBIAN;
            return i + 2;
        }
        return i;
    default: return i;
    }
    return i + 1;
}

/* 第N<unit> at t[i]: returns the index past it (and past an inserted
 * number 之一 after the unit) with *value, *sub, *unit set; i when none. */
static int32_t read_numbered(const UChar *t, int32_t i, int32_t end, int32_t *value, int32_t *sub, enum unit *unit)
{
    if (i >= end || t[i] != 0x7B2C /* 第 */)
        return i;
    int32_t r = skip_blanks(t, i + 1, end);
    int32_t e = yd_numeral_parse(t, r, end, YD_NUMERAL_ANY | YD_NUMERAL_SPACES, value);
    if (e == r)
        return i;
    *sub = 0;
    int32_t ins = yd_numeral_insert(t, e, end, sub); /* 第 18-1 條 */
    e = skip_blanks(t, ins, end);
    enum unit u = U_NONE;
    int32_t past = read_unit(t, e, end, &u);
    if (past == e)
        return i;
    int32_t s2 = 0, p2 = yd_numeral_insert(t, past, end, &s2); /* 第五条之一 */
    if (p2 > past && *sub == 0) {
        *sub = s2;
        past = p2;
    }
    *unit = u;
    return past;
}

/* ---- the index of numbered nodes ---- */

static int32_t line_content_start(const yd_document *doc, int32_t line, int32_t *end)
{
    int32_t s, e;
    yd_document_line_bounds(doc, line, &s, &e);
    const UChar *t = doc->text;
    while (s < e && (is_blank(t[s]) || t[s] == '#' || t[s] == '*' || t[s] == '>'))
        s++;
    *end = e;
    return s;
}

/* Where the number of the node on line starts: the line's content, or the
 * title's start when the outline read a label before it (正文 第一回, a
 * download site's word for the main text); -1 when the line has no node. */
static int32_t node_number_start(const yd_document *doc, const yd_outline *outline, int32_t node, int32_t *end)
{
    const yd_outline_node *n = &outline->nodes[node];
    int32_t s = line_content_start(doc, n->line, end);
    int32_t value, sub;
    enum unit u;
    if (read_numbered(doc->text, s, *end, &value, &sub, &u) == s && n->title_start > s && n->title_start < *end)
        return n->title_start;
    return s;
}

static yd_status index_build(yd_ref_index **out, const yd_document *doc, const yd_outline *outline)
{
    yd_ref_index *x = calloc(1, sizeof *x);
    if (!x)
        return YD_ENOMEM;
    x->doc = doc;
    x->outline = outline;
    if (outline->count > 0) {
        x->entries = malloc((size_t)outline->count * sizeof *x->entries);
        if (!x->entries) {
            free(x);
            return YD_ENOMEM;
        }
    }
    int tiao = 0, tiao_trad = 0;
    for (int32_t k = 0; k < outline->count; k++) {
        int32_t end, s = node_number_start(doc, outline, k, &end);
        entry en = {0, 0, k, U_NONE};
        enum unit u = U_NONE;
        if (read_numbered(doc->text, s, end, &en.value, &en.sub, &u) == s)
            continue;
        en.unit = (uint8_t)u;
        if (u == U_TIAO) {
            tiao++;
            int32_t p = skip_blanks(doc->text, s + 1, end);
            while (p < end && doc->text[p] != 0x6761 && doc->text[p] != 0x689D)
                p++;
            tiao_trad += p < end && doc->text[p] == 0x689D;
        }
        x->entries[x->count++] = en;
    }
    x->taiwan = tiao > 0 && tiao_trad * 2 > tiao;
    x->articles = tiao;
    *out = x;
    return YD_OK;
}

static void index_free(yd_ref_index *x)
{
    if (x) {
        free(x->entries);
        free(x);
    }
}

/* ---- names of documents, for citations by title ---- */

/* A title as citations write it: no blanks or markup, no 中华人民共和国 in
 * front, no （2023年修正） behind. Writes into out (capacity cap), returns
 * the length. */
static int32_t normalise_name(const UChar *t, int32_t n, UChar *out, int32_t cap)
{
    static const UChar prc[] = u"中华人民共和国";
    static const UChar prc_trad[] = u"中華人民共和國";
    int32_t len = 0;
    for (int32_t i = 0; i < n && len < cap; i++)
        if (!is_blank(t[i]) && t[i] != '#' && t[i] != '*' && t[i] != 0x300A && t[i] != 0x300B)
            out[len++] = t[i];
    const int32_t plen = 7;
    if (len > plen && (!memcmp(out, prc, plen * sizeof(UChar)) || !memcmp(out, prc_trad, plen * sizeof(UChar)))) {
        memmove(out, out + plen, (size_t)(len - plen) * sizeof(UChar));
        len -= plen;
    }
    if (len > 2 && (out[len - 1] == 0xFF09 || out[len - 1] == ')')) {
        int32_t k = len - 2;
        while (k > 0 && out[k] != 0xFF08 && out[k] != '(')
            k--;
        if (k > 0)
            len = k;
    }
    return len;
}

enum { NAME_MAX_UNITS = 64 };

/* The names of document d, "title\0stem\0\0" normalised; NULL when out of memory. */
static UChar *document_names(const yd_document *d, const yd_outline *o)
{
    UChar *names = calloc(2 * (NAME_MAX_UNITS + 1) + 1, sizeof(UChar));
    if (!names)
        return NULL;
    int32_t at = 0;
    if (o && o->title_start >= 0 && o->title_length > 0) {
        at = normalise_name(d->text + o->title_start, o->title_length, names, NAME_MAX_UNITS);
        names[at++] = 0;
    }
    /* The file name without its folder and extension, as UTF-16. */
    const char *base = strrchr(d->path, '/');
    base = base ? base + 1 : d->path;
    const char *dot = strrchr(base, '.');
    size_t blen = dot && dot > base ? (size_t)(dot - base) : strlen(base);
    UChar stem[NAME_MAX_UNITS];
    int32_t sl = 0;
    for (size_t i = 0; i < blen && sl < NAME_MAX_UNITS - 1;) {
        unsigned char c = (unsigned char)base[i];
        uint32_t cp;
        size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
        if (i + n > blen)
            break;
        cp = n == 1 ? c : n == 2 ? c & 0x1F : n == 3 ? c & 0x0F : c & 0x07;
        for (size_t k = 1; k < n; k++)
            cp = (cp << 6) | ((unsigned char)base[i + k] & 0x3F);
        i += n;
        if (cp < 0x10000)
            stem[sl++] = (UChar)cp;
    }
    int32_t l = normalise_name(stem, sl, names + at, NAME_MAX_UNITS);
    at += l;
    names[at++] = 0;
    names[at] = 0;
    return names;
}

yd_status yd_ref_corpus_init(yd_ref_corpus *c, size_t count, const yd_document *const *docs,
                             const yd_outline *const *outlines, yd_error *err)
{
    memset(c, 0, sizeof *c);
    c->count = count;
    c->docs = docs;
    c->outlines = outlines;
    if (count == 0)
        return YD_OK;
    c->indexes = calloc(count, sizeof *c->indexes);
    if (!c->indexes) {
        yd_ref_corpus_free(c);
        return yd_error_set(err, YD_ENOMEM, "out of memory");
    }
    return YD_OK; /* the names are made on the first citation by name */
}

void yd_ref_corpus_free(yd_ref_corpus *c)
{
    for (size_t k = 0; k < c->count; k++) {
        if (c->indexes)
            index_free(c->indexes[k]);
        if (c->names)
            free(c->names[k]);
    }
    free(c->indexes);
    free(c->names);
    memset(c, 0, sizeof *c);
}

static yd_status corpus_index(yd_ref_corpus *c, size_t doc, yd_ref_index **out)
{
    *out = NULL;
    if (doc >= c->count || !c->docs[doc] || !c->outlines[doc])
        return YD_OK;
    if (!c->indexes[doc]) {
        yd_status st = index_build(&c->indexes[doc], c->docs[doc], c->outlines[doc]);
        if (st != YD_OK)
            return st;
    }
    *out = c->indexes[doc];
    return YD_OK;
}

/* The document named exactly name (bracketed), or whose name ends name
 * (a law's name run into the words before it: 依照民事诉讼法): the longest
 * such name wins. -1 when none. */
/* The names of every document, made once. 0, or -1 when out of memory. */
static int corpus_names(yd_ref_corpus *c)
{
    if (c->names)
        return 0;
    c->names = calloc(c->count ? c->count : 1, sizeof *c->names);
    if (!c->names)
        return -1;
    for (size_t k = 0; k < c->count; k++) {
        if (!c->docs[k] || !c->outlines[k])
            continue;
        c->names[k] = document_names(c->docs[k], c->outlines[k]);
        if (!c->names[k])
            return -1; /* the ones made are freed with the corpus */
    }
    return 0;
}

static int32_t find_document(yd_ref_corpus *c, const UChar *name, int32_t n, int suffix, int32_t *matched)
{
    *matched = 0;
    if (corpus_names(c) != 0)
        return -2;
    UChar norm[NAME_MAX_UNITS];
    int32_t len = normalise_name(name, n, norm, NAME_MAX_UNITS);
    int32_t best = -1, best_len = 0;
    for (size_t k = 0; k < c->count; k++) {
        for (const UChar *s = c->names[k]; s && *s; s += u_strlen(s) + 1) {
            int32_t l = u_strlen(s);
            if (l < 2 || l > len)
                continue;
            if (!suffix && l != len)
                continue;
            if (memcmp(norm + len - l, s, (size_t)l * sizeof(UChar)) == 0 && l > best_len) {
                best = (int32_t)k;
                best_len = l;
            }
        }
    }
    *matched = best_len;
    return best;
}

/* ---- resolution within one document ---- */

static void article_lines(const yd_ref_index *x, int32_t node, int32_t *first, int32_t *last);

/* The entry of unit u holding offset, or -1: for an article, the last one
 * starting before offset whose lines reach it; for a division, the one met
 * walking up the tree. */
static int32_t enclosing(const yd_ref_index *x, int32_t offset, enum unit u)
{
    if (u == U_TIAO) {
        int32_t line = yd_document_line_at(x->doc, offset);
        for (int32_t k = x->count - 1; k >= 0; k--) {
            if (x->outline->nodes[x->entries[k].node].offset > offset)
                continue;
            if (x->entries[k].unit != U_TIAO)
                return -1; /* a division came after the last article */
            int32_t first, last;
            article_lines(x, x->entries[k].node, &first, &last);
            return line < last ? k : -1;
        }
        return -1;
    }
    int32_t n = yd_outline_node_at(x->outline, offset);
    while (n >= 0) {
        for (int32_t k = 0; k < x->count; k++)
            if (x->entries[k].node == n) {
                if (x->entries[k].unit == u)
                    return k;
                break;
            }
        n = x->outline->nodes[n].parent;
    }
    return -1;
}

/* Is the line starting at s an enumerated item （一） (一) 一、, not a paragraph?
 * Sets *value to its number. */
static int is_item_line(const UChar *t, int32_t s, int32_t end, int32_t *value)
{
    int32_t v = 0;
    if (s < end && (t[s] == 0xFF08 || t[s] == '(')) {
        int32_t e = yd_numeral_parse(t, s + 1, end, YD_NUMERAL_ANY, &v);
        if (e > s + 1 && e < end && (t[e] == 0xFF09 || t[e] == ')')) {
            *value = v;
            return 1;
        }
    }
    int32_t e = yd_numeral_parse(t, s, end, YD_NUMERAL_CHINESE, &v);
    if (e > s && e < end && t[e] == 0x3001 /* 一、 as Taiwan's laws number items */) {
        *value = v;
        return 1;
    }
    return 0;
}

/* The lines of an article: from its node's line to the line of the next
 * article or division (headings the outline found inside it, such as the
 * 一、 items of a Taiwan statute, are its lines). */
static void article_lines(const yd_ref_index *x, int32_t node, int32_t *first, int32_t *last)
{
    *first = x->outline->nodes[node].line;
    *last = x->doc->line_count;
    for (int32_t k = 0; k < x->count; k++)
        if (x->entries[k].node > node && x->entries[k].unit != U_KUAN && x->entries[k].unit != U_XIANG) {
            *last = x->outline->nodes[x->entries[k].node].line;
            return;
        }
}

/* Is line l the line of an article marker alone (第 3 條), which is no
 * paragraph of its own? */
static int bare_marker(const yd_ref_index *x, int32_t l)
{
    int32_t end, s = line_content_start(x->doc, l, &end), v, sub;
    enum unit u = U_NONE;
    int32_t e = read_numbered(x->doc->text, s, end, &v, &sub, &u);
    if (e == s)
        return 0;
    while (e < end && (is_blank(x->doc->text[e]) || x->doc->text[e] == '*'))
        e++;
    return e == end;
}

/* Line of paragraph m (1-based) of an article, or -1. */
static int32_t paragraph_line(const yd_ref_index *x, int32_t node, int32_t m)
{
    int32_t first, last, seen = 0, v;
    article_lines(x, node, &first, &last);
    for (int32_t l = first; l < last; l++) {
        int32_t end, s = line_content_start(x->doc, l, &end);
        if (s == end || is_item_line(x->doc->text, s, end, &v) || (l == first && bare_marker(x, l)))
            continue;
        if (++seen == m)
            return l;
    }
    return -1;
}

/* Paragraph (1-based) of an article holding line, or 0. */
static int32_t paragraph_of_line(const yd_ref_index *x, int32_t node, int32_t line)
{
    int32_t first, last, seen = 0, v;
    article_lines(x, node, &first, &last);
    for (int32_t l = first; l < last && l <= line; l++) {
        int32_t end, s = line_content_start(x->doc, l, &end);
        if (s == end || is_item_line(x->doc->text, s, end, &v) || (l == first && bare_marker(x, l)))
            continue;
        seen++;
    }
    return seen;
}

/* Line of item k below the paragraph on line para, or -1. */
static int32_t item_line(const yd_ref_index *x, int32_t node, int32_t para, int32_t k)
{
    int32_t first, last, v;
    article_lines(x, node, &first, &last);
    for (int32_t l = para + 1; l < last; l++) {
        int32_t end, s = line_content_start(x->doc, l, &end);
        if (s == end)
            continue;
        if (!is_item_line(x->doc->text, s, end, &v))
            return -1; /* the next paragraph */
        if (v == k)
            return l;
    }
    return -1;
}

/* Has the node text below its own line, in its subtree? A line of a table
 * of contents (第十二回 寒风冻塞黄河水, then 第十三回 on the next line) has
 * none; the chapter it lists has. */
static int has_text_below(const yd_ref_index *x, int32_t node)
{
    const yd_outline *o = x->outline;
    int32_t last = o->nodes[node].end < o->count ? o->nodes[o->nodes[node].end].line : x->doc->line_count;
    for (int32_t l = o->nodes[node].line + 1; l < last; l++) {
        int32_t end, s = line_content_start(x->doc, l, &end);
        if (s < end)
            return 1;
    }
    return 0;
}

/* The entry of unit u numbered value (sub): one in the same enclosing
 * division as offset when several share the number (each 编 of a code has
 * its 第一章), else the first; among those, one with text rather than its
 * line in the contents. -1 when none. */
static int32_t find_entry(const yd_ref_index *x, enum unit u, int32_t value, int32_t sub, int32_t offset)
{
    int32_t first = -1, first_text = -1, scoped = -1;
    int32_t here = offset >= 0 ? yd_outline_node_at(x->outline, offset) : -1;
    for (int32_t k = 0; k < x->count; k++) {
        const entry *e = &x->entries[k];
        if (e->unit != u || e->value != value || e->sub != sub)
            continue;
        int text = has_text_below(x, e->node);
        if (first < 0)
            first = k;
        if (text && first_text < 0)
            first_text = k;
        int32_t p = x->outline->nodes[e->node].parent;
        if (p < 0)
            continue;
        for (int32_t n = here; n >= 0; n = x->outline->nodes[n].parent)
            if (n == p) {
                if (text)
                    return k;
                if (scoped < 0)
                    scoped = k;
                break;
            }
    }
    return scoped >= 0 ? scoped : first_text >= 0 ? first_text : first;
}

/* What a chain of 第N<unit> asks for, and what it starts from. */
typedef struct chain {
    int32_t article, article_sub; /* 0: none given */
    int32_t paragraph, item;      /* 0: none given */
    enum unit division;           /* U_NONE: none */
    int32_t division_value, division_sub;
    enum unit inner;              /* 第二章第三节: the division inside it, U_NONE: none */
    int32_t inner_value, inner_sub;
} chain;

typedef struct target {
    int32_t offset, node;
    int32_t article, para_line; /* the article node and paragraph line it is in, or -1 */
} target;

static target target_line(const yd_ref_index *x, int32_t line)
{
    target t = {x->doc->line_starts[line], -1, -1, -1};
    t.node = yd_outline_node_at(x->outline, t.offset);
    return t;
}

static target target_node(const yd_ref_index *x, int32_t node)
{
    target t = {x->outline->nodes[node].offset, node, -1, -1};
    return t;
}

/* Resolve a chain in document x; article_node: the article it is relative
 * to when it names none (-1: the one holding from). */
static target resolve_chain(const yd_ref_index *x, const chain *ch, int32_t from, int32_t article_node,
                            int32_t para_hint, int same_doc)
{
    target none = {-1, -1, -1, -1};
    if (ch->division != U_NONE) {
        int32_t k = find_entry(x, ch->division, ch->division_value, ch->division_sub, same_doc ? from : -1);
        if (k < 0)
            return none;
        if (ch->inner == U_NONE)
            return target_node(x, x->entries[k].node);
        const yd_outline_node *outer = &x->outline->nodes[x->entries[k].node];
        for (int32_t j = k + 1; j < x->count && x->entries[j].node < outer->end; j++)
            if (x->entries[j].unit == ch->inner && x->entries[j].value == ch->inner_value &&
                x->entries[j].sub == ch->inner_sub)
                return target_node(x, x->entries[j].node);
        return none;
    }
    int32_t art = article_node;
    if (ch->article) {
        int32_t k = find_entry(x, U_TIAO, ch->article, ch->article_sub, same_doc ? from : -1);
        if (k < 0)
            return none;
        art = x->entries[k].node;
    } else if (art < 0 && same_doc) {
        int32_t k = enclosing(x, from, U_TIAO);
        if (k < 0)
            return none;
        art = x->entries[k].node;
    }
    if (art < 0)
        return none;
    int32_t para_line = -1;
    if (ch->paragraph) {
        para_line = paragraph_line(x, art, ch->paragraph);
        if (para_line < 0)
            return none;
    } else if (ch->item && para_hint >= 0 && !ch->article) {
        para_line = para_hint; /* 前款第一项、第二项: the paragraph named before */
    } else if (ch->item) {
        /* 第三项 alone: an item of the paragraph being read, else of the first */
        int32_t line = yd_document_line_at(x->doc, from);
        int32_t first, last;
        article_lines(x, art, &first, &last);
        int32_t p = ch->article || !same_doc || line < first || line >= last ? 1 : paragraph_of_line(x, art, line);
        para_line = paragraph_line(x, art, p > 0 ? p : 1);
        if (para_line < 0)
            return none;
    }
    target t = none;
    if (ch->item) {
        int32_t l = item_line(x, art, para_line, ch->item);
        if (l < 0)
            return none;
        t = target_line(x, l);
    } else {
        t = para_line >= 0 ? target_line(x, para_line) : target_node(x, art);
    }
    t.article = art;
    t.para_line = para_line;
    return t;
}

/* ---- recognition ---- */

static int starts_with(const UChar *t, int32_t i, int32_t end, const UChar *w)
{
    int32_t n = u_strlen(w);
    return i + n <= end && memcmp(t + i, w, (size_t)n * sizeof(UChar)) == 0;
}

/* 本法 本条例 本规定 本办法 本细则 本解释 本决定 本条 本章...: the length of
 * the word at i, and what it is. */
enum base { B_NONE, B_THIS_DOC, B_THIS_ARTICLE, B_THIS_DIVISION, B_PREV_ARTICLE, B_PREV_PARAGRAPH, B_PREV_ITEM };

static int32_t read_base(const UChar *t, int32_t i, int32_t end, int taiwan, enum base *base, enum unit *unit,
                         int32_t *count)
{
    static const char16_t *const docs[] = {u"本法", u"本条例", u"本條例", u"本规定", u"本規定", u"本办法", u"本辦法",
                                           u"本细则", u"本細則", u"本解释", u"本解釋", u"本决定", u"本決定", u"本准则"};
    *count = 1;
    if (t[i] == 0x672C /* 本 */) {
        if (i + 1 >= end)
            return 0;
        for (size_t k = 0; k < sizeof docs / sizeof *docs; k++)
            if (starts_with(t, i, end, (const UChar *)docs[k])) {
                *base = B_THIS_DOC;
                return u_strlen((const UChar *)docs[k]);
            }
        enum unit u = U_NONE;
        if (read_unit(t, i + 1, end, &u) > i + 1 && u != U_KUAN && u != U_XIANG && u != U_HUI && u != U_JUAN) {
            *base = u == U_TIAO ? B_THIS_ARTICLE : B_THIS_DIVISION;
            *unit = u;
            return u == U_FENBIAN ? 3 : 2;
        }
        return 0;
    }
    if (t[i] == 0x524D /* 前 */) {
        int32_t e = i + 1;
        int32_t v = 1;
        int32_t p = yd_numeral_parse(t, e, end, YD_NUMERAL_CHINESE, &v);
        if (p > e && (v < 2 || v > 9))
            return 0;
        e = p;
        enum unit u = U_NONE;
        int32_t past = read_unit(t, e, end, &u);
        if (past == e || (u != U_TIAO && u != U_KUAN && u != U_XIANG))
            return 0;
        if (taiwan && u != U_TIAO)
            u = u == U_KUAN ? U_XIANG : U_KUAN; /* 前項: the paragraph before, in Taiwan's order */
        *count = v;
        *base = u == U_TIAO ? B_PREV_ARTICLE : u == U_KUAN ? B_PREV_PARAGRAPH : B_PREV_ITEM;
        *unit = u;
        return past - i;
    }
    return 0;
}

/* Characters that may stand between two references of one list (第十条、第十二条
 * 和第十五条): a bare 第二款 after them belongs to the article before. */
static int joins_list(UChar c)
{
    return c == 0x3001 || c == 0xFF0C || c == 0x548C || c == 0x53CA || c == 0x6216 || c == 0x81F3 || c == 0x4E0E ||
           c == 0x8207 || c == 0x3001;
}

/* Words that end a run of Han characters before a law's name (依照民事诉讼法). */
static int32_t name_run_start(const UChar *t, int32_t lo, int32_t i)
{
    static const char16_t *const lead[] = {u"依照", u"依据", u"依據", u"根据", u"根據", u"按照", u"参照", u"參照",
                                           u"适用", u"適用", u"违反", u"違反", u"对照", u"符合", u"执行", u"執行",
                                           u"规定", u"規定", u"的"};
    int32_t s = i;
    while (s > lo && i - s < 24 && is_han(t[s - 1]) && !joins_list(t[s - 1]))
        s--;
    /* The last leading verb inside the run marks where the name begins. */
    int32_t best = s;
    for (int32_t p = s; p < i; p++)
        for (size_t k = 0; k < sizeof lead / sizeof *lead; k++)
            if (starts_with(t, p, i, (const UChar *)lead[k]))
                best = p + u_strlen((const UChar *)lead[k]);
    return best;
}

/* Where a law's name in the run [s, i) begins: matched characters from its
 * end when a document's name matched (and 中华人民共和国 before them), else
 * after the last word that cannot be part of a name (因民法典, 以民法典). */
static int32_t name_start(const UChar *t, int32_t s, int32_t i, int32_t matched)
{
    static const UChar prc[] = u"中华人民共和国";
    int32_t k = s;
    for (int32_t p = s; p + 7 <= i; p++)
        if (memcmp(t + p, prc, 7 * sizeof(UChar)) == 0)
            return p;
    if (matched > 0)
        return i - matched;
    static const UChar stops[] = u"以因为為将將对對的据據照在按依从從与與和及或并並由被是即其之";
    for (int32_t p = s; p < i - 1; p++)
        for (int32_t q = 0; stops[q]; q++)
            if (t[p] == stops[q])
                k = p + 1;
    return k;
}

/* The character before 第 ends a law's name: 宪法 民法典 条例 规定 办法 细则. */
static int ends_law_name(const UChar *t, int32_t i, int32_t lo)
{
    if (i - 2 < lo)
        return 0;
    UChar c = t[i - 1], b = t[i - 2];
    return c == 0x6CD5 /* 法 */ || (c == 0x5178 && b == 0x6CD5) /* 法典 */ || (c == 0x4F8B && (b == 0x6761 || b == 0x689D)) ||
           ((c == 0x5B9A) && (b == 0x89C4 || b == 0x898F)) /* 规定 */ || (c == 0x6CD5 && b == 0x529E) ||
           (c == 0x5219 && b == 0x7EC6) /* 细则 */;
}

static yd_status push(yd_refs *out, const yd_ref *r)
{
    if (out->count == out->capacity) {
        size_t cap = out->capacity ? out->capacity * 2 : 64;
        yd_ref *items = realloc(out->items, cap * sizeof *items);
        if (!items)
            return YD_ENOMEM;
        out->items = items;
        out->capacity = cap;
    }
    out->items[out->count++] = *r;
    return YD_OK;
}

/* Does the reference at i start the line of an outline node, which is then
 * the article or division itself (第十条 at the head of article 10)? */
static int is_own_heading(const yd_ref_index *x, int32_t i)
{
    int32_t line = yd_document_line_at(x->doc, i);
    int32_t end, s = line_content_start(x->doc, line, &end);
    int32_t k = yd_outline_node_at(x->outline, i);
    int own = k >= 0 && x->outline->nodes[k].line == line;
    if (own && node_number_start(x->doc, x->outline, k, &end) == i)
        return 1;
    if (s != i)
        return 0;
    return yd_outline_heading_node(x->outline, line) != NULL || own;
}

/* Read a chain 第N<unit>第M<unit>... at i into ch; returns the index past it. */
static int32_t read_chain(const UChar *t, int32_t i, int32_t end, int taiwan, chain *ch, int *any)
{
    *any = 0;
    for (;;) {
        int32_t v, sub;
        enum unit u = U_NONE;
        int32_t e = read_numbered(t, i, end, &v, &sub, &u);
        if (e == i)
            return i;
        if (u == U_XIANG && taiwan)
            u = U_KUAN;
        else if (u == U_KUAN && taiwan)
            u = U_XIANG;
        switch (u) {
        case U_TIAO:
            if (*any)
                return i; /* 第十条第十一条: two references */
            ch->article = v;
            ch->article_sub = sub;
            break;
        case U_KUAN:
            if (ch->paragraph || ch->item || ch->division != U_NONE)
                return i;
            ch->paragraph = v;
            break;
        case U_XIANG:
            if (ch->item || ch->division != U_NONE)
                return i;
            ch->item = v;
            break;
        default:
            if (*any && (ch->division == U_NONE || ch->inner != U_NONE || u <= ch->division))
                return i; /* a division follows only a larger one (第二章第三节) */
            if (ch->division == U_NONE) {
                ch->division = u;
                ch->division_value = v;
                ch->division_sub = sub;
            } else {
                ch->inner = u;
                ch->inner_value = v;
                ch->inner_sub = sub;
            }
            *any = 1;
            i = e;
            continue;
        }
        if (ch->division != U_NONE)
            return i; /* 第二章第三条: two references */
        *any = 1;
        i = e;
    }
}

static yd_ref_kind chain_kind(const chain *ch)
{
    if (ch->division != U_NONE)
        return YD_REF_DIVISION;
    return ch->item ? YD_REF_ITEM : ch->paragraph ? YD_REF_PARAGRAPH : YD_REF_ARTICLE;
}

/* ---- the scan: yd_refs_find reads each place a reference can start at
 * (第, 本, 前, 《) by one of the readers below, then records what it read. */

/* A scan over one document, and the reference before, which a list
 * (第十条、第二款; 前款第一项、第二项) continues. */
typedef struct scan {
    yd_ref_corpus *corpus;
    size_t doc;
    const yd_ref_index *x;
    const UChar *t;
    int32_t end;
    int32_t last_end, last_article, last_para, last_doc;
    int last_external;
    const yd_ref_index *last_in;
} scan;

/* One reference being read at i. */
typedef struct reading {
    yd_ref r;
    chain ch;
    const yd_ref_index *in; /* the document it leads into; NULL: not in the corpus */
    int same_doc, any;      /* any: a chain was read (resolved when recorded) */
    int32_t start, p;       /* its first unit and the unit past it */
    int32_t rel_article;    /* the article a bare 第二款 is relative to */
    int32_t para_hint;      /* the paragraph a bare 第二项 is in */
    target tg;
    int32_t next;           /* where the scan goes on when it is not one */
} reading;

/* What a reader found: a reference to record, none (the scan goes on at
 * next), or no memory. */
enum step { STEP_REF, STEP_NONE, STEP_NOMEM };

static const chain NO_CHAIN = {0, 0, 0, 0, U_NONE, 0, 0, U_NONE, 0, 0};
static const target NO_TARGET = {-1, -1, -1, -1};

static enum step none_at(reading *g, int32_t next)
{
    g->next = next;
    return STEP_NONE;
}

/* The reference leads into document d of the corpus (-1: not in it). */
static enum step lead_into(scan *s, reading *g, int32_t d)
{
    g->r.external = 1;
    g->same_doc = 0;
    g->in = NULL;
    if (d >= 0 && corpus_index(s->corpus, (size_t)d, (yd_ref_index **)&g->in) != YD_OK)
        return STEP_NOMEM;
    if (g->in)
        g->r.target_doc = d;
    return STEP_REF;
}

/* 《title》第N条: a chain after a title in guillemets. */
static enum step read_titled(scan *s, reading *g, int32_t i)
{
    const UChar *t = s->t;
    int32_t close = i + 1;
    while (close < s->end && close - i < 80 && t[close] != 0x300B && t[close] != '\n')
        close++;
    if (close >= s->end || t[close] != 0x300B)
        return none_at(g, i + 1);
    g->p = skip_blanks(t, close + 1, s->end);
    if (read_chain(t, g->p, s->end, 0, &g->ch, &g->any) == g->p)
        return none_at(g, close + 1);
    int32_t matched, d = find_document(s->corpus, t + i + 1, close - i - 1, 0, &matched);
    if (d == -2 || lead_into(s, g, d) == STEP_NOMEM)
        return STEP_NOMEM;
    g->ch = NO_CHAIN;
    g->p = read_chain(t, g->p, s->end, g->in ? g->in->taiwan : 0, &g->ch, &g->any);
    return STEP_REF;
}

/* 民法典第N条: the name of a law right before 第, when it is not this
 * document's own (本法第N条 is). */
static enum step read_name_before(scan *s, reading *g, int32_t i)
{
    const UChar *t = s->t;
    int32_t lo = s->last_end > 0 ? s->last_end : 0;
    if (!ends_law_name(t, i, lo))
        return STEP_REF;
    int32_t from = name_run_start(t, lo, i);
    int32_t matched = 0, d = from < i ? find_document(s->corpus, t + from, i - from, 1, &matched) : -1;
    if (d == -2)
        return STEP_NOMEM;
    if (d != (int32_t)s->doc && from < i - 1 && (d >= 0 || t[i - 2] != 0x672C /* 本法 */)) {
        g->start = name_start(t, from, i, d >= 0 ? matched : 0);
        return lead_into(s, g, d);
    }
    return STEP_REF;
}

/* 第十条、第二款: a chain right after the previous reference goes on from
 * it (in its document, relative to its article). */
static void continue_list(scan *s, reading *g, int32_t i)
{
    int joined = s->last_end >= 0 && i > s->last_end && i - s->last_end <= 2 && g->start == i;
    for (int32_t k = s->last_end; joined && k < i; k++)
        joined &= joins_list(s->t[k]);
    if (joined && g->same_doc && s->last_external) {
        /* 《民事诉讼法》第一百条、第一百零一条: the list goes on in that document */
        g->same_doc = 0;
        g->r.external = 1;
        g->in = s->last_in;
        g->r.target_doc = s->last_in ? s->last_doc : -1;
        g->ch = NO_CHAIN;
        g->p = read_chain(s->t, i, s->end, g->in ? g->in->taiwan : 0, &g->ch, &g->any);
    }
    if (joined && !g->ch.article && g->ch.division == U_NONE) {
        g->rel_article = s->last_article;
        g->para_hint = s->last_para;
    }
}

/* 第N条, 第N款第M项, 第三章, 某法第N条. */
static enum step read_numbered_ref(scan *s, reading *g, int32_t i)
{
    if (read_name_before(s, g, i) == STEP_NOMEM)
        return STEP_NOMEM;
    g->p = read_chain(s->t, i, s->end, g->in ? g->in->taiwan : s->x->taiwan, &g->ch, &g->any);
    if (g->p == i)
        return none_at(g, i + 1);
    if (g->same_doc && is_own_heading(s->x, i))
        return none_at(g, g->p);
    continue_list(s, g, i);
    /* A division that does not resolve is prose (第一次, 第三回合 are read away) */
    if (g->same_doc && g->ch.division != U_NONE && resolve_chain(s->x, &g->ch, i, -1, -1, 1).offset < 0)
        return none_at(g, g->p);
    return STEP_REF;
}

/* 本条, 本条第二款: the article holding i, or a paragraph of it. */
static enum step read_this_article(scan *s, reading *g, int32_t i, int32_t n)
{
    int32_t k = enclosing(s->x, i, U_TIAO);
    g->rel_article = k >= 0 ? s->x->entries[k].node : -2;
    g->p = read_chain(s->t, g->p, s->end, s->x->taiwan, &g->ch, &g->any);
    if (g->ch.article || g->ch.division != U_NONE)
        return none_at(g, i + n);
    if (!g->any) {
        g->r.kind = YD_REF_THIS;
        g->tg = k >= 0 ? target_node(s->x, s->x->entries[k].node) : g->tg;
    }
    return STEP_REF;
}

/* 前条, 前两条, 前条第二款: count articles back from the one holding i. */
static void read_previous_article(scan *s, reading *g, int32_t i, int32_t count)
{
    const yd_ref_index *x = s->x;
    g->r.kind = YD_REF_PREVIOUS;
    int32_t k = enclosing(x, i, U_TIAO);
    int32_t want = k, left = count;
    while (want >= 0 && left > 0) {
        /* an article inserted later (第1052-1條) is not the one
         * an older article means by 前條 */
        want--;
        while (want >= 0 && (x->entries[want].unit != U_TIAO || (x->entries[want].sub != 0 && x->entries[k].sub == 0)))
            want--;
        left--;
    }
    if (k >= 0 && want >= 0)
        g->tg = target_node(x, x->entries[want].node);
    int32_t q = read_chain(s->t, g->p, s->end, x->taiwan, &g->ch, &g->any);
    if (g->any && !g->ch.article && g->ch.division == U_NONE && k >= 0 && want >= 0) {
        g->rel_article = x->entries[want].node; /* 前条第二款 */
        g->p = q;
    } else {
        g->any = 0;
        memset(&g->ch, 0, sizeof g->ch);
    }
}

/* 前项: the item line before, in the same article. */
static void read_previous_item(scan *s, reading *g, int32_t i, int32_t count)
{
    const yd_ref_index *x = s->x;
    g->r.kind = YD_REF_PREVIOUS;
    int32_t k = enclosing(x, i, U_TIAO);
    if (k < 0)
        return;
    int32_t first, last, v, left = count, src = yd_document_line_at(x->doc, i);
    article_lines(x, x->entries[k].node, &first, &last);
    int32_t se, ss = line_content_start(x->doc, src, &se);
    int src_item = is_item_line(x->doc->text, ss, se, &v);
    for (int32_t l = src - 1; l >= first && left > 0; l--) {
        int32_t e2, s2 = line_content_start(x->doc, l, &e2);
        if (s2 == e2)
            continue;
        if (is_item_line(x->doc->text, s2, e2, &v)) {
            if (--left == 0)
                g->tg = target_line(x, l);
        } else if (src_item) {
            break; /* the items of another paragraph */
        }
    }
}

/* 前款, 前两款, 前款第一项: paragraphs back in the article holding i. */
static void read_previous_paragraph(scan *s, reading *g, int32_t i, int32_t count)
{
    const yd_ref_index *x = s->x;
    g->r.kind = YD_REF_PREVIOUS;
    int32_t k = enclosing(x, i, U_TIAO);
    int32_t para = 0;
    if (k >= 0) {
        int32_t line = yd_document_line_at(x->doc, i);
        para = paragraph_of_line(x, x->entries[k].node, line) - count;
    }
    int32_t pl = para >= 1 ? paragraph_line(x, x->entries[k].node, para) : -1;
    if (pl >= 0)
        g->tg = target_line(x, pl);
    chain more = NO_CHAIN;
    int32_t q = read_chain(s->t, g->p, s->end, x->taiwan, &more, &g->any);
    if (g->any && more.item && !more.paragraph && !more.article && more.division == U_NONE) {
        g->p = q;
        g->r.kind = YD_REF_ITEM;
        int32_t il = pl >= 0 ? item_line(x, x->entries[k].node, pl, more.item) : -1;
        g->tg = il >= 0 ? target_line(x, il) : NO_TARGET;
        g->tg.article = k >= 0 ? x->entries[k].node : -1;
        g->tg.para_line = pl;
    }
    g->any = 0;
}

/* 本法第N条, 本条, 本章, 前条, 前项, 前款: relative to this document or to
 * where i is. */
static enum step read_relative(scan *s, reading *g, int32_t i)
{
    const UChar *t = s->t;
    enum base b = B_NONE;
    enum unit u = U_NONE;
    int32_t count = 1;
    int32_t n = read_base(t, i, s->end, s->x->taiwan, &b, &u, &count);
    if (n == 0)
        return none_at(g, i + 1);
    g->p = i + n;
    if (b == B_THIS_DOC && i > 0 && is_han(t[i - 1])) {
        int32_t matched = 0, from = name_run_start(t, s->last_end > 0 ? s->last_end : 0, g->p);
        int32_t d = find_document(s->corpus, t + from, g->p - from, 1, &matched);
        if (d == -2)
            return STEP_NOMEM;
        if (d >= 0 && matched > n)
            return none_at(g, i + 1); /* 样本法第一条: the name of a document that ends in 本法 */
    }
    switch (b) {
    case B_THIS_DOC:
        g->p = read_chain(t, g->p, s->end, s->x->taiwan, &g->ch, &g->any);
        if (!g->any)
            return none_at(g, i + n); /* 本法 alone: the whole document, not worth a mark */
        return STEP_REF;
    case B_THIS_ARTICLE: return read_this_article(s, g, i, n);
    case B_THIS_DIVISION: {
        int32_t k = enclosing(s->x, i, u);
        g->r.kind = YD_REF_THIS;
        if (k < 0)
            return none_at(g, i + n); /* 本章 in a text without chapters is prose */
        g->tg = target_node(s->x, s->x->entries[k].node);
        return STEP_REF;
    }
    case B_PREV_ARTICLE: read_previous_article(s, g, i, count); return STEP_REF;
    case B_PREV_ITEM: read_previous_item(s, g, i, count); return STEP_REF;
    default: read_previous_paragraph(s, g, i, count); return STEP_REF;
    }
}

/* Resolve what was read, and add it to out unless it is a count in a text
 * without articles; remember it for the list that may follow. */
static enum step record(scan *s, reading *g, int32_t i, yd_refs *out)
{
    yd_ref *r = &g->r;
    g->next = g->p > i ? g->p : i + 1;
    if (g->any) {
        r->kind = (uint8_t)chain_kind(&g->ch);
        if (g->in)
            g->tg = resolve_chain(g->in, &g->ch, i, g->rel_article, g->para_hint, g->same_doc);
    }
    if (g->same_doc && s->x->articles == 0 && r->kind != YD_REF_DIVISION && r->kind != YD_REF_THIS)
        return STEP_NONE; /* 第一条好汉: a count, in a text without articles */
    r->start = g->start;
    r->length = g->p - g->start;
    if (g->tg.offset >= 0) {
        r->target_doc = g->same_doc ? (int32_t)s->doc : r->target_doc;
        r->target_offset = g->tg.offset;
        r->target_node = g->tg.node;
        if (g->tg.article < 0) {
            int32_t k = enclosing(g->in, g->tg.offset, U_TIAO);
            g->tg.article = k >= 0 ? g->in->entries[k].node : -1;
        }
    } else {
        r->target_doc = -1;
        r->target_node = -1;
    }
    s->last_article = g->tg.article;
    s->last_para = g->tg.para_line;
    s->last_in = g->in;
    s->last_doc = r->target_doc;
    s->last_external = r->external;
    if (push(out, r) != YD_OK)
        return STEP_NOMEM;
    s->last_end = g->p;
    return STEP_REF;
}

yd_status yd_refs_find(yd_ref_corpus *c, size_t doc, yd_refs *out, yd_error *err)
{
    memset(out, 0, sizeof *out);
    yd_ref_index *x = NULL;
    if (corpus_index(c, doc, &x) != YD_OK)
        return yd_error_set(err, YD_ENOMEM, "out of memory");
    if (!x)
        return YD_OK;
    scan s = {c, doc, x, x->doc->text, x->doc->length, -1, -1, -1, -1, 0, NULL};
    for (int32_t i = 0; i < s.end;) {
        UChar ch0 = s.t[i];
        if (ch0 != 0x7B2C && ch0 != 0x672C && ch0 != 0x524D && ch0 != 0x300A) {
            i++;
            continue;
        }
        reading g = {.r = {i, 0, -1, -1, -1, YD_REF_ARTICLE, 0},
                     .ch = NO_CHAIN,
                     .in = x,
                     .same_doc = 1,
                     .start = i,
                     .p = i,
                     .rel_article = -1,
                     .para_hint = -1,
                     .tg = NO_TARGET};
        enum step st = ch0 == 0x300A   ? read_titled(&s, &g, i)        /* 《 */
                       : ch0 == 0x7B2C ? read_numbered_ref(&s, &g, i) /* 第 */
                                       : read_relative(&s, &g, i);     /* 本, 前 */
        if (st == STEP_REF)
            st = record(&s, &g, i, out);
        if (st == STEP_NOMEM) {
            yd_refs_free(out);
            return yd_error_set(err, YD_ENOMEM, "out of memory");
        }
        i = g.next;
    }
    return YD_OK;
}

void yd_refs_free(yd_refs *refs)
{
    free(refs->items);
    memset(refs, 0, sizeof *refs);
}

size_t yd_refs_after(const yd_refs *refs, int32_t offset)
{
    size_t lo = 0, hi = refs->count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (refs->items[mid].start + refs->items[mid].length <= offset)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

void yd_ref_node_span(const yd_document *doc, const yd_outline *outline, int32_t node, int32_t *lo, int32_t *hi)
{
    *lo = outline->nodes[node].offset;
    *hi = node + 1 < outline->count ? outline->nodes[node + 1].offset : doc->length;
}

yd_status yd_ref_locate(yd_ref_corpus *c, size_t doc, const UChar *text, int32_t length, int32_t from,
                        int32_t *offset, yd_error *err)
{
    *offset = -1;
    yd_ref_index *x = NULL;
    if (corpus_index(c, doc, &x) != YD_OK)
        return yd_error_set(err, YD_ENOMEM, "out of memory");
    int32_t s = skip_blanks(text, 0, length), e = length;
    while (e > s && is_blank(text[e - 1]))
        e--;
    if (!x || e - s <= 0 || e - s > 60)
        return YD_OK;
    /* 111条: the 第 taken as said */
    UChar buf[64];
    int32_t n = 0;
    if (text[s] != 0x7B2C)
        buf[n++] = 0x7B2C;
    memcpy(buf + n, text + s, (size_t)(e - s) * sizeof(UChar));
    n += e - s;
    chain ch = {0, 0, 0, 0, U_NONE, 0, 0, U_NONE, 0, 0};
    int any = 0;
    if (read_chain(buf, 0, n, x->taiwan, &ch, &any) != n || !any)
        return YD_OK;
    target t = resolve_chain(x, &ch, from, -1, -1, 1);
    *offset = t.offset;
    return YD_OK;
}
