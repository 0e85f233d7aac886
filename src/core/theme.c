/* Themes: reading, finding and resolving; see theme.h and docs/CONFIG.md. */
#include "yuedu/theme.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "theme_builtin.h"
#include "yaml_schema.h"
#include "yuedu/config.h"

static const char *const style_names[YD_STYLE_COUNT] = {
    [YD_STYLE_TEXT] = "text",
    [YD_STYLE_HEADING1] = "heading1",
    [YD_STYLE_HEADING2] = "heading2",
    [YD_STYLE_HEADING3] = "heading3",
    [YD_STYLE_HEADING4] = "heading4",
    [YD_STYLE_HEADING5] = "heading5",
    [YD_STYLE_HEADING6] = "heading6",
    [YD_STYLE_ITEM] = "item",
    [YD_STYLE_OUTLINE] = "outline",
    [YD_STYLE_OUTLINE_CURRENT] = "outline-current",
    [YD_STYLE_OUTLINE_SECTION] = "outline-section",
    [YD_STYLE_OUTLINE_MARKER] = "outline-marker",
    [YD_STYLE_DIVIDER] = "divider",
    [YD_STYLE_SEARCH_HIT] = "search-hit",
    [YD_STYLE_SEARCH_CURRENT] = "search-current",
    [YD_STYLE_STATUS] = "status",
    [YD_STYLE_MESSAGE] = "message",
    [YD_STYLE_PLACEHOLDER] = "placeholder",
    [YD_STYLE_BOOKMARK] = "bookmark",
    [YD_STYLE_SELECTION] = "selection",
    [YD_STYLE_CURSOR] = "cursor",
    [YD_STYLE_HIGHLIGHT1] = "highlight1",
    [YD_STYLE_HIGHLIGHT2] = "highlight2",
    [YD_STYLE_HIGHLIGHT3] = "highlight3",
    [YD_STYLE_HIGHLIGHT4] = "highlight4",
    [YD_STYLE_REFERENCE] = "reference",
    [YD_STYLE_HINT] = "hint",
    [YD_STYLE_EMPHASIS] = "emphasis",
    [YD_STYLE_STRONG] = "strong",
    [YD_STYLE_CODE] = "code",
    [YD_STYLE_LINK] = "link",
    [YD_STYLE_QUOTE] = "quote",
};

const char *yd_style_name(yd_style style)
{
    return (int)style >= 0 && style < YD_STYLE_COUNT ? style_names[style] : NULL;
}

int yd_style_from_name(const char *name)
{
    for (int i = 0; i < YD_STYLE_COUNT; i++)
        if (strcmp(style_names[i], name) == 0)
            return i;
    return -1;
}

const char *yd_theme_choose(const char *configured, bool no_color)
{
    return no_color || !configured || !*configured ? (no_color ? "mono" : "default") : configured;
}

bool yd_no_color(bool flag)
{
    const char *v = getenv("NO_COLOR");
    return flag || (v && *v);
}

yd_color_depth yd_color_depth_detect(int colors, bool no_color)
{
    if (no_color || colors < 8)
        return YD_DEPTH_MONO;
    if (colors >= YD_DIRECT_COLORS)
        return YD_DEPTH_TRUE;
    return colors >= 256 ? YD_DEPTH_256 : YD_DEPTH_8;
}

/* ---- colours ---- */

static const char *const color_names[16] = {
    "black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
    "bright-black", "bright-red", "bright-green", "bright-yellow", "bright-blue", "bright-magenta", "bright-cyan",
    "bright-white",
};

/* xterm's palette. */
static uint32_t palette_rgb(unsigned i)
{
    static const uint32_t base[16] = {0x000000, 0xcd0000, 0x00cd00, 0xcdcd00, 0x0000ee, 0xcd00cd, 0x00cdcd, 0xe5e5e5,
                                      0x7f7f7f, 0xff0000, 0x00ff00, 0xffff00, 0x5c5cff, 0xff00ff, 0x00ffff, 0xffffff};
    static const uint8_t level[6] = {0, 95, 135, 175, 215, 255};
    if (i < 16)
        return base[i];
    if (i < 232) {
        i -= 16;
        return (uint32_t)level[i / 36] << 16 | (uint32_t)level[(i / 6) % 6] << 8 | level[i % 6];
    }
    uint32_t g = 8 + 10 * (i - 232);
    return g << 16 | g << 8 | g;
}

