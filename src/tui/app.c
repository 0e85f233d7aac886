/* The reader's event loop: keys and mouse to actions, the screen drawn from
 * the panes' state, signals, and documents arriving from the background
 * loader.
 *
 * Screen: outline pane, divider and text pane on rows 0..LINES-3, the
 * status line on LINES-2, the prompt and message line on LINES-1. */
#include <curses.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unicode/utf16.h>
#include <unistd.h>
#include <wchar.h>

#include "../cli/term_width.h"
#include "app.h"
#include "term_setup.h"
#include "test_sync.h"
#include "tui.h"

enum { OUTLINE_DEFAULT = 30, OUTLINE_MIN = 10, TEXT_MIN = 20 };

static volatile sig_atomic_t quit_signal;

static void on_quit_signal(int sig) { quit_signal = sig; }


long app_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void app_say(app *a, int error, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(a->message, sizeof a->message, fmt, ap);
    va_end(ap);
    a->message_is_error = error;
}

wchar_t app_safe_char(app *a, UChar32 c) { return (wchar_t)yd_width_safe_char(a->widths, c, NULL); }

size_t app_safe_utf16(app *a, wchar_t *out, size_t at, size_t cap, const UChar *text, int32_t n)
{
    for (int32_t i = 0; i < n && at + 1 < cap;) {
        UChar32 c;
        U16_NEXT(text, i, n, c);
        wchar_t w = app_safe_char(a, c);
        if (w)
            out[at++] = w;
    }
    out[at] = 0;
    return at;
}

size_t app_safe_mbs(app *a, wchar_t *out, size_t at, size_t cap, const char *s)
{
    mbstate_t st;
    memset(&st, 0, sizeof st);
    while (*s && at + 1 < cap) {
        wchar_t w;
        size_t n = mbrtowc(&w, s, strlen(s), &st);
        if (n == (size_t)-1 || n == (size_t)-2) { /* not UTF-8: one '?' per byte */
            memset(&st, 0, sizeof st);
            out[at++] = L'?';
            s++;
            continue;
        }
        s += n;
        if ((w = app_safe_char(a, (UChar32)w)) != 0)
            out[at++] = w;
    }
    out[at] = 0;
    return at;
}

const yd_document *app_doc(app *a, size_t doc) { return yd_loader_document(a->loader, doc); }

/* Headings start flush left: the outline knows which lines they are. */
static int heading_indent(void *context, int32_t para)
{
    app *a = ((void **)context)[0];
    size_t doc = (size_t)((void **)context)[1];
    return text_heading_depth(a, doc, para) > 0 || a->outlines[doc].title_line == para ? 0 : -1;
}

yd_layout *app_layout(app *a, size_t doc)
{
    if (a->layouts[doc])
        return a->layouts[doc];
    const yd_document *d = app_doc(a, doc);
    if (!d)
        return NULL;
    yd_layout_options opt;
    yd_layout_options_default(&opt);
    opt.width = a->text_cols > 2 ? a->text_cols : 2;
    opt.indent = a->settings->config->text.indent;
    opt.blank_between = a->settings->config->text.blank_line;
    opt.max_text_width = a->settings->config->text.max_width;
    a->indent_contexts[2 * doc] = a;
    a->indent_contexts[2 * doc + 1] = (void *)doc;
    opt.paragraph_indent = heading_indent;
    opt.context = &a->indent_contexts[2 * doc];
    if (yd_layout_new(d, a->widths, &opt, &a->layouts[doc], NULL) != YD_OK) {
        a->failed = 1;
        return NULL;
    }
    a->layout_cols[doc] = opt.width;
    return a->layouts[doc];
}

/* Make doc's layout match the text pane's width. */
static void fit_layout(app *a, size_t doc)
{
    yd_layout *layout = app_layout(a, doc);
    int want = a->text_cols > 2 ? a->text_cols : 2;
    if (layout && a->layout_cols[doc] != want) {
        if (yd_layout_set_width(layout, want, NULL) != YD_OK)
            a->failed = 1;
        a->layout_cols[doc] = want;
    }
}

void app_geometry(app *a)
{
    a->rows = LINES - 2;
    int outline = a->outline_pref < COLS / 2 ? a->outline_pref : COLS / 2;
    a->outline_cols = outline;
    int fits = outline >= OUTLINE_MIN && COLS - outline - 1 >= TEXT_MIN;
    if (a->outline_shown && fits) {
        a->text_cols = COLS - outline - 1;
        a->divider_x = a->outline_right ? a->text_cols : outline;
        a->text_x = a->outline_right ? 0 : outline + 1;
    } else {
        a->text_cols = COLS;
        a->divider_x = -1;
        a->text_x = 0;
        a->focus_outline = 0;
    }
    if (a->gutter) { /* a column for bookmark marks, left of the text */
        a->text_x++;
        a->text_cols--;
    }
}

/* Geometry changed: same reading position at the new width. */
static void relayout(app *a)
{
    int32_t offset = text_offset(a);
    app_geometry(a);
    fit_layout(a, a->doc);
    text_show(a, a->doc, offset);
}

static yd_position here(app *a) { return (yd_position){a->doc, text_offset(a)}; }

void app_go(app *a, size_t doc, int32_t offset)
{
    if (!app_doc(a, doc))
        return;
    if (doc != a->doc && app_doc(a, a->doc))
        bookmarks_left(a, a->doc, text_offset(a)); /* remembered across sessions */
    a->doc = doc;
    fit_layout(a, doc);
    text_show(a, doc, offset);
}

/* Opening a document as a whole (J, K, :doc, its outline row): the first
 * time in this session it opens where it was last read. */
void app_open(app *a, size_t doc)
{
    int32_t offset = doc != a->doc ? bookmarks_restore(a, doc) : 0;
    app_jump(a, doc, offset);
    if (offset > 0)
        app_say(a, 0, "back where you stopped reading");
}

void app_jump(app *a, size_t doc, int32_t offset)
{

    yd_jump_history_push(&a->history, here(a));
    app_go(a, doc, offset);
}

static void go_to_line(app *a, long line)
{
    const yd_document *d = app_doc(a, a->doc);
    if (line < 1)
        line = 1;
    if (line > d->line_count)
        line = d->line_count;
    app_jump(a, a->doc, d->line_count ? d->line_starts[line - 1] : 0);
}

