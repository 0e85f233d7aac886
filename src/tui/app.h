/* The reader's state, shared by its panes. One struct, owned by tui_run:
 * the only mutable state of the TUI. */
#ifndef YUEDU_TUI_APP_H
#define YUEDU_TUI_APP_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>

#include "../cli/i18n.h"
#include "keymap.h"
#include "list_view.h"
#include "pane.h"
#include "prompt.h"
#include "yuedu/jump_history.h"
#include "yuedu/layout.h"
#include "yuedu/loader.h"
#include "yuedu/outline.h"
#include "yuedu/pinyin.h"
#include "yuedu/reading_memory.h"
#include "yuedu/reading_place.h"
#include "yuedu/search.h"
#include "yuedu/search_results.h"
#include "yuedu/bookmarks.h"
#include "yuedu/crossref.h"
#include "yuedu/state.h"
#include "yuedu/script.h"
#include "yuedu/theme.h"
#include "tui.h"
#include <curses.h>
#include "yuedu/width.h"

enum { MIN_COLS = 20, MIN_LINES = 6, MAX_CELLS = 1024 };
enum { OUTLINE_DEFAULT = 30, OUTLINE_MIN = 10, TEXT_MIN = 20 };

/* The ambiwidth question to the terminal (app.c): not asked yet (or to ask
 * again), waiting for the answer, answered or given up. */
enum { PROBE_OFF, PROBE_WAITING, PROBE_DONE };

/* Messages kept for :messages, and the longest kept whole. */
enum { MESSAGE_LOG = 100, MESSAGE_MAX = 1024 };

/* What the pager overlay shows (pager_view.c). */
typedef enum pager_kind { PAGER_KEYS, PAGER_MESSAGES } pager_kind;

/* How a message is said (app_say): a notice, an error (in the message
 * style), or a passing status such as "hit 3 of 17", which :messages does
 * not keep. */
enum { MSG_INFO = 0, MSG_ERROR = 1, MSG_TRANSIENT = 2 };

/* The references labelled by r at most (two letters of 26). */
enum { HINT_MAX = 26 * 26 };

/* One row of the cited-by list: a reference of a document. */
typedef struct cited_row {
    size_t doc, ref;
} cited_row;

/* One row of the outline pane: a document (node -1) or one of its nodes. */
typedef struct outline_entry {
    uint32_t doc;
    int32_t node;
} outline_entry;

typedef struct outline_view {
    outline_entry *entries;     /* the rows currently visible */
    size_t count, capacity;
    size_t selected;            /* row of the selection */
    size_t top;                 /* first row on screen */
    uint8_t *doc_expanded;      /* per document */
    uint8_t **node_expanded;    /* per document, per node; NULL until needed */
    size_t docs_known;          /* documents the entries were built for */
    int dirty;                  /* rebuild entries before drawing */
    wchar_t filter[PROMPT_MAX]; /* type-to-filter text; empty: no filter */
    /* Documents that share a title show their file name after it: a hash
     * of each document's title (0: none), and how many documents have each
     * hash (open addressing, title_slots a power of two). */
    uint64_t *title_hash;       /* [capacity] */
    uint64_t *title_keys;       /* [title_slots] */
    uint32_t *title_counts;     /* [title_slots] */
    size_t title_slots, titles_known;
    /* The words at the right of a row (outline_tag.c). */
    int show_lengths;           /* :set lengths, reading.lengths */
    size_t **lengths;           /* [capacity]: yd_outline_lengths, NULL until shown */
    int8_t *read_saved;         /* [capacity]: percent read by the saved place,
                                   -1 none, -2 not looked up yet */
} outline_view;

