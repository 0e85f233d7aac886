/* Reading and checking config.yaml; see config.h and docs/CONFIG.md. */
#include "yuedu/config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "purify_config.h"
#include "yaml_schema.h"
#include "yuedu/atomic_file.h"
#include "yuedu/clipboard.h"
#include "yuedu/fold.h"
#include "yuedu/outline_length.h"

static const char DEFAULTS[] = YD_N_("the defaults");

yd_status yd_config_init(yd_config *c, yd_error *err)
{
    memset(c, 0, sizeof *c);
    c->ambiwidth = 0;
    c->mouse = true;
    c->key_timeout_ms = YD_CONFIG_KEY_TIMEOUT_DEFAULT;
    c->escape_delay_ms = YD_CONFIG_ESCAPE_DELAY_DEFAULT;
    c->outline.width = 30;
    yd_outline_rules_init(&c->outline.rules);
    yd_purify_rules_init(&c->purify.rules);
    c->purify.dim = true;
    c->text.indent = 4;
    c->text.max_width = YD_CONFIG_MAX_WIDTH_DEFAULT;
    c->search.folds = YD_FOLD_DEFAULT;
    c->search.history = YD_CONFIG_SEARCH_HISTORY_DEFAULT;
    c->reading.chars_per_minute = YD_READING_RATE;
    size_t n;
    const yd_binding *d = yd_default_bindings(&n);
    c->clipboard.limit = YD_CLIPBOARD_LIMIT_DEFAULT;
    c->clipboard.osc52 = true;
    c->clipboard.citation = strdup(YD_CITATION_DEFAULT);
    c->theme = strdup("default");
    c->bindings = malloc(n * sizeof *c->bindings);
    if (!c->theme || !c->bindings || !c->clipboard.citation) {
        yd_config_free(c);
        return yd_error_set(err, YD_ENOMEM, "out of memory");
    }
    memcpy(c->bindings, d, n * sizeof *d);
    c->nbindings = n;
    return YD_OK;
}

void yd_config_free(yd_config *c)
{
    if (!c)
        return;
    free(c->theme);
    free(c->path);
    free(c->bindings);
    free(c->clipboard.command);
    free(c->clipboard.citation);
    yd_outline_rules_free(&c->outline.rules);
    yd_purify_rules_free(&c->purify.rules);
    memset(c, 0, sizeof *c);
}

static int config_dir(char *buf, size_t size, const char *leaf)
{
    const char *xdg = getenv("XDG_CONFIG_HOME");
    /* Without HOME, the account's home folder, as the stores find theirs:
     * a configuration is not ignored where bookmarks are still saved. */
    const char *home = yd_home_dir();
    int len;
    if (xdg && xdg[0] == '/')
        len = snprintf(buf, size, "%s/yuedu/%s", xdg, leaf);
    else if (home && home[0] == '/')
        len = snprintf(buf, size, "%s/.config/yuedu/%s", home, leaf);
    else
        return -1;
    return len > 0 && (size_t)len < size ? 0 : -1;
}

int yd_config_default_path(char *buf, size_t size) { return config_dir(buf, size, "config.yaml"); }

int yd_config_themes_dir(char *buf, size_t size) { return config_dir(buf, size, "themes"); }

/* ---- the bindings under keys: ---- */

typedef struct user_binding {
    yd_binding b;
    yaml_node_t *node; /* where it was written */
} user_binding;

typedef struct reader {
    yd_config *config;
    user_binding *user;
    size_t nuser, capacity;
    bool overridden[4][YD_ACT_COUNT]; /* [context][action]: the file names its keys */
    bool oom;
    yd_key_context context; /* while walking keys: / keys.text: / keys.outline: / keys.list: */
} reader;

static const char *const context_names[] = {"keys", "keys.text", "keys.outline", "keys.list"};