/* ] [ } {: the next or previous heading (items are not headings), of any
 * level or of the current section's level or higher, across documents. */
static void heading_jump(app *a, int forward, int same_level)
{
    int32_t offset = text_offset(a);
    const yd_outline *o = &a->outlines[a->doc];
    int32_t cur = outline_node_at_offset(a, a->doc, offset);
    while (cur >= 0 && o->nodes[cur].kind == YD_NODE_ITEM)
        cur = o->nodes[cur].parent;
    int level = same_level && cur >= 0 ? o->nodes[cur].depth : 1 << 20;
    size_t ready = yd_loader_ready(a->loader);
    for (size_t doc = a->doc; doc < ready; forward ? doc++ : doc--) {
        o = &a->outlines[doc];
        if (forward) {
            for (int32_t i = 0; i < o->count; i++) {
                const yd_outline_node *n = &o->nodes[i];
                if ((doc == a->doc && n->offset <= offset) || n->kind == YD_NODE_ITEM || n->depth > level)
                    continue;
                app_jump(a, doc, n->offset);
                return;
            }
        } else {
            for (int32_t i = o->count - 1; i >= 0; i--) {
                const yd_outline_node *n = &o->nodes[i];
                if ((doc == a->doc && n->offset >= offset) || n->kind == YD_NODE_ITEM || n->depth > level)
                    continue;
                app_jump(a, doc, n->offset);
                return;
            }
        }
        if (!forward && doc == 0)
            break;
    }
    app_say(a, 0, forward ? "no next heading" : "no previous heading");
}

const char *app_base_name(const char *path)
{
    const char *s = strrchr(path, '/');
    return s ? s + 1 : path;
}

/* The name of a file left out, for the message line: at most 14
 * characters (and …), so that the reason after it shows too. */
static const char *message_name(const char *path, char *buf, size_t size)
{
    const char *name = app_base_name(path);
    size_t chars = 0, k = 0;
    for (; name[k]; k++) {
        if (((unsigned char)name[k] & 0xC0) == 0x80)
            continue; /* inside a character */
        if (chars == 14)
            break; /* a 15th character starts here */
        chars++;
    }
    if (!name[k])
        return name;
    snprintf(buf, size, "%.*s\u2026", (int)k, name);
    return buf;
}

static const char *doc_name_at(app *a, size_t k) { return app_base_name(app_doc(a, k)->path); }
static const char *theme_name_at(app *a, size_t k) { return a->theme_names[k]; }
static const char *script_name_at(app *a, size_t k)
{
    (void)a;
    return yd_script_name((yd_script_display)k);
}

/* Tab completion of `COMMAND NAME` (command: "doc ", "theme ", "set
 * script "): the longest common prefix of the names starting with NAME. */
static int complete_names(app *a, wchar_t *text, const wchar_t *command, const char *(*name_at)(app *, size_t),
                          size_t count)
{
    size_t clen = wcslen(command);
    if (wcsncmp(text, command, clen) != 0)
        return 0;
    char prefix[PROMPT_MAX * 4];
    if (wcstombs(prefix, text + clen, sizeof prefix) == (size_t)-1)
        return 0;
    size_t plen = strlen(prefix);
    char common[PROMPT_MAX * 4] = "";
    int found = 0;
    for (size_t k = 0; k < count; k++) {
        const char *name = name_at(a, k);
        if (strncmp(name, prefix, plen) != 0)
            continue;
        if (!found++) {
            snprintf(common, sizeof common, "%s", name);
        } else {
            size_t n = 0;
            while (common[n] && common[n] == name[n])
                n++;
            common[n] = 0;
        }
    }
    if (!found || strlen(common) <= plen)
        return 0;
    mbstate_t st;
    memset(&st, 0, sizeof st);
    wchar_t wide[PROMPT_MAX];
    const char *src = common;
    size_t n = mbsrtowcs(wide, &src, PROMPT_MAX - 1 - clen, &st);
    if (n == (size_t)-1) /* the common prefix ends inside a character */
        return 0;
    wide[n] = 0;
    swprintf(text, PROMPT_MAX, L"%ls%ls", command, wide);
    return 1;
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

static int complete_command(void *context, wchar_t *text)
{
    app *a = context;
    if (wcsncmp(text, L"theme ", 6) == 0) {
        load_theme_names(a);
        return a->theme_names && complete_names(a, text, L"theme ", theme_name_at, a->theme_name_count);
    }
    if (wcsncmp(text, L"set script ", 11) == 0)
        return complete_names(a, text, L"set script ", script_name_at, 3);
    return complete_names(a, text, L"doc ", doc_name_at, yd_loader_ready(a->loader));
}

static void init_styles(app *a);

/* :theme NAME: load it (user themes first, then the bundled ones) and
 * redraw with it. A theme that cannot be found changes nothing. */
static void switch_theme(app *a, const char *name)
{
    if (!*name) {
        app_say(a, 0, "theme %s (Tab after :theme lists the others)", a->theme->name ? a->theme->name : "?");
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
    init_styles(a);
    clearok(curscr, TRUE);
    if (yd_problems_total(&problems) > 0) {
        char buf[200];
        app_say(a, 1, "%s%s", yd_problem_format(&problems.items[0], buf, sizeof buf),
                yd_problems_total(&problems) > 1 ? " (and more: yuedu --check-config --theme NAME)" : "");
    } else if (a->settings->no_color) {
        app_say(a, 0, "theme %s (attributes only: NO_COLOR or --no-color)", a->own_theme.name);
    } else {
        app_say(a, 0, "theme %s", a->own_theme.name);
    }
    yd_problems_free(&problems);
}

/* Script display: every visible character is redrawn through it. */
static int set_script(app *a, yd_script_display to)
{
    yd_error err = {0};
    if (yd_script_prepare(to, &err) != YD_OK) {
        app_say(a, 1, "script display: %s", err.message);
        return -1;
    }
    a->script = to;
    a->outline.dirty = 1; /* the filter matches the titles as shown */
    return 0;
}

static void set_command(app *a, const char *what)
{
    if (strncmp(what, "script", 6) == 0 && (what[6] == ' ' || what[6] == 0)) {
        const char *value = what + 6;
        while (*value == ' ')
            value++;
        if (!*value) {
            app_say(a, 0, "script %s", yd_script_name(a->script));
            return;
        }
        int to = yd_script_from_name(value);
        if (to < 0) {
            app_say(a, 1, "script: '%s' is not one of original, simplified or traditional", value);
            return;
        }
        if (set_script(a, (yd_script_display)to) == 0)
            app_say(a, 0, "script %s", value);
        return;
    }
    app_say(a, 1, "unknown setting: %s (script)", what);
}

static void run_command(app *a, const char *cmd)
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
            go_to_line(a, n);
            return;
        }
    } else if (strncmp(cmd, "doc ", 4) == 0 || strcmp(cmd, "doc") == 0) {
        const char *name = cmd + (cmd[3] ? 4 : 3);
        size_t ready = yd_loader_ready(a->loader), len = strlen(name);
        for (int pass = 0; pass < 2; pass++) /* a prefix first, then anywhere */
            for (size_t k = 0; k < ready; k++) {
                const char *base = app_base_name(app_doc(a, k)->path);
                if (pass == 0 ? strncmp(base, name, len) == 0 : strstr(base, name) != NULL) {
                    app_open(a, k);
                    return;
                }
            }
        app_say(a, 1, "no document matches: %s", name);
        return;
    } else if (strncmp(cmd, "theme ", 6) == 0 || strcmp(cmd, "theme") == 0) {
        const char *name = cmd + 5;
        while (*name == ' ')
            name++;
        switch_theme(a, name);
        return;
    } else if (strncmp(cmd, "set ", 4) == 0) {
        const char *what = cmd + 4;
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
    } else if (strcmp(cmd, "help") == 0) {
        a->help_open = 1;
        a->help_top = 0;
        return;
    } else if (*cmd == 0) {
        return;
    }
    app_say(a, 1, "unknown command: %s (try :help)", cmd);
}

