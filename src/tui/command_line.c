/* The `:` command line: running a command, and Tab completion of command
 * names, document names, themes, settings and their values. `:set` works
 * through one table of the settings that can change while reading.
 *
 * Completion completes the longest common prefix of the candidates; when
 * that adds nothing (two or more candidates differ at once) the candidates
 * are listed above the prompt, over the status line, like vim's wildmenu. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <wchar.h>

#include "app.h"

/* Names a completion chooses from: the count, and the k-th. */
typedef struct names {
    size_t count;
    const char *(*at)(app *a, size_t k);
} names;

static const char *const commands[] = {"doc ", "theme ", "set ", "results", "notes", "messages", "help", "q"};
static const char *command_at(app *a, size_t k) { (void)a; return commands[k]; }
static const char *doc_name_at(app *a, size_t k) { return app_base_name(app_doc(a, k)->path); }
static const char *theme_name_at(app *a, size_t k) { return a->theme_names[k]; }
static const char *script_name_at(app *a, size_t k)
{
    (void)a;
    return yd_script_name((yd_script_display)k);
}
static const char *const switches[] = {"on", "off"};
static const char *switch_at(app *a, size_t k) { (void)a; return switches[k]; }
static const char *const ambiwidths[] = {"1", "2", "auto"};
static const char *ambiwidth_at(app *a, size_t k) { (void)a; return ambiwidths[k]; }

/* The settings of :set. */
typedef struct setting {
    const char *name;
    const char *values;                               /* for messages: what it takes */
    int (*set)(app *a, const char *value);            /* 0, or -1 when the value is wrong */
    void (*show)(app *a, char *buf, size_t size);     /* the value now */
    names completion;                                 /* of its values; count 0: none */
} setting;

/* on/off and the other spellings config.yaml takes; -1: neither. */
static int switch_value(const char *v)
{
    static const char *const on[] = {"on", "true", "yes", "1"}, *const off[] = {"off", "false", "no", "0"};
    for (size_t k = 0; k < 4; k++) {
        if (strcasecmp(v, on[k]) == 0)
            return 1;
        if (strcasecmp(v, off[k]) == 0)
            return 0;
    }
    return -1;
}

/* A whole number from lo to hi; -1 when v is not one. */
static long number_value(const char *v, long lo, long hi)
{
    char *end;
    long n = strtol(v, &end, 10);
    return *v && *end == 0 && n >= lo && n <= hi ? n : -1;
}

static int set_script_value(app *a, const char *v)
{
    int to = yd_script_from_name(v);
    return to < 0 ? -1 : app_set_script(a, (yd_script_display)to) == 0 ? 0 : 1;
}
static void show_script(app *a, char *buf, size_t size) { snprintf(buf, size, "%s", yd_script_name(a->script)); }

static int set_indent(app *a, const char *v)
{
    long n = number_value(v, 0, YD_CONFIG_INDENT_MAX);
    if (n < 0)
        return -1;
    a->text.indent = (int)n;
    app_text_changed(a);
    return 0;
}
static void show_indent(app *a, char *buf, size_t size) { snprintf(buf, size, "%d", a->text.indent); }

static int set_blank_line(app *a, const char *v)
{
    int on = switch_value(v);
    if (on < 0)
        return -1;
    a->text.blank_line = on;
    app_text_changed(a);
    return 0;
}
static void show_blank_line(app *a, char *buf, size_t size) { snprintf(buf, size, "%s", a->text.blank_line ? "on" : "off"); }

static int set_max_width(app *a, const char *v)
{
    long n = strcasecmp(v, "none") == 0 ? 0 : number_value(v, YD_CONFIG_MAX_WIDTH_MIN, YD_CONFIG_MAX_WIDTH_MAX);
    if (n < 0)
        return -1;
    a->text.max_width = (int)n;
    app_text_changed(a);
    return 0;
}
static void show_max_width(app *a, char *buf, size_t size)
{
    if (a->text.max_width)
        snprintf(buf, size, "%d", a->text.max_width);
    else
        snprintf(buf, size, "none");
}

static const char *const heading_indents[] = {"auto", "flush", "body"}; /* yd_heading_indent's order */
static const char *heading_indent_at(app *a, size_t k) { (void)a; return heading_indents[k]; }