static void add_user_binding(yd_schema *s, reader *r, yd_action action, yaml_node_t *node, const char *keypath)
{
    if (node->type != YAML_SCALAR_NODE) {
        yd_schema_report(s, node, "%s: expected a key name such as j, Ctrl-F or \"g g\", not a %s; ignored", keypath,
                         node->type == YAML_SEQUENCE_NODE ? "list" : "mapping");
        return;
    }
    const char *text = (const char *)node->data.scalar.value;
    yd_key_seq seq;
    char why[160];
    if (yd_key_seq_parse(text, &seq, why, sizeof why) != 0) {
        yd_schema_report(s, node, "%s: %s; this key is not bound", keypath, why);
        return;
    }
    char name[64];
    yd_key_seq_format(&seq, name, sizeof name);
    for (size_t i = 0; i < r->nuser; i++) {
        const user_binding *u = &r->user[i];
        if (u->b.context != r->context)
            continue;
        if (yd_key_seq_equal(&u->b.keys, &seq)) {
            if (u->b.action == action)
                yd_schema_report(s, node, "%s: '%s' is listed twice", keypath, name);
            else
                yd_schema_report(s, node, "%s: '%s' is already bound to %s (line %lu); this binding is ignored",
                                 keypath, name, yd_action_name(u->b.action), (unsigned long)u->node->start_mark.line + 1);
            return;
        }
        /* One sequence starting another (g, g g) is no clash: the reader
         * waits key-timeout-ms for the longer one (docs/CONFIG.md). */
    }
    if (r->nuser == r->capacity) {
        size_t cap = r->capacity ? 2 * r->capacity : 32;
        user_binding *bigger = realloc(r->user, cap * sizeof *bigger);
        if (!bigger) {
            r->oom = true;
            return;
        }
        r->user = bigger;
        r->capacity = cap;
    }
    r->user[r->nuser++] = (user_binding){{r->context, action, seq}, node};
}

static void visit_binding(yd_schema *s, void *context, const char *key, yaml_node_t *key_node, yaml_node_t *value)
{
    reader *r = context;
    const char *where = context_names[r->context];
    char keypath[96];
    snprintf(keypath, sizeof keypath, "%s.%.40s", where, key);
    if (r->context == YD_CTX_ANY && (strcmp(key, "text") == 0 || strcmp(key, "outline") == 0 || strcmp(key, "list") == 0)) {
        r->context = key[0] == 't' ? YD_CTX_TEXT : key[0] == 'o' ? YD_CTX_OUTLINE : YD_CTX_LIST;
        yd_schema_mapping(s, value, keypath, visit_binding, r);
        r->context = YD_CTX_ANY;
        return;
    }
    yd_action action = yd_action_from_name(key);
    if (action == YD_ACT_NONE) {
        const char *names[YD_ACT_COUNT];
        for (int a = 0; a < YD_ACT_COUNT; a++)
            names[a] = yd_action_name((yd_action)a);
        const char *near = yd_schema_suggest(key, names, YD_ACT_COUNT);
        if (near)
            yd_schema_report(s, key_node, "%s: unknown action '%.40s' (did you mean %s?); ignored", where, key, near);
        else
            yd_schema_report(s, key_node,
                             "%s: unknown action '%.40s' (the actions are listed in docs/CONFIG.md); ignored", where,
                             key);
        return;
    }
    if (yd_schema_is_null(value))
        return; /* the built-in keys */
    if (value->type == YAML_MAPPING_NODE) {
        yd_schema_report(s, value, "%s: expected a key or a list of keys, not a mapping; using the built-in keys",
                         keypath);
        return;
    }
    r->overridden[r->context][action] = true;
    if (value->type == YAML_SEQUENCE_NODE) {
        size_t n = 0;
        for (yaml_node_item_t *it = value->data.sequence.items.start; it < value->data.sequence.items.top; it++) {
            yaml_node_t *item = yaml_document_get_node(&s->doc, *it);
            if (!item)
                continue;
            if (++n > YD_CONFIG_KEYS_PER_ACTION_MAX) {
                yd_schema_report(s, item, "%s: more than %d keys; the rest are ignored", keypath,
                                 YD_CONFIG_KEYS_PER_ACTION_MAX);
                break;
            }
            add_user_binding(s, r, action, item, keypath);
        }
    } else {
        add_user_binding(s, r, action, value, keypath);
    }
}

