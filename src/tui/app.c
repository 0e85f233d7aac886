/* The reader's event loop: keys to actions on the current position, the
 * screen drawn from the panes' state, signals and the background loader.
 *
 * Screen: text pane (rows 0..LINES-3), status line (LINES-2), prompt and
 * message line (LINES-1). */
#include <curses.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "keymap.h"
#include "prompt.h"
#include "text_view.h"
#include "tui.h"
#include "yuedu/jump_history.h"

enum { MIN_COLS = 20, MIN_LINES = 6 };

typedef struct app {
    yd_loader *loader;
    size_t doc;               /* current document */
    text_view text;
    yd_jump_history history;
    prompt prompt;
    char message[256];
    int message_is_error;
    size_t skipped;           /* files the loader left out */
    int help_open;
    size_t help_top;
    int quit;
    int out_of_memory;
} app;

static volatile sig_atomic_t quit_signal;

static void on_quit_signal(int sig) { quit_signal = sig; }

static int text_height(void) { return LINES - 2; }

static const yd_document *current_doc(app *a) { return yd_loader_document(a->loader, a->doc); }

static void say(app *a, int error, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void say(app *a, int error, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(a->message, sizeof a->message, fmt, ap);
    va_end(ap);
    a->message_is_error = error;
}

static const char *base_name(const char *path)
{
    const char *s = strrchr(path, '/');
    return s ? s + 1 : path;
}

static yd_position here(app *a) { return (yd_position){a->doc, text_view_offset(&a->text)}; }

/* Show document doc with offset at the top of the pane. */
static void show(app *a, size_t doc, int32_t offset)
{
    const yd_document *d = yd_loader_document(a->loader, doc);
    if (!d)
        return;
    a->doc = doc;
    if (text_view_show(&a->text, d, COLS, offset) != 0)
        a->out_of_memory = 1;
    text_view_go_to_offset(&a->text, offset, text_height());
}

/* A jump: remember where we were, then go. */
static void jump(app *a, size_t doc, int32_t offset)
{
    yd_jump_history_push(&a->history, here(a));
    show(a, doc, offset);
}

static void go_to_line(app *a, long line)
{
    const yd_document *d = current_doc(a);
    if (line < 1)
        line = 1;
    if (line > d->line_count)
        line = d->line_count;
    jump(a, a->doc, d->line_count ? d->line_starts[line - 1] : 0);
}

/* Tab completion of `doc NAME`: the longest common prefix of the names of
 * the documents starting with NAME. */
static int complete_doc(void *context, wchar_t *text)
{
    app *a = context;
    if (wcsncmp(text, L"doc ", 4) != 0)
        return 0;
    char prefix[PROMPT_MAX * 4];
    if (wcstombs(prefix, text + 4, sizeof prefix) == (size_t)-1)
        return 0;
    size_t plen = strlen(prefix), ready = yd_loader_ready(a->loader);
    char common[PROMPT_MAX * 4] = "";
    int found = 0;
    for (size_t k = 0; k < ready; k++) {
        const char *name = base_name(yd_loader_document(a->loader, k)->path);
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
    /* Do not cut a multi-byte character in half. */
    mbstate_t st;
    memset(&st, 0, sizeof st);
    wchar_t wide[PROMPT_MAX];
    const char *src = common;
    size_t n = mbsrtowcs(wide, &src, PROMPT_MAX - 5, &st);
    if (n == (size_t)-1)
        return 0;
    wide[n] = 0;
    swprintf(text, PROMPT_MAX, L"doc %ls", wide);
    return 1;
}

static void run_command(app *a, const char *cmd)
{
    while (*cmd == ' ')
        cmd++;
    char *end;
    if (*cmd >= '0' && *cmd <= '9') {
        long n = strtol(cmd, &end, 10);
        if (*end == '%' && end[1] == 0) {
            const yd_document *d = current_doc(a);
            if (n > 100)
                n = 100;
            jump(a, a->doc, (int32_t)((long long)d->length * n / 100));
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
                const char *base = base_name(yd_loader_document(a->loader, k)->path);
                if (pass == 0 ? strncmp(base, name, len) == 0 : strstr(base, name) != NULL) {
                    jump(a, k, 0);
                    return;
                }
            }
        say(a, 1, "no document matches: %s", name);
        return;
    } else if (strcmp(cmd, "q") == 0 || strcmp(cmd, "quit") == 0) {
        a->quit = 1;
        return;
    } else if (strcmp(cmd, "help") == 0) {
        a->help_open = 1;
        a->help_top = 0;
        return;
    } else if (*cmd == 0) {
        return;
    }
    say(a, 1, "unknown command: %s (try :help)", cmd);
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

static void act(app *a, action what)
{
    int h = text_height(), page = h > 2 ? h - 1 : 1; /* keep one line of context */
    yd_position to;
    size_t ready = yd_loader_ready(a->loader);
    switch (what) {
    case ACT_LINE_DOWN: text_view_scroll(&a->text, 1, h); break;
    case ACT_LINE_UP: text_view_scroll(&a->text, -1, h); break;
    case ACT_PAGE_DOWN: text_view_scroll(&a->text, page, h); break;
    case ACT_PAGE_UP: text_view_scroll(&a->text, -page, h); break;
    case ACT_HALF_DOWN: text_view_scroll(&a->text, h / 2, h); break;
    case ACT_HALF_UP: text_view_scroll(&a->text, -(h / 2), h); break;
    case ACT_TOP: jump(a, a->doc, 0); break;
    case ACT_BOTTOM:
        yd_jump_history_push(&a->history, here(a));
        text_view_scroll(&a->text, (long)a->text.count, h);
        break;
    case ACT_NEXT_DOC:
        if (a->doc + 1 < ready)
            jump(a, a->doc + 1, 0);
        else
            say(a, 0, yd_loader_finished(a->loader) ? "last document" : "last document loaded so far");
        break;
    case ACT_PREV_DOC:
        if (a->doc > 0)
            jump(a, a->doc - 1, 0);
        else
            say(a, 0, "first document");
        break;
    case ACT_JUMP_BACK:
        if (yd_jump_history_back(&a->history, here(a), &to))
            show(a, to.doc, to.offset);
        else
            say(a, 0, "no older jump");
        break;
    case ACT_JUMP_FORWARD:
        if (yd_jump_history_forward(&a->history, &to))
            show(a, to.doc, to.offset);
        else
            say(a, 0, "no newer jump");
        break;
    case ACT_COMMAND: prompt_open(&a->prompt, L':'); break;
    case ACT_HELP:
        a->help_open = !a->help_open;
        a->help_top = 0;
        break;
    case ACT_REDRAW: clearok(curscr, TRUE); break;
    case ACT_SUSPEND: suspend(); break;
    case ACT_QUIT: a->quit = 1; break;
    case ACT_NONE: case ACT_COUNT: break;
    }
}

static void help_act(app *a, action what)
{
    size_t lines = keymap_help_line_count() + 2, h = (size_t)text_height();
    size_t max = lines > h ? lines - h : 0;
    switch (what) {
    case ACT_LINE_DOWN: if (a->help_top < max) a->help_top++; break;
    case ACT_LINE_UP: if (a->help_top > 0) a->help_top--; break;
    case ACT_PAGE_DOWN: case ACT_HALF_DOWN: case ACT_BOTTOM:
        a->help_top = what == ACT_BOTTOM || a->help_top + h > max ? max : a->help_top + h;
        break;
    case ACT_PAGE_UP: case ACT_HALF_UP: case ACT_TOP:
        a->help_top = what == ACT_TOP || a->help_top < h ? 0 : a->help_top - h;
        break;
    case ACT_HELP: a->help_open = 0; break;
    default: break;
    }
}

/* Text that may come from a file name: no control characters. */
static void put_clean(const char *s, int max_cols)
{
    wchar_t w[512];
    size_t n = mbstowcs(w, s, 511);
    if (n == (size_t)-1)
        return;
    int col = 0;
    for (size_t k = 0; k < n; k++) {
        wchar_t c = w[k];
        int cw = wcwidth(c);
        if (c < 0x20 || (c >= 0x7F && c < 0xA0) || cw < 0) {
            c = L'?';
            cw = 1;
        }
        if (col + cw > max_cols)
            break;
        addnwstr(&c, 1);
        col += cw;
    }
}

static void draw_status(app *a)
{
    const yd_document *d = current_doc(a);
    int y = LINES - 2, h = text_height();
    int32_t line = d->line_count ? yd_document_line_at(d, text_view_offset(&a->text)) + 1 : 0;
    size_t handled, total;
    yd_loader_progress(a->loader, &handled, &total);
    char right[128];
    int used = 0;
    if (!yd_loader_finished(a->loader))
        used = snprintf(right, sizeof right, "loading %zu/%zu  ", handled, total);
    snprintf(right + used, sizeof right - (size_t)used, "[%zu/%zu] line %ld/%ld %u%% ", a->doc + 1,
             yd_loader_ready(a->loader), (long)line, (long)d->line_count, text_view_percent(&a->text, h));
    attron(A_REVERSE);
    mvhline(y, 0, ' ', COLS);
    move(y, 1);
    put_clean(base_name(d->path), COLS - (int)strlen(right) - 2);
    mvaddstr(y, COLS - (int)strlen(right) > 0 ? COLS - (int)strlen(right) : 0, right);
    attroff(A_REVERSE);
}

static void draw_help(app *a)
{
    int h = text_height();
    char buf[256];
    for (int r = 0; r < h; r++) {
        size_t n = a->help_top + (size_t)r;
        const char *text = n == 0 ? "yuedu keys (j/k scroll, q closes)" : n == 1 ? "" : keymap_help_line(n - 2, buf, sizeof buf);
        if (!text)
            break;
        mvaddnstr(r, 1, text, COLS - 2);
    }
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
    if (a->text.width != COLS) /* resized: same reading position */
        show(a, a->doc, text_view_offset(&a->text));
    if (a->help_open)
        draw_help(a);
    else
        text_view_draw(&a->text, 0, 0, text_height(), COLS);
    draw_status(a);
    if (a->prompt.active) {
        curs_set(1);
        prompt_draw(&a->prompt, LINES - 1, COLS);
    } else {
        curs_set(0);
        if (a->message[0]) {
            if (a->message_is_error)
                attron(A_BOLD);
            mvaddnstr(LINES - 1, 0, a->message, COLS - 1);
            attroff(A_BOLD);
        }
    }
    refresh();
}

/* Messages about files the loader left out go to the message line. */
static void take_loader_messages(app *a)
{
    char path[512], text[256];
    while (yd_loader_pop_message(a->loader, path, sizeof path, text, sizeof text)) {
        a->skipped++;
        say(a, 1, "%s: %s%s", base_name(path), text, a->skipped > 1 ? " (and others)" : "");
    }
}

static key read_key(void)
{
    wint_t c;
    int r = get_wch(&c);
    if (r == ERR)
        return (key){0, WEOF};
    return (key){r == KEY_CODE_YES, c};
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

int tui_run(yd_loader *loader)
{
    const char *term = getenv("TERM");
    if (!term || !*term || strcmp(term, "dumb") == 0) {
        fputs("yuedu: this terminal (TERM=dumb or unset) cannot show the reader; "
              "batch modes such as --list still work\n",
              stderr);
        return EXIT_FAILURE;
    }
    if (yd_loader_wait(loader, 1, -1) == 0) {
        char path[512], text[256];
        while (yd_loader_pop_message(loader, path, sizeof path, text, sizeof text))
            fprintf(stderr, "yuedu: %s: %s\n", path, text);
        fputs("yuedu: no documents to read\n", stderr);
        return EXIT_FAILURE;
    }
    SCREEN *screen = newterm(NULL, stdout, stdin);
    if (!screen) {
        fprintf(stderr, "yuedu: cannot use terminal type '%s'\n", term);
        return EXIT_FAILURE;
    }
    install_signals();
    raw();
    noecho();
    nonl();
    keypad(stdscr, TRUE);
    curs_set(0);

    app *a = calloc(1, sizeof *a);
    if (!a) {
        endwin();
        delscreen(screen);
        fputs("yuedu: out of memory\n", stderr);
        return EXIT_FAILURE;
    }
    a->loader = loader;
    a->prompt.complete = complete_doc;
    a->prompt.context = a;
    yd_jump_history_init(&a->history);
    show(a, 0, 0);
    take_loader_messages(a);
    draw(a);
    while (!a->quit && !a->out_of_memory && !quit_signal) {
        /* Wake up often while loading (progress), else now and then for signals. */
        timeout(yd_loader_finished(loader) ? 250 : 50);
        key k = read_key();
        if (quit_signal)
            break;
        if (k.code == WEOF && !k.is_key) {
            if (!yd_loader_finished(loader) || a->skipped == 0) {
                take_loader_messages(a);
                draw(a);
            }
            continue;
        }
        if (k.is_key && k.code == KEY_RESIZE) {
            draw(a);
            continue;
        }
        if (a->prompt.active) {
            prompt_result r = prompt_key(&a->prompt, k);
            if (r == PROMPT_ACCEPT) {
                char cmd[PROMPT_MAX * 4];
                prompt_text_utf8(&a->prompt, cmd, sizeof cmd);
                run_command(a, cmd);
            }
        } else {
            a->message[0] = 0;
            if (a->help_open)
                help_act(a, keymap_lookup(CTX_HELP, k));
            else
                act(a, keymap_lookup(CTX_TEXT, k));
        }
        take_loader_messages(a);
        draw(a);
    }
    endwin();
    delscreen(screen);
    int oom = a->out_of_memory;
    text_view_free(&a->text);
    free(a);
    if (oom) {
        fputs("yuedu: out of memory\n", stderr);
        return EXIT_FAILURE;
    }
    return quit_signal && quit_signal != SIGINT ? 128 + quit_signal : EXIT_SUCCESS;
}
