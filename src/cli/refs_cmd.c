/* yuedu --refs: every cross-reference of each document with its source
 * line, its words and where it leads (document and line) or "unresolved";
 * as text, TSV or JSON (docs/READER.md, "Cross-references"). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

#include "cli.h"
#include "i18n.h"
#include "yuedu/crossref.h"
#include "yuedu/markup.h"
#include "yuedu/outline.h"
#include "yuedu/outline_rules.h"

/* The words of a reference as UTF-8 (at most 63 UTF-16 units of them:
 * references are short). */
static void words_utf8(const yd_document *d, const yd_ref *r, char *out, size_t cap)
{
    size_t at = 0;
    int32_t n = r->length < 64 ? r->length : 64;
    const UChar *s = d->text + r->start;
    for (int32_t i = 0; i < n;) {
        UChar32 c;
        U16_NEXT(s, i, n, c);
        if (U_IS_SURROGATE(c))
            c = 0xFFFD;
        if (at + 5 >= cap)
            break;
        UBool bad = 0;
        U8_APPEND((uint8_t *)out, at, (int32_t)cap - 1, c, bad);
        if (bad)
            break;
    }
    out[at] = 0;
}

/* A JSON string: quotes, backslashes, controls and the characters that must
 * not reach a terminal raw as \u escapes; bytes that are not UTF-8 as U+FFFD. */
static void json_put(const char *s)
{
    const uint8_t *p = (const uint8_t *)s;
    int32_t n = (int32_t)strlen(s);
    putchar('"');
    for (int32_t i = 0; i < n;) {
        int32_t start = i;
        UChar32 c;
        U8_NEXT(p, i, n, c);
        if (c < 0)
            fputs("\\uFFFD", stdout);
        else if (c == '"' || c == '\\')
            printf("\\%c", (char)c);
        else if (cli_unsafe_char(c))
            printf("\\u%04X", (unsigned)c);
        else
            fwrite(p + start, 1, (size_t)(i - start), stdout);
    }
    putchar('"');
}

static void print_ref(const yd_corpus *corpus, size_t k, const yd_ref *r, output_format format, int *first)
{
    const yd_document *d = &corpus->docs[k];
    int32_t line, column;
    yd_text_position(d, r->start, &line, &column);
    line = yd_source_line(d, yd_document_line_at(d, r->start)); /* a rendered document's own line */
    char words[256];
    words_utf8(d, r, words, sizeof words);
    const yd_document *td = r->target_doc >= 0 ? &corpus->docs[r->target_doc] : NULL;
    long tline = td ? (long)yd_source_line(td, yd_document_line_at(td, r->target_offset)) : 0;
    const char *kind = yd_ref_kind_name((yd_ref_kind)r->kind);
    if (format == FORMAT_JSON) {
        fputs(*first ? "\n  {\"path\": " : ",\n  {\"path\": ", stdout);
        *first = 0;
        json_put(d->path);
        printf(", \"line\": %ld, \"column\": %ld, \"kind\": \"%s\", \"text\": ", (long)line, (long)column, kind);
        json_put(words);
        if (td) {
            fputs(", \"target\": {\"path\": ", stdout);
            json_put(td->path);
            printf(", \"line\": %ld}}", tline);
        } else {
            fputs(", \"target\": null}", stdout);
        }
        return;
    }
    cli_put_sanitized(stdout, d->path);
    if (format == FORMAT_TSV) {
        printf("\t%ld\t%ld\t%s\t", (long)line, (long)column, kind);
        cli_put_sanitized(stdout, words);
        putchar('\t');
        if (td) {
            cli_put_sanitized(stdout, td->path);
            printf("\t%ld\n", tline);
        } else {
            fputs("unresolved\t\n", stdout);
        }
        return;
    }
    printf(":%ld:%ld: ", (long)line, (long)column);
    cli_put_sanitized(stdout, words);
    fputs(" -> ", stdout);
    if (td) {
        cli_put_sanitized(stdout, td->path);
        printf(":%ld\n", tline);
    } else {
        fputs("unresolved\n", stdout);
    }
}

int cli_refs(const yd_corpus *corpus, output_format format, const char *config_path)
{
    yd_config config;
    if (cli_read_config(config_path, &config) != 0) {
        yd_config_free(&config);
        return EXIT_NOTHING;
    }
    int code = EXIT_NOTHING;
    size_t n = corpus->count, found = 0;
    yd_outline *outlines = calloc(n ? n : 1, sizeof *outlines);
    const yd_outline **optr = calloc(n ? n : 1, sizeof *optr);
    const yd_document **dptr = calloc(n ? n : 1, sizeof *dptr);
    yd_ref_corpus rc = {0};
    yd_error err = {0};
    if (!outlines || !optr || !dptr)
        goto oom;
    yd_outline_options options = {.rules = &config.outline.rules};
    for (size_t k = 0; k < n; k++) {
        if (yd_outline_build_with(&outlines[k], &corpus->docs[k], &options, &err) != YD_OK)
            goto oom;
        optr[k] = &outlines[k];
        dptr[k] = &corpus->docs[k];
    }
    if (yd_ref_corpus_init(&rc, n, dptr, optr, &err) != YD_OK)
        goto oom;
    int first = 1;
    if (format == FORMAT_JSON)
        fputs("[", stdout);
    for (size_t k = 0; k < n; k++) {
        yd_refs refs;
        if (yd_refs_find(&rc, k, &refs, &err) != YD_OK)
            goto oom;
        for (size_t i = 0; i < refs.count; i++)
            print_ref(corpus, k, &refs.items[i], format, &first);
        found += refs.count;
        yd_refs_free(&refs);
    }
    if (format == FORMAT_JSON)
        fputs(first ? "]\n" : "\n]\n", stdout);
    code = found > 0 ? EXIT_OK : EXIT_NOTHING;
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fputs(_("yuedu: cannot write the output\n"), stderr);
        code = EXIT_NOTHING;
    }
    goto done;
oom:
    fputs(_("yuedu: out of memory\n"), stderr);
done:
    yd_ref_corpus_free(&rc);
    for (size_t k = 0; outlines && k < n; k++)
        yd_outline_free(&outlines[k]);
    free(outlines);
    free(optr);
    free(dptr);
    yd_config_free(&config);
    return code;
}