/* Does the file's binding u take key k of context kc away from its
 * built-in action? Same pane (or u applies everywhere), and the same keys
 * (a sequence that starts with a built-in key leaves that key alone). */
static bool takes(const user_binding *u, yd_key_context kc, const yd_key_seq *k)
{
    if (u->b.context != YD_CTX_ANY && u->b.context != kc)
        return false;
    if (u->b.context == YD_CTX_ANY && kc == YD_CTX_LIST)
        return false; /* a list's own keys come first in its table anyway */
    return yd_key_seq_equal(&u->b.keys, k);
}

static bool merge_bindings(yd_config *c, reader *r)
{
    size_t n;
    const yd_binding *d = yd_default_bindings(&n);
    yd_binding *table = malloc((n + r->nuser + 1) * sizeof *table);
    if (!table)
        return false;
    size_t count = 0;
    for (size_t i = 0; i < n; i++) {
        bool dropped = r->overridden[YD_CTX_ANY][d[i].action] || r->overridden[d[i].context][d[i].action];
        for (size_t k = 0; k < r->nuser && !dropped; k++)
            dropped = takes(&r->user[k], d[i].context, &d[i].keys);
        if (!dropped)
            table[count++] = d[i];
    }
    for (size_t k = 0; k < r->nuser; k++)
        table[count++] = r->user[k].b;
    free(c->bindings);
    c->bindings = table;
    c->nbindings = count;
    return true;
}

/* ---- outline.rules ---- */

typedef struct rule_reader {
    reader *r;
    yd_outline_rule rule;
    char keypath[48]; /* outline.rules[N] */
    bool has_match, bad;
} rule_reader;

static void visit_rule(yd_schema *s, void *context, const char *key, yaml_node_t *key_node, yaml_node_t *value)
{
    rule_reader *rr = context;
    char keypath[80];
    snprintf(keypath, sizeof keypath, "%s.%.20s", rr->keypath, key);
    if (strcmp(key, "match") == 0) {
        const char *t = yd_schema_scalar(s, value, keypath, YD_N_("an ICU regular expression"), YD_N_("no rule"));
        char why[160];
        if (!t) {
            rr->bad = true;
        } else if (yd_outline_rule_check(t, why, sizeof why) != 0) {
            yd_schema_report(s, value, "%s: %s; this rule is ignored", keypath, why);
            rr->bad = true;
        } else {
            rr->rule.pattern = (char *)t;
            rr->has_match = true;
        }
    } else if (strcmp(key, "level") == 0) {
        yd_schema_int(s, value, keypath, 1, YD_RULE_LEVEL_MAX, &rr->rule.level); /* a bad level: 1 */
    } else if (strcmp(key, "kind") == 0) {
        static const char *const names[] = {"heading", "article", "item", "text", NULL};
        int kind = (int)rr->rule.kind;
        if (yd_schema_enum(s, value, keypath, names, &kind))
            rr->rule.kind = (yd_rule_kind)kind;
    } else if (strcmp(key, "files") == 0) {
        rr->rule.files = (char *)yd_schema_glob(s, value, keypath);
    } else {
        yd_schema_report(s, key_node, "%s: unknown key '%.40s' (match, level, kind, files); ignored", rr->keypath,
                         key);
    }
}

/* outline.rules: a list of {match, level, kind, files}. A rule with a
 * problem is reported where it was written and left out; the others
 * still apply. */
