/* The end-to-end tests' synchronisation hook (test_sync.h). It is in the
 * reader, not the harness, because only the reader knows when a key has
 * been handled: a screen that has not changed yet looks the same as one
 * that never will. */
#include "test_sync.h"

#include <fcntl.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static int sync_fd = -1, trace_fd = -1;
static long keys_handled, keys_reported = -1;

void test_sync_open(void)
{
    const char *path = getenv("YUEDU_TEST_SYNC");
    if (path && *path)
        sync_fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0666);
    path = getenv("YUEDU_TEST_TRACE");
    if (path && *path)
        trace_fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0666);
}

void test_sync_trace(const char *fmt, ...)
{
    if (trace_fd < 0)
        return;
    char line[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(line, sizeof line - 1, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if (n > (int)sizeof line - 2)
        n = (int)sizeof line - 2;
    line[n++] = '\n';
    if (write(trace_fd, line, (size_t)n) != n)
        close(trace_fd), trace_fd = -1; /* a test file that cannot be written: stop tracing */
}

void test_sync_key(void) { keys_handled++; }

void test_sync_idle(void)
{
    if (sync_fd < 0 || keys_handled == keys_reported)
        return;
    /* More keys already sent: report after them, so that a check never
     * sees the screen between two keys of one e2e_keys call. */
    struct pollfd in = {.fd = STDIN_FILENO, .events = POLLIN};
    if (poll(&in, 1, 0) > 0)
        return;
    char line[48];
    int n = snprintf(line, sizeof line, "%ld %ld\n", (long)getpid(), keys_handled);
    if (write(sync_fd, line, (size_t)n) == n) /* one write: a reader never sees half a line */
        keys_reported = keys_handled;
}

void test_sync_close(void)
{
    if (sync_fd >= 0)
        close(sync_fd);
    if (trace_fd >= 0)
        close(trace_fd);
    sync_fd = trace_fd = -1;
}
