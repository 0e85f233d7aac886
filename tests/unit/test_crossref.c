/* Cross-references: recognised in both scripts and resolved against the
 * outline, on small statutes written for these tests. */
#include "test_util.h"
#include "yuedu/crossref.h"

#include <unicode/ustring.h>

/* A corpus of up to four documents made from strings. */
typedef struct fixture_corpus {
    yd_document docs[4];
    yd_outline outlines[4];
    const yd_document *dptr[4];
    const yd_outline *optr[4];
    size_t count;
    yd_ref_corpus rc;
} fixture_corpus;

static void add(fixture_corpus *f, const char *name, const char *text)
{
    yd_error err = {0};
    size_t k = f->count++;
    assert_int_equal(yd_document_from_bytes(&f->docs[k], name, (const unsigned char *)text, strlen(text), NULL, &err),
                     YD_OK);
    assert_int_equal(yd_outline_build(&f->outlines[k], &f->docs[k], &err), YD_OK);
    f->dptr[k] = &f->docs[k];
    f->optr[k] = &f->outlines[k];
}

static void open_corpus(fixture_corpus *f)
{
    yd_error err = {0};
    assert_int_equal(yd_ref_corpus_init(&f->rc, f->count, f->dptr, f->optr, &err), YD_OK);
}

static void close_corpus(fixture_corpus *f)
{
    yd_ref_corpus_free(&f->rc);
    for (size_t k = 0; k < f->count; k++) {
        yd_outline_free(&f->outlines[k]);
        yd_document_free(&f->docs[k]);
    }
}

/* The reference whose words are exactly words (UTF-8), or NULL. */
static const yd_ref *ref_named(const fixture_corpus *f, size_t doc, const yd_refs *refs, const char *words, int nth)
{
    for (size_t i = 0; i < refs->count; i++) {
        char *w = utf8_of(f->docs[doc].text + refs->items[i].start, refs->items[i].length);
        int same = strcmp(w, words) == 0;
        free(w);
        if (same && nth-- == 0)
            return &refs->items[i];
    }
    return NULL;
}

/* The 1-based line a reference leads to, 0 when unresolved. */
static long target_line(const fixture_corpus *f, const yd_ref *r)
{
    if (!r || r->target_doc < 0)
        return 0;
    return (long)yd_document_line_at(&f->docs[r->target_doc], r->target_offset) + 1;
}

static const char STATUTE[] = "示例管理法\n"                                  /* 1 */
                              "\n"                                           /* 2 */
                              "第一章 总则\n"                                /* 3 */
                              "\n"                                           /* 4 */
                              "第一条 为了测试引用，制定本法。\n"            /* 5 */
                              "\n"                                           /* 6 */
                              "第二条 本法所称样本，是指下列物品：\n"        /* 7 */
                              "（一）甲类物品；\n"                           /* 8 */
                              "（二）乙类物品。\n"                           /* 9 */
                              "前款第二项所列物品，另行规定。\n"             /* 10 */
                              "\n"                                           /* 11 */
                              "第二章 管理\n"                                /* 12 */
                              "\n"                                           /* 13 */
                              "第三条 依照本法第二条第二款的规定办理。\n"    /* 14 */
                              "前款规定适用于本章。\n"                       /* 15 */
                              "\n"                                           /* 16 */
                              "第四条 前条所述事项，参照第一章和第 1 條执行；第九十九条不存在。\n" /* 17 */
                              "本条第一款、第二款不适用于第二条第一款第一项、第二项。\n"; /* 18 */

