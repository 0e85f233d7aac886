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
#include "tui.h"


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
    a->message_is_error = error == MSG_ERROR;
    if (error == MSG_TRANSIENT || !a->message[0])
        return;
    /* The log for :messages: the same message twice in a row is kept once. */
    if (a->message_log_count > 0 && strcmp(a->message_log[a->message_log_count - 1], a->message) == 0)
        return;
    if (a->message_log_count == MESSAGE_LOG) {
        memmove(a->message_log[0], a->message_log[1], sizeof a->message_log[0] * (MESSAGE_LOG - 1));
        a->message_log_count--;
    }
    memcpy(a->message_log[a->message_log_count++], a->message, sizeof a->message);
    a->message_serial++;
}

void app_out_of_memory(app *a) { a->out_of_memory = 1; }

yd_status app_failed(app *a, yd_status status, const char *what)
{
    if (status == YD_ENOMEM)
        app_out_of_memory(a);
    else if (status != YD_OK)
        app_say(a, MSG_ERROR, "%s: %s", what, yd_status_text(status));
    return status;
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
    opt.indent = a->text.indent;
    opt.blank_between = a->text.blank_line;
    opt.max_text_width = a->text.max_width;
    /* Headings start flush left: the outline knows which lines they are. */
    opt.paragraph_indent = yd_outline_paragraph_indent;
    opt.context = &a->outlines[doc];
    if (app_failed(a, yd_layout_new(d, a->widths, &opt, &a->layouts[doc], NULL), "layout") != YD_OK)
        return NULL;
    a->layout_cols[doc] = opt.width;
    return a->layouts[doc];
}