static int set_heading_indent(app *a, const char *v)
{
    for (int k = 0; k < 3; k++)
        if (strcasecmp(v, heading_indents[k]) == 0) {
            a->text.heading_indent = k;
            app_text_changed(a);
            return 0;
        }
    return -1;
}
static void show_heading_indent(app *a, char *buf, size_t size)
{
    snprintf(buf, size, "%s", heading_indents[a->text.heading_indent % 3]);
}

static int set_ambiwidth(app *a, const char *v)
{
    int w = strcasecmp(v, "auto") == 0 ? 0 : (int)number_value(v, 1, 2);
    if (w < 0)
        return -1;
    app_set_ambiwidth(a, w);
    return 0;
}
static void show_ambiwidth(app *a, char *buf, size_t size)
{
    if (a->ambiwidth_setting)
        snprintf(buf, size, "%d", a->ambiwidth_setting);
    else
        snprintf(buf, size, _("auto (%d now)"), yd_width_ambiwidth(a->widths));
}

static int set_mouse_value(app *a, const char *v)
{
    int on = switch_value(v);
    if (on < 0)
        return -1;
    app_set_mouse(a, on);
    return 0;
}
static void show_mouse(app *a, char *buf, size_t size) { snprintf(buf, size, "%s", a->mouse_on ? "on" : "off"); }

static int set_lengths(app *a, const char *v)
{
    int on = switch_value(v);
    if (on < 0)
        return -1;
    a->outline.show_lengths = on;
    return 0;
}
static void show_lengths(app *a, char *buf, size_t size)
{
    snprintf(buf, size, "%s", a->outline.show_lengths ? "on" : "off");
}

static const char *markup_at(app *a, size_t k) { (void)a; return k ? "rendered" : "raw"; }

static int set_markup(app *a, const char *v)
{
    int raw = strcasecmp(v, "raw") == 0 ? 1 : strcasecmp(v, "rendered") == 0 ? 0 : -1;
    if (raw < 0)
        return -1;
    a->markup_request = raw ? 1 : 2; /* the main loop reads them again, after this key */
    return 0;
}
static void show_markup(app *a, char *buf, size_t size)
{
    int raw = a->markup_request ? a->markup_request == 1 : a->load->markup_raw;
    snprintf(buf, size, "%s", raw ? "raw" : "rendered");
}

static int set_purify(app *a, const char *v)
{
    int on = switch_value(v);
    if (on < 0)
        return -1;
    a->purify = on;
    app_text_changed(a); /* layouts again, with or without the furniture */
    for (size_t k = 0; k < yd_loader_ready(a->loader); k++)
        search_document_changed(a, k); /* hits in what is shown */
    return 0;
}
static void show_purify(app *a, char *buf, size_t size) { snprintf(buf, size, "%s", a->purify ? "on" : "off"); }

static const setting settings[] = {
    {"ambiwidth", N_("1, 2 or auto"), set_ambiwidth, show_ambiwidth, {3, ambiwidth_at}},
    {"blank-line", N_("on or off"), set_blank_line, show_blank_line, {2, switch_at}},
    {"heading-indent", N_("auto, flush or body"), set_heading_indent, show_heading_indent, {3, heading_indent_at}},
    {"indent", N_("a number of cells from 0 to 16"), set_indent, show_indent, {0, NULL}},
    {"lengths", N_("on or off"), set_lengths, show_lengths, {2, switch_at}},
    {"markup", N_("raw or rendered"), set_markup, show_markup, {2, markup_at}},
    {"max-width", N_("none or a number of cells from 20 to 1000"), set_max_width, show_max_width, {0, NULL}},
    {"mouse", N_("on or off"), set_mouse_value, show_mouse, {2, switch_at}},
    {"purify", N_("on or off"), set_purify, show_purify, {2, switch_at}},
    {"script", N_("original, simplified or traditional"), set_script_value, show_script, {3, script_name_at}},
};
enum { SETTINGS = sizeof settings / sizeof settings[0] };

static const char *setting_at(app *a, size_t k) { (void)a; return settings[k].name; }

