/* Unit tests of the phrase tables: every phrase has a text in every language, format strings
 * keep their conversions in the same order, lookups give the exact words, and one language
 * test decides for the whole report. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "core/phrases.h"

static void test_every_phrase_in_every_language(void **state)
{
    (void)state;
    for (int lang = 0; lang < LR_LANG_COUNT; lang++)
        for (int id = 0; id < LR_PH_COUNT; id++) {
            const char *p = lr_phrase((lr_lang)lang, (lr_phrase_id)id);
            assert_non_null(p);
            if (!p[0])
                fail_msg("phrase %d has no text in language %d", id, lang);
        }
}

/* The conversions of a format string ("%zu", "%s"), in order; "%%" is not one. */
static void conversions(const char *fmt, char *out, size_t size)
{
    size_t n = 0;
    for (const char *p = fmt; *p; p++) {
        if (*p != '%')
            continue;
        if (p[1] == '%') {
            p++;
            continue;
        }
        /* "95 % interval": a percent sign followed by a space is text */
        if (p[1] == ' ')
            continue;
        while (*++p && !strchr("sdfugxz", *p))
            ;
        if (*p == 'z')
            p++;
        if (n + 2 < size) {
            out[n++] = *p ? *p : '?';
            out[n] = '\0';
        }
        if (!*p)
            break;
    }
    out[n] = '\0';
}

static void test_formats_agree(void **state)
{
    (void)state;
    for (int id = 0; id < LR_PH_COUNT; id++) {
        char en[32], ko[32];
        conversions(lr_phrase(LR_LANG_EN, (lr_phrase_id)id), en, sizeof en);
        conversions(lr_phrase(LR_LANG_KO, (lr_phrase_id)id), ko, sizeof ko);
        if (strcmp(en, ko))
            fail_msg("phrase %d: conversions \"%s\" in English, \"%s\" in Korean", id, en, ko);
    }
    char c[32];
    conversions(lr_phrase(LR_LANG_KO, LR_PH_TOP_OF_NOT_RANKED), c, sizeof c);
    assert_string_equal(c, "uuu");
}

static void test_exact_lookups(void **state)
{
    (void)state;
    assert_string_equal(lr_phrase(LR_LANG_EN, LR_PH_CONTENTS), "Contents");
    assert_string_equal(lr_phrase(LR_LANG_KO, LR_PH_CONTENTS), "목차");
    assert_string_equal(lr_phrase(LR_LANG_EN, LR_PH_PAGE), "Page");
    assert_string_equal(lr_phrase(LR_LANG_KO, LR_PH_PAGE), "페이지");
    assert_string_equal(lr_phrase(LR_LANG_EN, LR_PH_SOURCE), "Source: ");
    assert_string_equal(lr_phrase(LR_LANG_KO, LR_PH_SOURCE), "출처: ");
    assert_string_equal(lr_phrase(LR_LANG_EN, LR_PH_CHART_MORE_SOURCES), "; and %zu more");
    assert_string_equal(lr_phrase(LR_LANG_KO, LR_PH_CHART_MORE_SOURCES), "; 외 %zu개");
    assert_string_equal(lr_phrase(LR_LANG_EN, LR_PH_SHOTS_NOT_STATED), "shots not stated");
    assert_string_equal(lr_phrase(LR_LANG_KO, LR_PH_SETTING_NOT_STATED), "설정 미기재");
    assert_string_equal(lr_phrase(LR_LANG_KO, LR_PH_TOP_OF_RULE),
                        "상위 %zu개 모델 (전체 %zu개)%s%s");
    /* out of range: empty, never a crash */
    assert_string_equal(lr_phrase(LR_LANG_COUNT, LR_PH_PAGE), "");
    assert_string_equal(lr_phrase(LR_LANG_EN, LR_PH_COUNT), "");
}

