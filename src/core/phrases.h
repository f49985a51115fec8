/* The words the report adds itself, one table per language: the sentences of the template
 * context and the findings, the chart notes and keys, the PDF's contents and page furniture.
 * Every caller names a phrase by its id; the language is parsed once, by lr_lang_parse. */
#ifndef LR_PHRASES_H
#define LR_PHRASES_H

#include <stddef.h>

typedef enum lr_lang { LR_LANG_EN, LR_LANG_KO, LR_LANG_COUNT } lr_lang;

/* The language of a tag from the config ("ko", "ko-KR", "ko_KR", "kor", any case): Korean for
 * those, English for NULL, "" and everything else. */
lr_lang lr_lang_parse(const char *tag);

/* Phrase ids. Format strings keep their conversions in the same order in every language (the
 * unit test checks it). */
typedef enum lr_phrase_id {
    /* template context: cell footnotes and notes */
    LR_PH_MEASURED_AT,
    LR_PH_NOT_COLUMN,
    LR_PH_NOT_RANKED,
    LR_PH_NOT_STATED,
    LR_PH_SOURCE,
    LR_PH_NOTE,
    LR_PH_OTHERS_ONE,
    LR_PH_OTHERS_MANY,
    LR_PH_AVERAGE_HEAD,
    LR_PH_AVERAGE_TAIL,
    LR_PH_OLDER,
    LR_PH_RUNS,
    LR_PH_MODEL_ARGS,
    LR_PH_SHOTS_NOT_STATED,
    /* chart specs */
    LR_PH_CHART_SOURCES,
    LR_PH_CHART_MORE_SOURCES,
    LR_PH_CHART_OVER_TIME,
    LR_PH_CHART_OVERVIEW,
    LR_PH_CHART_HEATMAP,
    /* the words charts draw */
    LR_PH_OTHER_SETTING,
    LR_PH_SETTING_NOT_STATED,
    LR_PH_NO_RESULT,
    LR_PH_NO_RESULTS_TO_SHOW,
    LR_PH_INTERVAL_95,
    LR_PH_NOT_PERCENT,
    LR_PH_OTHERS_SUMMARY,
    LR_PH_TIER_TIED,
    LR_PH_TIER_NEXT,
    LR_PH_TOP_OF_RULE,
    LR_PH_TOP_OF_NOT_RANKED,
    LR_PH_TOP_OF,
    LR_PH_NONE_RANKED,
    LR_PH_BY_MEAN,
    LR_PH_BY_LATEST,
    LR_PH_AXIS_STARTS_AT,
    LR_PH_LOWER_IS_BETTER_NOTE,
    LR_PH_LOWER_IS_BETTER_TITLE,
    LR_PH_BASELINE_AT,
    LR_PH_ESTIMATE,
    LR_PH_MODEL,
    LR_PH_PARETO_HIGHER,
    LR_PH_PARETO_LOWER,
    LR_PH_PARAMETERS_LOG,
    LR_PH_BEST_SO_FAR,
    LR_PH_LEVEL_CHANGE,
    LR_PH_DATE,
    LR_PH_SCORE,
    /* findings: the summary */
    LR_PH_SUM_RESULTS,
    LR_PH_SUM_RESULTS_ONE,
    LR_PH_SUM_SPREAD,
    LR_PH_SUM_NO_SPREAD,
    LR_PH_SUM_NOTHING,
    LR_PH_SUM_FLIP_ONE,
    LR_PH_SUM_FLIP_MANY,
    LR_PH_SUM_NO_FLIPS,
    LR_PH_SUM_NO_MULTI,
    LR_PH_SUM_H2H,
    LR_PH_SUM_H2H_ONE,
    LR_PH_SUM_H2H_GAP,
    LR_PH_SUM_H2H_GAP_ONE,
    LR_PH_SUM_GAP_ALONE,
    LR_PH_SUM_LEFT_OUT,
    LR_PH_SUM_LEFT_UNSTATED,
    LR_PH_SUM_LEFT_LIMITED,
    LR_PH_LIST_SEP,
    LR_PH_LIST_LAST,
    LR_PH_LIST_MORE,
    /* findings: what differs */
    LR_PH_DIFF_SHOTS,
    LR_PH_DIFF_METRIC,
    LR_PH_DIFF_METHOD,
    LR_PH_DIFF_VARIANT,
    LR_PH_DIFF_TASK,
    LR_PH_DIFF_SOURCE,
    LR_PH_DIFF_SEP,
    LR_PH_PLAIN,
    LR_PH_NONE,
    LR_PH_PER_MEMBER,
    LR_PH_NOT_STATED_SHORT,
    /* findings: tables and notes */
    LR_PH_VS,
    LR_PH_MORE_VALUES,
    LR_PH_ALSO_UNSTATED,
    LR_PH_ALSO_LIMITED,
    LR_PH_AHEAD_UNDER,
    LR_PH_BEHIND_UNDER,
    LR_PH_TIED_UNDER,
    LR_PH_INSIDE_ONE,
    LR_PH_INSIDE_MANY,
    LR_PH_STDERR_KNOWN,
    LR_PH_STDERR_SOME,
    LR_PH_STDERR_NONE,
    LR_PH_TAU_UNDEFINED,
    LR_PH_AGREE_PAIR,
    LR_PH_AGREE_OTHERS,
    LR_PH_AGREE_ALL,
    LR_PH_SNAPSHOTS,
    LR_PH_SETTING_ORDER,
    LR_PH_SLOPE_BY_IMPLEMENTATION,
    LR_PH_SLOPE_BY_SHOTS,
    LR_PH_SLOPE_BY_METHOD,
    LR_PH_SLOPE_BY_SETTING,
    LR_PH_SLOPE_LEFT_TO_RIGHT,
    LR_PH_VALUE_OF,
    LR_PH_BY_MEAN_COMPLETE,
    LR_PH_NONE_COMPLETE,
    LR_PH_LEFT_OUT,
    LR_PH_LEFT_OUT_OTHER,
    LR_PH_LEFT_OUT_UNKNOWN,
    LR_PH_LEFT_OUT_MISSING,
    LR_PH_SETTINGS,
    LR_PH_ONE_SOURCE,
    LR_PH_TRANSLATED_TESTS,
    LR_PH_RAMP_PER_COLUMN,
    LR_PH_RAMP_LOWEST,
    LR_PH_RAMP_HIGHEST,
    LR_PH_DOT_MOVED,
    /* PDF furniture */
    LR_PH_CONTENTS,
    LR_PH_PAGE,
    LR_PH_NOTES, /* the heading of the footnotes at the end */
    /* table notes: the cells a note applies to (rows, then columns) */
    LR_PH_CELLS_ON,
    LR_PH_COUNT
} lr_phrase_id;

/* The text of phrase id in lang (a static string); "" for an id out of range. */
const char *lr_phrase(lr_lang lang, lr_phrase_id id);

/* The name of a metric (a registry id: "acc", "exact_match") in lang, for chart axes: the
 * registry's display name in English, its Korean name in Korean; ids without one (pass@k, F1,
 * MC2, BLEU) keep display. */
const char *lr_phrase_metric(lr_lang lang, const char *id, const char *display);

/* A source's locator in lang: in Korean "Table 2" is "표 2", "Figure 5" "그림 5", "Appendix B"
 * "부록 B" (each word followed by a space and a number or letter, anywhere in text); in English,
 * and for other text, text as it is. Writes into buf (always NUL-terminated) and returns buf. */
const char *lr_phrase_locator(lr_lang lang, const char *text, char *buf, size_t size);

/* An aggregation rule as the model states it ("mean of 57 subjects", "sample-size-weighted
 * mean of 3 subtasks", "rule not stated", "mean of 4 benchmarks (leaderboard)") in lang:
 * Korean for the rules the code writes, other text (a source's own words) as it is. Writes into
 * buf (always NUL-terminated) and returns buf. */
const char *lr_phrase_rule(lr_lang lang, const char *rule, char *buf, size_t size);

#endif
