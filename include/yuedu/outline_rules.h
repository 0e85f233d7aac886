/* A user's own outline rules (outline.rules in config.yaml): for the
 * document whose conventions the built-in ones did not foresee.
 *
 * A rule is an ICU regular expression tried on every line (found anywhere
 * in the line; anchor it with ^), the kind and level of node a matching
 * line becomes, and optionally a glob of the files it applies to. Rules
 * are tried in order, before the built-in conventions; the first that
 * matches decides the line. With builtin false, only the rules make nodes.
 * docs/OUTLINE.md and docs/CONFIG.md describe them with examples. */
#ifndef YUEDU_OUTLINE_RULES_H
#define YUEDU_OUTLINE_RULES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <unicode/uregex.h>
#include <unicode/utypes.h>

#include "yuedu/status.h"

typedef enum yd_rule_kind {
    YD_RULE_HEADING = 0, /* a heading at LEVEL among the headings of its division */
    YD_RULE_ARTICLE,     /* a division at LEVEL (1 编/篇, 2 部/分编, 3 卷, 4 章/回, 5 节, 6 款, 7 目) */
    YD_RULE_ITEM,        /* an item, below the heading it follows */
    YD_RULE_TEXT         /* never a node: text, whatever the built-in conventions say */
} yd_rule_kind;

/* Limits: more rules or longer patterns are refused with a message. */
enum { YD_RULES_MAX = 64, YD_RULE_PATTERN_MAX = 1000, YD_RULE_LEVEL_MAX = 9 };

typedef struct yd_outline_rule {
    char *pattern;        /* UTF-8, as written */
    char *files;          /* a glob (fnmatch) on the file's name, or on its path when it has a /; NULL: every file */
    int level;            /* 1..YD_RULE_LEVEL_MAX */
    yd_rule_kind kind;
    unsigned long line;   /* where the rule was written (1-based), 0 when not from a file */
    int number;           /* its place in the list as written (1-based), for messages */
} yd_outline_rule;

typedef struct yd_outline_rules {
    yd_outline_rule *items;
    size_t count, capacity;
    bool builtin; /* the built-in conventions apply after the rules (default true) */
} yd_outline_rules;

/* An empty set with the built-in conventions on. */
void yd_outline_rules_init(yd_outline_rules *rules);
void yd_outline_rules_free(yd_outline_rules *rules);

/* Check pattern as an ICU regular expression. Returns 0, or -1 with the
 * reason (ICU's error and the character where it was found) in why. */
int yd_outline_rule_check(const char *pattern, char *why, size_t size);

/* Append a copy of rule (pattern and files are copied). YD_EINVAL when
 * there are YD_RULES_MAX rules already, YD_ENOMEM. */
yd_status yd_outline_rules_add(yd_outline_rules *rules, const yd_outline_rule *rule, yd_error *err);

/* ---- a rule's files and regular expression, shared with the purify
 * rules (purify.h), which are written and run the same way ---- */

/* Does glob select the document at path: against the whole path when the
 * glob has a slash, else against the file's name. NULL glob: every file. */
bool yd_rule_glob_applies(const char *glob, const char *path);

/* Compile a rule's pattern (UTF-8, at most YD_RULE_PATTERN_MAX bytes) with
 * the time limit a rule has on each line. NULL, with *st set, when it does
 * not compile. */
URegularExpression *yd_rule_regex_open(const char *pattern, UErrorCode *st);

/* Did the find or replace on a line that left st run out of time (or
 * stack)? After a few such lines *re is closed and set to NULL: the rule
 * is dropped for the document. */
bool yd_rule_regex_ran_out(URegularExpression **re, int *timeouts, UErrorCode st);

/* ---- the rules compiled for one document ---- */

typedef struct yd_rule_set yd_rule_set;

/* Compile the rules that apply to path (NULL rules: none). *out is NULL
 * when no rule applies. A pattern that does not compile is skipped (the
 * configuration check reports it). Fails only when out of memory. */
yd_status yd_rule_set_open(yd_rule_set **out, const yd_outline_rules *rules, const char *path, yd_error *err);
void yd_rule_set_close(yd_rule_set *set);

/* The first rule that matches the line text[start, end): returns its index
 * in the configuration (and sets *title_start, *title_end to the title: the
 * first capture group when the pattern has one, else the line without its
 * outer blanks), or -1. A rule that runs out of time on a line does not
 * match it; after a few such lines it is dropped for the document. */
int yd_rule_set_match(yd_rule_set *set, const UChar *text, int32_t start, int32_t end, int32_t *title_start,
                      int32_t *title_end);

/* The rule at index (as yd_rule_set_match returns it). */
const yd_outline_rule *yd_rule_set_rule(const yd_rule_set *set, int index);

/* How many rules were dropped for running out of time. */
int yd_rule_set_timeouts(const yd_rule_set *set);

#endif
