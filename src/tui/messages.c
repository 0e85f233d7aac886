/* The reader's messages: said on the message line, kept for :messages;
 * errors by kind (out of memory ends the reader, anything else is said and
 * the reader goes on); the clock for timeouts. Calls nothing else of the
 * reader, so that every part of it may say something. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "app.h"

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
    vsnprintf(a->message, sizeof a->message, fmt[0] ? _(fmt) : fmt, ap);
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
        app_say(a, MSG_ERROR, "%s: %s", _(what), _(yd_status_text(status)));
    return status;
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

/* Problems in config.yaml or the theme: each in :messages, the first on the
 * message line with how to see the rest (the screen hides stderr). */
void app_tell_config_problems(app *a)
{
    const yd_problems *p = a->settings->config_problems;
    size_t total = p ? yd_problems_total(p) : 0;
    if (total == 0)
        return;
    char line[MESSAGE_MAX];
    for (size_t k = 0; k < p->count; k++)
        app_say(a, MSG_ERROR, "%s", yd_problem_format(&p->items[k], line, sizeof line));
    if (p->dropped)
        app_say(a, MSG_ERROR, ngettext("... and %zu more problem (yuedu --check-config)", "... and %zu more problems (yuedu --check-config)", p->dropped), p->dropped);
    if (total > 1) {
        /* The count and where to read them first, then the first problem
         * without its folder: what a line of 80 columns can hold. */
        yd_problem first = p->items[0];
        first.path = (char *)app_base_name(first.path);
        app_say(a, MSG_TRANSIENT, ngettext("%zu problem in settings (:messages): %s", "%zu problems in settings (:messages): %s", total), total,
                yd_problem_format(&first, line, sizeof line));
        a->message_is_error = 1;
    }
}

/* A path left out (by the walk or the loader), on the message line. */
void app_tell_skipped(app *a, const char *path, const char *why)
{
    char name[128];
    app_say(a, 1, "%s: %s%s", message_name(path, name, sizeof name), why, a->skipped > 1 ? _(" (and others)") : "");
}

/* A document read only in part (its notice: malformed markup), on the
 * message line and in :messages; it is read, so it counts as no file left
 * out. */
static void tell_notice(app *a, const char *path, const char *notice)
{
    char name[128];
    app_say(a, MSG_ERROR, "%s: %s", message_name(path, name, sizeof name), notice);
}

size_t app_take_loader_messages(app *a)
{
    char path[4200], text[512]; /* any path the walk could stat */
    int kind;
    size_t taken = 0;
    while ((kind = yd_loader_pop_message(a->loader, path, sizeof path, text, sizeof text)) != 0) {
        taken++;
        if (kind == YD_LOADER_NOTICE) {
            tell_notice(a, path, text);
            continue;
        }
        a->skipped++;
        app_tell_skipped(a, path, text);
    }
    return taken;
}
