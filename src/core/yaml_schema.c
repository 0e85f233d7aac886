/* Checking user YAML files against a schema; see yaml_schema.h. */
#include "yaml_schema.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "yuedu/status.h"

int yd_schema_read(const char *path, bool missing_ok, const char *fallback, char **data, size_t *length,
                   yd_problems *problems)
{
    fallback = yd_translate(fallback); /* a msgid (YD_N_), or already in the reader's language */
    *data = NULL;
    *length = 0;
    FILE *f = fopen(path, "rb");
    if (!f) {
        if (errno == ENOENT && missing_ok)
            return 1;
        yd_problems_add(problems, path, 0, 0, "cannot open: %s; using %s", strerror(errno), fallback);
        return -1;
    }
    struct stat st;
    if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
        fclose(f);
        yd_problems_add(problems, path, 0, 0, "is a directory, not a YAML file; using %s", fallback);
        return -1;
    }
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap + 1);
    while (buf) {
        if (n == cap) {
            if (cap > YD_SCHEMA_MAX_BYTES)
                break;
            char *bigger = realloc(buf, 2 * cap + 1);
            if (!bigger) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = bigger;
            cap *= 2;
        }
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0)
            break;
    }
    int failed = ferror(f);
    int saved = errno;
    fclose(f);
    if (!buf) {
        yd_problems_add(problems, path, 0, 0, "out of memory; using %s", fallback);
        return -1;
    }
    if (failed) {
        free(buf);
        yd_problems_add(problems, path, 0, 0, "cannot read: %s; using %s", strerror(saved), fallback);
        return -1;
    }
    if (n > YD_SCHEMA_MAX_BYTES) {
        free(buf);
        yd_problems_add(problems, path, 0, 0, "larger than %d KB, too large to be a yuedu file; using %s",
                        YD_SCHEMA_MAX_BYTES / 1024, fallback);
        return -1;
    }
    buf[n] = 0;
    *data = buf;
    *length = n;
    return 0;
}

static unsigned long mark_line(const yaml_mark_t *m) { return (unsigned long)m->line + 1; }
static unsigned long mark_column(const yaml_mark_t *m) { return (unsigned long)m->column + 1; }

yaml_node_t *yd_schema_load(yd_schema *s, const char *path, const char *data, size_t length, const char *fallback,
                            yd_problems *problems)
{
    fallback = yd_translate(fallback); /* a msgid (YD_N_), or already in the reader's language */
    memset(s, 0, sizeof *s);
    s->path = path;
    s->problems = problems;
    yaml_parser_t parser;
    if (!yaml_parser_initialize(&parser)) {
        yd_problems_add(problems, path, 0, 0, "out of memory; using %s", fallback);
        return NULL;
    }
    yaml_parser_set_input_string(&parser, (const unsigned char *)data, length);
    if (!yaml_parser_load(&parser, &s->doc)) {
        const yaml_mark_t *m = &parser.problem_mark;
        if (parser.error == YAML_MEMORY_ERROR) {
            yd_problems_add(problems, path, 0, 0, "out of memory; using %s", fallback);
        } else if (parser.context) {
            yd_problems_add(problems, path, mark_line(m), mark_column(m), "not valid YAML: %s %s (which started on line %lu); using %s",
                            parser.problem ? parser.problem : "syntax error", parser.context,
                            mark_line(&parser.context_mark), fallback);
        } else {
            yd_problems_add(problems, path, mark_line(m), mark_column(m), "not valid YAML: %s; using %s",
                            parser.problem ? parser.problem : "syntax error", fallback);
        }
        yaml_parser_delete(&parser);
        return NULL;
    }
    s->loaded = true;
    yaml_node_t *root = yaml_document_get_root_node(&s->doc);
    if (root) {
        /* A second document: not a problem of ours to guess at. */
        yaml_document_t extra;
        if (yaml_parser_load(&parser, &extra)) {
            yaml_node_t *more = yaml_document_get_root_node(&extra);
            if (more)
                yd_problems_add(problems, path, mark_line(&more->start_mark), mark_column(&more->start_mark),
                                "a second YAML document (after ---) is ignored");
            yaml_document_delete(&extra);
        } else {
            const yaml_mark_t *m = &parser.problem_mark;
            yd_problems_add(problems, path, mark_line(m), mark_column(m), "not valid YAML: %s; using %s",
                            parser.problem ? parser.problem : "syntax error", fallback);
            root = NULL;
        }
    }
    yaml_parser_delete(&parser);
    if (root && root->type == YAML_SCALAR_NODE && root->data.scalar.length == 0)
        root = NULL; /* a file holding only comments */
    if (root && root->type != YAML_MAPPING_NODE) {
        if (root->type == YAML_SEQUENCE_NODE)
            yd_problems_add(problems, path, mark_line(&root->start_mark), mark_column(&root->start_mark),
                            "the file must be a mapping of keys to values (key: value), not a list; using %s",
                            fallback);
        else
            yd_problems_add(problems, path, mark_line(&root->start_mark), mark_column(&root->start_mark),
                            "the file must be a mapping of keys to values (key: value), not a single value; using %s",
                            fallback);
        root = NULL;
    }
    return root;
}

