/* The end-to-end tests' synchronisation hook (test_sync.h). It is in the
 * reader, not the harness, because only the reader knows when a key has
 * been handled: a screen that has not changed yet looks the same as one
 * that never will. */
#include "test_sync.h"

#include <fcntl.h>
#include <poll.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

static int sync_fd = -1, trace_fd = -1;
static long keys_handled, keys_reported = -1;
static int trace_clock; /* YUEDU_TEST_TRACE_CLOCK: each line stamped, keys and draws traced */
static char hold_path[4096]; /* YUEDU_TEST_HOLD, or empty */
static atomic_int released;

void test_sync_open(void)
{
    const char *path = getenv("YUEDU_TEST_SYNC");
    if (path && *path)
        sync_fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0666);
    path = getenv("YUEDU_TEST_TRACE");
    if (path && *path)
        trace_fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0666);
    path = getenv("YUEDU_TEST_TRACE_CLOCK");
    trace_clock = path && *path;
    path = getenv("YUEDU_TEST_HOLD");
    snprintf(hold_path, sizeof hold_path, "%s", path ? path : "");
}

void test_sync_hold(void)
{
    const struct timespec moment = {0, 2000000};
    while (hold_path[0] && !atomic_load(&released) && access(hold_path, F_OK) == 0)
        nanosleep(&moment, NULL); /* the test removes the file: no event to wait on */
}

void test_sync_release(void) { atomic_store(&released, 1); }

void test_sync_trace(const char *fmt, ...)
{
    if (trace_fd < 0)
        return;
    char line[256];
    int stamp = 0;
    if (trace_clock) { /* milliseconds of the monotonic clock, for the benchmarks */
        struct timespec now;
        clock_gettime(CLOCK_MONOTONIC, &now);
        stamp = snprintf(line, 32, "%lld.%06ld ", (long long)now.tv_sec * 1000 + now.tv_nsec / 1000000,
                         now.tv_nsec % 1000000);
    }
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(line + stamp, sizeof line - 1 - (size_t)stamp, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    n += stamp;
    if (n > (int)sizeof line - 2)
        n = (int)sizeof line - 2;
    line[n++] = '\n';
    if (write(trace_fd, line, (size_t)n) != n)
        close(trace_fd), trace_fd = -1; /* a test file that cannot be written: stop tracing */
}

void test_sync_key(void)
{
    keys_handled++;
    if (trace_clock)
        test_sync_trace("key");
}

void test_sync_drawn(void)
{
    if (trace_clock)
        test_sync_trace("drawn");
}

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
