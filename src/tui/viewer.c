/* A minimal reader: one document at a time, wrapped to the terminal width,
 * with a status line. It shows the corpus faithfully and safely (every
 * control character becomes a visible placeholder) until the full reader
 * with its outline pane and ICU layout replaces it. */
#include <curses.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/utf16.h>
#include <wchar.h>

#include "tui.h"

enum { TAB_STOP = 4, MIN_COLS = 20, MIN_LINES = 6 };

typedef struct row {
    int32_t start, end; /* text offsets of the row */
} row;

typedef struct viewer {
    const yd_corpus *corpus;
    size_t doc;      /* index of the shown document */
    row *rows;
    size_t row_count, row_capacity;
    int width;       /* width the rows were laid out for */
    size_t top;      /* first row on screen */
} viewer;

static volatile sig_atomic_t quit_signal;

static void on_quit_signal(int sig) { quit_signal = sig; }

/* What one code point shows as: up to 6 wide characters in out, returns
 * the cells they take. Controls become ^X or <XX>, bidi controls <RLO>-like
 * tags are dropped to a visible mark, unsizable characters U+FFFD. */
static int cell_token(UChar32 c, int col, wchar_t *out, int *n)
{
    if (c == '\t') {
        int w = TAB_STOP - col % TAB_STOP;
        for (int k = 0; k < w; k++)
            out[k] = L' ';
        *n = w;
        return w;
    }
    if (c < 0x20 || c == 0x7F) {
        out[0] = L'^';
        out[1] = c == 0x7F ? L'?' : (wchar_t)(c + 0x40);
        *n = 2;
        return 2;
    }
    if ((c >= 0x80 && c < 0xA0) || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) ||
        c == 0x200E || c == 0x200F || c == 0x061C) {
        swprintf(out, 7, L"<%X>", (unsigned)c);
        *n = (int)wcslen(out);
        return *n;
    }
    int w = wcwidth((wchar_t)c);
    if (w < 0) {
        out[0] = 0xFFFD;
        *n = 1;
        return 1;
    }
    out[0] = (wchar_t)c;
    *n = 1;
    return w;
}

static int rows_push(viewer *v, int32_t start, int32_t end)
{
    if (v->row_count == v->row_capacity) {
        size_t cap = v->row_capacity ? v->row_capacity * 2 : 256;
        row *rows = realloc(v->rows, cap * sizeof *rows);
        if (!rows)
            return -1;
        v->rows = rows;
        v->row_capacity = cap;
    }
    v->rows[v->row_count++] = (row){start, end};
    return 0;
}

/* Wrap every line of the current document to width cells. */
static int layout(viewer *v, int width)
{
    const yd_document *d = &v->corpus->docs[v->doc];
    v->row_count = 0;
    v->width = width;
    for (int32_t line = 0; line < d->line_count; line++) {
        int32_t s, e;
        yd_document_line_bounds(d, line, &s, &e);
        int32_t row_start = s, i = s;
        int col = 0;
        while (i < e) {
            int32_t at = i;
            UChar32 c;
            U16_NEXT(d->text, i, e, c);
            wchar_t tok[8];
            int n, w = cell_token(c, col, tok, &n);
            if (col + w > width && col > 0) {
                if (rows_push(v, row_start, at) != 0)
                    return -1;
                row_start = at;
                col = 0;
                w = cell_token(c, col, tok, &n);
            }
            col += w;
        }
        if (rows_push(v, row_start, e) != 0)
            return -1;
    }
    return 0;
}

static void draw_row(const yd_document *d, const row *r, int y, int width)
{
    move(y, 0);
    int col = 0;
    int32_t i = r->start;
    while (i < r->end) {
        UChar32 c;
        U16_NEXT(d->text, i, r->end, c);
        wchar_t tok[8];
        int n, w = cell_token(c, col, tok, &n);
        if (col + w > width)
            break;
        int placeholder = n > 1 && c != '\t';
        if (placeholder)
            attron(A_REVERSE);
        addnwstr(tok, n);
        if (placeholder)
            attroff(A_REVERSE);
        col += w;
    }
}

