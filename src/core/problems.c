/* The list of problems found in a user's file; see problems.h. */
#include "yuedu/problems.h"
#include "yuedu/status.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void yd_problems_init(yd_problems *p) { memset(p, 0, sizeof *p); }

void yd_problems_free(yd_problems *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < p->count; i++) {
        free(p->items[i].path);
        free(p->items[i].message);
    }
    free(p->items);
    yd_problems_init(p);
}

void yd_problems_add(yd_problems *p, const char *path, unsigned long line, unsigned long column, const char *fmt, ...)
{
    if (!p)
        return;
    if (p->count >= YD_PROBLEMS_MAX) {
        p->dropped++;
        return;
    }
    if (p->count == p->capacity) {
        size_t cap = p->capacity ? 2 * p->capacity : 8;
        yd_problem *items = realloc(p->items, cap * sizeof *items);
        if (!items) {
            p->oom = 1;
            return;
        }
        p->items = items;
        p->capacity = cap;
    }
    char message[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(message, sizeof message, yd_translate(fmt), ap);
    va_end(ap);
    yd_problem *q = &p->items[p->count];
    q->path = strdup(path ? path : "");
    q->message = strdup(message);
    q->line = line;
    q->column = line ? column : 0;
    if (!q->path || !q->message) {
        free(q->path);
        free(q->message);
        p->oom = 1;
        return;
    }
    p->count++;
}

size_t yd_problems_total(const yd_problems *p) { return p->count + p->dropped; }

char *yd_problem_format(const yd_problem *problem, char *buf, size_t size)
{
    if (problem->line)
        snprintf(buf, size, "%s:%lu:%lu: %s", problem->path, problem->line, problem->column, problem->message);
    else
        snprintf(buf, size, "%s: %s", problem->path, problem->message);
    return buf;
}