static long distance(uint32_t a, uint32_t b)
{
    long dr = (long)(a >> 16 & 0xff) - (long)(b >> 16 & 0xff);
    long dg = (long)(a >> 8 & 0xff) - (long)(b >> 8 & 0xff);
    long db = (long)(a & 0xff) - (long)(b & 0xff);
    return 3 * dr * dr + 4 * dg * dg + 2 * db * db;
}

/* Nearest palette index in [from, to) to rgb. */
static uint32_t nearest(uint32_t rgb, unsigned from, unsigned to)
{
    unsigned best = from;
    long best_d = -1;
    for (unsigned i = from; i < to; i++) {
        long d = distance(rgb, palette_rgb(i));
        if (best_d < 0 || d < best_d)
            best = i, best_d = d;
    }
    return best;
}

int yd_color_direct_value(yd_color c)
{
    if (c.kind == YD_COLOR_INDEX && c.value < 8)
        return (int)c.value; /* the terminal's own eight */
    if (c.kind != YD_COLOR_INDEX && c.kind != YD_COLOR_RGB)
        return -1;
    uint32_t rgb = c.kind == YD_COLOR_RGB ? c.value & 0xffffff : palette_rgb(c.value < 256 ? c.value : 0);
    /* Numbers 0-7 are the eight ANSI colours in direct-colour terminfo
     * entries: one step more red, which no eye sees, keeps them RGB. */
    return (int)(rgb < 8 ? rgb | 0x010000 : rgb);
}

/* Convert c (as given for some depth) to a colour usable at depth d. */
static yd_color convert(yd_color c, int d)
{
    if (c.kind != YD_COLOR_INDEX && c.kind != YD_COLOR_RGB)
        return c;
    if (d == 2) /* truecolour shows both */
        return c;
    uint32_t rgb = c.kind == YD_COLOR_RGB ? c.value : palette_rgb(c.value);
    if (d == 1)
        return c.kind == YD_COLOR_INDEX ? c : (yd_color){YD_COLOR_INDEX, nearest(rgb, 16, 256)};
    if (c.kind == YD_COLOR_INDEX && c.value < 16)
        return (yd_color){YD_COLOR_INDEX, c.value & 7};
    return (yd_color){YD_COLOR_INDEX, nearest(rgb, 0, 8)};
}

/* The colour of forms[] (8, 256, true) to use at depth d (0..2): the form
 * for d, else the richest poorer one, else the poorest richer one. */
static yd_color pick(const yd_color forms[3], int d)
{
    for (int k = d; k >= 0; k--)
        if (forms[k].kind != YD_COLOR_UNSET)
            return convert(forms[k], d);
    for (int k = d + 1; k < 3; k++)
        if (forms[k].kind != YD_COLOR_UNSET)
            return convert(forms[k], d);
    return (yd_color){YD_COLOR_UNSET, 0};
}

static bool has_color(const yd_color forms[3])
{
    return forms[0].kind || forms[1].kind || forms[2].kind;
}

void yd_theme_resolve(const yd_theme *t, yd_style style, yd_color_depth depth, yd_resolved_style *out)
{
    memset(out, 0, sizeof *out);
    out->fg.kind = out->bg.kind = YD_COLOR_DEFAULT;
    if ((int)style < 0 || style >= YD_STYLE_COUNT)
        return;
    /* heading6 → heading5 → ... → heading1 when a level is left out. */
    while (style > YD_STYLE_HEADING1 && style <= YD_STYLE_HEADING6 && !t->styles[style].defined)
        style--;
    const yd_theme_style *s = &t->styles[style], *text = &t->styles[YD_STYLE_TEXT];
    out->attrs = s->attrs;
    if (depth == YD_DEPTH_MONO)
        return;
    int d = depth - YD_DEPTH_8;
    yd_color fg = pick(has_color(s->fg) ? s->fg : text->fg, d);
    yd_color bg = pick(has_color(s->bg) ? s->bg : text->bg, d);
    if (fg.kind != YD_COLOR_UNSET)
        out->fg = fg;
    if (bg.kind != YD_COLOR_UNSET)
        out->bg = bg;
}

