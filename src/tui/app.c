/* The reader's main loop: the terminal set up, keys read and matched
 * against key sequences (then given to the panes, pane.c), clicks, signals,
 * the ambiwidth question, documents arriving from the background loader,
 * and the idle checks. The model is model.c; the panes draw the screen.
 *
 * Screen: outline pane, divider and text pane on rows 0..LINES-3, the
 * status line on LINES-2, the prompt and message line on LINES-1. */
#include <curses.h>
#include <limits.h>
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

#include "term_width.h"
#include "../cli/cli.h"
#include "app.h"
#include "sgr_mouse.h"
#include "term_setup.h"
#include "key_input.h"
#include "test_sync.h"
#include "tui.h"


static volatile sig_atomic_t quit_signal;

static void on_quit_signal(int sig) { quit_signal = sig; }


static void draw(app *a)
{
    if (COLS < MIN_COLS || LINES < MIN_LINES) {
        app_draw_too_small();
        return;
    }
    erase();
    if (a->rows != LINES - 2 || (a->divider_x < 0 ? COLS : a->text_cols + a->outline_cols + 1) != COLS)
        app_relayout(a);
    panes_draw(a);
    refresh();
}

static void mouse_event(app *a)
{
    MEVENT ev;
    if (getmouse(&ev) == OK)
        panes_mouse(a, &ev);
}