static void test_language_tags(void **state)
{
    (void)state;
    static const struct {
        const char *tag;
        lr_lang lang;
    } cases[] = {
        {NULL, LR_LANG_EN},  {"", LR_LANG_EN},     {"en", LR_LANG_EN},    {"en-US", LR_LANG_EN},
        {"ko", LR_LANG_KO},  {"KO", LR_LANG_KO},   {"ko-KR", LR_LANG_KO}, {"ko_KR", LR_LANG_KO},
        {"kor", LR_LANG_KO}, {"k", LR_LANG_EN},    {"kok", LR_LANG_EN},   {"korean", LR_LANG_EN},
        {"de", LR_LANG_EN},  {"kore", LR_LANG_EN},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        if (lr_lang_parse(cases[i].tag) != cases[i].lang)
            fail_msg("tag \"%s\": language %d", cases[i].tag ? cases[i].tag : "(null)",
                     (int)lr_lang_parse(cases[i].tag));
}

static void test_locators(void **state)
{
    (void)state;
    char buf[128];
    assert_string_equal(lr_phrase_locator(LR_LANG_KO, "Table 2", buf, sizeof buf), "표 2");
    assert_string_equal(lr_phrase_locator(LR_LANG_KO, "Figure 5", buf, sizeof buf), "그림 5");
    assert_string_equal(lr_phrase_locator(LR_LANG_KO, "Table 2 (left), Fig. 3", buf, sizeof buf),
                        "표 2 (left), 그림 3");
    assert_string_equal(lr_phrase_locator(LR_LANG_KO, "Appendix B", buf, sizeof buf), "부록 B");
    /* not a locator: a word inside another, or no number after it */
    assert_string_equal(lr_phrase_locator(LR_LANG_KO, "Timetable 2", buf, sizeof buf),
                        "Timetable 2");
    assert_string_equal(lr_phrase_locator(LR_LANG_KO, "Table of results", buf, sizeof buf),
                        "Table of results");
    assert_string_equal(lr_phrase_locator(LR_LANG_EN, "Table 2", buf, sizeof buf), "Table 2");
    /* a short buffer is cut, still terminated */
    assert_string_equal(lr_phrase_locator(LR_LANG_EN, "Table 2", buf, 4), "Tab");
    assert_string_equal(lr_phrase_locator(LR_LANG_KO, NULL, buf, sizeof buf), "");
}

static void test_rules(void **state)
{
    (void)state;
    char buf[256];
    assert_string_equal(lr_phrase_rule(LR_LANG_KO, "mean of 57 subjects", buf, sizeof buf),
                        "과목 57개의 평균");
    assert_string_equal(
        lr_phrase_rule(LR_LANG_KO, "sample-size-weighted mean of 3 subtasks", buf, sizeof buf),
        "하위 과제 3개의 표본 크기 가중 평균");
    assert_string_equal(lr_phrase_rule(LR_LANG_KO,
                                       "mean of 24 subtasks (computed by llmreport: the file "
                                       "gives the group no value)",
                                       buf, sizeof buf),
                        "하위 과제 24개의 평균 (파일에 그룹 값이 없어 llmreport가 계산)");
    assert_string_equal(
        lr_phrase_rule(LR_LANG_KO, "mean of 4 benchmarks (leaderboard)", buf, sizeof buf),
        "벤치마크 4개의 평균 (리더보드)");
    assert_string_equal(lr_phrase_rule(LR_LANG_KO, "rule not stated", buf, sizeof buf),
                        "규칙 미기재");
    /* a source's own words stay */
    assert_string_equal(lr_phrase_rule(LR_LANG_KO, "mean of 4", buf, sizeof buf), "mean of 4");
    assert_string_equal(lr_phrase_rule(LR_LANG_EN, "mean of 57 subjects", buf, sizeof buf),
                        "mean of 57 subjects");
}

static void test_metric_names(void **state)
{
    (void)state;
    assert_string_equal(lr_phrase_metric(LR_LANG_KO, "acc", "accuracy"), "정확도");
    assert_string_equal(lr_phrase_metric(LR_LANG_KO, "acc_norm", "normalized accuracy"),
                        "정규화 정확도");
    assert_string_equal(lr_phrase_metric(LR_LANG_EN, "acc", "accuracy"), "accuracy");
    assert_string_equal(lr_phrase_metric(LR_LANG_KO, "pass@1", "pass@1"), "pass@1");
    assert_string_equal(lr_phrase_metric(LR_LANG_KO, "f1", "F1"), "F1");
    assert_string_equal(lr_phrase(LR_LANG_KO, LR_PH_SCORE), "점수");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_phrase_in_every_language),
        cmocka_unit_test(test_formats_agree),
        cmocka_unit_test(test_exact_lookups),
        cmocka_unit_test(test_locators),
        cmocka_unit_test(test_metric_names),
        cmocka_unit_test(test_rules),
        cmocka_unit_test(test_language_tags),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