/* Make doc's layout match the text pane's width. */
static void fit_layout(app *a, size_t doc)
{
    yd_layout *layout = app_layout(a, doc);
    int want = a->text_cols > 2 ? a->text_cols : 2;
    if (layout && a->layout_cols[doc] != want) {
        app_failed(a, yd_layout_set_width(layout, want, NULL), "layout");
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
void app_relayout(app *a)
{
    int32_t offset = text_offset(a);
    app_geometry(a);
    fit_layout(a, a->doc);
    text_show(a, a->doc, offset);
}

yd_position app_here(app *a) { return (yd_position){a->doc, text_offset(a)}; }

void app_go(app *a, size_t doc, int32_t offset)
{
    if (!app_doc(a, doc))
        return;
    if (doc != a->doc && app_doc(a, a->doc))
        reading_left(a, a->doc, text_offset(a)); /* in this run, and across runs */
    a->doc = doc;
    fit_layout(a, doc);
    text_show(a, doc, offset);
}

/* Opening a document as a whole (J, K, :doc, its outline row): where it
 * was left in this run, else where an earlier run left it. */
void app_open(app *a, size_t doc)
{
    int saved = 0;
    int32_t offset = doc != a->doc ? reading_restore(a, doc, &saved) : 0;
    app_jump(a, doc, offset);
    if (saved)
        app_say(a, 0, "back where you stopped reading");
}

void app_jump(app *a, size_t doc, int32_t offset)
{

    yd_jump_history_push(&a->history, app_here(a));
    app_go(a, doc, offset);
}

void app_go_to_line(app *a, long line)
{
    const yd_document *d = app_doc(a, a->doc);
    if (line < 1)
        line = 1;
    if (line > d->line_count)
        line = d->line_count;
    app_jump(a, a->doc, d->line_count ? d->line_starts[line - 1] : 0);
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

/* Script display: every visible character is redrawn through it. */
int app_set_script(app *a, yd_script_display to)
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

void app_suspend(void)
{
    endwin();
    /* Raw mode turned Ctrl-Z into a key: stop the whole job, as the
     * terminal would have (the shell waits on the job, not on us).
     * ncurses' own SIGTSTP handler restores the screen on fg. */
    kill(0, SIGTSTP);
    clearok(curscr, TRUE);
}

void app_set_mouse(app *a, int on)
{
    a->mouse_on = on;
    mousemask(on ? ALL_MOUSE_EVENTS | REPORT_MOUSE_POSITION : 0, NULL);
    mouseinterval(0);
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
    opt.indent = a->text.indent;
    opt.blank_between = a->text.blank_line;
    opt.max_text_width = a->text.max_width;
    if (got > 0 && yd_document_from_bytes(&doc, paths[0], bytes, got, load, NULL) == YD_OK) {
        if (yd_layout_new(&doc, a->widths, &opt, &layout, NULL) == YD_OK) {
            erase();
            text_draw_preview(a, layout);
            outline_divider_draw(a);
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
        app_relayout(a);
    }
    panes_draw(a);
    refresh();
}

/* Problems in config.yaml or the theme: each in :messages, the first on the
 * message line with how to see the rest (the screen hides stderr). */
static void tell_config_problems(app *a)
{
    const yd_problems *p = a->settings->config_problems;
    size_t total = p ? yd_problems_total(p) : 0;
    if (total == 0)
        return;
    char line[MESSAGE_MAX];
    for (size_t k = 0; k < p->count; k++)
        app_say(a, MSG_ERROR, "%s", yd_problem_format(&p->items[k], line, sizeof line));
    if (p->dropped)
        app_say(a, MSG_ERROR, "... and %zu more problems (yuedu --check-config)", p->dropped);
    if (total > 1) {
        /* The count and where to read them first, then the first problem
         * without its folder: what a line of 80 columns can hold. */
        yd_problem first = p->items[0];
        first.path = (char *)app_base_name(first.path);
        app_say(a, MSG_TRANSIENT, "%zu problems in settings (:messages): %s", total,
                yd_problem_format(&first, line, sizeof line));
        a->message_is_error = 1;
    }
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
    if (getmouse(&ev) == OK)
        panes_mouse(a, &ev);
}

static key read_key(void)
{
    wint_t c;
    int r = get_wch(&c);
    if (r == ERR)
        return (key){0, WEOF, 0};
    if (r == KEY_CODE_YES || c != 0x1B)
        return (key){r == KEY_CODE_YES, c, 0};
    /* ESC: curses has waited the escape delay for a known sequence and
     * found none, so a character already waiting was sent with it. For the
     * prompts' Alt keys that is Alt and the character; anything else stays
     * Esc and then the key, as typed quickly (or sent by a script) after
     * Esc, or the start of a sequence curses does not know (the terminal's
     * answer to the width probe). */
    timeout(0);
    wint_t next;
    r = get_wch(&next);
    if (r == OK && next < 0x80 && strchr("bBfFdD", (int)next) && next)
        return (key){0, next, 1};
    if ((r == OK && (next == 0x7F || next == 0x08)) || (r == KEY_CODE_YES && next == KEY_BACKSPACE))
        return (key){0, 0x7F, 1}; /* Alt-Backspace, whatever the terminal sends for Backspace */
    if (r == KEY_CODE_YES)
        ungetch((int)next);
    else if (r == OK)
        unget_wch((wchar_t)next);
    return (key){0, 0x1B, 0};
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
    while (yd_key_input_next(&a->key_input, keymap_table(&a->keys, panes_context(a)), &ev)) {
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
        const pane_ops *before = pane_overlay(a);
        panes_act(a, (action)ev.action);
        if (a->quit || pane_overlay(a) != before) {
            /* The keys after it are for the pane it opened or uncovered. */
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
    if (k.alt && !panes_take_alt(a)) {
        /* Only the prompts have Alt keys: elsewhere Esc, then the key. */
        handle_key(a, (key){0, 0x1B, 0});
        handle_key(a, (key){0, k.code, 0});
        return;
    }
    if (panes_key(a, k))
        return; /* an overlay that takes keys as typed */
    a->message[0] = 0;
    if (!k.is_key && k.code == 0x1B && yd_key_input_pending(&a->key_input)) {
        cancel_keys(a); /* Esc: forget the sequence begun */
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
void app_init_styles(app *a)
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
    a->settings = settings;
    a->outline_pref = settings->config->outline.width ? settings->config->outline.width : OUTLINE_DEFAULT;
    a->outline_right = settings->config->outline.right;
    if (!a->outlines || !a->layouts || !a->cells || !a->layout_cols ||
        yd_width_table_new(settings->ambiwidth ? settings->ambiwidth
                           : settings->config->ambiwidth ? settings->config->ambiwidth : 1, /* auto: 1 until asked */
                           &a->widths, NULL) != YD_OK)
        return a; /* app_free cleans up; the caller checks the fields */
    a->outline_shown = !settings->config->outline.hidden;
    a->text.indent = settings->config->text.indent;
    a->text.blank_line = settings->config->text.blank_line;
    a->text.max_width = settings->config->text.max_width;
    a->ambiwidth_setting = settings->ambiwidth ? settings->ambiwidth : settings->config->ambiwidth;
    a->hit_index = -1;
    a->prompt.complete = command_complete;
    a->theme = settings->theme;
    if (settings->config->text.script != YD_SCRIPT_ORIGINAL)
        app_set_script(a, settings->config->text.script); /* on failure: a message, the original script */
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
    panes_free(a);
    for (size_t k = 0; a->outlines && k < a->capacity; k++)
        yd_outline_free(&a->outlines[k]);
    free(a->outlines);
    free(a->layouts);
    free(a->cells);
    free(a->layout_cols);
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

static void ambi_probe_ask(app *a);

static void ambi_probe_send(app *a)
{
    if (a->ambiwidth_setting || a->probe_state != PROBE_OFF)
        return; /* ambiwidth given: nothing to ask */
    ambi_probe_ask(a);
}

static void ambi_probe_ask(app *a)
{
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

void app_set_ambiwidth(app *a, int ambiwidth)
{
    a->ambiwidth_setting = ambiwidth;
    if (ambiwidth) {
        ambi_apply(a, ambiwidth);
    } else if (a->probe_state != PROBE_WAITING) { /* auto: ask the terminal again */
        a->probe_state = PROBE_OFF;
        ambi_probe_send(a);
    }
}

void app_text_changed(app *a)
{
    int32_t offset = text_offset(a);
    app_free_layouts(a);
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
        bookmarks_start(a);
    if (!a || !a->widths || a->out_of_memory || yd_loader_start(&a->loader, files, load, build_outline, a) != YD_OK) {
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
    /* Esc closes at once instead of after curses's 1 s default, yet Alt-b and
     * arrows split across packets over SSH still arrive as one key. */
    set_escdelay(a->settings->config->escape_delay_ms);
    curs_set(0);
    colourless_terminal(a);
    app_init_styles(a);
    if (yd_loader_ready(a->loader) == 0)
        draw_preview(a, load); /* the first screen, before anything slower */
    app_set_mouse(a, a->settings->config->mouse);
    if (keymap_init(&a->keys, a->settings->config->bindings, a->settings->config->nbindings) != 0)
        app_out_of_memory(a); /* its only failure */
    bookmarks_open(a);
    reading_open(a);
    if (yd_loader_wait(a->loader, 1, -1) == 0) {
        endwin();
        delscreen(screen);
        char path[4200], text[256];
        while (yd_loader_pop_message(a->loader, path, sizeof path, text, sizeof text))
            fprintf(stderr, "yuedu: %s: %s\n", path, text);
        fputs("yuedu: no documents to read\n", stderr);
        reading_finish(a);
        bookmarks_finish(a);
        yd_loader_free(a->loader);
        app_free(a);
        return EXIT_FAILURE;
    }

    app_geometry(a);
    size_t first = 0;
    int resumed = reading_resume(a, &first), saved = 0;
    int32_t start = reading_restore(a, first, &saved);
    app_go(a, first, start);
    if (resumed && first > 0)
        app_say(a, 0, "back in %s, where you stopped reading", app_base_name(app_doc(a, first)->path));
    else if (saved)
        app_say(a, 0, "back where you stopped reading");
    if (settings->walk_skipped) { /* the walk's messages are behind the screen */
        a->skipped = settings->walk_skipped;
        tell_skipped(a, settings->walk_path, settings->walk_message);
    }
    if (locale_note[0]) /* after the position: the more surprising of the two */
        app_say(a, 0, "%s", locale_note);
    tell_config_problems(a);
    take_loader_messages(a);
    draw(a);
    ambi_probe_send(a); /* after the first frame: the answer comes with the keys */
    int shown_finished = yd_loader_finished(a->loader);
    while (!a->quit && !a->out_of_memory && !quit_signal) {
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
        if (k.is_key && k.code == KEY_RESIZE) {
            app_relayout(a);
        } else if (k.is_key && k.code == KEY_MOUSE) {
            cancel_keys(a); /* a click ends a sequence begun */
            mouse_event(a);
        } else {
            handle_key(a, k);
        }
        if (a->quit && !bookmarks_may_quit(a))
            a->quit = 0; /* it asks what to do with them first */
        take_loader_messages(a);
        search_catch_up(a);
        bookmarks_tick(a);
        reload_tick(a); /* at once when another document came into view */
        draw(a);
    }
    endwin();
    delscreen(screen);
    reading_finish(a);
    int bookmarks_saved = bookmarks_finish(a);
    if (a->out_of_memory) {
        fputs("yuedu: out of memory\n", stderr);
        code = EXIT_FAILURE;
    } else if (quit_signal && quit_signal != SIGINT) {
        code = 128 + quit_signal;
    } else if (!bookmarks_saved) {
        code = EXIT_FAILURE; /* the reason is on stderr */
    }
    app_free_layouts(a);
    yd_loader_free(a->loader);
    app_free(a);
    return code;
}