static void same_document(void **state)
{
    (void)state;
    fixture_corpus f = {0};
    add(&f, "示例管理法.txt", STATUTE);
    open_corpus(&f);
    yd_refs refs;
    yd_error err = {0};
    assert_int_equal(yd_refs_find(&f.rc, 0, &refs, &err), YD_OK);

    const yd_ref *r = ref_named(&f, 0, &refs, "前款第二项", 0);
    assert_non_null(r);
    assert_int_equal(r->kind, YD_REF_ITEM);
    assert_int_equal(target_line(&f, r), 9); /* the item （二） of article 2's first paragraph */

    r = ref_named(&f, 0, &refs, "本法第二条第二款", 0);
    assert_non_null(r);
    assert_int_equal(r->kind, YD_REF_PARAGRAPH);
    assert_int_equal(target_line(&f, r), 10); /* items are not paragraphs */

    r = ref_named(&f, 0, &refs, "前款", 0);
    assert_non_null(r);
    assert_int_equal(target_line(&f, r), 14);
    r = ref_named(&f, 0, &refs, "本章", 0);
    assert_non_null(r);
    assert_int_equal(r->kind, YD_REF_THIS);
    assert_int_equal(target_line(&f, r), 12);
    r = ref_named(&f, 0, &refs, "前条", 0);
    assert_non_null(r);
    assert_int_equal(target_line(&f, r), 14);
    r = ref_named(&f, 0, &refs, "第一章", 0);
    assert_non_null(r);
    assert_int_equal(r->kind, YD_REF_DIVISION);
    assert_int_equal(target_line(&f, r), 3);
    r = ref_named(&f, 0, &refs, "第 1 條", 0); /* Arabic digits, Traditional unit */
    assert_non_null(r);
    assert_int_equal(target_line(&f, r), 5);
    r = ref_named(&f, 0, &refs, "第九十九条", 0);
    assert_non_null(r);
    assert_int_equal(r->target_doc, -1); /* recognised, unresolved */

    /* A list: the bare 第二款 belongs to 本条, the bare 第二项 to the paragraph before. */
    r = ref_named(&f, 0, &refs, "本条第一款", 0);
    assert_int_equal(target_line(&f, r), 17);
    r = ref_named(&f, 0, &refs, "第二款", 0);
    assert_int_equal(target_line(&f, r), 18);
    r = ref_named(&f, 0, &refs, "第二条第一款第一项", 0);
    assert_int_equal(target_line(&f, r), 8);
    r = ref_named(&f, 0, &refs, "第二项", 0);
    assert_non_null(r);
    assert_int_equal(target_line(&f, r), 9);

    /* The article lines themselves are no references to themselves. */
    assert_null(ref_named(&f, 0, &refs, "第一条", 0));
    assert_null(ref_named(&f, 0, &refs, "第一章", 1));
    /* 本法 alone is not marked. */
    assert_null(ref_named(&f, 0, &refs, "本法", 0));
    for (size_t i = 1; i < refs.count; i++)
        assert_true(refs.items[i - 1].start + refs.items[i - 1].length <= refs.items[i].start);
    assert_int_equal(yd_refs_after(&refs, 0), 0);
    assert_int_equal(yd_refs_after(&refs, f.docs[0].length), refs.count);
    yd_refs_free(&refs);
    close_corpus(&f);
}

static const char OTHER[] = "# 中华人民共和国样本法\n"
                            "\n"
                            "第一条 本法是另一部法律。\n"
                            "\n"
                            "第二条 第二条有两款。\n"
                            "\n"
                            "第二款在这里。\n";

static const char CITING[] = "引用规定\n"
                             "\n"
                             "第一条 依照《中华人民共和国样本法》第二条第二款、第一条处理。\n"
                             "\n"
                             "第二条 根据样本法第一条，另见《不存在的法》第三条和宪法第五条。\n";

static void other_documents(void **state)
{
    (void)state;
    fixture_corpus f = {0};
    add(&f, "citing.txt", CITING);
    add(&f, "dir/样本法.md", OTHER);
    open_corpus(&f);
    yd_refs refs;
    yd_error err = {0};
    assert_int_equal(yd_refs_find(&f.rc, 0, &refs, &err), YD_OK);
    const yd_ref *r = ref_named(&f, 0, &refs, "《中华人民共和国样本法》第二条第二款", 0);
    assert_non_null(r);
    assert_true(r->external);
    assert_int_equal(r->target_doc, 1);
    assert_int_equal(target_line(&f, r), 7);
    /* the list goes on in the document named first */
    r = ref_named(&f, 0, &refs, "第一条", 0);
    assert_non_null(r);
    assert_int_equal(r->target_doc, 1);
    assert_int_equal(target_line(&f, r), 3);
    /* a name without brackets, after a verb */
    r = ref_named(&f, 0, &refs, "样本法第一条", 0);
    assert_non_null(r);
    assert_int_equal(r->target_doc, 1);
    r = ref_named(&f, 0, &refs, "《不存在的法》第三条", 0);
    assert_non_null(r);
    assert_true(r->external);
    assert_int_equal(r->target_doc, -1);
    r = ref_named(&f, 0, &refs, "宪法第五条", 0); /* another law, not this document's article 5 */
    assert_non_null(r);
    assert_int_equal(r->target_doc, -1);
    yd_refs_free(&refs);
    close_corpus(&f);
}

static const char TAIWAN[] = "範例法\n"
                             "\n"
                             "第 1 條\n"
                             "本法適用於下列事業：\n"
                             "一、甲業。\n"
                             "二、乙業。\n"
                             "依前項第二款指定時，應公告之。\n"
                             "\n"
                             "第 2 條\n"
                             "前條第一項第一款之事業，準用第 1 條第二項。\n";