static void read_rules(yd_schema *s, reader *r, yaml_node_t *value)
{
    if (yd_schema_is_null(value))
        return;
    if (value->type != YAML_SEQUENCE_NODE) {
        yd_schema_report(s, value, "outline.rules: expected a list of rules (- match: ...); ignored");
        return;
    }
    yd_outline_rules *rules = &r->config->outline.rules;
    size_t index = 0;
    for (yaml_node_item_t *it = value->data.sequence.items.start; it < value->data.sequence.items.top; it++) {
        yaml_node_t *node = yaml_document_get_node(&s->doc, *it);
        if (!node)
            continue;
        rule_reader rr = {.r = r, .rule = {.level = 1, .kind = YD_RULE_HEADING}};
        snprintf(rr.keypath, sizeof rr.keypath, "outline.rules[%zu]", ++index);
        if (node->type != YAML_MAPPING_NODE) {
            yd_schema_report(s, node, "%s: expected a rule (match, level, kind, files); ignored", rr.keypath);
            continue;
        }
        yd_schema_mapping(s, node, rr.keypath, visit_rule, &rr);
        if (!rr.has_match && !rr.bad)
            yd_schema_report(s, node, "%s: a rule needs match: (a regular expression); ignored", rr.keypath);
        if (!rr.has_match || rr.bad)
            continue;
        rr.rule.line = (unsigned long)node->start_mark.line + 1;
        rr.rule.number = (int)index;
        yd_error err = {0};
        yd_status st = yd_outline_rules_add(rules, &rr.rule, &err);
        if (st == YD_ENOMEM) {
            r->oom = true;
            return;
        }
        if (st != YD_OK) {
            yd_schema_report(s, node, "%s: %s; this rule and the rest are ignored", rr.keypath, err.message);
            return;
        }
    }
}

/* ---- the other sections ---- */

static void visit_outline(yd_schema *s, void *context, const char *key, yaml_node_t *key_node, yaml_node_t *value)
{
    yd_config *c = ((reader *)context)->config;
    if (strcmp(key, "width") == 0) {
        yd_schema_int(s, value, "outline.width", YD_CONFIG_OUTLINE_WIDTH_MIN, YD_CONFIG_OUTLINE_WIDTH_MAX,
                      &c->outline.width);
    } else if (strcmp(key, "position") == 0) {
        static const char *const names[] = {"left", "right", NULL};
        int side = c->outline.right;
        if (yd_schema_enum(s, value, "outline.position", names, &side))
            c->outline.right = side == 1;
    } else if (strcmp(key, "hidden") == 0) {
        yd_schema_bool(s, value, "outline.hidden", &c->outline.hidden);
    } else if (strcmp(key, "fold-level") == 0) {
        if (yd_schema_is_null(value))
            return;
        const char *t = yd_schema_scalar(s, value, "outline.fold-level", YD_N_("all or a level from 1 to 9"), "all");
        long v;
        if (!t)
            return;
        if (strcmp(t, "all") == 0)
            c->outline.fold_level = 0;
        else if (!yd_schema_parse_long(t, &v))
            yd_schema_report(s, value, "outline.fold-level: expected all or a level from 1 to 9, not '%.40s'; using all",
                             t);
        else if (v < 1 || v > YD_CONFIG_FOLD_LEVEL_MAX)
            yd_schema_report(s, value, "outline.fold-level: %ld is out of range (1 to 9, or all); using all", v);
        else
            c->outline.fold_level = (int)v;
    } else if (strcmp(key, "show-items") == 0) {
        yd_schema_bool(s, value, "outline.show-items", &c->outline.show_items);
    } else if (strcmp(key, "builtin") == 0) {
        yd_schema_bool(s, value, "outline.builtin", &c->outline.rules.builtin);
    } else if (strcmp(key, "rules") == 0) {
        read_rules(s, context, value);
    } else {
        yd_schema_report(s, key_node,
                         "outline: unknown key '%.40s' (width, position, hidden, fold-level, show-items, builtin, "
                         "rules); ignored",
                         key);
    }
}