static const setting *find_setting(const char *name, size_t len)
{
    for (size_t k = 0; k < SETTINGS; k++)
        if (strlen(settings[k].name) == len && strncmp(settings[k].name, name, len) == 0)
            return &settings[k];
    return NULL;
}

/* :set, :set NAME, :set NAME?, :set NAME VALUE, :set NAME=VALUE. */
static void set_command(app *a, const char *what)
{
    char value[64], all[MESSAGE_MAX] = "";
    if (!*what) { /* every setting and its value */
        size_t used = 0;
        for (size_t k = 0; k < SETTINGS && used < sizeof all; k++) {
            settings[k].show(a, value, sizeof value);
            int n = snprintf(all + used, sizeof all - used, "%s%s=%s", k ? "  " : "", settings[k].name, value);
            used += n > 0 ? (size_t)n : 0;
        }
        app_say(a, MSG_INFO, "%s", all);
        return;
    }
    size_t len = strcspn(what, " =?");
    const setting *s = find_setting(what, len);
    if (!s) {
        app_say(a, MSG_ERROR, "unknown setting: %.*s (Tab after :set lists them)", (int)(len < 40 ? len : 40), what);
        return;
    }
    const char *v = what + len;
    while (*v == ' ' || *v == '=')
        v++;
    if (!*v || strcmp(v, "?") == 0 || what[len] == '?') {
        s->show(a, value, sizeof value);
        app_say(a, MSG_INFO, "%s=%s", s->name, value);
        return;
    }
    int r = s->set(a, v);
    if (r < 0) {
        app_say(a, MSG_ERROR, "%s: '%.40s' is not %s", s->name, v, _(s->values));
    } else if (r == 0) {
        s->show(a, value, sizeof value);
        app_say(a, MSG_INFO, "%s=%s", s->name, value);
    } /* r > 0: the setter said why it could not */
}

/* The names :theme completes: user and bundled themes, read once. */
static void load_theme_names(app *a)
{
    if (a->theme_names)
        return;
    char user[4096];
    int have_user = yd_config_themes_dir(user, sizeof user) == 0;
    if (yd_theme_names(have_user ? user : NULL, a->settings->themes_dir, &a->theme_names, &a->theme_name_count,
                       NULL) != YD_OK) {
        a->theme_names = NULL;
        a->theme_name_count = 0;
    }
}

/* The longest common prefix of the names that start with what follows
 * prefix_len characters of text; when it adds nothing and several names
 * match, they are listed instead. Returns 1 when text changed. */
static int complete_from(app *a, wchar_t *text, size_t prefix_len, names list)
{
    char typed[PROMPT_MAX * 4];
    if (wcstombs(typed, text + prefix_len, sizeof typed) == (size_t)-1)
        return 0;
    size_t tlen = strlen(typed), found = 0, listed = 0;
    char common[PROMPT_MAX * 4] = "";
    a->completions[0] = 0;
    for (size_t k = 0; k < list.count; k++) {
        const char *name = list.at(a, k);
        if (strncmp(name, typed, tlen) != 0)
            continue;
        if (!found++) {
            snprintf(common, sizeof common, "%s", name);
        } else {
            size_t n = 0;
            while (common[n] && common[n] == name[n])
                n++;
            common[n] = 0;
        }
        if (listed + strlen(name) + 3 < sizeof a->completions) {
            int n = snprintf(a->completions + listed, sizeof a->completions - listed, "%s%s", listed ? "  " : "", name);
            listed += n > 0 ? (size_t)n : 0;
        }
    }
    if (found < 2 || strlen(common) > tlen)
        a->completions[0] = 0; /* one candidate, or progress: no list */
    if (!found) { /* Tab that does nothing must say why */
        if (tlen)
            snprintf(a->completions, sizeof a->completions, _("no name starts with %s"), typed);
        else
            snprintf(a->completions, sizeof a->completions, "%s", _("nothing to complete"));
    }
    if (!found || strlen(common) <= tlen)
        return 0;
    mbstate_t st;
    memset(&st, 0, sizeof st);
    wchar_t wide[PROMPT_MAX];
    const char *src = common;
    size_t n = mbsrtowcs(wide, &src, PROMPT_MAX - 1 - prefix_len, &st);
    if (n == (size_t)-1) /* the common prefix ends inside a character */
        return 0;
    wide[n] = 0;
    text[prefix_len] = 0;
    wcsncat(text, wide, PROMPT_MAX - 1 - prefix_len);
    return 1;
}