static void suspend(void)
{
    endwin();
    /* Raw mode turned Ctrl-Z into a key: stop the whole job, as the
     * terminal would have (the shell waits on the job, not on us).
     * ncurses' own SIGTSTP handler restores the screen on fg. */
    kill(0, SIGTSTP);
    clearok(curscr, TRUE);
}

static void set_mouse(app *a, int on)
{
    a->mouse_on = on;
    mousemask(on ? ALL_MOUSE_EVENTS | REPORT_MOUSE_POSITION : 0, NULL);
    mouseinterval(0);
}

/* Actions that work whichever pane has focus. Returns 1 when handled. */
static int global_act(app *a, action what)
{
    yd_position to;
    size_t ready = yd_loader_ready(a->loader);
    switch (what) {
    case YD_ACT_NEXT_HEADING: heading_jump(a, 1, 0); break;
    case YD_ACT_PREV_HEADING: heading_jump(a, 0, 0); break;
    case YD_ACT_NEXT_SECTION: heading_jump(a, 1, 1); break;
    case YD_ACT_PREV_SECTION: heading_jump(a, 0, 1); break;
    case YD_ACT_NEXT_DOC:
        if (a->doc + 1 < ready)
            app_open(a, a->doc + 1);
        else
            app_say(a, 0, yd_loader_finished(a->loader) ? "last document" : "last document loaded so far");
        break;
    case YD_ACT_PREV_DOC:
        if (a->doc > 0)
            app_open(a, a->doc - 1);
        else
            app_say(a, 0, "first document");
        break;
    case YD_ACT_JUMP_BACK:
        if (yd_jump_history_back(&a->history, here(a), &to))
            app_go(a, to.doc, to.offset);
        else
            app_say(a, 0, "no older jump");
        break;
    case YD_ACT_JUMP_FORWARD:
        if (yd_jump_history_forward(&a->history, &to))
            app_go(a, to.doc, to.offset);
        else
            app_say(a, 0, "no newer jump");
        break;
    case YD_ACT_COMMAND: prompt_open(&a->prompt, L':'); break;
    case YD_ACT_SEARCH: search_begin(a); break;
    case YD_ACT_NEXT_HIT: search_step(a, 1); break;
    case YD_ACT_BOOKMARK_ADD: bookmarks_add_begin(a); break;
    case YD_ACT_BOOKMARK_LIST: bookmarks_list_open(a); break;
    case YD_ACT_PREV_HIT: search_step(a, 0); break;
    case YD_ACT_SEARCH_RESULTS: results_list_open(a); break;
    case YD_ACT_FOCUS:
        if (a->divider_x >= 0)
            a->focus_outline = !a->focus_outline;
        else
            app_say(a, 0, "the outline is hidden (o shows it)");
        break;
    case YD_ACT_TOGGLE_OUTLINE:
        a->outline_shown = !a->outline_shown;
        a->focus_outline = 0;
        relayout(a);
        break;
    case YD_ACT_OUTLINE_NARROWER:
    case YD_ACT_OUTLINE_WIDER:
        a->outline_pref = a->outline_cols + (what == YD_ACT_OUTLINE_WIDER ? 2 : -2);
        if (a->outline_pref < OUTLINE_MIN)
            a->outline_pref = OUTLINE_MIN;
        if (a->outline_pref > COLS - TEXT_MIN - 1)
            a->outline_pref = COLS - TEXT_MIN - 1;
        relayout(a);
        break;
    case YD_ACT_OUTLINE_SIDE:
        a->outline_right = !a->outline_right;
        relayout(a);
        break;
    case YD_ACT_TOGGLE_MOUSE:
        set_mouse(a, !a->mouse_on);
        app_say(a, 0, a->mouse_on ? "mouse on" : "mouse off: the terminal selects text");
        break;
    case YD_ACT_HELP:
        a->help_open = !a->help_open;
        a->help_top = 0;
        break;
    case YD_ACT_REDRAW: clearok(curscr, TRUE); break;
    case YD_ACT_SUSPEND: suspend(); break;
    case YD_ACT_QUIT: a->quit = 1; break;
    default: return 0;
    }
    return 1;
}