/* ---- reading ---- */

typedef struct theme_reader {
    yd_theme *theme;
    int style;     /* the style being read */
    bool is_bg;    /* reading bg (else fg) */
    bool oom;
} theme_reader;

static const char *const depth_keys[3] = {"8", "256", "true"};

/* Parse a colour given for depth d (0 8-colour, 1 256, 2 true), or for
 * every depth (d -1, a single value). Returns 0, or -1 with why. */
static int parse_color(const char *t, int d, yd_color forms[3], char *why, size_t size)
{
    if (strcmp(t, "default") == 0) {
        for (int k = 0; k < 3; k++)
            if (d < 0 || k == d)
                forms[k] = (yd_color){YD_COLOR_DEFAULT, 0};
        return 0;
    }
    for (unsigned i = 0; i < 16; i++)
        if (strcmp(t, color_names[i]) == 0) {
            if (d == 0 && i >= 8) {
                snprintf(why, size, "'%s' is not one of the 8 colours (black red green yellow blue magenta cyan white)",
                         t);
                return -1;
            }
            if (d == 2) {
                forms[2] = (yd_color){YD_COLOR_RGB, palette_rgb(i)};
            } else if (d >= 0) {
                forms[d] = (yd_color){YD_COLOR_INDEX, i};
            } else {
                forms[0] = (yd_color){YD_COLOR_INDEX, i & 7};
                forms[1] = (yd_color){YD_COLOR_INDEX, i};
            }
            return 0;
        }
    if (t[0] == '#') {
        size_t n = strlen(t);
        bool hex = n == 7;
        for (size_t k = 1; k < n && hex; k++)
            hex = (t[k] >= '0' && t[k] <= '9') || (t[k] >= 'a' && t[k] <= 'f') || (t[k] >= 'A' && t[k] <= 'F');
        if (!hex) {
            snprintf(why, size, "'%.20s' is not a colour of the form \"#rrggbb\"", t);
            return -1;
        }
        if (d == 0 || d == 1) {
            snprintf(why, size, "\"#rrggbb\" colours are for true:, not %s:", depth_keys[d]);
            return -1;
        }
        forms[2] = (yd_color){YD_COLOR_RGB, (uint32_t)strtoul(t + 1, NULL, 16)};
        return 0;
    }
    long v;
    if (yd_schema_parse_long(t, &v)) {
        if (d == 2 || d == 0) {
            snprintf(why, size, "numbers are colours for 256:, not %s: (use %s)", depth_keys[d],
                     d == 2 ? "\"#rrggbb\"" : "a colour name");
            return -1;
        }
        if (v < 0 || v > 255) {
            snprintf(why, size, "%ld is out of range (0 to 255)", v);
            return -1;
        }
        forms[1] = (yd_color){YD_COLOR_INDEX, (uint32_t)v};
        return 0;
    }
    snprintf(why, size, "unknown colour '%.30s' (a name such as red or bright-blue, 0-255, \"#rrggbb\" or default)", t);
    return -1;
}

static void read_color_value(yd_schema *s, theme_reader *r, yaml_node_t *value, int d, const char *key)
{
    yd_theme_style *st = &r->theme->styles[r->style];
    yd_color *forms = r->is_bg ? st->bg : st->fg;
    const char *fallback = r->style == YD_STYLE_TEXT ? "the terminal's colour" : "the text's colour";
    const char *t = yd_schema_scalar(s, value, key, YD_N_("a colour"), fallback);
    char why[160];
    if (t && parse_color(t, d, forms, why, sizeof why) != 0)
        yd_schema_report(s, value, "%s: %s; using %s", key, why, fallback);
}

static void visit_depth(yd_schema *s, void *context, const char *key, yaml_node_t *key_node, yaml_node_t *value)
{
    theme_reader *r = context;
    char keypath[96];
    snprintf(keypath, sizeof keypath, "styles.%s.%s.%.10s", style_names[r->style], r->is_bg ? "bg" : "fg", key);
    int d = -1;
    for (int k = 0; k < 3; k++)
        if (strcmp(key, depth_keys[k]) == 0)
            d = k;
    if (strcmp(key, "truecolor") == 0 || strcmp(key, "24bit") == 0)
        d = 2;
    if (d < 0) {
        yd_schema_report(s, key_node, "styles.%s.%s: unknown colour depth '%.20s' (8, 256 or true); ignored",
                         style_names[r->style], r->is_bg ? "bg" : "fg", key);
        return;
    }
    if (!yd_schema_is_null(value))
        read_color_value(s, r, value, d, keypath);
}