static void visit_text(yd_schema *s, void *context, const char *key, yaml_node_t *key_node, yaml_node_t *value)
{
    yd_config *c = ((reader *)context)->config;
    if (strcmp(key, "indent") == 0) {
        yd_schema_int(s, value, "text.indent", 0, YD_CONFIG_INDENT_MAX, &c->text.indent);
    } else if (strcmp(key, "blank-line") == 0) {
        yd_schema_bool(s, value, "text.blank-line", &c->text.blank_line);
    } else if (strcmp(key, "max-width") == 0) {
        if (yd_schema_is_null(value))
            return;
        const char *t = yd_schema_scalar(s, value, "text.max-width", YD_N_("none or a width"), "80");
        long v;
        if (!t)
            return;
        if (strcmp(t, "none") == 0)
            c->text.max_width = 0;
        else if (!yd_schema_parse_long(t, &v))
            yd_schema_report(s, value, "text.max-width: expected none or a number of cells, not '%.40s'; using %d", t,
                             YD_CONFIG_MAX_WIDTH_DEFAULT);
        else if (v != 0 && (v < YD_CONFIG_MAX_WIDTH_MIN || v > YD_CONFIG_MAX_WIDTH_MAX))
            yd_schema_report(s, value, "text.max-width: %ld is out of range (%d to %d, or 0 for none); using %d", v,
                             YD_CONFIG_MAX_WIDTH_MIN, YD_CONFIG_MAX_WIDTH_MAX, YD_CONFIG_MAX_WIDTH_DEFAULT);
        else
            c->text.max_width = (int)v;
    } else if (strcmp(key, "heading-indent") == 0) {
        static const char *const names[] = {"auto", "flush", "body", NULL}; /* yd_heading_indent's order */
        yd_schema_enum(s, value, "text.heading-indent", names, &c->text.heading_indent);
    } else if (strcmp(key, "script") == 0) {
        static const char *const names[] = {"original", "simplified", "traditional", NULL};
        int script = (int)c->text.script;
        if (yd_schema_enum(s, value, "text.script", names, &script))
            c->text.script = (yd_script_display)script;
    } else {
        yd_schema_report(s, key_node, "text: unknown key '%.40s' (indent, blank-line, max-width, heading-indent, script); ignored", key);
    }
}

static void set_fold(unsigned *folds, unsigned bit, bool on) { *folds = on ? *folds | bit : *folds & ~bit; }

static void visit_search(yd_schema *s, void *context, const char *key, yaml_node_t *key_node, yaml_node_t *value)
{
    yd_config *c = ((reader *)context)->config;
    if (strcmp(key, "case") == 0) {
        if (yd_schema_is_null(value))
            return;
        const char *t = yd_schema_scalar(s, value, "search.case", YD_N_("smart, true or false"), "smart");
        bool on;
        if (!t)
            return;
        if (strcmp(t, "smart") == 0) {
            c->search.folds = (c->search.folds & ~(unsigned)YD_FOLD_CASE) | YD_FOLD_SMART_CASE;
        } else if (yd_schema_parse_bool(t, &on)) {
            c->search.folds &= ~(unsigned)(YD_FOLD_CASE | YD_FOLD_SMART_CASE);
            set_fold(&c->search.folds, YD_FOLD_CASE, on);
        } else {
            yd_schema_report(s, value, "search.case: expected smart, true (ignore case) or false, not '%.40s'; using smart",
                             t);
        }
    } else if (strcmp(key, "width") == 0 || strcmp(key, "script") == 0) {
        unsigned bit = key[0] == 'w' ? YD_FOLD_WIDTH : YD_FOLD_SCRIPT;
        bool on = (c->search.folds & bit) != 0;
        if (yd_schema_bool(s, value, key[0] == 'w' ? "search.width" : "search.script", &on))
            set_fold(&c->search.folds, bit, on);
    } else if (strcmp(key, "numbers") == 0) {
        bool on = (c->search.folds & YD_FOLD_NUMBERS) != 0;
        if (yd_schema_bool(s, value, "search.numbers", &on))
            set_fold(&c->search.folds, YD_FOLD_NUMBERS, on);
    } else if (strcmp(key, "regex") == 0) {
        yd_schema_bool(s, value, "search.regex", &c->search.regex);
    } else if (strcmp(key, "history") == 0) {
        yd_schema_int(s, value, "search.history", 0, YD_CONFIG_SEARCH_HISTORY_MAX, &c->search.history);
    } else {
        yd_schema_report(s, key_node, "search: unknown key '%.40s' (case, width, script, numbers, regex, history); ignored",
                         key);
    }
}