static void text_act(app *a, action what)
{
    int h = a->rows, page = h > 2 ? h - 1 : 1; /* a page keeps one line of context */
    switch (what) {
    case YD_ACT_LINE_DOWN: text_scroll(a, 1); break;
    case YD_ACT_LINE_UP: text_scroll(a, -1); break;
    case YD_ACT_PAGE_DOWN: text_scroll(a, page); break;
    case YD_ACT_PAGE_UP: text_scroll(a, -page); break;
    case YD_ACT_HALF_DOWN: text_scroll(a, h / 2); break;
    case YD_ACT_HALF_UP: text_scroll(a, -(h / 2)); break;
    case YD_ACT_TOP: app_jump(a, a->doc, 0); break;
    case YD_ACT_BOTTOM:
        yd_jump_history_push(&a->history, here(a));
        text_bottom(a);
        break;
    default: global_act(a, what); break;
    }
}

static void help_act(app *a, action what)
{
    size_t lines = keymap_help_line_count() + 2, h = (size_t)a->rows;
    size_t max = lines > h ? lines - h : 0;
    switch (what) {
    case YD_ACT_LINE_DOWN: if (a->help_top < max) a->help_top++; break;
    case YD_ACT_LINE_UP: if (a->help_top > 0) a->help_top--; break;
    case YD_ACT_PAGE_DOWN: case YD_ACT_HALF_DOWN: case YD_ACT_BOTTOM:
        a->help_top = what == YD_ACT_BOTTOM || a->help_top + h > max ? max : a->help_top + h;
        break;
    case YD_ACT_PAGE_UP: case YD_ACT_HALF_UP: case YD_ACT_TOP:
        a->help_top = what == YD_ACT_TOP || a->help_top < h ? 0 : a->help_top - h;
        break;
    case YD_ACT_HELP: a->help_open = 0; break;
    case YD_ACT_QUIT: a->quit = 1; break;
    default: break;
    }
}

static void draw_help(app *a)
{
    char buf[256];
    for (int r = 0; r < a->rows; r++) {
        size_t n = a->help_top + (size_t)r;
        const char *text = n == 0 ? "yuedu keys (j/k scroll, q closes)" : n == 1 ? "" : keymap_help_line(&a->keys, n - 2, buf, sizeof buf);
        if (!text)
            break;
        mvaddnstr(r, 1, text, COLS - 2);
    }
}

static void draw_divider(app *a)
{
    if (a->divider_x < 0)
        return;
    attron(app_style(a, YD_STYLE_DIVIDER));
    /* U+2502 is East Asian Ambiguous: two cells under ambiwidth 2. */
    cchar_t line;
    const wchar_t *glyph = yd_width_ambiwidth(a->widths) == 1 ? L"\u2502" : L"|";
    setcchar(&line, glyph, 0, 0, NULL);
    mvvline_set(0, a->divider_x, &line, a->rows);
    attroff(app_style(a, YD_STYLE_DIVIDER));
}

/* The message line: messages may quote file names, so they go through
 * the same filter as titles. */
static void put_message(app *a, int x, int width)
{
    wchar_t w[300];
    size_t n = app_safe_mbs(a, w, 0, 300, a->message);
    move(LINES - 1, x);
    int col = 0;
    for (size_t k = 0; k < n; k++) {
        int cw = wcwidth(w[k]);
        if (cw < 0 || col + cw > width)
            break;
        addnwstr(&w[k], 1);
        col += cw;
    }
}

/* Before the first document is ready: decode the first 64 KiB of it (cut
 * at a line end) and draw that, so the first screen does not wait for the
 * whole document to be decoded, indexed and outlined. Any failure simply
 * skips the preview; the real frame follows a few milliseconds later. */
static void draw_preview(app *a, const yd_load_options *load)
{
    size_t n;
    const char *const *paths = yd_loader_paths(a->loader, &n);
    if (n == 0 || COLS < MIN_COLS || LINES < MIN_LINES)
        return;
    FILE *f = fopen(paths[0], "rb");
    if (!f)
        return;
    enum { PREVIEW = 65536 };
    unsigned char *bytes = malloc(PREVIEW);
    size_t got = bytes ? fread(bytes, 1, PREVIEW, f) : 0;
    fclose(f);
    while (got == PREVIEW && got > 0 && bytes[got - 1] != '\n')
        got--; /* whole lines only: no character cut in half */
    yd_document doc;
    yd_layout *layout = NULL;
    yd_layout_options opt;
    yd_layout_options_default(&opt);
    app_geometry(a);
    opt.width = a->text_cols > 2 ? a->text_cols : 2;
    opt.indent = a->settings->config->text.indent;
    opt.blank_between = a->settings->config->text.blank_line;
    opt.max_text_width = a->settings->config->text.max_width;
    if (got > 0 && yd_document_from_bytes(&doc, paths[0], bytes, got, load, NULL) == YD_OK) {
        if (yd_layout_new(&doc, a->widths, &opt, &layout, NULL) == YD_OK) {
            erase();
            text_draw_preview(a, layout);
            draw_divider(a);
            attron(app_style(a, YD_STYLE_STATUS));
            mvhline(a->rows, 0, ' ', COLS);
            mvaddstr(a->rows, 1, "loading");
            attroff(app_style(a, YD_STYLE_STATUS));
            refresh();
            yd_layout_free(layout);
        }
        yd_document_free(&doc);
    }
    free(bytes);
}