int command_complete(void *context, wchar_t *text)
{
    app *a = context;
    a->completions[0] = 0;
    if (wcsncmp(text, L"theme ", 6) == 0) {
        load_theme_names(a);
        return a->theme_names && complete_from(a, text, 6, (names){a->theme_name_count, theme_name_at});
    }
    if (wcsncmp(text, L"doc ", 4) == 0)
        return complete_from(a, text, 4, (names){yd_loader_ready(a->loader), doc_name_at});
    if (wcsncmp(text, L"set ", 4) == 0) {
        const wchar_t *space = wcschr(text + 4, L' ');
        if (!space) { /* the setting's name, and a space after a whole one */
            int changed = complete_from(a, text, 4, (names){SETTINGS, setting_at});
            char name[64];
            if (wcstombs(name, text + 4, sizeof name) < sizeof name && find_setting(name, strlen(name)) &&
                wcslen(text) + 1 < PROMPT_MAX) {
                wcscat(text, L" ");
                changed = 1;
            }
            return changed;
        }
        char name[64];
        size_t len = (size_t)(space - (text + 4));
        if (len >= sizeof name || wcstombs(name, text + 4, sizeof name) == (size_t)-1)
            return 0;
        name[len] = 0;
        const setting *s = find_setting(name, len);
        if (!s || !s->completion.count) {
            if (s) /* a number: say what it takes */
                snprintf(a->completions, sizeof a->completions, "%s: %s", s->name, _(s->values));
            return 0;
        }
        return complete_from(a, text, (size_t)(space - text) + 1, s->completion);
    }
    if (!wcschr(text, L' ')) /* the command's name */
        return complete_from(a, text, 0, (names){sizeof commands / sizeof commands[0], command_at});
    return 0;
}

/* :theme NAME: load it (user themes first, then the bundled ones) and
 * redraw with it. A theme that cannot be found changes nothing. */
static void switch_theme(app *a, const char *name)
{
    if (!*name) {
        app_say(a, 0, "theme %s (Tab after :theme lists them)", a->theme->name ? a->theme->name : "?");
        return;
    }
    yd_theme t;
    yd_problems problems;
    yd_problems_init(&problems);
    yd_error err = {0};
    if (yd_theme_load(&t, name, a->settings->themes_dir, NULL, &problems, &err) != YD_OK) {
        yd_theme_free(&t);
        yd_problems_free(&problems);
        app_say(a, 1, "theme %s: %s", name, err.message);
        return;
    }
    /* Not found: yd_theme_load fell back on a built-in theme of another name. */
    if (!t.path && (!t.name || strcmp(t.name, name) != 0)) {
        yd_theme_free(&t);
        yd_problems_free(&problems);
        app_say(a, 1, "no theme '%s' (Tab lists the themes)", name);
        return;
    }
    if (a->own_theme_set)
        yd_theme_free(&a->own_theme);
    a->own_theme = t;
    a->own_theme_set = 1;
    a->theme = &a->own_theme;
    app_init_styles(a);
    clearok(curscr, TRUE);
    if (yd_problems_total(&problems) > 0) {
        char buf[200];
        app_say(a, 1, "%s%s", yd_problem_format(&problems.items[0], buf, sizeof buf),
                yd_problems_total(&problems) > 1 ? _(" (and more: yuedu --check-config --theme NAME)") : "");
    } else if (a->settings->no_color) {
        app_say(a, 0, "theme %s (attributes only: NO_COLOR or --no-color)", a->own_theme.name);
    } else {
        app_say(a, 0, "theme %s", a->own_theme.name);
    }
    yd_problems_free(&problems);
}

/* :doc NAME: a file name that starts with NAME, else one that holds it,
 * else a title or file name that holds it folded as search folds (机制
 * finds 機制, ＡＢＣ abc); the first in corpus order. SIZE_MAX: none. */
