/* y: the selected passage, as the document has it, and its citation, to
 * the clipboard of the terminal the user sits at (OSC 52, which tmux,
 * screen and SSH pass on) and to clipboard.command when one is set. */
#include <curses.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <unicode/ustring.h>

#include "app.h"
#include "yuedu/clipboard.h"
#include "yuedu/outline_path.h"
#include "yuedu/utf8_text.h"

char *app_outline_path(app *a, size_t doc, int32_t offset)
{
    return yd_outline_path_utf8(app_doc(a, doc), &a->outlines[doc], offset);
}

char *app_document_title(app *a, size_t doc) { return yd_document_title_utf8(app_doc(a, doc), &a->outlines[doc]); }

/* The passage and its citation, one line after it. */
static char *passage_with_citation(app *a, size_t doc, int32_t lo, int32_t hi, size_t *length)
{
    const yd_document *d = app_doc(a, doc);
    size_t bytes = 0;
    char *passage = yd_utf8_of_utf16(d->text + lo, hi - lo, &bytes);
    const char *templ = a->settings->config ? a->settings->config->clipboard.citation : YD_CITATION_DEFAULT;
    if (!passage || !templ || !*templ) {
        *length = bytes;
        return passage;
    }
    char *title = app_document_title(a, doc), *path = app_outline_path(a, doc, lo), *citation = NULL;
    yd_citation_fields f = {title, path, app_base_name(d->path), (long)yd_document_line_at(d, lo) + 1};
    char *out = NULL;
    if (title && path && yd_citation_format(templ, &f, &citation, NULL) == YD_OK) {
        size_t n = bytes, c = strlen(citation);
        out = malloc(n + 1 + c + 1);
        if (out) {
            memcpy(out, passage, n);
            out[n] = '\n';
            memcpy(out + n + 1, citation, c + 1);
            *length = n + 1 + c;
        }
    }
    free(title);
    free(path);
    free(citation);
    free(passage);
    return out;
}

/* clipboard.command, given text on its standard input; its output is
 * thrown away (it must not draw over the screen). 0, or -1. */
static int run_command(const char *command, const char *text, size_t length)
{
    int fds[2];
    if (pipe(fds) != 0)
        return -1;
    pid_t pid = fork();
    if (pid < 0) {
        close(fds[0]);
        close(fds[1]);
        return -1;
    }
    if (pid == 0) {
        int null = open("/dev/null", O_RDWR);
        dup2(fds[0], 0);
        if (null >= 0) {
            dup2(null, 1);
            dup2(null, 2);
        }
        close(fds[0]);
        close(fds[1]);
        signal(SIGPIPE, SIG_DFL);
        signal(SIGXFSZ, SIG_DFL);
        execl("/bin/sh", "sh", "-c", command, (char *)NULL);
        _exit(127);
    }
    close(fds[0]);
    void (*old)(int) = signal(SIGPIPE, SIG_IGN);
    int failed = 0;
    for (size_t done = 0; done < length;) {
        ssize_t w = write(fds[1], text + done, length - done);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            failed = 1;
            break;
        }
        done += (size_t)w;
    }
    close(fds[1]);
    signal(SIGPIPE, old);
    int status;
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR)
            return -1;
    return failed || !WIFEXITED(status) || WEXITSTATUS(status) != 0 ? -1 : 0;
}

/* The sequence goes straight to the terminal, after what curses drew. */
static int send_osc52(const char *seq, size_t length)
{
    refresh();
    for (size_t done = 0; done < length;) {
        ssize_t w = write(STDOUT_FILENO, seq + done, length - done);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return -1;
        done += (size_t)w;
    }
    return 0;
}

void copy_selection(app *a, int32_t lo, int32_t hi) { copy_passage(a, a->sel_doc, lo, hi); }

void copy_passage(app *a, size_t doc, int32_t lo, int32_t hi)
{
    const yd_config *c = a->settings->config;
    const yd_document *d = app_doc(a, doc);
    size_t length = 0;
    char *text = passage_with_citation(a, doc, lo, hi, &length);
    if (!text) {
        app_out_of_memory(a);
        return;
    }
    size_t chars = (size_t)u_countChar32(d->text + lo, hi - lo);
    int osc52 = !c || (c->clipboard.osc52 && c->clipboard.limit > 0);
    const char *command = c ? c->clipboard.command : NULL;
    const char *by_command = "";
    if (command) {
        if (run_command(command, text, length) != 0) {
            app_say(a, MSG_ERROR, "clipboard.command failed: nothing copied by it");
            if (!osc52) {
                free(text);
                return;
            }
        } else {
            by_command = _(" (and to clipboard.command)");
        }
    }
    if (osc52) {
        char *seq;
        size_t n;
        yd_error err = {0};
        yd_status st = yd_osc52_sequence(text, length, c ? (size_t)c->clipboard.limit : YD_CLIPBOARD_LIMIT_DEFAULT,
                                         &seq, &n, &err);
        if (st == YD_ETOOBIG) {
            app_say(a, MSG_ERROR, "not copied to the terminal: %zu characters make %zu bytes, more than clipboard.limit "
                    "(%d)%s", chars, (length + 2) / 3 * 4, c ? c->clipboard.limit : YD_CLIPBOARD_LIMIT_DEFAULT,
                    *by_command ? _("; clipboard.command has it") : "");
            free(text);
            return;
        }
        if (st != YD_OK) {
            app_failed(a, st, "copy");
            free(text);
            return;
        }
        int sent = send_osc52(seq, n);
        free(seq);
        if (sent != 0) {
            app_say(a, MSG_ERROR, "not copied: the terminal could not be written to");
            free(text);
            return;
        }
    } else if (!command) {
        app_say(a, MSG_ERROR, "nothing copied: clipboard.osc52 is off and no clipboard.command is set");
        free(text);
        return;
    }
    int cited = !c || (c->clipboard.citation && *c->clipboard.citation);
    char copied[80];
    snprintf(copied, sizeof copied, ngettext("copied %zu character", "copied %zu characters", chars), chars);
    app_say(a, MSG_INFO, "%s%s%s", copied, cited ? _(" with the citation") : "", by_command);
    free(text);
}
