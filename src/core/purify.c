/* The user's purify rules (see purify.h): kept as written in the
 * configuration and compiled afresh for each document, so that documents
 * can be read on several threads without sharing a regex. A replacement
 * rewrites the text in memory line by line; the markup's spans and links
 * are carried over by the part of each line that did not change. */
#include "yuedu/purify.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uregex.h>
#include <unicode/ustring.h>

#include "yuedu/document.h"
#include "yuedu/markup.h"
#include "yuedu/outline_rules.h"

/* The replaced text may grow to four times the original and this much more. */
#define GROWTH_SLACK ((int64_t)64 * 1024 * 1024)

void yd_purify_rules_init(yd_purify_rules *rules) { memset(rules, 0, sizeof *rules); }

void yd_purify_rules_free(yd_purify_rules *rules)
{
    for (size_t i = 0; i < rules->count; i++) {
        free(rules->items[i].pattern);
        free(rules->items[i].replacement);
        free(rules->items[i].files);
    }
    free(rules->items);
    yd_purify_rules_init(rules);
}

/* A UTF-8 string as UTF-16 in a malloc'ed buffer (*length units). */
static UChar *to_utf16(const char *s, int32_t *length)
{
    UErrorCode st = U_ZERO_ERROR;
    int32_t n = 0;
    u_strFromUTF8(NULL, 0, &n, s, -1, &st);
    if (st != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(st))
        return NULL;
    UChar *buf = malloc(((size_t)n + 1) * sizeof *buf);
    if (!buf)
        return NULL;
    st = U_ZERO_ERROR;
    u_strFromUTF8(buf, n + 1, &n, s, -1, &st);
    if (U_FAILURE(st)) {
        free(buf);
        return NULL;
    }
    *length = n;
    return buf;
}

static URegularExpression *open_pattern(const char *pattern, UErrorCode *st)
{
    int32_t n;
    UChar *u = to_utf16(pattern, &n);
    if (!u) {
        *st = U_MEMORY_ALLOCATION_ERROR;
        return NULL;
    }
    UParseError pe;
    URegularExpression *re = uregex_open(u, n, 0, &pe, st);
    free(u);
    return re;
}

/* The replacement tried once, on the empty text, with a pattern that
 * always matches and has the rule's groups: ICU then says whether $N or
 * ${name} names a group the pattern lacks, or a $ is left alone. A pattern
 * that cannot be wrapped so (an open \Q, a comment) is not checked here. */
static int check_replacement(const yd_purify_rule *rule, char *why, size_t size)
{
    if (strlen(rule->replacement) > YD_PURIFY_REPLACEMENT_MAX) {
        snprintf(why, size, yd_translate(YD_N_("the replacement is longer than %d bytes")), YD_PURIFY_REPLACEMENT_MAX);
        return -1;
    }
    size_t len = strlen(rule->pattern) + 8;
    char *wrapped = malloc(len);
    if (!wrapped)
        return 0;
    snprintf(wrapped, len, "(?:%s)|", rule->pattern);
    UErrorCode st = U_ZERO_ERROR;
    URegularExpression *re = open_pattern(wrapped, &st);
    free(wrapped);
    int32_t n;
    UChar *rep = U_SUCCESS(st) ? to_utf16(rule->replacement, &n) : NULL;
    int bad = 0;
    if (rep) {
        UChar empty[1] = {0}, out[8];
        uregex_setText(re, empty, 0, &st);
        uregex_replaceAll(re, rep, n, out, 8, &st);
        if (U_FAILURE(st) && st != U_BUFFER_OVERFLOW_ERROR && st != U_STRING_NOT_TERMINATED_WARNING &&
            st != U_MEMORY_ALLOCATION_ERROR) {
            snprintf(why, size, yd_translate(YD_N_("the replacement names a group the pattern does not have, or has a $ "
                                                  "without a group (%s); write \\$ for a dollar sign")),
                     u_errorName(st));
            bad = 1;
        }
    }
    free(rep);
    uregex_close(re);
    return bad ? -1 : 0;
}