static void taiwan_order(void **state)
{
    (void)state;
    fixture_corpus f = {0};
    add(&f, "tw.md", TAIWAN);
    open_corpus(&f);
    yd_refs refs;
    yd_error err = {0};
    assert_int_equal(yd_refs_find(&f.rc, 0, &refs, &err), YD_OK);
    /* 項 is the paragraph, 款 the item; a bare 第 1 條 line is no paragraph */
    const yd_ref *r = ref_named(&f, 0, &refs, "前項第二款", 0);
    assert_non_null(r);
    assert_int_equal(target_line(&f, r), 6);
    r = ref_named(&f, 0, &refs, "前條第一項第一款", 0);
    assert_non_null(r);
    assert_int_equal(target_line(&f, r), 5);
    r = ref_named(&f, 0, &refs, "第 1 條第二項", 0);
    assert_non_null(r);
    assert_int_equal(target_line(&f, r), 7);
    yd_refs_free(&refs);
    close_corpus(&f);
}

static void novel(void **state)
{
    (void)state;
    fixture_corpus f = {0};
    add(&f, "novel.txt",
        "第一回 开头\n\n他是第一条好汉，走了第二条路。\n\n第二回 后来\n\n且看第一回所说，本回不提。\n");
    open_corpus(&f);
    yd_refs refs;
    yd_error err = {0};
    assert_int_equal(yd_refs_find(&f.rc, 0, &refs, &err), YD_OK);
    /* counts of things are not articles in a text without articles */
    assert_null(ref_named(&f, 0, &refs, "第一条", 0));
    const yd_ref *r = ref_named(&f, 0, &refs, "第一回", 0);
    assert_non_null(r);
    assert_int_equal(target_line(&f, r), 1);
    assert_int_equal(refs.count, 1);
    yd_refs_free(&refs);
    close_corpus(&f);
}

/* The line :TEXT jumps to (1-based), 0 when none. */
static long locate(fixture_corpus *f, const char *text, int32_t from)
{
    UChar u[64];
    int32_t n = 0;
    UErrorCode st = U_ZERO_ERROR;
    u_strFromUTF8(u, 64, &n, text, -1, &st);
    int32_t offset;
    yd_error err = {0};
    assert_int_equal(yd_ref_locate(&f->rc, 0, u, n, from, &offset, &err), YD_OK);
    return offset < 0 ? 0 : (long)yd_document_line_at(&f->docs[0], offset) + 1;
}

static void jump_commands(void **state)
{
    (void)state;
    fixture_corpus f = {0};
    add(&f, "示例管理法.txt", STATUTE);
    open_corpus(&f);
    assert_int_equal(locate(&f, "第3条", 0), 14);
    assert_int_equal(locate(&f, "3条", 0), 14);
    assert_int_equal(locate(&f, "第三条", 0), 14);
    assert_int_equal(locate(&f, " 第 3 條 ", 0), 14);
    assert_int_equal(locate(&f, "第二章", 0), 12);
    assert_int_equal(locate(&f, "第二条第二款", 0), 10);
    /* 第二款 of the article read */
    assert_int_equal(locate(&f, "第二款", f.docs[0].line_starts[16]), 18);
    assert_int_equal(locate(&f, "第九十九条", 0), 0);
    assert_int_equal(locate(&f, "第3条之后", 0), 0); /* not a reference alone */
    assert_int_equal(locate(&f, "doc", 0), 0);
    close_corpus(&f);
}

/* A novel as download sites give it: the chapters listed first, each
 * chapter's line behind the label 正文. */
static void novel_contents(void **state)
{
    (void)state;
    fixture_corpus f = {0};
    add(&f, "回目.txt",
        "回目\n\n第一回　开头\n第二回　后来\n\n"
        "　　正文 第一回　开头\n\n　　他走了很远的路，到了一个小镇。\n\n"
        "　　正文 第二回　后来\n\n　　且看第一回所说。\n");
    open_corpus(&f);
    /* the chapter, not its line in the contents, in any form of its number */
    assert_int_equal(locate(&f, "第2回", 0), 10);
    assert_int_equal(locate(&f, "第二回", 0), 10);
    assert_int_equal(locate(&f, "1回", 0), 6);
    assert_int_equal(locate(&f, "第三回", 0), 0);
    yd_refs refs;
    yd_error err = {0};
    assert_int_equal(yd_refs_find(&f.rc, 0, &refs, &err), YD_OK);
    /* a chapter's own line behind its label is no reference; 第一回 in the text leads to the chapter */
    assert_int_equal(refs.count, 1);
    const yd_ref *r = ref_named(&f, 0, &refs, "第一回", 0);
    assert_non_null(r);
    assert_int_equal(yd_document_line_at(&f.docs[0], r->start) + 1, 12);
    assert_int_equal(target_line(&f, r), 6);
    yd_refs_free(&refs);
    close_corpus(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(same_document),
        cmocka_unit_test(other_documents),
        cmocka_unit_test(taiwan_order),
        cmocka_unit_test(novel),
        cmocka_unit_test(jump_commands),
        cmocka_unit_test(novel_contents),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
