/* libFuzzer target: bytes -> an .html page rendered with libxml2's HTML
 * parser (html.c: the <meta> charset, the walk, tables), checked by
 * markup_check.h. */
#include "markup_check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) { return fuzz_rendered("fuzz.html", data, size); }
