/* The purify section of config.yaml (see purify_config.h). */
#include "purify_config.h"

#include <stdio.h>
#include <string.h>

#include "yuedu/outline_rules.h"

typedef struct rule_reader {
    yd_purify_rule rule;
    char keypath[48]; /* purify.rules[N] */
    yaml_node_t *match_node, *replace_node; /* where match: and replace: were written */
    bool has_match, has_action, bad;
} rule_reader;

static void visit_rule(yd_schema *s, void *context, const char *key, yaml_node_t *key_node, yaml_node_t *value)
{
    rule_reader *rr = context;
    char keypath[80];
    snprintf(keypath, sizeof keypath, "%s.%.20s", rr->keypath, key);
    if (strcmp(key, "match") == 0) {
        const char *t = yd_schema_scalar(s, value, keypath, YD_N_("an ICU regular expression"), YD_N_("no rule"));
        if (t) {
            rr->rule.pattern = (char *)t;
            rr->match_node = value;
            rr->has_match = true;
        } else {
            rr->bad = true;
        }
    } else if (strcmp(key, "action") == 0) {
        const char *t = yd_schema_is_null(value) ? NULL : yd_schema_scalar(s, value, keypath, YD_N_("hide or replace"), YD_N_("no rule"));
        if (!t && !yd_schema_is_null(value)) {
            rr->bad = true;
        } else if (t && strcmp(t, "hide") == 0) {
            rr->rule.action = YD_PURIFY_HIDE;
            rr->has_action = true;
        } else if (t && strcmp(t, "replace") == 0) {
            rr->rule.action = YD_PURIFY_REPLACE;
            rr->has_action = true;
        } else if (t) {
            yd_schema_report(s, value, "%s: '%.40s' is not one of hide or replace; this rule is ignored", keypath, t);
            rr->bad = true;
        }
    } else if (strcmp(key, "replace") == 0) {
        const char *t = yd_schema_is_null(value) ? "" : yd_schema_scalar(s, value, keypath, YD_N_("a text"), YD_N_("no rule"));
        if (t) {
            rr->rule.replacement = (char *)t;
            rr->replace_node = value;
        } else {
            rr->bad = true;
        }
    } else if (strcmp(key, "files") == 0) {
        rr->rule.files = (char *)yd_schema_glob(s, value, keypath);
    } else {
        yd_schema_report(s, key_node, "%s: unknown key '%.40s' (match, action, replace, files); ignored", rr->keypath,
                         key);
    }
}

/* One rule of the list; false when out of memory. */
static bool read_rule(yd_schema *s, yaml_node_t *node, size_t index, yd_purify_rules *rules, bool *full)
{
    rule_reader rr = {.rule = {.action = YD_PURIFY_HIDE}};
    snprintf(rr.keypath, sizeof rr.keypath, "purify.rules[%zu]", index);
    if (node->type != YAML_MAPPING_NODE) {
        yd_schema_report(s, node, "%s: expected a rule (match, action, replace, files); ignored", rr.keypath);
        return true;
    }
    yd_schema_mapping(s, node, rr.keypath, visit_rule, &rr);
    if (rr.bad)
        return true;
    if (!rr.has_match) {
        yd_schema_report(s, node, "%s: a rule needs match: (a regular expression); ignored", rr.keypath);
        return true;
    }
    /* replace: alone makes a replace rule; a hide rule has no use for it. */
    if (!rr.has_action && rr.replace_node)
        rr.rule.action = YD_PURIFY_REPLACE;
    if (rr.rule.action == YD_PURIFY_HIDE && rr.replace_node) {
        yd_schema_report(s, rr.replace_node, "%s.replace: a hide rule replaces nothing; ignored", rr.keypath);
        rr.rule.replacement = NULL;
    }
    char why[240];
    if (yd_outline_rule_check(rr.rule.pattern, why, sizeof why) != 0) {
        yd_schema_report(s, rr.match_node, "%s.match: %s; this rule is ignored", rr.keypath, why);
        return true;
    }
    if (yd_purify_rule_check(&rr.rule, why, sizeof why) != 0) {
        yd_schema_report(s, rr.replace_node ? rr.replace_node : node, "%s.replace: %s; this rule is ignored",
                         rr.keypath, why);
        return true;
    }
    if (*full)
        return true;
    rr.rule.line = (unsigned long)node->start_mark.line + 1;
    rr.rule.number = (int)index;
    yd_error err = {0};
    yd_status st = yd_purify_rules_add(rules, &rr.rule, &err);
    if (st == YD_ENOMEM)
        return false;
    if (st != YD_OK) {
        yd_schema_report(s, node, "%s: %s; this rule and the rest are ignored", rr.keypath, err.message);
        *full = true;
    }
    return true;
}

static bool read_rules(yd_schema *s, yaml_node_t *value, yd_purify_rules *rules)
{
    if (yd_schema_is_null(value))
        return true;
    if (value->type != YAML_SEQUENCE_NODE) {
        yd_schema_report(s, value, "purify.rules: expected a list of rules (- match: ...); ignored");
        return true;
    }
    size_t index = 0;
    bool full = false;
    for (yaml_node_item_t *it = value->data.sequence.items.start; it < value->data.sequence.items.top; it++) {
        yaml_node_t *node = yaml_document_get_node(&s->doc, *it);
        if (node && !read_rule(s, node, ++index, rules, &full))
            return false;
    }
    return true;
}

typedef struct section_reader {
    yd_purify_settings *out;
    bool oom;
} section_reader;

static void visit_purify(yd_schema *s, void *context, const char *key, yaml_node_t *key_node, yaml_node_t *value)
{
    section_reader *r = context;
    if (strcmp(key, "hide") == 0)
        yd_schema_bool(s, value, "purify.hide", &r->out->hide);
    else if (strcmp(key, "dim") == 0)
        yd_schema_bool(s, value, "purify.dim", &r->out->dim);
    else if (strcmp(key, "rules") == 0)
        r->oom |= !read_rules(s, value, &r->out->rules);
    else
        yd_schema_report(s, key_node, "purify: unknown key '%.40s' (hide, dim, rules); ignored", key);
}

bool yd_purify_config_read(yd_schema *s, yaml_node_t *value, yd_purify_settings *out)
{
    if (yd_schema_is_null(value))
        return true;
    if (value->type == YAML_SCALAR_NODE) { /* purify: on, as :set purify on */
        yd_schema_bool(s, value, "purify", &out->hide);
        return true;
    }
    section_reader r = {.out = out};
    if (value->type == YAML_SEQUENCE_NODE) {
        yd_schema_report(s, value, "purify: expected on, off or a mapping (hide, dim, rules), not a list; ignored");
        return true;
    }
    yd_schema_mapping(s, value, "purify", visit_purify, &r);
    return !r.oom;
}
