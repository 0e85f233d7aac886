/* The user's outline rules (see outline_rules.h): kept as written in the
 * configuration, compiled afresh for each document so that documents can
 * be outlined on several threads without sharing a regex. */
#include "yuedu/outline_rules.h"

#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uregex.h>
#include <unicode/ustring.h>

/* The match engine's time limit for one line, in ICU's steps (roughly
 * milliseconds), and how many lines may time out before a rule is dropped
 * for the document: a pattern that backtracks without end on some lines
 * costs a fraction of a second, not forever. */
enum { LINE_TIME_LIMIT = 50, TIMEOUTS_MAX = 3 };

/* Compile a UTF-8 pattern (at most YD_RULE_PATTERN_MAX bytes). */
static URegularExpression *open_pattern(const char *pattern, UParseError *pe, UErrorCode *st)
{
    UChar buf[YD_RULE_PATTERN_MAX + 1];
    int32_t n = 0;
    pe->offset = -1;
    u_strFromUTF8(buf, YD_RULE_PATTERN_MAX + 1, &n, pattern, -1, st);
    if (U_FAILURE(*st))
        return NULL;
    return uregex_open(buf, n, 0, pe, st);
}

void yd_outline_rules_init(yd_outline_rules *rules)
{
    memset(rules, 0, sizeof *rules);
    rules->builtin = true;
}

void yd_outline_rules_free(yd_outline_rules *rules)
{
    for (size_t i = 0; i < rules->count; i++) {
        free(rules->items[i].pattern);
        free(rules->items[i].files);
    }
    free(rules->items);
    yd_outline_rules_init(rules);
}

int yd_outline_rule_check(const char *pattern, char *why, size_t size)
{
    UParseError pe;
    UErrorCode st = U_ZERO_ERROR;
    size_t length = strlen(pattern);
    if (length > YD_RULE_PATTERN_MAX) {
        snprintf(why, size, "the pattern is longer than %d bytes", YD_RULE_PATTERN_MAX);
        return -1;
    }
    if (length == 0) {
        snprintf(why, size, "the pattern is empty");
        return -1;
    }
    URegularExpression *re = open_pattern(pattern, &pe, &st);
    if (U_FAILURE(st)) {
        if (pe.offset >= 0)
            snprintf(why, size, "not a valid regular expression (%s at character %d)", u_errorName(st),
                     (int)pe.offset + 1);
        else
            snprintf(why, size, "not a valid regular expression (%s)", u_errorName(st));
        uregex_close(re);
        return -1;
    }
    uregex_close(re);
    return 0;
}

yd_status yd_outline_rules_add(yd_outline_rules *rules, const yd_outline_rule *rule, yd_error *err)
{
    if (rules->count >= YD_RULES_MAX)
        return yd_error_set(err, YD_EINVAL, "more than %d rules", YD_RULES_MAX);
    if (rules->count == rules->capacity) {
        size_t cap = rules->capacity ? 2 * rules->capacity : 8;
        yd_outline_rule *bigger = realloc(rules->items, cap * sizeof *bigger);
        if (!bigger)
            return yd_error_set(err, YD_ENOMEM, "out of memory");
        rules->items = bigger;
        rules->capacity = cap;
    }
    yd_outline_rule copy = *rule;
    copy.pattern = strdup(rule->pattern);
    copy.files = rule->files ? strdup(rule->files) : NULL;
    if (!copy.pattern || (rule->files && !copy.files)) {
        free(copy.pattern);
        free(copy.files);
        return yd_error_set(err, YD_ENOMEM, "out of memory");
    }
    rules->items[rules->count++] = copy;
    return YD_OK;
}

bool yd_rule_glob_applies(const char *glob, const char *path)
{
    if (!glob)
        return true;
    if (!path)
        return false;
    const char *name = strrchr(path, '/');
    name = name ? name + 1 : path;
    return fnmatch(glob, strchr(glob, '/') ? path : name, 0) == 0;
}

URegularExpression *yd_rule_regex_open(const char *pattern, UErrorCode *st)
{
    UParseError pe;
    URegularExpression *re = open_pattern(pattern, &pe, st);
    if (U_FAILURE(*st)) {
        uregex_close(re);
        return NULL;
    }
    uregex_setTimeLimit(re, LINE_TIME_LIMIT, st);
    return re;
}