static void visit_style_key(yd_schema *s, void *context, const char *key, yaml_node_t *key_node, yaml_node_t *value)
{
    theme_reader *r = context;
    const char *name = style_names[r->style];
    char keypath[96];
    snprintf(keypath, sizeof keypath, "styles.%s.%.20s", name, key);
    if (strcmp(key, "fg") == 0 || strcmp(key, "bg") == 0) {
        r->is_bg = key[0] == 'b';
        if (yd_schema_is_null(value))
            return;
        if (value->type == YAML_MAPPING_NODE)
            yd_schema_mapping(s, value, keypath, visit_depth, r);
        else
            read_color_value(s, r, value, -1, keypath);
    } else if (strcmp(key, "attrs") == 0) {
        static const char *const attrs[] = {"bold", "dim", "underline", "reverse", "italic"};
        yaml_node_item_t one, *start = &one, *top = &one + 1;
        if (yd_schema_is_null(value))
            return;
        if (value->type == YAML_SEQUENCE_NODE) {
            start = value->data.sequence.items.start;
            top = value->data.sequence.items.top;
        } else if (value->type == YAML_SCALAR_NODE) {
            one = (yaml_node_item_t)(value - s->doc.nodes.start + 1);
        } else {
            yd_schema_report(s, value, "%s: expected a list such as [bold, underline]; ignored", keypath);
            return;
        }
        for (yaml_node_item_t *it = start; it < top; it++) {
            yaml_node_t *item = yaml_document_get_node(&s->doc, *it);
            const char *t = item ? yd_schema_scalar(s, item, keypath, YD_N_("an attribute"), "none") : NULL;
            if (!t)
                continue;
            unsigned bit = 0;
            for (unsigned k = 0; k < 5; k++)
                if (strcmp(t, attrs[k]) == 0)
                    bit = 1u << k;
            if (bit)
                r->theme->styles[r->style].attrs |= bit;
            else
                yd_schema_report(s, item,
                                 "%s: unknown attribute '%.30s' (bold, dim, underline, reverse, italic); ignored",
                                 keypath, t);
        }
    } else {
        yd_schema_report(s, key_node, "styles.%s: unknown key '%.30s' (fg, bg, attrs); ignored", name, key);
    }
}

static void visit_style(yd_schema *s, void *context, const char *key, yaml_node_t *key_node, yaml_node_t *value)
{
    theme_reader *r = context;
    int style = yd_style_from_name(key);
    /* heading7: the full list says where headings end. */
    bool deep_heading = strncmp(key, "heading", 7) == 0 && key[7] >= '0' && key[7] <= '9';
    const char *near = style < 0 && !deep_heading ? yd_schema_suggest(key, style_names, YD_STYLE_COUNT) : NULL;
    if (near) {
        yd_schema_report(s, key_node, "styles: unknown style '%.40s' (did you mean %s?); ignored", key, near);
        return;
    }
    if (style < 0) {
        char list[400] = "";
        for (int i = 0; i < YD_STYLE_COUNT; i++) {
            size_t used = strlen(list);
            snprintf(list + used, sizeof list - used, "%s%s", i ? " " : "", style_names[i]);
        }
        yd_schema_report(s, key_node, "styles: unknown style '%.40s' (%s); ignored", key, list);
        return;
    }
    r->style = style;
    r->theme->styles[style].defined = true;
    char keypath[64];
    snprintf(keypath, sizeof keypath, "styles.%s", key);
    yd_schema_mapping(s, value, keypath, visit_style_key, r);
}

static bool set_text(yd_schema *s, theme_reader *r, yaml_node_t *value, const char *key, char **out)
{
    if (yd_schema_is_null(value))
        return false;
    const char *t = yd_schema_scalar(s, value, key, YD_N_("a text"), "none");
    if (!t)
        return false;
    char *copy = strdup(t);
    if (!copy) {
        r->oom = true;
        return false;
    }
    free(*out);
    *out = copy;
    return true;
}