static void draw(app *a)
{
    erase();
    if (COLS < MIN_COLS || LINES < MIN_LINES) {
        /* Short lines, so that the message fits even a tiny terminal. */
        static const char *const message[] = {"Terminal", "too small:", "need 20x6"};
        for (int y = 0; y < 3 && y < LINES; y++)
            mvaddnstr(y, 0, message[y], COLS);
        refresh();
        return;
    }
    int gutter = bookmarks_row_marked(a, a->doc, 0, INT32_MAX);
    if (a->rows != LINES - 2 || gutter != a->gutter ||
        (a->divider_x < 0 ? COLS : a->text_cols + a->gutter + a->outline_cols + 1) != COLS) {
        a->gutter = gutter;
        relayout(a);
    }
    if (!a->focus_outline)
        outline_follow(a);
    if (a->help_open) {
        draw_help(a);
    } else if (a->results_shown) {
        results_draw(a);
    } else if (a->list_open) {
        bookmarks_list_draw(a);
    } else {
        text_draw(a);
        if (a->divider_x >= 0) {
            outline_draw(a);
            draw_divider(a);
        }
    }
    status_draw(a);
    if (a->prompt.active || a->search.active) {
        curs_set(1);
        if (a->search.active && a->message[0]) {
            /* The count or a bad pattern at the right, the prompt at the left. */
            int len = (int)strlen(a->message), x = COLS - len - 1 > COLS / 2 ? COLS - len - 1 : COLS / 2;
            move(LINES - 1, 0);
            clrtoeol();
            put_message(a, x, COLS - x - 1);
            prompt_draw(&a->search, LINES - 1, x - 1);
        } else {
            prompt_draw(a->search.active ? &a->search : &a->prompt, LINES - 1, COLS);
        }
    } else {
        curs_set(0);
        if (a->message[0]) {
            attr_t at = a->message_is_error ? app_style(a, YD_STYLE_MESSAGE) : A_NORMAL;
            attron(at);
            put_message(a, 0, COLS - 1);
            attroff(at);
        }
    }
    refresh();
}

/* A path left out (by the walk or the loader), on the message line. */
static void tell_skipped(app *a, const char *path, const char *why)
{
    char name[128];
    app_say(a, 1, "%s: %s%s", message_name(path, name, sizeof name), why, a->skipped > 1 ? " (and others)" : "");
}

static void take_loader_messages(app *a)
{
    char path[4200], text[256]; /* any path the walk could stat */
    while (yd_loader_pop_message(a->loader, path, sizeof path, text, sizeof text)) {
        a->skipped++;
        tell_skipped(a, path, text);
    }
}

static void mouse_event(app *a)
{
    MEVENT ev;
    if (getmouse(&ev) != OK || a->help_open)
        return;
    if (a->results_shown) {
        results_mouse(a, &ev);
        return;
    }
    int in_outline = a->divider_x >= 0 && (a->outline_right ? ev.x > a->divider_x : ev.x < a->divider_x);
    if (ev.bstate & (BUTTON4_PRESSED | BUTTON5_PRESSED)) {
        int delta = ev.bstate & BUTTON4_PRESSED ? -3 : 3;
        if (in_outline) {
            long top = (long)a->outline.top + delta;
            long max = (long)a->outline.count - a->rows;
            a->outline.top = (size_t)(top < 0 || max < 0 ? 0 : top > max ? max : top);
        } else if (ev.y < a->rows) {
            text_scroll(a, delta);
        }
        return;
    }
    if (ev.bstate & BUTTON1_PRESSED) {
        if (ev.x == a->divider_x && ev.y < a->rows) {
            a->dragging = 1;
        } else if (in_outline && ev.y < a->rows) {
            a->focus_outline = 1;
            int x0 = a->outline_right ? a->divider_x + 1 : 0;
            outline_click(a, ev.y, ev.x - x0);
        } else if (ev.y < a->rows) {
            a->focus_outline = 0;
        }
    }
    if (a->dragging && (ev.bstate & (REPORT_MOUSE_POSITION | BUTTON1_RELEASED))) {
        int w = a->outline_right ? COLS - ev.x - 1 : ev.x;
        if (w >= OUTLINE_MIN && COLS - w - 1 >= TEXT_MIN && w != a->outline_cols) {
            a->outline_pref = w;
            relayout(a);
        }
    }
    if (ev.bstate & BUTTON1_RELEASED)
        a->dragging = 0;
}

static key read_key(void)
{
    wint_t c;
    int r = get_wch(&c);
    if (r == ERR)
        return (key){0, WEOF};
    return (key){r == KEY_CODE_YES, c};
}

/* An action, in the pane that has the keys. */
static void run_action(app *a, action what)
{
    if (a->help_open) {
        help_act(a, what);
    } else if (!a->focus_outline) {
        text_act(a, what);
    } else if (what == YD_ACT_FILTER) {
        a->filtering = 1;
        prompt_open(&a->prompt, L'/');
    } else if ((what >= YD_ACT_LINE_DOWN && what <= YD_ACT_BOTTOM) || (what >= YD_ACT_OPEN && what <= YD_ACT_LEVEL_9)) {
        outline_act(a, what);
    } else {
        global_act(a, what);
    }
}

static key_context key_pane(const app *a)
{
    return a->help_open ? CTX_HELP : a->focus_outline ? CTX_OUTLINE : CTX_TEXT;
}

static void cancel_keys(app *a)
{
    yd_key_input_cancel(&a->key_input);
    a->key_typed_count = 0;
    a->key_deadline_ms = 0;
}

const char *app_pending_keys(const app *a, char *buf, size_t size)
{
    if (!yd_key_input_pending(&a->key_input) || size == 0) {
        if (size)
            buf[0] = 0;
        return buf;
    }
    return yd_key_seq_format(&a->key_input.typed, buf, size);
}

static void handle_key(app *a, key k);

/* The keys typed so far against the key table of the pane that has them
 * (docs/READER.md, "Key sequences"): run what they complete, wait for the
 * rest of a sequence (at most key-timeout-ms when a shorter binding is
 * complete), drop what is bound to nothing. */
static void resolve_keys(app *a)
{
    yd_key_event ev;
    a->key_deadline_ms = 0;
    while (yd_key_input_next(&a->key_input, keymap_table(&a->keys, key_pane(a)), &ev)) {
        if (ev.kind == YD_KEYS_PENDING) {
            if (ev.timed)
                a->key_deadline_ms = app_now_ms() + a->settings->config->key_timeout_ms;
            continue;
        }
        if (ev.kind == YD_KEYS_DROPPED) {
            a->key_typed_count = 0;
            char name[64];
            if (ev.keys.length > 1)
                app_say(a, 0, "%s is not bound (? lists the keys)", yd_key_seq_format(&ev.keys, name, sizeof name));
            continue;
        }
        int used = ev.keys.length < a->key_typed_count ? ev.keys.length : a->key_typed_count;
        a->key_typed_count -= used;
        memmove(a->key_typed, a->key_typed + used, (size_t)a->key_typed_count * sizeof a->key_typed[0]);
        run_action(a, (action)ev.action);
        if (a->quit || a->search.active || a->prompt.active || a->list_open || a->results_shown) {
            /* The keys after it are for the prompt or list it opened. */
            key rest[YD_KEY_SEQ_MAX];
            int n = a->key_typed_count;
            memcpy(rest, a->key_typed, (size_t)n * sizeof rest[0]);
            cancel_keys(a);
            for (int i = 0; i < n && !a->quit; i++)
                handle_key(a, rest[i]);
            return;
        }
    }
}