static void draw_status(const viewer *v)
{
    const yd_document *d = &v->corpus->docs[v->doc];
    const char *name = strrchr(d->path, '/');
    name = name ? name + 1 : d->path;
    int text_rows = LINES - 1;
    size_t last = v->top + (size_t)text_rows;
    if (last > v->row_count)
        last = v->row_count;
    int32_t line = v->row_count ? yd_document_line_at(d, v->rows[v->top].start) + 1 : 0;
    unsigned percent = v->row_count ? (unsigned)(last * 100 / v->row_count) : 100;
    char right[96];
    snprintf(right, sizeof right, "[%zu/%zu] line %ld/%ld %u%% ", v->doc + 1, v->corpus->count, (long)line,
             (long)d->line_count, percent);
    attron(A_REVERSE);
    move(LINES - 1, 0);
    for (int k = 0; k < COLS; k++)
        addch(' ');
    /* The file name may hold anything: show it through the same tokens. */
    wchar_t wname[256];
    size_t wn = mbstowcs(wname, name, 255);
    if (wn == (size_t)-1)
        wn = 0;
    int room = COLS - (int)strlen(right) - 1, col = 1; /* one blank before right */
    move(LINES - 1, 1);
    for (size_t k = 0; k < wn; k++) {
        wchar_t tok[8];
        int n, w = cell_token((UChar32)wname[k], col, tok, &n);
        if (col + w > room)
            break;
        addnwstr(tok, n);
        col += w;
    }
    mvaddstr(LINES - 1, COLS - (int)strlen(right), right);
    attroff(A_REVERSE);
}

/* Returns -1 when out of memory. */
static int draw(viewer *v)
{
    erase();
    if (COLS < MIN_COLS || LINES < MIN_LINES) {
        /* Short lines, so that the message fits even a tiny terminal. */
        static const char *const message[] = {"Terminal", "too small:", "need 20x6"};
        for (int y = 0; y < 3 && y < LINES; y++)
            mvaddnstr(y, 0, message[y], COLS);
        refresh();
        return 0;
    }
    if (v->width != COLS && layout(v, COLS) != 0)
        return -1;
    int text_rows = LINES - 1;
    if (v->row_count > (size_t)text_rows && v->top > v->row_count - (size_t)text_rows)
        v->top = v->row_count - (size_t)text_rows;
    const yd_document *d = &v->corpus->docs[v->doc];
    for (int y = 0; y < text_rows && v->top + (size_t)y < v->row_count; y++)
        draw_row(d, &v->rows[v->top + (size_t)y], y, COLS);
    draw_status(v);
    refresh();
    return 0;
}

static void scroll_by(viewer *v, long delta)
{
    long top = (long)v->top + delta;
    long max = (long)v->row_count - (LINES - 1);
    if (top > max)
        top = max;
    if (top < 0)
        top = 0;
    v->top = (size_t)top;
}

static void show_document(viewer *v, size_t doc)
{
    v->doc = doc;
    v->top = 0;
    v->width = 0; /* lay out again */
}

int tui_run(const yd_corpus *corpus)
{
    const char *term = getenv("TERM");
    if (!term || !*term || strcmp(term, "dumb") == 0) {
        fputs("yuedu: this terminal (TERM=dumb or unset) cannot show the reader; "
              "batch modes such as --list still work\n",
              stderr);
        return EXIT_FAILURE;
    }
    SCREEN *screen = newterm(NULL, stdout, stdin);
    if (!screen) {
        fprintf(stderr, "yuedu: cannot use terminal type '%s'\n", term);
        return EXIT_FAILURE;
    }
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_quit_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    raw();
    noecho();
    keypad(stdscr, TRUE);
    curs_set(0);
    timeout(100); /* wake up to notice signals */

    viewer v = {.corpus = corpus};
    show_document(&v, 0);
    int failed = draw(&v), page;
    while (!failed) {
        int ch = getch();
        if (quit_signal)
            break;
        if (ch == ERR)
            continue;
        page = LINES - 2 > 1 ? LINES - 2 : 1;
        if (ch == 'q' || ch == 3 /* Ctrl-C */)
            break;
        switch (ch) {
        case 'j': case KEY_DOWN: case '\n': scroll_by(&v, 1); break;
        case 'k': case KEY_UP: scroll_by(&v, -1); break;
        case ' ': case 'f': case KEY_NPAGE: case 6: scroll_by(&v, page); break;
        case 'b': case KEY_PPAGE: case 2: scroll_by(&v, -page); break;
        case 'd': scroll_by(&v, page / 2); break;
        case 'u': scroll_by(&v, -page / 2); break;
        case 'g': case KEY_HOME: v.top = 0; break;
        case 'G': case KEY_END: scroll_by(&v, (long)v.row_count); break;
        case 'J': if (v.doc + 1 < corpus->count) show_document(&v, v.doc + 1); break;
        case 'K': if (v.doc > 0) show_document(&v, v.doc - 1); break;
        case 12: /* Ctrl-L */ clearok(curscr, TRUE); break;
        case KEY_RESIZE: break;
        default: continue;
        }
        failed = draw(&v);
    }
    endwin();
    delscreen(screen);
    free(v.rows);
    if (failed) {
        fputs("yuedu: out of memory\n", stderr);
        return EXIT_FAILURE;
    }
    return quit_signal && quit_signal != SIGINT ? 128 + quit_signal : EXIT_SUCCESS;
}
