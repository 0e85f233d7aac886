/* libFuzzer target: an OpenDocument text (odt.c: the zip with its caps,
 * content.xml's headings, paragraphs, lists, tables, spans, tracked
 * changes), checked by markup_check.h. An input starting with a zip's
 * signature is the archive itself; any other is content.xml, zipped here. */
#include "markup_check.h"
#include "../zip_build.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const names[] = {"content.xml"};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size >= 4 && memcmp(data, "PK\3\4", 4) == 0)
        return fuzz_rendered("fuzz.odt", data, size);
    size_t n = 0;
    unsigned char *zip = zb_build_split(data, size, 1, names, &n);
    if (!zip)
        return 0;
    fuzz_rendered("fuzz.odt", zip, n);
    free(zip);
    return 0;
}