/* Idle: the wait of a key bound alone that also starts a sequence is over,
 * so it runs. Returns 1 when it did. */
static int key_timeout_passed(app *a)
{
    if (!a->key_deadline_ms || app_now_ms() < a->key_deadline_ms)
        return 0;
    yd_key_input_expire(&a->key_input);
    resolve_keys(a);
    return 1;
}

static void handle_key(app *a, key k)
{
    if (a->search.active) {
        search_key(a, k);
        return;
    }
    if (a->prompt.active) {
        prompt_result r = prompt_key(&a->prompt, k);
        if (a->filtering) {
            outline_set_filter(a, r == PROMPT_CANCEL ? L"" : a->prompt.text);
            if (r == PROMPT_ACCEPT) {
                outline_act(a, YD_ACT_OPEN);
                outline_set_filter(a, L"");
            }
            if (r != PROMPT_EDITING)
                a->filtering = 0;
        } else if (a->prompt_mode == PM_RESULTS_FILTER) {
            results_filter_edit(a, r);
        } else if (a->prompt_mode != PM_COMMAND) {
            if (r != PROMPT_EDITING)
                bookmarks_prompt_done(a, r == PROMPT_ACCEPT);
        } else if (r == PROMPT_ACCEPT) {
            char cmd[PROMPT_MAX * 4];
            prompt_text_utf8(&a->prompt, cmd, sizeof cmd);
            run_command(a, cmd);
        }
        return;
    }
    if (a->list_open) {
        a->message[0] = 0;
        bookmarks_list_key(a, k);
        return;
    }
    a->message[0] = 0;
    if (!k.is_key && k.code == 0x1B && yd_key_input_pending(&a->key_input)) {
        cancel_keys(a); /* Esc: forget the sequence begun */
        return;
    }
    if (a->results_shown && !a->help_open) { /* the help opened from the list has the keys */
        results_key(a, k);
        return;
    }
    if (a->key_typed_count == YD_KEY_SEQ_MAX) /* as yd_key_input_feed does */
        a->key_typed_count = 0;
    a->key_typed[a->key_typed_count++] = k;
    yd_key_input_feed(&a->key_input, keymap_key(k));
    resolve_keys(a);
}

static void install_signals(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_quit_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
}

static int curses_color(yd_color c)
{
    if (c.kind == YD_COLOR_INDEX && (int)c.value < COLORS)
        return (int)c.value;
    return -1; /* the terminal's own colour */
}

/* The theme's styles as curses attributes: pair k+1 for style k. The
 * palette depth follows the terminfo entry: 8 or 256 colours, or 24-bit
 * when it has direct colour (xterm-direct, tmux-direct: COLORS is 2^24 and
 * a colour number is 0xRRGGBB, given through init_extended_pair).
 * COLORTERM alone never turns 24-bit on: the entry says how to ask for it
 * (docs/CONFIG.md, "Truecolour"). */
static void init_styles(app *a)
{
    const tui_settings *ts = a->settings;
    int color = has_colors() && !ts->no_color;
    if (color && !a->colors_started) { /* COLORS is known only after start_color */
        start_color();
        use_default_colors();
        a->colors_started = 1;
    }
    yd_color_depth depth = color ? yd_color_depth_detect(COLORS, false) : YD_DEPTH_MONO;
    for (int k = 0; k < YD_STYLE_COUNT; k++) {
        yd_resolved_style r;
        yd_theme_resolve(a->theme, (yd_style)k, depth, &r);
        attr_t at = A_NORMAL;
        if (r.attrs & YD_ATTR_BOLD) at |= A_BOLD;
        if (r.attrs & YD_ATTR_DIM) at |= A_DIM;
        if (r.attrs & YD_ATTR_UNDERLINE) at |= A_UNDERLINE;
        if (r.attrs & YD_ATTR_REVERSE) at |= A_REVERSE;
        if (r.attrs & YD_ATTR_ITALIC) at |= A_ITALIC;
        int fg, bg;
        if (depth == YD_DEPTH_TRUE) {
            fg = yd_color_direct_value(r.fg);
            bg = yd_color_direct_value(r.bg);
        } else {
            fg = curses_color(r.fg);
            bg = curses_color(r.bg);
        }
        if (color && depth != YD_DEPTH_MONO && (fg >= 0 || bg >= 0) && init_extended_pair(k + 1, fg, bg) == OK)
            at |= COLOR_PAIR(k + 1);
        else if (color && depth != YD_DEPTH_MONO) /* after :theme, a pair no style uses any more */
            init_extended_pair(k + 1, -1, -1);
        a->styles[k] = at;
    }
}

/* A terminal without colours (vt100, xterm-mono) would drop every colour
 * of a colour theme, and with them the search hits and the divider: it
 * gets the mono theme (the user's, else the bundled one), as NO_COLOR does. */
static void colourless_terminal(app *a)
{
    if (has_colors() || a->settings->no_color || (a->theme->name && strcmp(a->theme->name, "mono") == 0))
        return;
    yd_theme t;
    yd_problems problems;
    yd_problems_init(&problems);
    if (yd_theme_load(&t, "mono", a->settings->themes_dir, NULL, &problems, NULL) == YD_OK) {
        a->own_theme = t;
        a->own_theme_set = 1;
        a->theme = &a->own_theme;
    } else {
        yd_theme_free(&t);
    }
    yd_problems_free(&problems);
}

/* Loader thread: each document's outline, before the document shows. */
static void build_outline(yd_document *doc, size_t index, void *context)
{
    app *a = context;
    if (yd_outline_build(&a->outlines[index], doc, NULL) != YD_OK)
        memset(&a->outlines[index], 0, sizeof a->outlines[index]); /* no outline, still readable */
}

