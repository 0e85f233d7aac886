/* OSC 52 and citations; see clipboard.h. */
#include "yuedu/clipboard.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

yd_status yd_base64_encode(const unsigned char *bytes, size_t length, char **out, size_t *out_length, yd_error *err)
{
    static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    *out = NULL;
    if (length > (((size_t)-1) / 4) * 3 - 3)
        return yd_error_set(err, YD_ETOOBIG, "yuedu: text too long to encode");
    size_t n = (length + 2) / 3 * 4;
    char *s = malloc(n + 1);
    if (!s)
        return yd_error_set(err, YD_ENOMEM, "yuedu: out of memory");
    size_t o = 0;
    for (size_t i = 0; i < length; i += 3) {
        unsigned v = (unsigned)bytes[i] << 16;
        if (i + 1 < length)
            v |= (unsigned)bytes[i + 1] << 8;
        if (i + 2 < length)
            v |= bytes[i + 2];
        s[o++] = alphabet[(v >> 18) & 63];
        s[o++] = alphabet[(v >> 12) & 63];
        s[o++] = i + 1 < length ? alphabet[(v >> 6) & 63] : '=';
        s[o++] = i + 2 < length ? alphabet[v & 63] : '=';
    }
    s[o] = 0;
    *out = s;
    if (out_length)
        *out_length = o;
    return YD_OK;
}

yd_status yd_osc52_sequence(const char *text, size_t length, size_t limit, char **out, size_t *out_length,
                            yd_error *err)
{
    *out = NULL;
    size_t payload = (length + 2) / 3 * 4;
    if (payload > limit)
        return yd_error_set(err, YD_ETOOBIG, "yuedu: %zu bytes to copy, more than the %zu the clipboard takes "
                            "(clipboard.limit)", payload, limit);
    char *b64;
    size_t n;
    yd_status st = yd_base64_encode((const unsigned char *)text, length, &b64, &n, err);
    if (st != YD_OK)
        return st;
    static const char head[] = "\033]52;c;";
    char *s = malloc(sizeof head - 1 + n + 2);
    if (!s) {
        free(b64);
        return yd_error_set(err, YD_ENOMEM, "yuedu: out of memory");
    }
    memcpy(s, head, sizeof head - 1);
    memcpy(s + sizeof head - 1, b64, n);
    s[sizeof head - 1 + n] = '\a';
    s[sizeof head + n] = 0;
    free(b64);
    *out = s;
    if (out_length)
        *out_length = sizeof head + n;
    return YD_OK;
}

/* A growing string; failed sticks. */
typedef struct text {
    char *s;
    size_t len, cap;
    int failed;
} text;

static void put(text *t, const char *s, size_t n)
{
    if (t->failed)
        return;
    if (t->len + n + 1 > t->cap) {
        size_t cap = t->cap ? t->cap : 64;
        while (cap < t->len + n + 1)
            cap *= 2;
        char *p = realloc(t->s, cap);
        if (!p) {
            t->failed = 1;
            return;
        }
        t->s = p;
        t->cap = cap;
    }
    memcpy(t->s + t->len, s, n);
    t->len += n;
    t->s[t->len] = 0;
}

yd_status yd_citation_format(const char *templ, const yd_citation_fields *fields, char **out, yd_error *err)
{
    text t = {0};
    put(&t, "", 0);
    for (const char *p = templ ? templ : ""; *p;) {
        if ((p[0] == '{' && p[1] == '{') || (p[0] == '}' && p[1] == '}')) {
            put(&t, p, 1);
            p += 2;
            continue;
        }
        if (*p == '{') {
            const char *close = strchr(p, '}');
            size_t n = close ? (size_t)(close - p - 1) : 0;
            const char *value = NULL;
            char number[32];
            if (close && n == 5 && strncmp(p + 1, "title", 5) == 0)
                value = fields->title ? fields->title : "";
            else if (close && n == 4 && strncmp(p + 1, "path", 4) == 0)
                value = fields->path ? fields->path : "";
            else if (close && n == 4 && strncmp(p + 1, "file", 4) == 0)
                value = fields->file ? fields->file : "";
            else if (close && n == 4 && strncmp(p + 1, "line", 4) == 0) {
                snprintf(number, sizeof number, "%ld", fields->line);
                value = number;
            }
            if (value) {
                put(&t, value, strlen(value));
                p = close + 1;
                continue;
            }
        }
        put(&t, p, 1);
        p++;
    }
    if (t.failed) {
        free(t.s);
        *out = NULL;
        return yd_error_set(err, YD_ENOMEM, "yuedu: out of memory");
    }
    *out = t.s;
    return YD_OK;
}