static size_t find_document(app *a, const char *name)
{
    size_t ready = yd_loader_ready(a->loader), len = strlen(name);
    for (int pass = 0; pass < 2; pass++)
        for (size_t k = 0; k < ready; k++) {
            const char *base = app_base_name(app_doc(a, k)->path);
            if (pass == 0 ? strncmp(base, name, len) == 0 : strstr(base, name) != NULL)
                return k;
        }
    wchar_t typed[PROMPT_MAX], title[300];
    mbstate_t st;
    memset(&st, 0, sizeof st);
    const char *src = name;
    size_t n = mbsrtowcs(typed, &src, PROMPT_MAX - 1, &st);
    if (n == (size_t)-1 || n == 0)
        return SIZE_MAX;
    typed[n] = 0;
    for (size_t k = 0; k < ready; k++) {
        outline_entry_title(a, (outline_entry){(uint32_t)k, -1}, title, 300);
        if (title_contains(a, title, typed))
            return k;
        app_safe_mbs(a, title, 0, 300, app_base_name(app_doc(a, k)->path));
        if (title_contains(a, title, typed))
            return k;
    }
    return SIZE_MAX;
}

void command_run(app *a, const char *cmd)
{
    while (*cmd == ' ')
        cmd++;
    char *end;
    if (*cmd >= '0' && *cmd <= '9') {
        long n = strtol(cmd, &end, 10);
        if (*end == '%' && end[1] == 0) {
            const yd_document *d = app_doc(a, a->doc);
            if (n > 100)
                n = 100;
            app_jump(a, a->doc, (int32_t)((long long)d->length * n / 100));
            return;
        }
        if (*end == 0) {
            app_go_to_line(a, n);
            return;
        }
    } else if (strncmp(cmd, "doc ", 4) == 0 || strcmp(cmd, "doc") == 0) {
        const char *name = cmd + 3;
        while (*name == ' ')
            name++;
        if (!*name) { /* every name starts with nothing: it would open the first document */
            app_say(a, MSG_ERROR, "which document? (:doc NAME)");
            return;
        }
        size_t k = find_document(a, name);
        if (k == SIZE_MAX)
            app_say(a, MSG_ERROR, "no document matches: %s", name);
        else
            app_open(a, k);
        return;
    } else if (strncmp(cmd, "theme ", 6) == 0 || strcmp(cmd, "theme") == 0) {
        const char *name = cmd + 5;
        while (*name == ' ')
            name++;
        switch_theme(a, name);
        return;
    } else if (strncmp(cmd, "set ", 4) == 0 || strcmp(cmd, "set") == 0) {
        const char *what = cmd + 3;
        while (*what == ' ')
            what++;
        set_command(a, what);
        return;
    } else if (strcmp(cmd, "q") == 0 || strcmp(cmd, "quit") == 0) {
        a->quit = 1;
        return;
    } else if (strcmp(cmd, "results") == 0) {
        results_list_open(a);
        return;
    } else if (strcmp(cmd, "notes") == 0) {
        notes_list_open(a);
        return;
    } else if (strcmp(cmd, "help") == 0) {
        pager_open(a, PAGER_KEYS);
        return;
    } else if (strcmp(cmd, "messages") == 0 || strcmp(cmd, "mes") == 0) {
        pager_open(a, PAGER_MESSAGES);
        return;
    } else if (*cmd == 0) {
        return;
    }
    if (refs_jump_command(a, cmd))
        return;
    app_say(a, 1, "unknown command: %s (try :help)", cmd);
}

/* The `:` prompt accepted: run what was typed. */
static void command_prompt_done(app *a, prompt_result r)
{
    if (r != PROMPT_ACCEPT)
        return;
    char cmd[PROMPT_MAX * 4];
    prompt_text_utf8(&a->prompt, cmd, sizeof cmd);
    /* Spaces after a command are not part of it (a name completed by Tab,
     * a pasted line): `:q `, `:doc NAME ` and `:set indent 4 ` work. */
    size_t n = strlen(cmd);
    while (n > 0 && (cmd[n - 1] == ' ' || cmd[n - 1] == '\t'))
        cmd[--n] = 0;
    command_run(a, cmd);
}

const pane_ops command_line_owner = {.name = "command line", .prompt_done = command_prompt_done};
