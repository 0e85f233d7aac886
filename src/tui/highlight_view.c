/* a on a selection: the passage becomes a highlight. The note prompt
 * opens at once (Enter with nothing typed: no note); Tab there steps
 * through the theme's four highlight styles, which the label names. A
 * note may have several lines: the prompt shows a line break as \n and
 * takes \n typed as one; E in the notes list edits a note in $EDITOR. */
#include <curses.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "app.h"
#include "key_input.h"

int note_to_prompt(const char *note, wchar_t *out, size_t cap)
{
    size_t n = 0;
    mbstate_t st;
    memset(&st, 0, sizeof st);
    const char *p = note;
    while (*p && n + 2 < cap) {
        if (*p == '\n') {
            out[n++] = L'\\';
            out[n++] = L'n';
            p++;
            continue;
        }
        wchar_t w;
        size_t used = mbrtowc(&w, p, strlen(p), &st);
        if (used == (size_t)-1 || used == (size_t)-2) {
            memset(&st, 0, sizeof st);
            w = 0xFFFD;
            used = 1;
        }
        /* The prompt takes no control characters: a tab reads as a space. */
        out[n++] = w < 0x20 ? L' ' : w;
        p += used ? used : 1;
    }
    out[n] = 0;
    return *p == 0 && n + 1 < cap; /* the prompt also needs room to type */
}

void note_from_prompt(const char *typed, char *out, size_t cap)
{
    size_t n = 0;
    for (const char *p = typed; *p && n + 1 < cap; p++) {
        if (p[0] == '\\' && p[1] == 'n') {
            out[n++] = '\n';
            p++;
        } else {
            out[n++] = *p;
        }
    }
    out[n] = 0;
}

static void set_label(app *a)
{
    /* Formatted, then widened: the prompt translates only a label that is a msgid as it stands. */
    size_t cap = sizeof a->hl_label / sizeof a->hl_label[0];
    char label[sizeof a->hl_label];
    snprintf(label, sizeof label, _("highlight %d of %d (Tab: next style), note: "), a->hl_style + 1, YD_HIGHLIGHT_STYLES);
    size_t n = mbstowcs(a->hl_label, label, cap);
    if (n == (size_t)-1 || n >= cap)
        swprintf(a->hl_label, cap, L"highlight %d of %d (Tab: next style), note: ", a->hl_style + 1, YD_HIGHLIGHT_STYLES);
}

/* Tab in the note prompt: the next style, shown on the passage at once. */
static int next_style(void *context, wchar_t *text)
{
    (void)text;
    app *a = context;
    a->hl_style = (a->hl_style + 1) % YD_HIGHLIGHT_STYLES;
    set_label(a);
    return 0;
}

void highlight_begin(app *a, size_t doc, int32_t lo, int32_t hi)
{
    if (hi <= lo) {
        app_say(a, MSG_ERROR, "nothing selected: v selects a passage, then a highlights it");
        return;
    }
    a->hl_doc = doc;
    a->hl_lo = lo;
    a->hl_hi = hi;
    set_label(a);
    prompt_pane_open(a, &highlight_note_owner, L':', a->hl_label, NULL);
    a->hl_saved_complete = a->prompt.complete;
    a->hl_saved_context = a->prompt.context;
    a->prompt.complete = next_style;
    a->prompt.context = a;
}

static void note_prompt_done(app *a, prompt_result r)
{
    if (r == PROMPT_EDITING)
        return;
    a->prompt.complete = a->hl_saved_complete; /* the shared prompt's own Tab again */
    a->prompt.context = a->hl_saved_context;
    if (r != PROMPT_ACCEPT) {
        app_say(a, MSG_TRANSIENT, "no highlight made");
        return;
    }
    char typed[PROMPT_MAX * 4], note[PROMPT_MAX * 4];
    prompt_text_utf8(&a->prompt, typed, sizeof typed);
    note_from_prompt(typed, note, sizeof note);
    const yd_document *d = app_doc(a, a->hl_doc);
    if (!d)
        return;
    if (app_failed(a, yd_highlights_add(&a->highlights, d, a->hl_doc, a->hl_lo, a->hl_hi, app_corpus_root(a),
                                        a->hl_style, note, NULL),
                   "highlight") != YD_OK)
        return;
    app_say(a, MSG_INFO, "highlighted in style %d%s (A lists the notes)", a->hl_style + 1, note[0] ? _(", with a note") : "");
    highlights_save(a);
}

const pane_ops highlight_note_owner = {.name = "highlight note", .prompt_done = note_prompt_done};

/* $VISUAL (else $EDITOR, else vi), as other programs that run an editor
 * choose, on a file holding note, the screen given back to the terminal
 * meanwhile. */
int note_edit_external(app *a, const char *note, char **out)
{
    const char *editor = getenv("VISUAL");
    if (!editor || !*editor)
        editor = getenv("EDITOR");
    if (!editor || !*editor)
        editor = "vi";
    const char *tmp = getenv("TMPDIR");
    char path[4096];
    snprintf(path, sizeof path, "%s/yuedu-note-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    int fd = mkstemp(path);
    if (fd < 0) {
        app_say(a, MSG_ERROR, "note: cannot make a file for the editor: %s", strerror(errno));
        return 0;
    }
    FILE *f = fdopen(fd, "w");
    if (!f || fprintf(f, "%s%s", note, note[0] && note[strlen(note) - 1] != '\n' ? "\n" : "") < 0 || fclose(f) != 0) {
        if (!f)
            close(fd);
        unlink(path);
        app_say(a, MSG_ERROR, "note: cannot write %s", path);
        return 0;
    }
    def_prog_mode();
    bracketed_paste(0); /* the editor asks for its own */
    endwin();
    pid_t pid = fork();
    if (pid == 0) {
        signal(SIGXFSZ, SIG_DFL); /* the reader's own choice, not the editor's */
        /* The editor as the user wrote it (it may carry options), the file its last word. */
        execl("/bin/sh", "sh", "-c", "exec $0 \"$1\"", editor, path, (char *)NULL);
        _exit(127);
    }
    int status = -1;
    while (pid > 0 && waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    reset_prog_mode();
    bracketed_paste(1);
    clearok(curscr, TRUE);
    refresh();
    int ok = pid > 0 && WIFEXITED(status) && WEXITSTATUS(status) == 0;
    if (!ok) {
        unlink(path);
        app_say(a, MSG_ERROR, "note: %s did not end well; the note is as it was", editor);
        return 0;
    }
    f = fopen(path, "r");
    char *text = NULL;
    size_t size = 0;
    if (f) {
        FILE *m = open_memstream(&text, &size);
        int c;
        while (m && (c = fgetc(f)) != EOF)
            fputc(c, m);
        if (m)
            fclose(m);
        fclose(f);
    }
    unlink(path);
    if (!text) {
        app_say(a, MSG_ERROR, "note: cannot read what the editor wrote");
        return 0;
    }
    while (size > 0 && (text[size - 1] == '\n' || text[size - 1] == '\r'))
        text[--size] = 0; /* the editor's last line end is no part of the note */
    *out = text;
    return 1;
}