typedef struct app {
    yd_loader *loader;
    size_t capacity;            /* documents that may arrive */
    yd_outline *outlines;       /* [capacity], each built on the loader thread */
    yd_outline_indent *indents; /* [capacity]: what each layout asks of headings */
    uint8_t **furniture;        /* [capacity]: each document's web furniture lines
                                   (furniture.h; NULL: none), found on the loader thread */
    int purify;                 /* :set purify on: furniture hidden, not dimmed */
    int markup_request;         /* :set markup: 1 raw, 2 rendered, done by
                                   reload_tick after the key; 0: none */
    yd_layout **layouts;        /* [capacity], made on first view */
    yd_width_table *widths;
    yd_cell *cells;             /* MAX_CELLS, reused for every row drawn */
    int *layout_cols;           /* [capacity]: the width each layout has */
    int outline_pref;           /* the outline width the user asked for */

    size_t doc;                 /* document in the text pane */
    yd_reading_place place;     /* its first row on screen, and the offset put there */

    /* Geometry, recomputed by app_geometry() from COLS/LINES. */
    int outline_shown, outline_right, outline_cols;
    int text_x, text_cols, rows;   /* rows: height of both panes */
    int divider_x;                 /* -1 when hidden */
    int focus_outline;
    int mouse_on, dragging;

    outline_view outline;
    yd_jump_history history;
    const pane_ops *overlays[OVERLAY_MAX]; /* the stack over the tiled panes (pane.c) */
    int overlay_count;
    prompt prompt;
    const pane_ops *prompt_owner; /* told of the prompt's edits and end */
    char message[MESSAGE_MAX];
    int message_is_error;
    char message_log[MESSAGE_LOG][MESSAGE_MAX]; /* oldest first, for :messages */
    size_t message_log_count;
    unsigned long message_serial; /* counts messages logged: the pager shows new ones */
    size_t skipped;
    pager_kind help_kind;       /* what the pager overlay shows */
    size_t help_top;            /* its first row on screen */
    wchar_t **pager_rows;       /* its lines wrapped to pager_width */
    size_t pager_count;
    int pager_width;            /* 0: rows to be made */
    unsigned long pager_serial; /* message_serial its rows were made for */
    keymap keys;                /* the key tables of the panes */
    yd_key_input key_input;     /* the keys of a sequence typed so far (app.c) */
    key key_typed[YD_KEY_SEQ_MAX]; /* the same keys as curses gave them */
    int key_typed_count;
    long key_deadline_ms;       /* a key bound alone and starting a sequence
                                   runs at this time (0: no such wait) */
    key early_keys[64];         /* typed before the first document was ready,
                                   handled first once it is (app.c) */
    int early_count, early_next;
    int quit;
    int out_of_memory;          /* the one fatal error: the reader ends */
    const tui_settings *settings;
    attr_t styles[YD_STYLE_COUNT]; /* the theme's styles as curses attributes */
    const yd_theme *theme;      /* in use: settings->theme, or own_theme after :theme */
    yd_theme own_theme;         /* the last theme :theme loaded */
    int own_theme_set;
    int colors_started;         /* start_color() was called */
    char **theme_names;         /* for Tab after :theme, read on first need */
    size_t theme_name_count;
    yd_script_display script;   /* text.script, :set script */
    struct {
        int indent, blank_line, max_width; /* config.yaml's text:, changed by :set */
        int heading_indent;                /* a yd_heading_indent */
    } text;
    int ambiwidth_setting;      /* 0 auto (ask the terminal), 1 or 2: --ambiwidth,
                                   config.yaml, :set ambiwidth */
    char completions[MESSAGE_MAX]; /* candidates Tab listed, over the status line */

    /* ambiwidth auto: the cursor position report (app.c, ambi_probe_*). */
    int probe_state;            /* PROBE_* */
    key probe_keys[16];         /* what came while a reply may be arriving */
    int probe_count;
    long probe_sent_ms;         /* when the question went out */

    /* Search (search_view.c). */
    yd_fold *fold;              /* made on the first search */
    yd_query *query;            /* the search in force, or NULL */
    yd_hits *hits;              /* [capacity], hits per document */
    yd_shadow *shadows;         /* [capacity], folded copies for regex */
    size_t searched;            /* documents [0, searched) searched with query */
    size_t ahead_from, ahead_to; /* and, when ahead, [ahead_from, ahead_to): from where / started, first */
    int ahead;
    int search_counting;        /* the first hit is shown, the others still being counted */
    long search_started_ms, search_said_ms; /* for the progress message of a long search */
    /* Draw the whole screen now: set by app.c for the model (a long
     * search shows its progress), which must not call the loop's code. */
    void (*draw_now)(struct app *a);
    size_t search_failures;     /* of those, documents where the search gave up */
    char search_error[256];     /* why (the last one; a yd_error message) */
    int search_regex;
    int search_typed;           /* the prompt's text changed since it was searched */
    int search_of_prompt;       /* query was compiled from the prompt's text as it is */
    int search_move_pending;    /* show the first hit once every document is searched */
    int search_early_hit;       /* the first hit was found from the reading place before its
                                 * document was searched whole: its index still to settle */
    yd_position search_early_at; /* that hit */
    int search_exact_numbers;   /* numbers not folded (search.numbers: false, Ctrl-N) */
    int search_numbers_set;     /* search_exact_numbers read from the configuration */
    size_t hit_doc;             /* the current hit: document and index */
    long hit_index;             /* -1: none */
    yd_position search_origin;  /* where / started: Esc returns there */
    prompt search;              /* the / prompt, with its own history */

    /* A search in part of the outline (search_scope.c). */
    int scope_on;
    size_t scope_doc;
    int32_t scope_node;         /* -1: the whole document */
    int32_t scope_lo, scope_hi; /* the text searched */

    /* The search result list (results_view.c). */
    yd_results results;         /* its rows */
    const yd_document **results_docs; /* [searched when built], borrowed by results */
    list_view results_view;     /* its selection and first row on screen */
    wchar_t results_filter[PROMPT_MAX];

    /* Reading state (reading_view.c). */
    yd_state state;
    int state_open;             /* state was opened */
    yd_reading_memory memory;   /* where each document was left in this run */
    size_t resume_doc;          /* the last document read, to open once loaded */
    int resume_pending;
    char root[4096];            /* corpus root (app_corpus_root) */

    /* Bookmarks (bookmarks_model.c, bookmark_view.c). */
    yd_bookmarks bookmarks;
    int root_known;             /* root found (on first use) */
    int resolved_final;         /* resolved against the fully loaded corpus */
    size_t resolved_ready;      /* documents ready at the last resolve while loading */
    int stores_open;            /* bookmarks and state were opened */
    int32_t **marks;            /* [capacity]: bookmark offsets per document, */
    size_t *mark_counts;        /*   made on first need, dropped on change */
    uint8_t *mark_known;
    yd_bookmark **list;         /* its rows */
    list_view list_view;        /* its rows, selection and first row on screen */
    int list_recent;            /* order: most recent first */
    char list_filter[PROMPT_MAX * 4];
    char undo_id[YD_BOOKMARK_ID_SIZE]; /* the last deleted, for u */
    int prompt_mode;            /* what the : prompt is editing (PM_*) */
    yd_position pending;        /* where m was pressed */
    char pending_name[PROMPT_MAX * 4];
    int quit_unsaved;           /* the user chose to quit without saving them */
    char unsaved_why[MESSAGE_MAX]; /* why they could not be saved, for the box that asks */
    char unsaved_copy[PROMPT_MAX * 4]; /* where a copy of them was written */

    /* The selection (selection_view.c): both ends at the start of a cell
     * of document sel_doc; the cursor is the end that moves. */
    size_t sel_doc;
    int32_t sel_anchor, sel_cursor;
    int sel_pressed;            /* button 1 went down on text: a drag selects */
    int32_t sel_press;          /* the cell it went down on */

    /* Highlights (highlights_model.c; made with a: highlight_view.c). */
    yd_bookmarks highlights;
    int highlights_open;        /* the store was opened */
    size_t hl_doc;              /* the passage a's note prompt is for */
    int32_t hl_lo, hl_hi;
    int hl_style;               /* 0..YD_HIGHLIGHT_STYLES-1, Tab cycles */
    wchar_t hl_label[80];       /* the note prompt's label, naming the style */
    prompt_complete_fn hl_saved_complete; /* the shared prompt's Tab, given back after */
    void *hl_saved_context;
    struct hl_span *hl_spans;   /* the placed highlights of document hl_spans_doc, */
    size_t hl_span_count;       /*   by offset, for drawing; made again when */
    size_t hl_spans_doc;        /*   hl_spans_valid drops */
    int hl_spans_valid;
    size_t hl_resolved_ready;   /* documents ready at the last resolve while loading */

    /* The notes list (notes_view.c): bookmarks and highlights. */
    struct notes_row *notes;    /* its rows: headings and entries */
    list_view notes_view;
    char notes_filter[PROMPT_MAX * 4];
    char notes_undo_id[YD_BOOKMARK_ID_SIZE]; /* the last deleted, for u */
    int notes_undo_highlight;   /* ... in the highlight store */
    char notes_edit_id[YD_BOOKMARK_ID_SIZE]; /* whose note the prompt edits */
    int notes_edit_highlight;
    /* Pinyin in the filters (title_match.c). */
    yd_pinyin *pinyin;          /* made on the first filter with a Latin letter */
    int pinyin_failed;          /* ICU lacks Han-Latin: said once, filters go on without */
    list_words filter_words;    /* every text a filter matched by pinyin, prepared once */

    /* Cross-references (refs_model.c, ref_hints_view.c, cited_by_view.c). */
    yd_refs *refs;              /* [capacity], per document, found on first need */
    unsigned long *refs_made;   /* [capacity]: the generation of the view they were found in (0: not found) */
    const yd_document **refs_docs;   /* [capacity]: the corpus view resolved against */
    const yd_outline **refs_outlines;
    yd_ref_corpus refs_corpus;
    unsigned long refs_generation; /* counts the views made */
    int refs_corpus_made, refs_corpus_final; /* made; made after loading ended */
    size_t hint_refs[HINT_MAX]; /* the references labelled, in text order */
    size_t hint_count;
    char hint_typed[3];         /* the letters typed so far */
    cited_row *cited;           /* the cited-by list's rows */
    size_t cited_count, cited_cap;
    list_view cited_view;
    size_t cited_doc;           /* the document and node they cite */
    int32_t cited_node;
    char cited_filter[PROMPT_MAX * 4]; /* / in the list: UTF-8, "" none */

    /* Files changed on disk (reload_view.c). */
    const yd_load_options *load; /* how the documents are read: &load_now */
    yd_load_options load_now;   /* the caller's, markup_raw as :set markup says */
    size_t watch_doc;           /* the document last checked */
    long watch_ms;              /* when (0: never) */
    int watch_told;             /* YD_RELOAD_GONE or _FAILED once said for it */
    yd_file_stamp watch_told_stamp; /* the file when _FAILED was said: a new failure is said again */
} app;

