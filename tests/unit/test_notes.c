/* Notes written out (Markdown, Org, JSON, TSV) and the JSON read back:
 * grouping by document and section, escapes that keep every control
 * character out of the output raw, the JSON round trip (every field, line
 * breaks, quotes and controls as they were), merging by id without
 * duplicates (the later change wins), and input that changes nothing:
 * text that is not JSON, a newer schema, notes with no id or no passage. */
#include "test_util.h"
#include "yuedu/notes.h"

static const char TEXT[] = "第一章 总则\n为了规范图书的阅读，制定本办法。\n第二章 标注\n读者可以标出段落并写下批注。\n";

typedef struct notes_fixture {
    yd_document doc;
    yd_bookmarks bm, hl;
    char dir[256];
} notes_fixture;

static void make(notes_fixture *f)
{
    memset(f, 0, sizeof *f);
    yd_error err = {0};
    assert_int_equal(yd_document_from_bytes(&f->doc, "/corpus/rules.txt", (const unsigned char *)TEXT, strlen(TEXT),
                                            NULL, &err),
                     YD_OK);
    char *dir = make_temp_dir();
    snprintf(f->dir, sizeof f->dir, "%s", dir);
    free(dir);
    assert_int_equal(yd_bookmarks_open(&f->bm, f->dir, 0, &err), YD_OK);
    assert_int_equal(yd_highlights_open(&f->hl, f->dir, 0, &err), YD_OK);
}

static void unmake(notes_fixture *f)
{
    yd_bookmarks_free(&f->bm);
    yd_bookmarks_free(&f->hl);
    yd_document_free(&f->doc);
    rm_rf(f->dir);
}

static int32_t at(const yd_document *doc, const char *needle)
{
    int32_t k = find_utf8(doc->text, doc->length, needle);
    assert_true(k >= 0);
    return k;
}

/* One note of each kind: a highlight whose note holds a line break, a
 * quote mark, an ESC and a bidi override; a bookmark in another section. */
static size_t two_notes(notes_fixture *f, yd_note notes[2])
{
    char id[YD_BOOKMARK_ID_SIZE];
    int32_t p = at(&f->doc, "标出段落");
    assert_int_equal(yd_highlights_add(&f->hl, &f->doc, 0, p, p + 4, NULL, 2, "第一行\n\"引\"\x1b[31m\xe2\x80\xae", id),
                     YD_OK);
    const yd_bookmark *h = yd_bookmarks_find(&f->hl, id);
    notes[1] = (yd_note){h, 1, "rules.txt", "规则", "第二章 标注", h->name, "——《规则》（rules.txt:4）", 4, p};
    assert_int_equal(yd_bookmarks_add(&f->bm, &f->doc, 0, at(&f->doc, "为了"), NULL, "*开头* #1", "", id), YD_OK);
    const yd_bookmark *b = yd_bookmarks_find(&f->bm, id);
    notes[0] = (yd_note){b, 0, "rules.txt", "规则", "第一章 总则", b->name, "", 2, b->offset};
    return 2;
}

static char *written(const yd_note *notes, size_t n, yd_notes_format format)
{
    char *out;
    size_t length;
    assert_int_equal(yd_notes_write(notes, n, format, &out, &length), YD_OK);
    assert_int_equal(strlen(out), length);
    return out;
}

static void no_raw_controls(const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        assert_true(*p >= 0x20 || *p == '\n' || *p == '\t');
    assert_null(strstr(s, "\xe2\x80\xae")); /* no bidi override either */
}

