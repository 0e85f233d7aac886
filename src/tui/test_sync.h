/* A test hook (docs/TESTING.md, "Synchronised keys"): with the environment
 * variable YUEDU_TEST_SYNC naming a file, the reader appends "PID N" to it
 * each time it has handled every key it was sent (N keys so far) and drawn
 * the result, so the end-to-end tests check a screen only after the keys
 * they sent were handled. Without the variable every call returns at once. */
#ifndef YUEDU_TUI_TEST_SYNC_H
#define YUEDU_TUI_TEST_SYNC_H

/* Read the variable and open the file (append); nothing when unset. */
void test_sync_open(void);

/* One key (or mouse event) taken from the terminal and handled. */
void test_sync_key(void);

/* Before the reader waits for input: report "PID N" when keys were handled
 * since the last report and no input is waiting. A key that waits for the
 * rest of a sequence counts as handled: the status line shows it. */
void test_sync_idle(void);

/* The screen was drawn after a key (traced only with
 * YUEDU_TEST_TRACE_CLOCK, which also stamps every trace line with the
 * monotonic clock in milliseconds and traces each key: for tests/bench). */
void test_sync_drawn(void);

void test_sync_close(void);

/* With YUEDU_TEST_HOLD naming a file: while that file exists, the loader
 * thread waits here after the walk, before the first document, so that a
 * test can type keys and resize while the reader waits for it (as it
 * does during the walk of a large folder). test_sync_release ends every
 * wait at once (the reader quits). Nothing when unset. */
void test_sync_hold(void);
void test_sync_release(void);

/* With YUEDU_TEST_TRACE naming a file, append one line to it (printf
 * style) for an event the tests count but cannot see on the screen, such
 * as a search started or cancelled. Nothing when unset. */
void test_sync_trace(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