bool yd_rule_regex_ran_out(URegularExpression **re, int *timeouts, UErrorCode st)
{
    if (st != U_REGEX_TIME_OUT && st != U_REGEX_STACK_OVERFLOW)
        return false;
    if (++*timeouts >= TIMEOUTS_MAX) {
        uregex_close(*re);
        *re = NULL;
    }
    return true;
}

/* ---- compiled for one document ---- */

typedef struct compiled_rule {
    URegularExpression *re; /* NULL: dropped */
    int index;              /* in the configuration */
    int timeouts;
    int groups;
} compiled_rule;

struct yd_rule_set {
    const yd_outline_rules *rules;
    compiled_rule *items;
    int count;
    int dropped;
};

yd_status yd_rule_set_open(yd_rule_set **out, const yd_outline_rules *rules, const char *path, yd_error *err)
{
    *out = NULL;
    if (!rules || rules->count == 0)
        return YD_OK;
    yd_rule_set *set = calloc(1, sizeof *set);
    if (!set || !(set->items = calloc(rules->count, sizeof *set->items))) {
        free(set);
        return yd_error_set(err, YD_ENOMEM, "out of memory");
    }
    set->rules = rules;
    for (size_t i = 0; i < rules->count; i++) {
        const yd_outline_rule *r = &rules->items[i];
        if (!yd_rule_glob_applies(r->files, path))
            continue;
        UErrorCode st = U_ZERO_ERROR;
        URegularExpression *re = yd_rule_regex_open(r->pattern, &st);
        if (!re) {
            if (st == U_MEMORY_ALLOCATION_ERROR) {
                yd_rule_set_close(set);
                return yd_error_set(err, YD_ENOMEM, "out of memory");
            }
            continue; /* reported by --check-config */
        }
        int groups = uregex_groupCount(re, &st);
        set->items[set->count++] = (compiled_rule){.re = re, .index = (int)i, .groups = groups};
    }
    if (set->count == 0) {
        yd_rule_set_close(set);
        return YD_OK;
    }
    *out = set;
    return YD_OK;
}

void yd_rule_set_close(yd_rule_set *set)
{
    if (!set)
        return;
    for (int i = 0; i < set->count; i++)
        uregex_close(set->items[i].re);
    free(set->items);
    free(set);
}

static int is_blank(UChar c) { return c == 0x20 || c == 0x09 || c == 0x3000 || c == 0xA0 || c == 0xFEFF; }

int yd_rule_set_match(yd_rule_set *set, const UChar *text, int32_t start, int32_t end, int32_t *title_start,
                      int32_t *title_end)
{
    if (!set)
        return -1;
    for (int i = 0; i < set->count; i++) {
        compiled_rule *r = &set->items[i];
        if (!r->re)
            continue;
        UErrorCode st = U_ZERO_ERROR;
        uregex_setText(r->re, text + start, end - start, &st);
        UBool found = U_SUCCESS(st) && uregex_find(r->re, 0, &st);
        if (yd_rule_regex_ran_out(&r->re, &r->timeouts, st)) {
            set->dropped += !r->re;
            continue;
        }
        if (!found || U_FAILURE(st))
            continue;
        int32_t s = start, e = end;
        if (r->groups > 0) {
            UErrorCode gs = U_ZERO_ERROR;
            int32_t gs0 = uregex_start(r->re, 1, &gs), ge0 = uregex_end(r->re, 1, &gs);
            if (U_SUCCESS(gs) && gs0 >= 0 && ge0 > gs0) {
                s = start + gs0;
                e = start + ge0;
            }
        }
        while (s < e && is_blank(text[s]))
            s++;
        while (e > s && is_blank(text[e - 1]))
            e--;
        *title_start = s;
        *title_end = e;
        return r->index;
    }
    return -1;
}

const yd_outline_rule *yd_rule_set_rule(const yd_rule_set *set, int index)
{
    return set && index >= 0 && (size_t)index < set->rules->count ? &set->rules->items[index] : NULL;
}

int yd_rule_set_timeouts(const yd_rule_set *set) { return set ? set->dropped : 0; }