static void test_markdown(void **state)
{
    (void)state;
    notes_fixture f;
    make(&f);
    yd_note notes[2];
    char *md = written(notes, two_notes(&f, notes), YD_NOTES_MARKDOWN);
    no_raw_controls(md);
    /* One document heading, a heading per section, in the order given. */
    const char *doc = strstr(md, "\n## 规则 (rules.txt)\n"), *s1 = strstr(md, "\n### 第一章 总则\n"),
               *s2 = strstr(md, "\n### 第二章 标注\n");
    assert_non_null(doc);
    assert_non_null(s1);
    assert_non_null(s2);
    assert_true(doc < s1 && s1 < s2);
    assert_null(strstr(doc + 1, "\n## ")); /* not twice */
    assert_non_null(strstr(md, "> \\*开头\\* \\#1\n"));       /* Markdown's own characters escaped */
    assert_non_null(strstr(md, "> 标出段落\n\n第一行  \n")); /* the note's line break, a hard break */
    assert_non_null(strstr(md, "\\x1B\\[31m\\u202E"));      /* controls as text */
    assert_non_null(strstr(md, "*——《规则》（rules.txt:4） · highlight 3 · "));
    assert_non_null(strstr(md, "rules.txt:2 · bookmark \\*开头\\* \\#1 · ")); /* no citation: the place */
    free(md);
    unmake(&f);
}

/* A note's line that Markdown would read as a list item, a thematic break
 * or a heading's underline, and an entity, stay the words written. */
static void test_markdown_line_starts(void **state)
{
    (void)state;
    notes_fixture f;
    make(&f);
    char id[YD_BOOKMARK_ID_SIZE];
    assert_int_equal(yd_bookmarks_add(&f.bm, &f.doc, 0, at(&f.doc, "为了"), NULL, "名",
                                      "1. 甲\n- 乙\n+ 丙\n---\n===\n10) 丁\nA&amp;B 第1. 条", id),
                     YD_OK);
    const yd_bookmark *b = yd_bookmarks_find(&f.bm, id);
    yd_note note = {b, 0, "rules.txt", "规则", "第一章 总则", b->name, "", 2, b->offset};
    char *md = written(&note, 1, YD_NOTES_MARKDOWN);
    assert_non_null(strstr(md, "\n1\\. 甲  \n\\- 乙  \n\\+ 丙  \n\\---  \n\\===  \n10\\) 丁  \nA\\&amp;B 第1. 条\n"));
    free(md);
    unmake(&f);
}

static void test_org_and_tsv(void **state)
{
    (void)state;
    notes_fixture f;
    make(&f);
    yd_note notes[2];
    size_t n = two_notes(&f, notes);
    char *org = written(notes, n, YD_NOTES_ORG);
    no_raw_controls(org);
    assert_non_null(strstr(org, "\n* 规则 (rules.txt)\n** 第一章 总则\n#+BEGIN_QUOTE\n,*开头* #1\n#+END_QUOTE\n"));
    free(org);
    char *tsv = written(notes, n, YD_NOTES_TSV);
    no_raw_controls(tsv);
    static const char header[] = "kind\tpath\tline\tsection\tquote\tnote\tcitation\t";
    assert_true(strncmp(tsv, header, sizeof header - 1) == 0);
    /* One row per note: the note's line break and tab written as \n, \t. */
    assert_non_null(strstr(tsv, "\t标出段落\t第一行\\n\"引\"\\x1B[31m\\u202E\t"));
    size_t rows = 0;
    for (const char *p = tsv; *p; p++)
        rows += *p == '\n';
    assert_int_equal(rows, 3);
    free(tsv);
    unmake(&f);
}