/* What a prompt of the bookmarks is editing. */
enum { PM_COMMAND, PM_BOOKMARK_NAME, PM_BOOKMARK_NOTE, PM_RENAME, PM_NOTE, PM_LIST_FILTER, PM_WRITE_COPY };

/* The character to show for c under the script display in force (one for
 * one: offsets and widths do not change). */
static inline wchar_t app_display_char(const app *a, wchar_t c)
{
    return a->script == YD_SCRIPT_ORIGINAL ? c : (wchar_t)yd_script_char((uint32_t)c, a->script);
}
/* The same over s[0..n). */
static inline void app_display_wcs(const app *a, wchar_t *s, size_t n)
{
    if (a->script != YD_SCRIPT_ORIGINAL)
        for (size_t k = 0; k < n; k++)
            s[k] = app_display_char(a, s[k]);
}

/* The curses attributes (colour pair included) of a theme style. */
static inline attr_t app_style(const app *a, yd_style style) { return a->styles[style]; }

/* The model (model.c): documents, layouts, the reading place, jumps, geometry. */
void app_jump(app *a, size_t doc, int32_t offset); /* a jump with history */
void app_go(app *a, size_t doc, int32_t offset);   /* the same, not recorded */
void app_open(app *a, size_t doc);                 /* a document as a whole: where it was last read */
void app_geometry(app *a);
void app_relayout(app *a);                         /* geometry changed: same place, new width */
yd_position app_here(app *a);                      /* the reading place as a position */
const yd_document *app_doc(app *a, size_t doc);
yd_layout *app_layout(app *a, size_t doc);
void app_free_layouts(app *a);                     /* they borrow the documents: first */
/* Rows of paragraph pos.para, or NULL when it has none or on failure. */
const yd_row *app_row_at(app *a, yd_layout *layout, yd_layout_pos pos);
/* A character of a title or file name as the screen may show it: itself
 * when the layout would draw it as is, '?' for controls and what the
 * terminal cannot size, 0 to drop (bidi controls, joiners, variation
 * selectors). Nothing from a document reaches the terminal raw. */