int yd_purify_rule_check(const yd_purify_rule *rule, char *why, size_t size)
{
    if (!rule->pattern) {
        snprintf(why, size, "%s", yd_translate(YD_N_("a rule needs match: (a regular expression)")));
        return -1;
    }
    if (yd_outline_rule_check(rule->pattern, why, size) != 0)
        return -1;
    if (rule->action == YD_PURIFY_REPLACE && rule->replacement)
        return check_replacement(rule, why, size);
    return 0;
}

yd_status yd_purify_rules_add(yd_purify_rules *rules, const yd_purify_rule *rule, yd_error *err)
{
    if (rules->count >= YD_PURIFY_RULES_MAX)
        return yd_error_set(err, YD_EINVAL, "more than %d rules", YD_PURIFY_RULES_MAX);
    if (rules->count == rules->capacity) {
        size_t cap = rules->capacity ? 2 * rules->capacity : 8;
        yd_purify_rule *bigger = realloc(rules->items, cap * sizeof *bigger);
        if (!bigger)
            return yd_error_set(err, YD_ENOMEM, "out of memory");
        rules->items = bigger;
        rules->capacity = cap;
    }
    yd_purify_rule copy = *rule;
    copy.pattern = strdup(rule->pattern);
    copy.replacement = strdup(rule->replacement ? rule->replacement : "");
    copy.files = rule->files ? strdup(rule->files) : NULL;
    if (!copy.pattern || !copy.replacement || (rule->files && !copy.files)) {
        free(copy.pattern);
        free(copy.replacement);
        free(copy.files);
        return yd_error_set(err, YD_ENOMEM, "out of memory");
    }
    rules->items[rules->count++] = copy;
    return YD_OK;
}

/* ---- applied to one document ---- */

typedef struct compiled {
    URegularExpression *re; /* NULL: dropped for this document */
    yd_purify_action action;
    UChar *replacement;
    int32_t replacement_length;
    int timeouts;
} compiled;

typedef struct rule_set {
    compiled *items;
    int count;
} rule_set;

static void set_close(rule_set *set)
{
    for (int i = 0; i < set->count; i++) {
        uregex_close(set->items[i].re);
        free(set->items[i].replacement);
    }
    free(set->items);
    memset(set, 0, sizeof *set);
}

/* The rules that select path, compiled. -1: out of memory. */
static int set_open(rule_set *set, const yd_purify_rules *rules, const char *path)
{
    memset(set, 0, sizeof *set);
    set->items = calloc(rules->count, sizeof *set->items);
    if (!set->items)
        return -1;
    for (size_t i = 0; i < rules->count; i++) {
        const yd_purify_rule *r = &rules->items[i];
        if (!yd_rule_glob_applies(r->files, path))
            continue;
        UErrorCode st = U_ZERO_ERROR;
        URegularExpression *re = yd_rule_regex_open(r->pattern, &st); /* the outline rules' time limit */
        if (!re) {
            if (st == U_MEMORY_ALLOCATION_ERROR) {
                set_close(set);
                return -1;
            }
            continue; /* reported by --check-config */
        }
        compiled c = {.re = re, .action = r->action};
        if (r->action == YD_PURIFY_REPLACE &&
            !(c.replacement = to_utf16(r->replacement ? r->replacement : "", &c.replacement_length))) {
            uregex_close(re);
            set_close(set);
            return -1;
        }
        set->items[set->count++] = c;
    }
    return 0;
}

/* A growable UTF-16 buffer. */
typedef struct ubuf {
    UChar *u;
    int32_t length, capacity;
} ubuf;

static int ubuf_reserve(ubuf *b, int64_t need)
{
    if (need <= b->capacity)
        return 0;
    if (need > INT32_MAX - 1)
        return -1;
    int64_t cap = b->capacity ? b->capacity : 256;
    while (cap < need)
        cap *= 2;
    if (cap > INT32_MAX - 1)
        cap = INT32_MAX - 1;
    UChar *bigger = realloc(b->u, (size_t)cap * sizeof *bigger);
    if (!bigger)
        return -1;
    b->u = bigger;
    b->capacity = (int32_t)cap;
    return 0;
}

static int ubuf_append(ubuf *b, const UChar *s, int32_t n)
{
    if (ubuf_reserve(b, (int64_t)b->length + n + 1) != 0)
        return -1;
    memcpy(b->u + b->length, s, (size_t)n * sizeof *s);
    b->length += n;
    return 0;
}