static void test_json_round_trip(void **state)
{
    (void)state;
    notes_fixture f;
    make(&f);
    yd_note notes[2];
    size_t n = two_notes(&f, notes);
    char *json = written(notes, n, YD_NOTES_JSON);
    no_raw_controls(json);
    assert_non_null(strstr(json, "\"note\": \"第一行\\n\\\"引\\\"\\u001B[31m\\u202E\""));

    /* Into an empty pair of stores: every field as it was. */
    notes_fixture g;
    make(&g);
    yd_notes_imported r;
    yd_error err = {0};
    assert_int_equal(yd_notes_import(json, strlen(json), &g.bm, &g.hl, &r, &err), YD_OK);
    assert_int_equal(r.added, 2);
    assert_int_equal(r.skipped, 0);
    for (size_t k = 0; k < n; k++) {
        const yd_bookmark *a = notes[k].item, *b = yd_bookmarks_find(notes[k].highlight ? &g.hl : &g.bm, a->id);
        assert_non_null(b);
        assert_string_equal(b->name, a->name);
        assert_string_equal(b->note, a->note);
        assert_string_equal(b->path, a->path);
        assert_string_equal(b->abs_path, a->abs_path);
        assert_string_equal(b->anchor.before, a->anchor.before);
        assert_string_equal(b->anchor.after, a->anchor.after);
        assert_string_equal(b->anchor.fingerprint, a->anchor.fingerprint);
        assert_int_equal(b->anchor.offset, a->anchor.offset);
        assert_int_equal(b->length, a->length);
        assert_int_equal(b->style, a->style);
        assert_int_equal(b->created, a->created);
        assert_int_equal(b->updated, a->updated);
        assert_true(b->dirty); /* to be saved */
    }
    /* Saved and read again, resolved: the highlight is where it was. */
    assert_int_equal(yd_bookmarks_save(&g.hl, &err), YD_OK);
    const yd_document *docs[1] = {&g.doc};
    assert_int_equal(yd_highlights_resolve(&g.hl, docs, 1, NULL, 0), 0);
    assert_int_equal(yd_bookmarks_find(&g.hl, notes[1].item->id)->offset, notes[1].item->offset);

    /* Again: nothing doubled. */
    assert_int_equal(yd_notes_import(json, strlen(json), &g.bm, &g.hl, &r, &err), YD_OK);
    assert_int_equal(r.added, 0);
    assert_int_equal(r.same, 2);
    assert_int_equal(yd_bookmarks_live_count(&g.bm) + yd_bookmarks_live_count(&g.hl), 2);
    free(json);

    /* A newer note elsewhere replaces this one; an older one does not. */
    char id[YD_BOOKMARK_ID_SIZE];
    memcpy(id, notes[1].item->id, sizeof id);
    assert_int_equal(yd_bookmarks_set_note(&f.hl, id, "改过的批注"), YD_OK);
    notes[1].item = yd_bookmarks_find(&f.hl, id);
    notes[0].item = yd_bookmarks_find(&f.bm, notes[0].item->id);
    json = written(notes, n, YD_NOTES_JSON);
    assert_int_equal(yd_notes_import(json, strlen(json), &g.bm, &g.hl, &r, &err), YD_OK);
    assert_int_equal(r.updated, 1);
    assert_int_equal(r.same, 1);
    assert_string_equal(yd_bookmarks_find(&g.hl, id)->note, "改过的批注");
    free(json);
    unmake(&g);
    unmake(&f);
}

static void test_bad_input_changes_nothing(void **state)
{
    (void)state;
    notes_fixture f;
    make(&f);
    yd_notes_imported r;
    static const char *const bad[] = {
        "{\"notes\": [",                               /* not JSON */
        "[1, 2]",                                      /* not the object */
        "{\"notes\": []}",                             /* no schema */
        "{\"yuedu-notes\": 2, \"notes\": []}",         /* newer */
    };
    for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
        yd_error err = {0};
        assert_int_equal(yd_notes_import(bad[k], strlen(bad[k]), &f.bm, &f.hl, &r, &err), YD_EINVAL);
        assert_true(err.message[0] != 0);
        assert_int_equal(f.bm.count + f.hl.count, 0);
    }
    /* Notes with no id, no path, an unknown kind or no passage are left out. */
    const char *some = "{\"yuedu-notes\": 1, \"notes\": ["
                       "{\"kind\": \"highlight\", \"path\": \"a.txt\", \"name\": \"x\", \"length\": 1},"
                       "{\"kind\": \"bookmark\", \"id\": \"abc\"},"
                       "{\"kind\": \"comment\", \"id\": \"abd\", \"path\": \"a.txt\"},"
                       "{\"kind\": \"highlight\", \"id\": \"abe\", \"path\": \"a.txt\", \"name\": \"x\"},"
                       "{\"kind\": \"bookmark\", \"id\": \"abf\", \"path\": \"a.txt\", \"name\": \"ok\"}]}";
    yd_error err = {0};
    assert_int_equal(yd_notes_import(some, strlen(some), &f.bm, &f.hl, &r, &err), YD_OK);
    assert_int_equal(r.skipped, 4);
    assert_int_equal(r.added, 1);
    assert_non_null(yd_bookmarks_find(&f.bm, "abf"));
    assert_int_equal(f.hl.count, 0);
    unmake(&f);
}

