/* Shared pieces of the command-line front end (not part of the core). */
#ifndef YUEDU_CLI_H
#define YUEDU_CLI_H

#include <stdio.h>

#include "yuedu/corpus.h"

#define YUEDU_VERSION "0.1.0"

/* Exit codes of SPEC §2. */
enum { EXIT_OK = 0, EXIT_NOTHING = 1, EXIT_USAGE = 2 };

typedef enum output_format { FORMAT_TEXT, FORMAT_TSV } output_format;

/* Write s with control bytes escaped (\xHH) so that no file name or
 * message sends raw control sequences to the terminal. */
void cli_put_sanitized(FILE *out, const char *s);

/* Print "yuedu: PATH: message" on stderr; a yd_diag_fn. */
void cli_diag(void *context, const char *path, const char *message);

/* Find the bundled guide: beside the executable in the source tree
 * (build/../docs/guide), in an installed tree (bin/../share/yuedu/guide),
 * or in the compiled-in data directory. Returns 0 and fills buf. */
int cli_find_guide(char *buf, size_t size);

/* --list: one row per document. Returns an exit code. */
int cli_list(const yd_corpus *corpus, output_format format);

#endif