static void visit_theme(yd_schema *s, void *context, const char *key, yaml_node_t *key_node, yaml_node_t *value)
{
    theme_reader *r = context;
    if (strcmp(key, "name") == 0)
        set_text(s, r, value, "name", &r->theme->name);
    else if (strcmp(key, "description") == 0)
        set_text(s, r, value, "description", &r->theme->description);
    else if (strcmp(key, "styles") == 0)
        yd_schema_mapping(s, value, "styles", visit_style, r);
    else
        yd_schema_report(s, key_node, "unknown key '%.40s' (name, description, styles); ignored", key);
}

void yd_theme_free(yd_theme *t)
{
    if (!t)
        return;
    free(t->name);
    free(t->path);
    free(t->description);
    memset(t, 0, sizeof *t);
}

/* "NAME" of ".../NAME.yaml". */
static char *name_of_path(const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    size_t n = strlen(base);
    if (n > 5 && strcmp(base + n - 5, ".yaml") == 0)
        n -= 5;
    return strndup(base, n);
}

/* fallback: what is used when the file is no good at all. */
static yd_status parse_theme(yd_theme *t, const char *name, const char *data, size_t length, const char *fallback,
                             yd_problems *problems, yd_error *err)
{
    memset(t, 0, sizeof *t);
    yd_schema s;
    theme_reader r = {.theme = t};
    yaml_node_t *root = yd_schema_load(&s, name, data, length, fallback, problems);
    if (root)
        yd_schema_mapping(&s, root, "", visit_theme, &r);
    yd_schema_done(&s);
    if (!t->name)
        t->name = name_of_path(name);
    if (r.oom || !t->name || problems->oom) {
        yd_theme_free(t);
        return yd_error_set(err, YD_ENOMEM, "out of memory");
    }
    return YD_OK;
}

yd_status yd_theme_parse(yd_theme *t, const char *name, const char *data, size_t length, yd_problems *problems,
                         yd_error *err)
{
    return parse_theme(t, name, data, length, "the terminal's colours", problems, err);
}

yd_status yd_theme_builtin(yd_theme *t, const char *name, yd_error *err)
{
    memset(t, 0, sizeof *t);
    const char *text = yd_theme_builtin_source(name);
    if (!text)
        return yd_error_set(err, YD_EINVAL, "no built-in theme '%s'", name);
    yd_problems problems;
    yd_problems_init(&problems);
    yd_status st = yd_theme_parse(t, name, text, strlen(text), &problems, err);
    yd_problems_free(&problems); /* none: tests check the built-in themes */
    return st;
}

static bool is_file(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && !S_ISDIR(st.st_mode);
}

static bool is_path(const char *name_or_path)
{
    size_t n = strlen(name_or_path);
    return strchr(name_or_path, '/') || (n > 5 && strcmp(name_or_path + n - 5, ".yaml") == 0);
}

int yd_theme_find(const char *name_or_path, const char *user_dir, const char *data_dir, char *buf, size_t size)
{
    if (!name_or_path || !*name_or_path)
        return -1;
    if (is_path(name_or_path)) {
        int len = snprintf(buf, size, "%s", name_or_path);
        return len > 0 && (size_t)len < size && is_file(buf) ? 0 : -1;
    }
    const char *dirs[2] = {user_dir, data_dir};
    for (int k = 0; k < 2; k++) {
        if (!dirs[k])
            continue;
        int len = snprintf(buf, size, "%s/%s.yaml", dirs[k], name_or_path);
        if (len > 0 && (size_t)len < size && is_file(buf))
            return 0;
    }
    return -1;
}