static void cancel_keys(app *a)
{
    yd_key_input_cancel(&a->key_input);
    a->key_typed_count = 0;
    a->key_deadline_ms = 0;
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
    if (k.pasted && !panes_take_alt(a)) {
        /* Pasted text is for a prompt; outside one, its letters are no commands. */
        app_say(a, 0, "pasted text goes into a prompt: / searches it, : runs it");
        return;
    }
    if (k.alt && !panes_take_alt(a)) {
        /* Only the prompts have Alt keys: elsewhere Esc, then the key. */
        handle_key(a, (key){0, 0x1B, 0, 0});
        handle_key(a, (key){0, k.code, 0, 0});
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
    /* Past a file-size limit (ulimit -f) a write must fail with EFBIG, as
     * on a full disk, so that the stores keep the change and say so and the
     * fold cache is just not written; the default action would end the
     * reader on the spot and lose the reading place. */
    signal(SIGXFSZ, SIG_IGN);
}

/* Loader thread: each document's outline, before the document shows. */
static void build_outline(yd_document *doc, size_t index, void *context)
{
    app *a = context;
    yd_outline_options options = {.rules = &a->settings->config->outline.rules};
    if (yd_outline_build_with(&a->outlines[index], doc, &options, NULL) != YD_OK)
        memset(&a->outlines[index], 0, sizeof a->outlines[index]); /* no outline, still readable */
    app_find_furniture(a, index, doc);
}

/* Loader thread, once the walk has found count documents and before the
 * first is ready: the main thread touches none of these until then. */
static int make_room(size_t count, void *context)
{
    app *a = context;
    size_t n = count ? count : 1;
    a->outlines = calloc(n, sizeof *a->outlines);
    a->indents = calloc(n, sizeof *a->indents);
    a->furniture = calloc(n, sizeof *a->furniture);
    a->layouts = calloc(n, sizeof *a->layouts);
    a->layout_cols = calloc(n, sizeof *a->layout_cols);
    a->capacity = count;
    test_sync_trace("walked %zu", count);
    if (!a->outlines || !a->indents || !a->furniture || !a->layouts || !a->layout_cols || bookmarks_start(a, n) != 0)
        return -1; /* app_free frees what was made */
    int made = yd_reading_memory_init(&a->memory, count) == YD_OK ? 0 : -1;
    test_sync_hold(); /* the tests' keys while the reader waits for its first document */
    return made;
}

static app *app_new(const tui_settings *settings)
{
    app *a = calloc(1, sizeof *a);
    if (!a)
        return NULL;
    a->draw_now = draw;
    a->cells = calloc(MAX_CELLS, sizeof *a->cells);
    a->settings = settings;
    a->outline_pref = settings->config->outline.width ? settings->config->outline.width : OUTLINE_DEFAULT;
    a->outline_right = settings->config->outline.right;
    if (!a->cells || yd_width_table_new(settings->ambiwidth ? settings->ambiwidth
                           : settings->config->ambiwidth ? settings->config->ambiwidth : 1, /* auto: 1 until asked */
                           &a->widths, NULL) != YD_OK)
        return a; /* app_free cleans up; the caller checks the fields */
    a->outline_shown = !settings->config->outline.hidden;
    a->purify = settings->config->purify.hide;
    a->text.indent = settings->config->text.indent;
    a->text.blank_line = settings->config->text.blank_line;
    a->text.max_width = settings->config->text.max_width;
    a->text.heading_indent = settings->config->text.heading_indent;
    a->ambiwidth_setting = settings->ambiwidth ? settings->ambiwidth : settings->config->ambiwidth;
    a->hit_index = -1;
    a->prompt.complete = command_complete;
    a->theme = settings->theme;
    if (settings->config->text.script != YD_SCRIPT_ORIGINAL)
        app_set_script(a, settings->config->text.script); /* on failure: a message, the original script */
    a->prompt.context = a;
    outline_init(&a->outline);
    a->outline.show_lengths = settings->config->reading.lengths;
    yd_jump_history_init(&a->history);
    return a;
}

static void app_free(app *a)
{
    if (!a)
        return;
    app_free_layouts(a);
    panes_free(a);
    yd_reading_memory_free(&a->memory); /* made with the room, maybe never opened */
    for (size_t k = 0; a->outlines && k < a->capacity; k++)
        yd_outline_free(&a->outlines[k]);
    free(a->outlines);
    for (size_t k = 0; a->furniture && k < a->capacity; k++)
        free(a->furniture[k]);
    free(a->furniture);
    free(a->indents);
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
enum { PROBE_GIVE_UP_MS = 3000 };

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
        app_use_ambiwidth(a, 2);
    return 1;
}

/* Everything that does not need the first document happens while the
 * corpus is walked and it loads: the terminal, the theme, the keys, the
 * bookmark and state files. first: the document previewed, or "". */
static int set_up_terminal(app *a, const char *const *args, size_t nargs, const yd_load_options *load,
                           char *first, size_t size)
{
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
    app_colourless_terminal(a);
    app_init_styles(a);
    if (yd_corpus_first(args, nargs, first, size) == 0)
        first_screen_preview(a, first, load); /* the first screen, before anything slower */
    else
        first[0] = 0;
    /* Only now: the walk of a large folder would slow the reading of its
     * listing that the preview needed. */
    if (yd_loader_start_walk(&a->loader, args, nargs, load, make_room, build_outline, a) != YD_OK)
        return -1;
    app_set_mouse(a, a->settings->config->mouse);
    if (keymap_init(&a->keys, a->settings->config->bindings, a->settings->config->nbindings) != 0)
        app_out_of_memory(a); /* its only failure */
    bookmarks_open(a);
    reading_open(a);
    return 0;
}

/* The first document on screen, where this corpus was left, with what
 * the reader has to say. */
static void open_first(app *a, const char *locale_note)
{
    const tui_settings *settings = a->settings;
    app_geometry(a);
    size_t first = 0;
    int resumed = reading_resume(a, &first), saved = 0;
    size_t n, asked = 0;
    const char *const *paths = yd_loader_paths(a->loader, &n);
    if (!resumed && settings->first_document_of)
        asked = settings->first_document_of(paths, n);
    /* Documents load in order: give the one asked for a moment to arrive. */
    if (asked && yd_loader_wait(a->loader, asked + 1, 1000) > asked)
        first = asked;
    /* --start-at-beginning: the first document at its start, whatever
     * place it has. */
    int32_t start = settings->start_at_beginning ? 0 : reading_restore(a, first, &saved);
    app_go(a, first, start);
    if (resumed && first > 0)
        app_say(a, 0, "back in %s, where you stopped reading", app_base_name(app_doc(a, first)->path));
    else if (saved)
        app_say(a, 0, "back where you stopped reading");
    if (locale_note[0]) /* after the position: the more surprising of the two */
        app_say(a, 0, "%s", locale_note);
    app_tell_config_problems(a);
    app_take_loader_messages(a);
    draw(a);
    ambi_probe_send(a); /* after the first frame: the answer comes with the keys */
}

/* Idle: redraw while loading goes on, and once when it ends, or when the
 * file on screen changed on disk. */
static void idle(app *a, int *shown_finished)
{
    int finished = yd_loader_finished(a->loader), reloaded = reload_tick(a);
    /* Always asked: the loader may have finished, with a message, between
     * the first screen's look at its messages and the loop's first look at
     * whether it finished. */
    size_t told = app_take_loader_messages(a);
    if (told || reloaded || !finished || !*shown_finished || a->outline.docs_known != yd_loader_ready(a->loader)) {
        bookmarks_tick(a);
        draw(a);
        *shown_finished = finished;
    }
}

/* The next key: those typed before the first document first, in order,
 * then curses's, within wait ms. */
static key next_key(app *a, int wait)
{
    if (a->early_next < a->early_count)
        return a->early_keys[a->early_next++];
    timeout(wait);
    return read_key();
}

/* Keys, clicks and time until the reader quits. */
static void run(app *a)
{
    int shown_finished = yd_loader_finished(a->loader);
    while (!a->quit && !a->out_of_memory && !quit_signal) {
        if (search_behind(a)) { /* it gives way to keys: it runs only when none waits */
            search_work(a);
            draw(a);
        }
        test_sync_idle(); /* every key so far handled and drawn */
        /* Wake up often while loading (progress), else now and then for signals. */
        int wait = yd_loader_finished(a->loader) ? 250 : 50;
        if (a->key_deadline_ms) { /* a key waits for the rest of a sequence */
            long left = a->key_deadline_ms - app_now_ms();
            wait = left < 0 ? 0 : left < wait ? (int)left : wait;
        }
        key k = next_key(a, wait);
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
            idle(a, &shown_finished);
            continue;
        }
        if (!k.is_key || k.code != KEY_RESIZE) { /* a resize is no key the tests sent */
            test_sync_key();
            if (k.alt) /* Esc and the key after it, sent as two */
                test_sync_key();
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
        app_take_loader_messages(a);
        bookmarks_tick(a);
        reload_tick(a); /* at once when another document came into view */
        draw(a);
        test_sync_drawn();
        ambi_probe_send(a); /* :set ambiwidth auto asks the terminal again */
    }
    test_sync_close();
}

/* The messages of the walk, which used to come before the screen. */
static void walk_messages_to_stderr(app *a) { yd_loader_walk_messages(a->loader, cli_diag, NULL); }

int tui_run(const char *const *args, size_t nargs, const yd_load_options *load, const tui_settings *settings)
{
    char locale_note[160];
    if (!tui_term_usable() || tui_utf8_locale(locale_note, sizeof locale_note) != 0 || !tui_term_attached())
        return EXIT_FAILURE;
    app *a = app_new(settings);
    if (!a || !a->widths || a->out_of_memory) {
        app_free(a);
        fputs(_("yuedu: out of memory\n"), stderr);
        return EXIT_FAILURE;
    }
    int code = EXIT_SUCCESS;
    a->load_now = *load;
    a->load = &a->load_now; /* files changed on disk are read again the same way */
    test_sync_open(); /* the tests see the preview and the walk too */
    /* The terminal is set up while the corpus is walked and loads. */
    SCREEN *screen = newterm(NULL, stdout, stdin);
    if (!screen) {
        tui_term_unknown();
        app_free(a);
        return EXIT_FAILURE;
    }
    bracketed_paste(1);
    char first[PATH_MAX];
    if (set_up_terminal(a, args, nargs, load, first, sizeof first) != 0) {
        bracketed_paste(0);
        endwin();
        delscreen(screen);
        fputs(_("yuedu: out of memory\n"), stderr);
        app_free(a);
        return EXIT_FAILURE;
    }
    if (first_screen_wait(a, first, load, &quit_signal)) {
        /* Quit before any document showed: nothing read, nothing saved;
         * the walk stops where it is. */
        bracketed_paste(0);
        endwin();
        delscreen(screen);
        test_sync_release();
        walk_messages_to_stderr(a); /* what the walk found wrong so far */
        yd_loader_free(a->loader);
        a->loader = NULL;
        bookmarks_finish(a);
        reading_forget(a);
        app_free(a);
        return quit_signal && quit_signal != SIGINT ? 128 + quit_signal : EXIT_SUCCESS;
    }
    if (yd_loader_ready(a->loader) == 0) {
        bracketed_paste(0);
        endwin();
        delscreen(screen);
        char path[4200], text[256];
        while (yd_loader_pop_message(a->loader, path, sizeof path, text, sizeof text))
            cli_diag(NULL, path, text);
        fputs(yd_loader_status(a->loader) == YD_ENOMEM ? _("yuedu: out of memory\n")
                                                        : _("yuedu: no documents to read\n"), stderr);
        reading_finish(a, 0); /* no document was read */
        bookmarks_finish(a);
        yd_loader_free(a->loader);
        app_free(a);
        return EXIT_FAILURE;
    }

    open_first(a, locale_note);
    run(a);
    bracketed_paste(0);
    endwin();
    if (a->mouse_on)
        sgr_mouse_enable(0); /* curses turned the reports off, not their form */
    delscreen(screen);
    walk_messages_to_stderr(a);
    reading_finish(a, text_offset(a));
    int bookmarks_saved = bookmarks_finish(a);
    if (a->out_of_memory) {
        fputs(_("yuedu: out of memory\n"), stderr);
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