void yd_schema_done(yd_schema *s)
{
    if (s->loaded)
        yaml_document_delete(&s->doc);
    s->loaded = false;
}

void yd_schema_report(yd_schema *s, const yaml_node_t *node, const char *fmt, ...)
{
    char message[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(message, sizeof message, yd_translate(fmt), ap);
    va_end(ap);
    if (node)
        yd_problems_add(s->problems, s->path, mark_line(&node->start_mark), mark_column(&node->start_mark), "%s",
                        message);
    else
        yd_problems_add(s->problems, s->path, 0, 0, "%s", message);
}

static bool scalar_equal(const yaml_node_t *a, const yaml_node_t *b)
{
    return a->data.scalar.length == b->data.scalar.length &&
           memcmp(a->data.scalar.value, b->data.scalar.value, a->data.scalar.length) == 0;
}

void yd_schema_mapping(yd_schema *s, yaml_node_t *map, const char *keypath, yd_schema_visit visit, void *context)
{
    if (!map || yd_schema_is_null(map))
        return;
    if (map->type != YAML_MAPPING_NODE) {
        yd_schema_report(s, map, "%s: expected a mapping (key: value lines); ignored", keypath);
        return;
    }
    /* No schema has many keys: stop early rather than spend quadratic time
     * looking for repeated keys in a hostile file. */
    enum { MAX_KEYS = 1000 };
    for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top; p++) {
        yaml_node_t *k = yaml_document_get_node(&s->doc, p->key);
        if (p - map->data.mapping.pairs.start == MAX_KEYS) {
            yd_schema_report(s, k, "%s%smore than %d keys; the rest are ignored", keypath, *keypath ? ": " : "",
                             MAX_KEYS);
            break;
        }
        yaml_node_t *v = yaml_document_get_node(&s->doc, p->value);
        if (!k || !v)
            continue;
        if (k->type != YAML_SCALAR_NODE) {
            yd_schema_report(s, k, "%s%sa key must be plain text; ignored", keypath, *keypath ? ": " : "");
            continue;
        }
        const char *key = (const char *)k->data.scalar.value;
        bool seen = false;
        for (yaml_node_pair_t *q = map->data.mapping.pairs.start; q < p && !seen; q++) {
            yaml_node_t *kq = yaml_document_get_node(&s->doc, q->key);
            if (kq && kq->type == YAML_SCALAR_NODE && scalar_equal(kq, k)) {
                seen = true;
                yd_schema_report(s, k, "%s%s%s: given twice (first on line %lu); this one is ignored", keypath,
                                 *keypath ? "." : "", key, mark_line(&kq->start_mark));
            }
        }
        if (!seen)
            visit(s, context, key, k, v);
    }
}

