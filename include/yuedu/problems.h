/* Problems found in a file the user wrote (configuration, theme): each one
 * has the file, the line and column where it is (1-based; 0 when it is
 * about the whole file) and a message that names the key and says what is
 * used instead. Reading goes on after a problem, so a list collects them
 * all; the caller prints them (yuedu --check-config, or stderr before the
 * reader starts). */
#ifndef YUEDU_PROBLEMS_H
#define YUEDU_PROBLEMS_H

#include <stddef.h>

#include "yuedu/status.h"

/* More than this many problems in one list: the rest are counted, and the
 * last entry says how many were left out. */
#define YD_PROBLEMS_MAX 100

typedef struct yd_problem {
    char *path;           /* the file, as the user named it */
    unsigned long line;   /* 1-based; 0: the whole file */
    unsigned long column; /* 1-based; 0 with line 0 */
    char *message;        /* e.g. "outline.width: 500 is out of range (10 to 200); using 30" */
} yd_problem;

typedef struct yd_problems {
    yd_problem *items;
    size_t count, capacity;
    size_t dropped; /* problems past YD_PROBLEMS_MAX, not stored */
    int oom;        /* an allocation failed: some problems are missing */
} yd_problems;

void yd_problems_init(yd_problems *p);
void yd_problems_free(yd_problems *p);

/* Add a problem (line and column 1-based, 0 for the whole file). Never
 * fails visibly: out of memory sets p->oom. */
void yd_problems_add(yd_problems *p, const char *path, unsigned long line, unsigned long column, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/* Where a value was written (a problem about it is reported there). */
typedef struct yd_origin {
    const char *path;
    unsigned long line, column; /* 1-based; 0: unknown */
} yd_origin;

/* Number of problems found, stored or not. */
size_t yd_problems_total(const yd_problems *p);

/* "FILE:LINE:COLUMN: message", or "FILE: message" for the whole file, in
 * buf (truncated to size). Returns buf. */
char *yd_problem_format(const yd_problem *problem, char *buf, size_t size);

#endif