wchar_t app_safe_char(app *a, UChar32 c);
/* Append text[0..n) to out[at..cap) through app_safe_char; returns at. */
size_t app_safe_utf16(app *a, wchar_t *out, size_t at, size_t cap, const UChar *text, int32_t n);
size_t app_safe_mbs(app *a, wchar_t *out, size_t at, size_t cap, const char *s);
void app_say(app *a, int error, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void app_tell_config_problems(app *a);     /* each in :messages, the first said */
void app_tell_skipped(app *a, const char *path, const char *why); /* a path left out */
size_t app_take_loader_messages(app *a);   /* the loader's: paths left out, notices; how many */
/* Errors by kind: out of memory ends the reader (after saving what it
 * can); any other failure is said on the message line ("what: reason")
 * and the reader goes on. Returns status. */
yd_status app_failed(app *a, yd_status status, const char *what);
void app_out_of_memory(app *a);
void app_go_to_line(app *a, long line);             /* source line, a jump */
int app_set_script(app *a, yd_script_display to);   /* 0, or -1 with a message */
void app_set_mouse(app *a, int on);
void app_set_ambiwidth(app *a, int ambiwidth);      /* 0: ask the terminal */
void app_use_ambiwidth(app *a, int ambiwidth);      /* the width table for 1 or 2, all laid out again */
void app_text_changed(app *a);                      /* a.text changed: lay out again */
void app_init_styles(app *a);                       /* the theme's styles to curses (theme_styles.c) */
void app_colourless_terminal(app *a);               /* no colours: the theme's mono forms */

/* The `:` command line (command_line.c). */
void command_run(app *a, const char *cmd);
int command_complete(void *context, wchar_t *text); /* a prompt_complete_fn */
long app_now_ms(void);                       /* monotonic clock, for timeouts */
const char *app_base_name(const char *path); /* the file name of a path */

/* The pager overlay: key help and message log (pager_view.c). */
void pager_open(app *a, pager_kind kind);
void pager_close(app *a);

/* The reading place of the text pane (model.c), and drawing it (text_view.c). */
int32_t text_offset(app *a);
void text_show(app *a, size_t doc, int32_t offset);
void text_scroll(app *a, int32_t delta);
void text_bottom(app *a);
unsigned text_percent(app *a);
void text_draw_preview(app *a, yd_layout *layout);
/* Heading level of paragraph para of doc: depth of the outline node that
 * starts on it, or 0 when it is not a heading line. */
int text_heading_depth(app *a, size_t doc, int32_t para);

/* Typed text against titles, names and notes, folded as search folds, and
 * by pinyin, each text prepared once (title_match.c; xf finds 宪法): the
 * predicate of the outline filter, :doc and the filters of every list. */
int app_fold_ready(app *a); /* a->fold made (search_model.c); 0, or -1 with a message */
int title_contains(app *a, const wchar_t *title, const wchar_t *typed);
/* The same for text[0..n) in UTF-16 (its first 511 characters). */
int text_contains(app *a, const UChar *text, int32_t n, const wchar_t *typed);
/* Does one of parts[0..n) (UTF-8; NULL: none) contain typed (UTF-8)? */
int parts_contain(app *a, const char *const *parts, size_t n, const char *typed);
void title_match_free(app *a);

/* Outline pane (outline_view.c). */
void outline_init(outline_view *v);
/* The title of a node, or of the document for node -1 (its title line,
 * else its file name), safe to draw; returns the length. */
size_t outline_entry_title(app *a, outline_entry e, wchar_t *out, size_t cap);
void outline_free(outline_view *v, size_t docs);
/* The words at the right of outline row e (outline_tag.c): at most room
 * cells into out; returns their length (0: none) and their cells. */
size_t outline_tag(app *a, outline_entry e, wchar_t *out, size_t cap, int room, int *cells);
void outline_tag_forget(app *a, size_t doc); /* its lengths and saved place, made again */
void outline_tag_free(app *a, size_t docs);
void outline_follow(app *a);                   /* select and reveal the reading position */
void outline_divider_draw(app *a);              /* the line between the tiled panes */
int outline_node_at_offset(app *a, size_t doc, int32_t offset);

/* Search (search_model.c; the / prompt: search_view.c). */
void search_begin(app *a);
int search_ready(app *a);             /* the fold and hit tables made; 0 with a message */
void search_clear(app *a);
int search_run(app *a);               /* compile the / prompt's text, search all now; 0: bad pattern */
void search_typed(app *a);            /* the text changed: search when no key waits */
int search_behind(app *a);            /* a search waits to run or to finish */
void search_work(app *a);             /* run it until done or a key comes */
void search_show_first_hit(app *a, size_t doc, int32_t offset, int jump);
void search_document_changed(app *a, size_t doc);
void search_free(app *a);
void search_step(app *a, int forward);
void search_catch_up(app *a);         /* search documents loaded since */
size_t search_span(app *a);           /* documents [0, span) may hold hits (the others: 0) */
const yd_hits *search_hits(app *a, size_t doc);
void search_select(app *a, size_t doc, size_t index); /* jump to a hit, make it current */

/* A search in part of the outline (search_scope.c). */
void search_scope_apply(app *a, size_t doc, yd_hits *h); /* doc's hits h outside the scope dropped */
void search_scope_clear(app *a);
void search_scope_set(app *a, size_t doc, int32_t node); /* after search_begin: its subtree only */
size_t search_scope_name(app *a, wchar_t *out, size_t cap);   /* "in 第二编…", 0 when none */

/* The search result list (results_view.c). */
void results_list_open(app *a);           /* &, :results */

/* Reading state (reading_view.c). */
void reading_open(app *a);                /* read state.yaml (while loading) */
/* Where to open doc as a whole; *saved: from an earlier run. */
int32_t reading_restore(app *a, size_t doc, int *saved);
void reading_left(app *a, size_t doc, int32_t offset); /* leaving a document */
void reading_searched(app *a, const char *pattern);    /* a search was made */
/* The last document read in this corpus (1 and *doc), unless told to
 * start at the beginning. */
int reading_resume(app *a, size_t *doc);
void reading_finish(app *a, int32_t offset); /* save the place (offset in the current document) and the state */
void reading_forget(app *a);              /* close the state unsaved: the reader quit before any document */

/* Before the first document (first_screen.c). */
void app_draw_too_small(void);             /* a terminal smaller than any pane can use says so */
/* Draw a preview of path's first 64 KiB with "loading": the first screen,
 * before the document is decoded, indexed and outlined. */
void first_screen_preview(app *a, const char *path, const yd_load_options *load);
/* Wait for the first document, keeping the keys typed meanwhile in
 * early_keys (first: the document previewed, or ""); 1 when the reader
 * is to quit at once (its quit key, *quit set by a signal). */
int first_screen_wait(app *a, const char *first, const yd_load_options *load, const volatile sig_atomic_t *quit);
const char *app_corpus_root(app *a);      /* the corpus root, "" when none */

/* Bookmarks (bookmarks_model.c; the list and the prompts: bookmark_view.c). */
void bookmarks_notice(app *a);            /* the store's notice, if any, on the message line */
void bookmarks_forget_marks(app *a);      /* bookmarks changed: marks made again on demand */
size_t bookmarks_resolve(app *a, int update); /* placed in the documents ready; returns the stale */
int bookmarks_start(app *a, size_t n);    /* room for n documents' marks; -1: no memory */
void bookmarks_open(app *a);              /* read the store (while loading) */
int bookmarks_finish(app *a);             /* save; 0 when bookmarks were left unsaved */
/* q was pressed: 1 when the bookmarks are saved (or the user chose to
 * quit without them); else the reader stays and asks what to do. */
int bookmarks_may_quit(app *a);
void bookmarks_add_begin(app *a);         /* m */
void bookmarks_list_open(app *a);         /* B */

/* Cross-references (refs_model.c, ref_hints_view.c, cited_by_view.c). */
const yd_refs *refs_of(app *a, size_t doc); /* found on first need; NULL when not ready or on failure */
void refs_forget(app *a);                   /* a document was read again: find them all again */
void refs_free(app *a);
void refs_follow(app *a, size_t doc, const yd_ref *r); /* a jump to its target, or a message */
void ref_hints_open(app *a);                /* r */
int ref_follow_at(app *a, int32_t offset);  /* a click: 1 when a reference of the text pane was there */
void cited_by_open(app *a);                 /* R */
/* :第111条, :111条, :第三章: a jump in the document read; 0 when cmd is no such place */
int refs_jump_command(app *a, const char *cmd);

/* The selection (selection_view.c) and copying it (clipboard_copy.c). */
void selection_begin(app *a);             /* v */
void selection_cancel(app *a);
int selection_shown(const app *a);        /* open, on the document in the text pane */
void selection_range(app *a, int32_t *lo, int32_t *hi); /* [lo, hi): whole clusters */
int32_t selection_cluster_end(app *a, int32_t offset);  /* end of the cluster starting at offset */
/* y: the passage [lo, hi) of the selection's document and its citation.
 * The range is passed in, so that the copy need not know the selection. */
void copy_selection(app *a, int32_t lo, int32_t hi);
void selection_mouse_text(app *a, const MEVENT *ev); /* a press or drag over the text pane */
/* The cell of the text pane at screen column x, row y: its offset, or -1 off the text. */
int32_t text_offset_at(app *a, yd_layout *layout, int x, int y);
void bookmarks_tick(app *a);              /* after loading: resolve; notices */

/* Highlights (highlights_model.c): opened, placed, saved with the bookmarks. */
void highlights_open(app *a);
void highlights_resolve(app *a, int update);
void highlights_save(app *a);             /* after a change; says why when it fails */
int highlights_finish(app *a);            /* at the end: saved (1) or said on stderr (0) */
/* The highlight style covering offset of doc, or -1 (for the text pane). */
int highlights_style_at(app *a, size_t doc, int32_t offset);
/* a on a selection: the note prompt for [lo, hi) of doc (highlight_view.c). */
void highlight_begin(app *a, size_t doc, int32_t lo, int32_t hi);
/* Note text as the one-line prompt shows it (a line break as \n), and
 * back; note_to_prompt returns 0 when the note is longer than cap holds. */
int note_to_prompt(const char *note, wchar_t *out, size_t cap);
void note_from_prompt(const char *typed, char *out, size_t cap);
/* The note in $EDITOR: 1 with *out (malloc'ed) when the editor ended well. */
int note_edit_external(app *a, const char *note, char **out);
/* The notes list (notes_view.c). */
void notes_list_open(app *a);             /* A, :notes */
/* The outline path of offset ("第二编 › 第三章") and the document's title, malloc'ed. */
char *app_outline_path(app *a, size_t doc, int32_t offset);
char *app_document_title(app *a, size_t doc);
/* y on a passage [lo, hi) of doc: the copy with its citation. */
void copy_passage(app *a, size_t doc, int32_t lo, int32_t hi);
int bookmarks_row_marked(app *a, size_t doc, int32_t start, int32_t end);
int bookmarks_node_marked(app *a, size_t doc, int32_t node);

/* The keys of a sequence typed so far, for the status line ("" when none). */
const char *app_pending_keys(const app *a, char *buf, size_t size);

/* Status line (status_line.c). */
size_t status_breadcrumb(app *a, wchar_t *out, size_t cap);
void status_draw(app *a);

/* The message line (message_line.c). */
void message_line_draw(app *a);          /* the message line, in its style */
void message_line_put(app *a, int x, int width); /* the message at x, cut to width */
void line_put_cut(app *a, int y, int x, int width, const char *text); /* cut with … */

/* reload_view.c */
int reload_tick(app *a); /* check the current document's file; 1: redraw */
int reload_markup(app *a, int raw); /* read Markdown again raw (1) or rendered (0); -1: out of memory */
void app_find_furniture(app *a, size_t doc, const yd_document *d); /* (again) for a document read */
int app_hidden_line(app *a, size_t doc, int32_t line); /* hidden by :set purify on */

#endif