/* Edit distance between a and b (short words only). */
static size_t edit_distance(const char *a, const char *b)
{
    size_t n = strlen(a), m = strlen(b);
    if (n > 40 || m > 40)
        return 99;
    size_t row[41];
    for (size_t j = 0; j <= m; j++)
        row[j] = j;
    for (size_t i = 1; i <= n; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= m; j++) {
            size_t up = row[j];
            size_t best = diag + (a[i - 1] != b[j - 1]);
            if (up + 1 < best)
                best = up + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[m];
}

const char *yd_schema_suggest(const char *word, const char *const *names, size_t count)
{
    const char *best = NULL;
    size_t best_d = 3; /* at most two edits away */
    for (size_t i = 0; i < count; i++) {
        if (!names[i])
            continue;
        size_t d = edit_distance(word, names[i]);
        if (d < best_d)
            best = names[i], best_d = d;
    }
    return best;
}

bool yd_schema_is_null(const yaml_node_t *value)
{
    if (value->type != YAML_SCALAR_NODE || value->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
        return false;
    const char *t = (const char *)value->data.scalar.value;
    return *t == 0 || strcmp(t, "~") == 0 || strcmp(t, "null") == 0 || strcmp(t, "Null") == 0 ||
           strcmp(t, "NULL") == 0;
}

const char *yd_schema_scalar(yd_schema *s, yaml_node_t *value, const char *key, const char *what,
                             const char *fallback)
{
    if (value->type == YAML_SCALAR_NODE)
        return (const char *)value->data.scalar.value;
    /* what and fallback are msgids (YD_N_) or the setting's own values,
     * which have no translation and come back as they are. */
    if (value->type == YAML_SEQUENCE_NODE)
        yd_schema_report(s, value, "%s: expected %s, not a list; using %s", key, yd_translate(what),
                         yd_translate(fallback));
    else
        yd_schema_report(s, value, "%s: expected %s, not a mapping; using %s", key, yd_translate(what),
                         yd_translate(fallback));
    return NULL;
}

bool yd_schema_parse_bool(const char *t, bool *out)
{
    static const char *const yes[] = {"true", "yes", "on"}, *const no[] = {"false", "no", "off"};
    for (int i = 0; i < 3; i++) {
        if (strcasecmp(t, yes[i]) == 0)
            return *out = true, true;
        if (strcasecmp(t, no[i]) == 0)
            return *out = false, true;
    }
    return false;
}

bool yd_schema_parse_long(const char *t, long *out)
{
    const char *p = t;
    if (*p == '+' || *p == '-')
        p++;
    if (*p < '0' || *p > '9')
        return false;
    char *end;
    errno = 0;
    long v = strtol(t, &end, 10);
    if (*end != 0)
        return false;
    if (errno == ERANGE)
        v = v < 0 ? -2147483647L : 2147483647L; /* reported as out of range */
    *out = v;
    return true;
}

/* The value's text shortened for messages. */
static const char *shown(const char *t, char *buf, size_t size)
{
    size_t n = strlen(t);
    if (n < 40)
        return t;
    snprintf(buf, size, "%.36s...", t);
    return buf;
}

const char *yd_schema_glob(yd_schema *s, yaml_node_t *value, const char *key)
{
    if (yd_schema_is_null(value))
        return NULL;
    const char *t = yd_schema_scalar(s, value, key, YD_N_("a file name pattern such as '*.txt'"), YD_N_("every file"));
    return t && *t ? t : NULL;
}

bool yd_schema_bool(yd_schema *s, yaml_node_t *value, const char *key, bool *out)
{
    if (yd_schema_is_null(value))
        return false;
    const char *fallback = *out ? "true" : "false";
    const char *t = yd_schema_scalar(s, value, key, YD_N_("true or false"), fallback);
    if (!t)
        return false;
    if (yd_schema_parse_bool(t, out))
        return true;
    char buf[48];
    yd_schema_report(s, value, "%s: expected true or false, not '%s'; using %s", key, shown(t, buf, sizeof buf),
                     fallback);
    return false;
}

bool yd_schema_int(yd_schema *s, yaml_node_t *value, const char *key, long min, long max, int *out)
{
    if (yd_schema_is_null(value))
        return false;
    char fallback[24];
    snprintf(fallback, sizeof fallback, "%d", *out);
    const char *t = yd_schema_scalar(s, value, key, YD_N_("a whole number"), fallback);
    if (!t)
        return false;
    long v;
    char buf[48];
    if (!yd_schema_parse_long(t, &v)) {
        yd_schema_report(s, value, "%s: expected a whole number, not '%s'; using %s", key, shown(t, buf, sizeof buf),
                         fallback);
        return false;
    }
    if (v < min || v > max) {
        yd_schema_report(s, value, "%s: %s is out of range (%ld to %ld); using %s", key, shown(t, buf, sizeof buf), min,
                         max, fallback);
        return false;
    }
    *out = (int)v;
    return true;
}

bool yd_schema_enum(yd_schema *s, yaml_node_t *value, const char *key, const char *const *names, int *out)
{
    if (yd_schema_is_null(value))
        return false;
    const char *fallback = names[*out];
    char choices[160] = "";
    for (size_t i = 0; names[i]; i++) {
        size_t used = strlen(choices);
        snprintf(choices + used, sizeof choices - used, "%s%s",
                 i == 0 ? "" : names[i + 1] ? yd_translate(YD_N_(", ")) : yd_translate(YD_N_(" or ")),
                 names[i]);
    }
    const char *t = yd_schema_scalar(s, value, key, choices, fallback);
    if (!t)
        return false;
    for (int i = 0; names[i]; i++)
        if (strcasecmp(t, names[i]) == 0) {
            *out = i;
            return true;
        }
    char buf[48];
    yd_schema_report(s, value, "%s: '%s' is not one of %s; using %s", key, shown(t, buf, sizeof buf), choices,
                     fallback);
    return false;
}