/* Run the rules on the line in cur (which they may rewrite, using spare
 * as scratch). Returns 1 when a hide rule matched, 0 otherwise, -1 when
 * out of memory. */
static int run_rules(rule_set *set, ubuf *cur, ubuf *spare)
{
    for (int i = 0; i < set->count; i++) {
        compiled *c = &set->items[i];
        if (!c->re)
            continue;
        UErrorCode st = U_ZERO_ERROR;
        uregex_setText(c->re, cur->u, cur->length, &st);
        UBool found = U_SUCCESS(st) && uregex_find(c->re, 0, &st);
        if (yd_rule_regex_ran_out(&c->re, &c->timeouts, st) || !found || U_FAILURE(st))
            continue;
        if (c->action == YD_PURIFY_HIDE)
            return 1;
        st = U_ZERO_ERROR;
        int32_t n = uregex_replaceAll(c->re, c->replacement, c->replacement_length, spare->u, spare->capacity, &st);
        if (st == U_BUFFER_OVERFLOW_ERROR || st == U_STRING_NOT_TERMINATED_WARNING) {
            if (ubuf_reserve(spare, (int64_t)n + 1) != 0)
                return -1;
            st = U_ZERO_ERROR;
            n = uregex_replaceAll(c->re, c->replacement, c->replacement_length, spare->u, spare->capacity, &st);
        }
        if (yd_rule_regex_ran_out(&c->re, &c->timeouts, st))
            continue;
        if (U_FAILURE(st)) { /* a group the checked pattern lacks after all: the rule is left out */
            if (st == U_MEMORY_ALLOCATION_ERROR)
                return -1;
            uregex_close(c->re);
            c->re = NULL;
            continue;
        }
        spare->length = n;
        for (int32_t k = 0; k < n; k++) /* a line stays one line */
            if (spare->u[k] == '\n' || spare->u[k] == '\r')
                spare->u[k] = ' ';
        ubuf t = *cur;
        *cur = *spare;
        *spare = t;
    }
    return 0;
}

/* How each line changed: its new start, and how many of its first and
 * last units are as they were. */
typedef struct line_change {
    int32_t start, length; /* new */
    int32_t same_head, same_tail;
} line_change;

static void compare(const UChar *old, int32_t old_length, const UChar *fresh, int32_t length, line_change *out)
{
    int32_t most = old_length < length ? old_length : length, head = 0, tail = 0;
    while (head < most && old[head] == fresh[head])
        head++;
    while (tail < most - head && old[old_length - 1 - tail] == fresh[length - 1 - tail])
        tail++;
    out->length = length;
    out->same_head = head;
    out->same_tail = tail;
}

/* Where an old offset is in the new text. The part of a line that changed
 * maps to the replacement: a range's start to its beginning, its end to
 * its end. line: the line holding the range's start. */
static int32_t map_offset(const yd_document *doc, const line_change *ch, int32_t line, int32_t at, int is_end)
{
    int32_t s, e;
    yd_document_line_bounds(doc, line, &s, &e);
    const line_change *c = &ch[line];
    int32_t rel = at - s, old_length = e - s;
    if (rel <= c->same_head)
        return c->start + rel;
    if (rel >= old_length - c->same_tail)
        return c->start + c->length - (old_length - rel);
    return is_end ? c->start + c->length - c->same_tail : c->start + c->same_head;
}

static void remap_markup(const yd_document *doc, const line_change *ch, yd_markup *m)
{
    size_t kept = 0;
    for (size_t i = 0; i < m->span_count; i++) {
        yd_span sp = m->spans[i];
        int32_t line = yd_document_line_at(doc, sp.start);
        sp.start = map_offset(doc, ch, line, sp.start, 0);
        sp.end = map_offset(doc, ch, line, sp.end, 1);
        if (sp.end > sp.start)
            m->spans[kept++] = sp;
    }
    m->span_count = kept;
    for (size_t i = 0; i < m->link_count; i++) {
        yd_link *lk = &m->links[i];
        /* A link can cross lines (an <a> around a list item): each end is
         * placed by its own line, the end by the line of its last unit. */
        int32_t line = yd_document_line_at(doc, lk->start);
        int32_t end_line = lk->end > lk->start ? yd_document_line_at(doc, lk->end - 1) : line;
        int32_t s = map_offset(doc, ch, line, lk->start, 0), e = map_offset(doc, ch, end_line, lk->end, 1);
        lk->start = s;
        lk->end = e < s ? s : e;
    }
}

