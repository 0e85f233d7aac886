/* The libraries the reader's binary loads on first use instead of at its
 * start (src/late/late_libraries.c): libxml2 and libzip, for HTML, EPUB,
 * DOCX and ODT. Only the reader's binary has this; the core never calls it
 * (the unit tests link those libraries as usual). */
#ifndef YUEDU_LATE_LIBRARIES_H
#define YUEDU_LATE_LIBRARIES_H

/* Load them now: NULL when both are loaded, else why one is not (dlerror's
 * text, or the library and the function it lacks). */
const char *yd_late_libraries_load(void);

#endif
