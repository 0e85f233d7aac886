/* A user's purify rules (purify.rules in config.yaml), in the spirit of
 * legado's 净化规则: lines the built-in furniture detection (furniture.h)
 * does not know, hidden or rewritten.
 *
 * A rule is an ICU regular expression tried on each line of a document
 * (found anywhere in the line; anchor it with ^), an action, and
 * optionally a glob of the files it applies to:
 *
 *  - hide: a matching line is treated as furniture: dimmed by the reader,
 *    hidden under :set purify on (and then ignored by search), never an
 *    outline node;
 *  - replace: every match in the line is replaced by the rule's text (ICU
 *    replacement syntax: $1 is the first group, \$ a dollar sign). The
 *    document's text in memory becomes the replaced text, so what is shown,
 *    searched and outlined is the same text. A line stays one line: a line
 *    end in the replacement becomes a space.
 *
 * Rules apply in the order written, each to the line as the rules before it
 * left it. Nothing here touches a file: only the text in memory changes.
 * docs/FORMATS.md ("Your own rules") and docs/CONFIG.md describe them. */
#ifndef YUEDU_PURIFY_H
#define YUEDU_PURIFY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "yuedu/status.h"

struct yd_document;

typedef enum yd_purify_action {
    YD_PURIFY_HIDE = 0, /* the line is furniture */
    YD_PURIFY_REPLACE   /* the matches are replaced */
} yd_purify_action;

/* Limits: more rules, longer patterns or replacements are refused with a
 * message when the configuration is read. */
enum { YD_PURIFY_RULES_MAX = 64, YD_PURIFY_PATTERN_MAX = 1000, YD_PURIFY_REPLACEMENT_MAX = 1000 };

typedef struct yd_purify_rule {
    char *pattern;          /* UTF-8, as written */
    char *replacement;      /* UTF-8, for YD_PURIFY_REPLACE; "" removes the match */
    char *files;            /* a glob (fnmatch) on the file's name, or on its path when it has a /; NULL: every file */
    yd_purify_action action;
    unsigned long line;     /* where the rule was written (1-based), 0 when not from a file */
    int number;             /* its place in the list as written (1-based), for messages */
} yd_purify_rule;

typedef struct yd_purify_rules {
    yd_purify_rule *items;
    size_t count, capacity;
} yd_purify_rules;

/* The purify section of the configuration. */
typedef struct yd_purify_settings {
    bool hide;             /* purify.hide (or purify: on): web furniture hidden,
                              as :set purify on; false */
    bool dim;              /* purify.dim: furniture shown dimmed; true */
    yd_purify_rules rules; /* purify.rules: the user's own, none by default */
} yd_purify_settings;

void yd_purify_rules_init(yd_purify_rules *rules);
void yd_purify_rules_free(yd_purify_rules *rules);

/* Check a rule before it is added: the pattern compiles, the replacement
 * names no group the pattern lacks ($3 with two groups). Returns 0, or -1
 * with the reason in why. */
int yd_purify_rule_check(const yd_purify_rule *rule, char *why, size_t size);

/* Append a copy of rule (its strings are copied). YD_EINVAL when there are
 * YD_PURIFY_RULES_MAX rules already, YD_ENOMEM. */
yd_status yd_purify_rules_add(yd_purify_rules *rules, const yd_purify_rule *rule, yd_error *err);

/* Apply the rules that select doc->path to doc: replacements rewrite
 * doc->text (its line index, its markup spans and links follow; the line
 * count and every line's source line are unchanged), hide rules set
 * doc->hidden_lines (one byte per line, 1 hidden; NULL when no line is).
 * A rule whose pattern does not compile is skipped (the configuration
 * check reports it); one that runs out of time on a few lines is dropped
 * for the document. The replaced text is at most four times the original
 * and 64 MiB more: past that the remaining lines are left as they are.
 * Fails only when out of memory; doc is then as it was. */
yd_status yd_purify_document(struct yd_document *doc, const yd_purify_rules *rules, yd_error *err);

/* The same with slack units instead of 64 MiB past four times the text:
 * for callers (and tests) that bound memory more tightly. */
yd_status yd_purify_document_within(struct yd_document *doc, const yd_purify_rules *rules, int64_t slack,
                                    yd_error *err);

#endif