static app *app_new(size_t capacity, const tui_settings *settings)
{
    app *a = calloc(1, sizeof *a);
    if (!a)
        return NULL;
    a->capacity = capacity;
    size_t n = capacity ? capacity : 1;
    a->outlines = calloc(n, sizeof *a->outlines);
    a->layouts = calloc(n, sizeof *a->layouts);
    a->cells = calloc(MAX_CELLS, sizeof *a->cells);
    a->layout_cols = calloc(n, sizeof *a->layout_cols);
    a->indent_contexts = calloc(2 * n, sizeof *a->indent_contexts);
    a->settings = settings;
    a->outline_pref = settings->config->outline.width ? settings->config->outline.width : OUTLINE_DEFAULT;
    a->outline_right = settings->config->outline.right;
    if (!a->outlines || !a->layouts || !a->cells || !a->layout_cols || !a->indent_contexts ||
        yd_width_table_new(settings->ambiwidth ? settings->ambiwidth
                           : settings->config->ambiwidth ? settings->config->ambiwidth : 1, /* auto: 1 until asked */
                           &a->widths, NULL) != YD_OK)
        return a; /* app_free cleans up; the caller checks the fields */
    a->outline_shown = !settings->config->outline.hidden;
    a->hit_index = -1;
    a->prompt.complete = complete_command;
    a->theme = settings->theme;
    if (settings->config->text.script != YD_SCRIPT_ORIGINAL)
        set_script(a, settings->config->text.script); /* on failure: a message, the original script */
    a->prompt.context = a;
    outline_init(&a->outline);
    yd_jump_history_init(&a->history);
    return a;
}

/* Layouts borrow the loader's documents: free them first. */
static void app_free_layouts(app *a)
{
    for (size_t k = 0; a && a->layouts && k < a->capacity; k++) {
        yd_layout_free(a->layouts[k]);
        a->layouts[k] = NULL;
    }
}

static void app_free(app *a)
{
    if (!a)
        return;
    app_free_layouts(a);
    results_free(a); /* it borrows the hits */
    search_free(a);
    outline_free(&a->outline, a->capacity);
    for (size_t k = 0; a->outlines && k < a->capacity; k++)
        yd_outline_free(&a->outlines[k]);
    free(a->outlines);
    free(a->layouts);
    free(a->cells);
    free(a->layout_cols);
    free(a->indent_contexts);
    keymap_free(&a->keys);
    if (a->own_theme_set)
        yd_theme_free(&a->own_theme);
    yd_theme_names_free(a->theme_names, a->theme_name_count);
    term_width_use(NULL);
    yd_width_table_free(a->widths);
    free(a);
}

/* ambiwidth auto (SPEC §5): after the first frame, print an East Asian
 * Ambiguous character (…) at the start of the last row and ask where the
 * cursor went (ESC[6n); the reply, ESC[ROW;COLR, comes in with the keys.
 * Column 3: the terminal gave it two cells, so the width table is rebuilt
 * with ambiwidth 2 and every layout redone. The first frame never waits:
 * until an answer comes (or never does) ambiwidth is 1. The reply is
 * taken out of the key stream; keys that came meanwhile and are not part
 * of it are handled in order. The last row is used so that the reply is
 * never ESC[1;NR, which terminfo may know as a function key (xterm's
 * Shift-F3 is ESC[1;2R). */
enum { PROBE_OFF, PROBE_WAITING, PROBE_DONE, PROBE_GIVE_UP_MS = 3000 };

static void ambi_probe_send(app *a)
{
    if (a->settings->ambiwidth || a->settings->config->ambiwidth || a->probe_state != PROBE_OFF)
        return; /* ambiwidth given: nothing to ask */
    char q[64];
    /* Save the cursor (and attributes), print …, ask, restore: curses'
     * idea of the cursor stays right; the row is repainted. */
    int n = snprintf(q, sizeof q, "\0337\033[%d;1H\033[0m\u2026\033[6n\0338", LINES);
    fflush(stdout);
    if (n <= 0 || write(STDOUT_FILENO, q, (size_t)n) != n)
        return;
    wredrawln(stdscr, LINES - 1, 1);
    a->probe_state = PROBE_WAITING;
    a->probe_count = 0;
    a->probe_sent_ms = app_now_ms();
}

static void handle_key(app *a, key k);

/* The keys held back: not a reply after all. */
static void ambi_probe_release(app *a)
{
    int n = a->probe_count;
    a->probe_count = 0;
    for (int i = 0; i < n; i++)
        handle_key(a, a->probe_keys[i]);
}

static void ambi_apply(app *a, int ambiwidth)
{
    if (yd_width_ambiwidth(a->widths) == ambiwidth)
        return;
    yd_width_table *w;
    if (yd_width_table_new(ambiwidth, &w, NULL) != YD_OK)
        return; /* out of memory: keep what works */
    int32_t offset = text_offset(a);
    for (size_t k = 0; k < a->capacity; k++) { /* they hold the old table */
        yd_layout_free(a->layouts[k]);
        a->layouts[k] = NULL;
    }
    term_width_use(w);
    yd_width_table_free(a->widths);
    a->widths = w;
    app_geometry(a);
    fit_layout(a, a->doc);
    text_show(a, a->doc, offset);
    clearok(curscr, TRUE);
}

/* A key while the question is out: 1 when it was taken (part of the
 * reply, or held back until it is clear whether it is). */
