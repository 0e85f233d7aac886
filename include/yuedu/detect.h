/* Encoding detection: decide how a file's bytes encode text.
 *
 * The order of evidence is: a byte order mark; UTF-16 without a BOM when
 * zero bytes sit on one parity and the code units look like text (ICU's
 * detector never reports BOM-less UTF-16); binary signatures and control
 * byte density; and then a cost comparison between UTF-8, GB18030 and Big5.
 *
 * The legacy comparison does not use ICU's ucsdet, which guesses wildly on
 * short inputs. It uses the structure of the encodings instead: GB2312's
 * first level (the 3755 most frequent Simplified characters) occupies lead
 * bytes B0-D7 with trail bytes A1-FE, and Big5's frequent characters occupy
 * A440-C67E, half of them with trail bytes below 0x7F, which GB2312 never
 * uses. Real text lands in the frequent area of its own encoding and not in
 * the other's, even for a single character. */
#ifndef YUEDU_DETECT_H
#define YUEDU_DETECT_H

#include <stddef.h>

typedef enum yd_encoding_kind {
    YD_ENC_UTF8,
    YD_ENC_UTF8_BOM,
    YD_ENC_UTF16LE,
    YD_ENC_UTF16BE,
    YD_ENC_GB18030,
    YD_ENC_BIG5,
    YD_ENC_NAMED,  /* any other ICU converter, named by the user */
    YD_ENC_BINARY  /* not text: the caller skips the file */
} yd_encoding_kind;

typedef struct yd_encoding {
    yd_encoding_kind kind;
    size_t bom_length;  /* bytes of byte order mark to skip */
    char name[48];      /* what --list shows, e.g. "GB18030" */
} yd_encoding;

/* How many leading bytes the detector looks at; the rest is assumed alike. */
#define YD_DETECT_SAMPLE 65536

/* Decide the encoding of bytes[0..length). Never fails: undecidable input
 * gets the least costly guess, and invalid bytes are replaced on decoding. */
void yd_detect_encoding(const unsigned char *bytes, size_t length, yd_encoding *out);

/* The display name of a detected kind, e.g. "UTF-16LE". */
const char *yd_encoding_kind_name(yd_encoding_kind kind);

/* Exposed for tests: the cost of reading the sample as each candidate
 * (lower is more plausible). */
unsigned long yd_detect_cost_utf8(const unsigned char *bytes, size_t length);
unsigned long yd_detect_cost_gb18030(const unsigned char *bytes, size_t length);
unsigned long yd_detect_cost_big5(const unsigned char *bytes, size_t length);

/* Exposed for tests: per mille of UTF-16 code units that look like text,
 * reading bytes as little (big_endian = 0) or big endian. */
unsigned yd_detect_utf16_plausibility(const unsigned char *bytes, size_t length, int big_endian);

#endif
