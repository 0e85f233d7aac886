/* libFuzzer target: bytes -> a .md document rendered with cmark-gfm
 * (markdown.c), checked by markup_check.h. */
#include "markup_check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) { return fuzz_rendered("fuzz.md", data, size); }