yd_status yd_purify_document(yd_document *doc, const yd_purify_rules *rules, yd_error *err)
{
    return yd_purify_document_within(doc, rules, GROWTH_SLACK, err);
}

yd_status yd_purify_document_within(yd_document *doc, const yd_purify_rules *rules, int64_t slack, yd_error *err)
{
    if (!rules || rules->count == 0 || doc->line_count == 0)
        return YD_OK;
    rule_set set;
    if (set_open(&set, rules, doc->path) != 0)
        return yd_error_set(err, YD_ENOMEM, "out of memory");
    if (set.count == 0) {
        set_close(&set);
        return YD_OK;
    }
    int32_t n = doc->line_count;
    uint8_t *hidden = calloc((size_t)n, 1);
    line_change *ch = malloc((size_t)n * sizeof *ch);
    ubuf out = {0}, cur = {0}, spare = {0};
    int64_t limit = (int64_t)doc->length * 4 + slack;
    if (limit > INT32_MAX - 1)
        limit = INT32_MAX - 1;
    int any_hidden = 0, changed = 0, failed = !hidden || !ch;
    for (int32_t k = 0; k < n && !failed; k++) {
        int32_t s, e;
        yd_document_line_bounds(doc, k, &s, &e);
        cur.length = 0;
        if (ubuf_append(&cur, doc->text + s, e - s) != 0) {
            failed = 1;
            break;
        }
        int hide = run_rules(&set, &cur, &spare);
        if (hide < 0) {
            failed = 1;
            break;
        }
        hidden[k] = (uint8_t)hide;
        any_hidden |= hide;
        /* The new text so far: the old one up to here until a line changes
         * (so that a document no rule changes costs no copy). Past the
         * limit the rest of the lines stay as they were. */
        int32_t at = changed ? out.length : s;
        if ((int64_t)at + cur.length + (doc->length - e) + 1 > limit) {
            cur.length = 0;
            failed = ubuf_append(&cur, doc->text + s, e - s) != 0;
        }
        ch[k].start = at;
        compare(doc->text + s, e - s, cur.u, cur.length, &ch[k]);
        if (!changed && (cur.length != e - s || ch[k].same_head != e - s)) {
            changed = 1;
            if (!failed && ubuf_append(&out, doc->text, s) != 0)
                failed = 1;
        }
        int newline = e < doc->length && doc->text[e] == '\n';
        if (changed && !failed &&
            (ubuf_append(&out, cur.u, cur.length) != 0 ||
             (newline && ubuf_append(&out, (const UChar[]){'\n'}, 1) != 0)))
            failed = 1;
    }
    set_close(&set);
    free(cur.u);
    free(spare.u);
    if (failed) {
        free(hidden);
        free(ch);
        free(out.u);
        return yd_error_set(err, YD_ENOMEM, "out of memory");
    }
    if (changed) {
        int32_t *starts = malloc((size_t)n * sizeof *starts);
        if (!starts) {
            free(hidden);
            free(ch);
            free(out.u);
            return yd_error_set(err, YD_ENOMEM, "out of memory");
        }
        for (int32_t k = 0; k < n; k++)
            starts[k] = ch[k].start;
        if (doc->markup)
            remap_markup(doc, ch, doc->markup); /* on the old text's lines, before they go */
        out.u[out.length] = 0;
        free(doc->text);
        free(doc->line_starts);
        doc->text = out.u;
        doc->length = out.length;
        doc->line_starts = starts;
        doc->chars = (size_t)u_countChar32(out.u, out.length);
    } else {
        free(out.u);
    }
    free(ch);
    free(doc->hidden_lines);
    doc->hidden_lines = any_hidden ? hidden : NULL;
    if (!any_hidden)
        free(hidden);
    return YD_OK;
}