static int ambi_probe_key(app *a, key k)
{
    if (a->probe_state != PROBE_WAITING)
        return 0;
    if (k.code == WEOF && !k.is_key) { /* idle: a reply comes in one piece */
        if (a->probe_count > 0)
            ambi_probe_release(a);
        if (app_now_ms() - a->probe_sent_ms > PROBE_GIVE_UP_MS)
            a->probe_state = PROBE_DONE; /* no answer: ambiwidth 1 */
        return 0;
    }
    /* ESC [ digits ; digits R */
    int fits = !k.is_key && a->probe_count < (int)(sizeof a->probe_keys / sizeof a->probe_keys[0]);
    if (fits) {
        int i = a->probe_count;
        wint_t c = k.code;
        if (i == 0)
            fits = c == 27;
        else if (i == 1)
            fits = c == '[';
        else
            fits = (c >= '0' && c <= '9') || c == ';' || c == 'R';
    }
    if (!fits) {
        ambi_probe_release(a);
        if (k.is_key || k.code != 27)
            return 0;
        fits = 1; /* an Esc key, then the reply: this ESC may start it */
    }
    a->probe_keys[a->probe_count++] = k;
    if (k.code != 'R')
        return 1;
    char reply[20];
    int n = 0;
    for (int i = 2; i < a->probe_count && n < (int)sizeof reply - 1; i++)
        reply[n++] = (char)a->probe_keys[i].code;
    reply[n] = 0;
    int row, col;
    char end;
    if (sscanf(reply, "%d;%d%c", &row, &col, &end) != 3 || end != 'R') {
        ambi_probe_release(a);
        return 1;
    }
    a->probe_count = 0;
    a->probe_state = PROBE_DONE;
    if (col == 3)
        ambi_apply(a, 2);
    return 1;
}

int tui_run(yd_path_list *files, const yd_load_options *load, const tui_settings *settings)
{
    char locale_note[160];
    if (!tui_term_usable() || tui_utf8_locale(locale_note, sizeof locale_note) != 0) {
        yd_path_list_free(files);
        return EXIT_FAILURE;
    }
    app *a = app_new(files->count, settings);
    if (a && a->widths)
        bookmarks_start(a, files);
    if (!a || !a->widths || a->failed || yd_loader_start(&a->loader, files, load, build_outline, a) != YD_OK) {
        yd_path_list_free(files);
        if (a)
            bookmarks_finish(a);
        app_free(a);
        fputs("yuedu: out of memory\n", stderr);
        return EXIT_FAILURE;
    }
    int code = EXIT_SUCCESS;
    a->load = load; /* files changed on disk are read again the same way */
    /* The terminal is set up while the first document loads. */
    SCREEN *screen = newterm(NULL, stdout, stdin);
    if (!screen) {
        tui_term_unknown();
        bookmarks_finish(a);
        yd_loader_free(a->loader);
        app_free(a);
        return EXIT_FAILURE;
    }
    /* Everything that does not need the first document happens while it
     * loads: the terminal, the theme, the keys, the bookmark and state files. */
    term_width_use(a->widths);
    install_signals();
    raw();
    noecho();
    nonl();
    keypad(stdscr, TRUE);
    curs_set(0);
    colourless_terminal(a);
    init_styles(a);
    if (yd_loader_ready(a->loader) == 0)
        draw_preview(a, load); /* the first screen, before anything slower */
    set_mouse(a, a->settings->config->mouse);
    if (keymap_init(&a->keys, a->settings->config->bindings, a->settings->config->nbindings) != 0)
        a->failed = 1;
    bookmarks_open(a);
    if (yd_loader_wait(a->loader, 1, -1) == 0) {
        endwin();
        delscreen(screen);
        char path[4200], text[256];
        while (yd_loader_pop_message(a->loader, path, sizeof path, text, sizeof text))
            fprintf(stderr, "yuedu: %s: %s\n", path, text);
        fputs("yuedu: no documents to read\n", stderr);
        bookmarks_finish(a);
        yd_loader_free(a->loader);
        app_free(a);
        return EXIT_FAILURE;
    }

    app_geometry(a);
    int32_t start = bookmarks_restore(a, 0);
    app_go(a, 0, start);
    if (start > 0)
        app_say(a, 0, "back where you stopped reading");
    if (settings->walk_skipped) { /* the walk's messages are behind the screen */
        a->skipped = settings->walk_skipped;
        tell_skipped(a, settings->walk_path, settings->walk_message);
    }
    if (locale_note[0]) /* after the position: the more surprising of the two */
        app_say(a, 0, "%s", locale_note);
    take_loader_messages(a);
    draw(a);
    ambi_probe_send(a); /* after the first frame: the answer comes with the keys */
    int shown_finished = yd_loader_finished(a->loader);
    test_sync_open();
    while (!a->quit && !a->failed && !quit_signal) {
        test_sync_idle(); /* every key so far handled and drawn */
        /* Wake up often while loading (progress), else now and then for signals. */
        int wait = yd_loader_finished(a->loader) ? 250 : 50;
        if (a->key_deadline_ms) { /* a key waits for the rest of a sequence */
            long left = a->key_deadline_ms - app_now_ms();
            wait = left < 0 ? 0 : left < wait ? (int)left : wait;
        }
        timeout(wait);
        key k = read_key();
        if (quit_signal)
            break;
        if (ambi_probe_key(a, k)) {
            if (a->probe_state == PROBE_DONE)
                draw(a);
            continue;
        }
        if (k.code == WEOF && !k.is_key && key_timeout_passed(a)) {
            draw(a);
            continue;
        }
        if (k.code == WEOF && !k.is_key) {
            /* Idle: redraw while loading goes on, and once when it ends,
             * or when the file on screen changed on disk. */
            int finished = yd_loader_finished(a->loader), reloaded = reload_tick(a);
            if (reloaded || !finished || !shown_finished || a->outline.docs_known != yd_loader_ready(a->loader)) {
                take_loader_messages(a);
                bookmarks_tick(a);
                draw(a);
                shown_finished = finished;
            }
            continue;
        }
        if (!k.is_key || k.code != KEY_RESIZE) /* a resize is no key the tests sent */
            test_sync_key();
        if (k.is_key && k.code == KEY_RESIZE) {
            relayout(a);
        } else if (k.is_key && k.code == KEY_MOUSE) {
            cancel_keys(a); /* a click ends a sequence begun */
            mouse_event(a);
        } else {
            handle_key(a, k);
        }
        take_loader_messages(a);
        search_catch_up(a);
        bookmarks_tick(a);
        reload_tick(a); /* at once when another document came into view */
        draw(a);
    }
    test_sync_close();
    endwin();
    delscreen(screen);
    bookmarks_finish(a);
    if (a->failed) {
        fputs("yuedu: out of memory\n", stderr);
        code = EXIT_FAILURE;
    } else if (quit_signal && quit_signal != SIGINT) {
        code = 128 + quit_signal;
    }
    app_free_layouts(a);
    yd_loader_free(a->loader);
    app_free(a);
    return code;
}