static void visit_reading(yd_schema *s, void *context, const char *key, yaml_node_t *key_node, yaml_node_t *value)
{
    yd_config *c = ((reader *)context)->config;
    if (strcmp(key, "chars-per-minute") == 0)
        yd_schema_int(s, value, "reading.chars-per-minute", YD_CONFIG_READING_RATE_MIN, YD_CONFIG_READING_RATE_MAX,
                      &c->reading.chars_per_minute);
    else if (strcmp(key, "lengths") == 0)
        yd_schema_bool(s, value, "reading.lengths", &c->reading.lengths);
    else
        yd_schema_report(s, key_node, "reading: unknown key '%.40s' (chars-per-minute, lengths); ignored", key);
}

/* A string setting: *out replaced by a copy of the value. */
static void set_string(yd_schema *s, reader *r, yaml_node_t *value, const char *key, const char *what, char **out)
{
    const char *t = yd_schema_scalar(s, value, key, what, *out ? *out : "none");
    if (!t)
        return;
    char *copy = strdup(t);
    if (!copy) {
        r->oom = true;
        return;
    }
    free(*out);
    *out = copy;
}

static void visit_clipboard(yd_schema *s, void *context, const char *key, yaml_node_t *key_node, yaml_node_t *value)
{
    reader *r = context;
    yd_config *c = r->config;
    if (strcmp(key, "command") == 0) {
        if (yd_schema_is_null(value)) {
            free(c->clipboard.command);
            c->clipboard.command = NULL;
            return;
        }
        set_string(s, r, value, "clipboard.command", YD_N_("a command"), &c->clipboard.command);
        if (c->clipboard.command && !*c->clipboard.command) {
            free(c->clipboard.command);
            c->clipboard.command = NULL;
        }
    } else if (strcmp(key, "citation") == 0) {
        if (yd_schema_is_null(value)) {
            c->clipboard.citation[0] = 0;
            return;
        }
        set_string(s, r, value, "clipboard.citation", YD_N_("a template"), &c->clipboard.citation);
    } else if (strcmp(key, "limit") == 0) {
        yd_schema_int(s, value, "clipboard.limit", 0, YD_CONFIG_CLIPBOARD_LIMIT_MAX, &c->clipboard.limit);
    } else if (strcmp(key, "osc52") == 0) {
        yd_schema_bool(s, value, "clipboard.osc52", &c->clipboard.osc52);
    } else {
        yd_schema_report(s, key_node, "clipboard: unknown key '%.40s' (command, citation, limit, osc52); ignored",
                         key);
    }
}