yd_status yd_theme_load(yd_theme *t, const char *name_or_path, const char *data_dir, const yd_origin *origin,
                        yd_problems *problems, yd_error *err)
{
    memset(t, 0, sizeof *t);
    char user_dir[4096], path[4096];
    bool have_user = yd_config_themes_dir(user_dir, sizeof user_dir) == 0;
    const char *fallback = yd_theme_builtin_source(name_or_path) ? name_or_path : "default";
    if (yd_theme_find(name_or_path, have_user ? user_dir : NULL, data_dir, path, sizeof path) != 0) {
        const char *at = origin && origin->path ? origin->path : "--theme";
        const char *key = origin && origin->path ? "theme: " : "";
        unsigned long line = origin ? origin->line : 0, column = origin ? origin->column : 0;
        struct stat there;
        if (is_path(name_or_path) && stat(name_or_path, &there) == 0) /* a folder: not a theme */
            yd_problems_add(problems, at, line, column, "%s'%s' is not a file; using the built-in %s theme", key,
                            name_or_path, fallback);
        else if (is_path(name_or_path))
            yd_problems_add(problems, at, line, column, "%sfile '%s' not found; using the built-in %s theme", key,
                            name_or_path, fallback);
        else if (!yd_theme_builtin_source(name_or_path)) /* built in: not finding a file is fine */
            yd_problems_add(problems, at, line, column,
                            "%sno theme '%s' (looked for %s.yaml in %s%s%s); using the built-in default theme", key,
                            name_or_path, name_or_path, have_user ? user_dir : "",
                            have_user && data_dir ? yd_translate(YD_N_(" and ")) : "", data_dir ? data_dir : "");
        return yd_theme_builtin(t, fallback, err);
    }
    char *data;
    size_t length;
    char what[64];
    snprintf(what, sizeof what, yd_translate(YD_N_("the built-in %s theme")), fallback);
    if (yd_schema_read(path, false, what, &data, &length, problems) != 0)
        return problems->oom ? yd_error_set(err, YD_ENOMEM, "out of memory") : yd_theme_builtin(t, fallback, err);
    size_t before = problems->count;
    yd_status st = parse_theme(t, path, data, length, what, problems, err);
    free(data);
    if (st != YD_OK)
        return st;
    /* Invalid YAML leaves nothing: use the built-in one instead. */
    bool empty = true;
    for (int i = 0; i < YD_STYLE_COUNT; i++)
        empty &= !t->styles[i].defined;
    if (empty && problems->count > before) {
        yd_theme_free(t);
        return yd_theme_builtin(t, fallback, err);
    }
    /* The theme is known by its file's name (what :theme and --theme take),
     * whatever its name: key says. */
    free(t->name);
    t->name = name_of_path(path);
    t->path = strdup(path);
    if (!t->path || !t->name) {
        yd_theme_free(t);
        return yd_error_set(err, YD_ENOMEM, "out of memory");
    }
    return YD_OK;
}

/* ---- listing ---- */

static int compare_names(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static bool add_name(char ***names, size_t *count, size_t *cap, const char *name, size_t n)
{
    for (size_t i = 0; i < *count; i++)
        if (strlen((*names)[i]) == n && strncmp((*names)[i], name, n) == 0)
            return true;
    if (*count == *cap) {
        size_t bigger = *cap ? 2 * *cap : 16;
        char **grown = realloc(*names, bigger * sizeof *grown);
        if (!grown)
            return false;
        *names = grown;
        *cap = bigger;
    }
    char *copy = strndup(name, n);
    if (!copy)
        return false;
    (*names)[(*count)++] = copy;
    return true;
}

yd_status yd_theme_names(const char *user_dir, const char *data_dir, char ***names, size_t *count, yd_error *err)
{
    *names = NULL;
    *count = 0;
    size_t cap = 0;
    bool ok = add_name(names, count, &cap, "default", 7) && add_name(names, count, &cap, "mono", 4);
    const char *dirs[2] = {user_dir, data_dir};
    for (int k = 0; k < 2 && ok; k++) {
        DIR *dir = dirs[k] ? opendir(dirs[k]) : NULL;
        if (!dir)
            continue;
        struct dirent *e;
        while (ok && (e = readdir(dir))) {
            size_t n = strlen(e->d_name);
            if (n > 5 && strcmp(e->d_name + n - 5, ".yaml") == 0 && e->d_name[0] != '.')
                ok = add_name(names, count, &cap, e->d_name, n - 5);
        }
        closedir(dir);
    }
    if (!ok) {
        yd_theme_names_free(*names, *count);
        *names = NULL;
        *count = 0;
        return yd_error_set(err, YD_ENOMEM, "out of memory");
    }
    qsort(*names, *count, sizeof **names, compare_names);
    return YD_OK;
}

void yd_theme_names_free(char **names, size_t count)
{
    for (size_t i = 0; i < count; i++)
        free(names[i]);
    free(names);
}