/* Import json, which holds one new bookmark: that bookmark, by id. */
static const yd_bookmark *import_one(notes_fixture *f, const char *json, const char *id)
{
    yd_notes_imported r;
    yd_error err = {0};
    assert_int_equal(yd_notes_import(json, strlen(json), &f->bm, &f->hl, &r, &err), YD_OK);
    assert_int_equal(r.added, 1);
    const yd_bookmark *b = yd_bookmarks_find(&f->bm, id);
    assert_non_null(b);
    return b;
}

/* JSON from other tools: a character beyond U+FFFF written as a surrogate
 * pair of \u escapes (Python's json.dumps, jq -a), which YAML alone refuses;
 * "\\u" is a backslash and a u, not an escape. A lone surrogate is no
 * character: refused, nothing changed. */
static void test_import_surrogate_pairs(void **state)
{
    (void)state;
    notes_fixture f;
    make(&f);
    const char *json = "{\"yuedu-notes\": 1, \"notes\": [{\"kind\": \"bookmark\", \"id\": \"a1\", "
                       "\"path\": \"a.txt\", \"name\": \"\\u7b2c\\ud840\\udc00\\uD83D\\uDE00\", "
                       "\"note\": \"\\\\ud83d\\\\ude00 \\\"\\ud83d\\ude00\\\"\"}]}";
    const yd_bookmark *b = import_one(&f, json, "a1");
    assert_string_equal(b->name, "第\xF0\xA0\x80\x80\xF0\x9F\x98\x80"); /* 第𠀀😀 */
    assert_string_equal(b->note, "\\ud83d\\ude00 \"\xF0\x9F\x98\x80\"");
    yd_notes_imported r;
    yd_error err = {0};
    const char *lone = "{\"yuedu-notes\": 1, \"notes\": [{\"kind\": \"bookmark\", \"id\": \"a2\", "
                       "\"path\": \"a.txt\", \"name\": \"\\ud83dx\"}]}";
    assert_int_equal(yd_notes_import(lone, strlen(lone), &f.bm, &f.hl, &r, &err), YD_EINVAL);
    assert_null(yd_bookmarks_find(&f.bm, "a2"));
    unmake(&f);
}

/* JSON indented with tabs (json.dumps(indent="\t")) reads as the same
 * notes: inside a flow collection a tab separates like a space. */
static void test_import_tab_indented(void **state)
{
    (void)state;
    notes_fixture f;
    make(&f);
    const char *json = "{\n\t\"yuedu-notes\": 1,\n\t\"notes\": [\n\t\t{\n\t\t\t\"kind\": \"bookmark\",\n"
                       "\t\t\t\"id\": \"t1\",\n\t\t\t\"path\": \"a.txt\",\n\t\t\t\"name\": \"\t制表\"\n\t\t}\n\t]\n}\n";
    const yd_bookmark *b = import_one(&f, json, "t1");
    assert_string_equal(b->name, "\t制表"); /* a tab inside the string stays */
    unmake(&f);
}

static void test_format_names(void **state)
{
    (void)state;
    yd_notes_format f;
    assert_int_equal(yd_notes_format_from_name("org", &f), 0);
    assert_int_equal(f, YD_NOTES_ORG);
    assert_int_equal(yd_notes_format_from_name("json", &f), 0);
    assert_int_equal(f, YD_NOTES_JSON);
    assert_int_equal(yd_notes_format_from_name("yaml", &f), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_markdown),
        cmocka_unit_test(test_org_and_tsv),
        cmocka_unit_test(test_json_round_trip),
        cmocka_unit_test(test_bad_input_changes_nothing),
        cmocka_unit_test(test_markdown_line_starts),
        cmocka_unit_test(test_import_surrogate_pairs),
        cmocka_unit_test(test_import_tab_indented),
        cmocka_unit_test(test_format_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