static void visit_top(yd_schema *s, void *context, const char *key, yaml_node_t *key_node, yaml_node_t *value)
{
    reader *r = context;
    yd_config *c = r->config;
    if (strcmp(key, "theme") == 0) {
        if (yd_schema_is_null(value))
            return;
        const char *t = yd_schema_scalar(s, value, "theme", YD_N_("a theme name or file"), "default");
        if (t && !*t) {
            yd_schema_report(s, value, "theme: empty name; using default");
        } else if (t) {
            char *copy = strdup(t);
            if (!copy) {
                r->oom = true;
                return;
            }
            free(c->theme);
            c->theme = copy;
            c->theme_line = (unsigned long)value->start_mark.line + 1;
            c->theme_column = (unsigned long)value->start_mark.column + 1;
        }
    } else if (strcmp(key, "ambiwidth") == 0) {
        static const char *const names[] = {"auto", "1", "2", NULL};
        yd_schema_enum(s, value, "ambiwidth", names, &c->ambiwidth);
    } else if (strcmp(key, "mouse") == 0) {
        yd_schema_bool(s, value, "mouse", &c->mouse);
    } else if (strcmp(key, "key-timeout-ms") == 0) {
        yd_schema_int(s, value, "key-timeout-ms", YD_CONFIG_KEY_TIMEOUT_MIN, YD_CONFIG_KEY_TIMEOUT_MAX,
                      &c->key_timeout_ms);
    } else if (strcmp(key, "escape-delay-ms") == 0) {
        yd_schema_int(s, value, "escape-delay-ms", YD_CONFIG_ESCAPE_DELAY_MIN, YD_CONFIG_ESCAPE_DELAY_MAX,
                      &c->escape_delay_ms);
    } else if (strcmp(key, "outline") == 0) {
        yd_schema_mapping(s, value, "outline", visit_outline, r);
    } else if (strcmp(key, "text") == 0) {
        yd_schema_mapping(s, value, "text", visit_text, r);
    } else if (strcmp(key, "search") == 0) {
        yd_schema_mapping(s, value, "search", visit_search, r);
    } else if (strcmp(key, "clipboard") == 0) {
        yd_schema_mapping(s, value, "clipboard", visit_clipboard, r);
    } else if (strcmp(key, "reading") == 0) {
        yd_schema_mapping(s, value, "reading", visit_reading, r);
    } else if (strcmp(key, "markup") == 0) {
        static const char *const names[] = {"rendered", "raw", NULL};
        int raw = c->markup_raw;
        if (yd_schema_enum(s, value, "markup", names, &raw))
            c->markup_raw = raw == 1;
    } else if (strcmp(key, "purify") == 0) {
        if (!yd_purify_config_read(s, value, &c->purify))
            r->oom = true;
    } else if (strcmp(key, "keys") == 0) {
        r->context = YD_CTX_ANY;
        yd_schema_mapping(s, value, "keys", visit_binding, r);
    } else {
        yd_schema_report(s, key_node,
                         "unknown key '%.40s' (theme, ambiwidth, mouse, key-timeout-ms, escape-delay-ms, outline, text, "
                         "search, clipboard, reading, markup, purify, keys); "
                         "ignored",
                         key);
    }
}

yd_status yd_config_parse(yd_config *c, const char *name, const char *data, size_t length, yd_problems *problems,
                          yd_error *err)
{
    if (yd_config_init(c, err) != YD_OK)
        return YD_ENOMEM;
    yd_schema s;
    yaml_node_t *root = yd_schema_load(&s, name, data, length, DEFAULTS, problems);
    reader r = {.config = c};
    c->path = strdup(name);
    if (!c->path)
        r.oom = true;
    if (root) {
        yd_schema_mapping(&s, root, "", visit_top, &r);
        if (!r.oom && !merge_bindings(c, &r))
            r.oom = true;
    }
    free(r.user);
    yd_schema_done(&s);
    if (r.oom || problems->oom)
        return yd_error_set(err, YD_ENOMEM, "out of memory");
    return YD_OK;
}

yd_status yd_config_load(yd_config *c, const char *path, yd_problems *problems, yd_error *err)
{
    char where[4096];
    bool missing_ok = path == NULL;
    if (!path) {
        if (yd_config_default_path(where, sizeof where) != 0)
            return yd_config_init(c, err);
        path = where;
    }
    char *data;
    size_t length;
    int got = yd_schema_read(path, missing_ok, DEFAULTS, &data, &length, problems);
    if (got != 0)
        return problems->oom ? (yd_config_init(c, NULL), yd_error_set(err, YD_ENOMEM, "out of memory"))
                             : yd_config_init(c, err);
    yd_status st = yd_config_parse(c, path, data, length, problems, err);
    free(data);
    return st;
}

size_t yd_config_keys_of(const yd_config *c, yd_key_context context, yd_action action, yd_key_seq *out, size_t max,
                         size_t *total)
{
    size_t n = 0, stored = 0;
    for (size_t i = 0; i < c->nbindings; i++) {
        if (c->bindings[i].context != context || c->bindings[i].action != action)
            continue;
        if (stored < max)
            out[stored++] = c->bindings[i].keys;
        n++;
    }
    if (total)
        *total = n;
    return stored;
}
