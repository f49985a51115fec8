/* The phrase tables: one per language, indexed by phrase id, so a phrase missing in one
 * language is a NULL the unit test finds, not an English word in a Korean report. */
#include "core/phrases.h"

#include <ctype.h>
#include <stddef.h>

static const char *const english[LR_PH_COUNT] = {
    [LR_PH_MEASURED_AT] = "was measured at ",
    [LR_PH_NOT_COLUMN] = ", not at the column's setting (",
    [LR_PH_NOT_RANKED] = "); not ranked, not averaged. ",
    [LR_PH_NOT_STATED] = "— the source does not state the setting (",
    [LR_PH_SOURCE] = "Source: ",
    [LR_PH_NOTE] = " Note: ",
    [LR_PH_OTHERS_ONE] = ": 1 other result at the same setting; the table shows the newest (",
    [LR_PH_OTHERS_MANY] = ": %zu other results at the same setting; the table shows the newest (",
    [LR_PH_AVERAGE_HEAD] =
        "Average: plain mean of the %zu columns, each at its reference setting (",
    [LR_PH_AVERAGE_TAIL] = "). A model with a missing cell or a cell measured under another "
                           "setting gets no average (%zu of %zu models).",
    [LR_PH_OLDER] = " (older result, not used)",
    [LR_PH_RUNS] = "%s runs",
    [LR_PH_MODEL_ARGS] = ", model args ",
    [LR_PH_SHOTS_NOT_STATED] = "shots not stated",
    [LR_PH_CHART_SOURCES] = "Sources: ",
    [LR_PH_CHART_MORE_SOURCES] = "; and %zu more",
    [LR_PH_CHART_OVER_TIME] = "%s over time",
    [LR_PH_CHART_OVERVIEW] = "Overview",
    [LR_PH_CHART_HEATMAP] = "Models × benchmarks",
    [LR_PH_OTHER_SETTING] = "measured under another setting",
    [LR_PH_SETTING_NOT_STATED] = "setting not stated",
    [LR_PH_NO_RESULT] = "no result",
    [LR_PH_NO_RESULTS_TO_SHOW] = "no results to show",
    [LR_PH_INTERVAL_95] = "95 % interval",
    [LR_PH_TOP_OF_RULE] = "top %zu of %zu models%s%s",
    [LR_PH_TOP_OF_NOT_RANKED] = "top %zu of %zu models (+%zu not ranked)",
    [LR_PH_TOP_OF] = "top %zu of %zu models",
    [LR_PH_NONE_RANKED] = "%zu of %zu models, none ranked",
    [LR_PH_BY_MEAN] = "by mean over the benchmarks shown",
    [LR_PH_BY_LATEST] = "by latest value",
    [LR_PH_AXIS_STARTS_AT] = "axis starts at %s, not 0",
    [LR_PH_LOWER_IS_BETTER_NOTE] = "lower is better%s%s",
    [LR_PH_LOWER_IS_BETTER_TITLE] = " (lower is better)",
    [LR_PH_BASELINE_AT] = "baseline %s",
    [LR_PH_ESTIMATE] = "estimate",
    [LR_PH_MODEL] = "model",
    [LR_PH_PARETO_HIGHER] = "Pareto frontier: best score at this size or smaller",
    [LR_PH_PARETO_LOWER] = "Pareto frontier: lowest value at this size or smaller",
    [LR_PH_PARAMETERS_LOG] = "parameters (billions, log scale)",
    [LR_PH_BEST_SO_FAR] = "best so far",
    [LR_PH_DATE] = "date",
    [LR_PH_CONTENTS] = "Contents",
    [LR_PH_PAGE] = "Page",
};

static const char *const korean[LR_PH_COUNT] = {
    [LR_PH_MEASURED_AT] = "측정 설정은 ",
    [LR_PH_NOT_COLUMN] = "이며, 열의 기준 설정(",
    [LR_PH_NOT_RANKED] = ")과 다릅니다. 순위와 평균에서 제외합니다. ",
    [LR_PH_NOT_STATED] = "— 출처가 측정 설정을 밝히지 않았습니다(",
    [LR_PH_SOURCE] = "출처: ",
    [LR_PH_NOTE] = " 비고: ",
    [LR_PH_OTHERS_ONE] =
        ": 같은 설정의 다른 결과가 1개 더 있으며, 표에는 가장 최근 결과를 보입니다(",
    [LR_PH_OTHERS_MANY] =
        ": 같은 설정의 다른 결과가 %zu개 더 있으며, 표에는 가장 최근 결과를 보입니다(",
    [LR_PH_AVERAGE_HEAD] = "평균: %zu개 열을 각 열의 기준 설정에서 단순 평균한 값입니다(",
    [LR_PH_AVERAGE_TAIL] = "). 빈 칸이 있거나 다른 설정에서 측정된 칸이 있는 모델은 평균을 "
                           "내지 않습니다(%zu/%zu개 모델).",
    [LR_PH_OLDER] = " (이전 결과, 사용하지 않음)",
    [LR_PH_RUNS] = "%s 실행 결과",
    [LR_PH_MODEL_ARGS] = ", 모델 인자 ",
    [LR_PH_SHOTS_NOT_STATED] = "샷 수 미기재",
    [LR_PH_CHART_SOURCES] = "출처: ",
    [LR_PH_CHART_MORE_SOURCES] = "; 외 %zu개",
    [LR_PH_CHART_OVER_TIME] = "%s 추이",
    [LR_PH_CHART_OVERVIEW] = "개요",
    [LR_PH_CHART_HEATMAP] = "모델 × 벤치마크",
    [LR_PH_OTHER_SETTING] = "다른 설정에서 측정",
    [LR_PH_SETTING_NOT_STATED] = "설정 미기재",
    [LR_PH_NO_RESULT] = "결과 없음",
    [LR_PH_NO_RESULTS_TO_SHOW] = "표시할 결과가 없습니다",
    [LR_PH_INTERVAL_95] = "95 % 구간",
    [LR_PH_TOP_OF_RULE] = "상위 %zu개 모델 (전체 %zu개)%s%s",
    [LR_PH_TOP_OF_NOT_RANKED] = "상위 %zu개 모델 (전체 %zu개, 순위 밖 %zu개)",
    [LR_PH_TOP_OF] = "상위 %zu개 모델 (전체 %zu개)",
    [LR_PH_NONE_RANKED] = "%zu개 모델 (전체 %zu개), 순위 없음",
    [LR_PH_BY_MEAN] = "표시한 벤치마크의 평균 기준",
    [LR_PH_BY_LATEST] = "최근 값 기준",
    [LR_PH_AXIS_STARTS_AT] = "축은 0이 아닌 %s에서 시작",
    [LR_PH_LOWER_IS_BETTER_NOTE] = "낮을수록 좋음%s%s",
    [LR_PH_LOWER_IS_BETTER_TITLE] = " (낮을수록 좋음)",
    [LR_PH_BASELINE_AT] = "기준선 %s",
    [LR_PH_ESTIMATE] = "추정값",
    [LR_PH_MODEL] = "모델",
    [LR_PH_PARETO_HIGHER] = "파레토 경계: 이 크기 이하에서 최고 점수",
    [LR_PH_PARETO_LOWER] = "파레토 경계: 이 크기 이하에서 최저 값",
    [LR_PH_PARAMETERS_LOG] = "매개변수 (십억 개, 로그 축)",
    [LR_PH_BEST_SO_FAR] = "지금까지 최고",
    [LR_PH_DATE] = "날짜",
    [LR_PH_CONTENTS] = "목차",
    [LR_PH_PAGE] = "페이지",
};

static const char *const *const tables[LR_LANG_COUNT] = {
    [LR_LANG_EN] = english, [LR_LANG_KO] = korean};

/* Tags that name Korean: the language subtag, then the end or a region/script separator. */
static const char *const korean_tags[] = {"ko", "kor"};

lr_lang lr_lang_parse(const char *tag)
{
    if (!tag)
        return LR_LANG_EN;
    for (size_t t = 0; t < sizeof korean_tags / sizeof korean_tags[0]; t++) {
        const char *k = korean_tags[t], *s = tag;
        while (*k && tolower((unsigned char)*s) == *k)
            k++, s++;
        if (!*k && (!*s || *s == '-' || *s == '_'))
            return LR_LANG_KO;
    }
    return LR_LANG_EN;
}

const char *lr_phrase(lr_lang lang, lr_phrase_id id)
{
    if ((unsigned)lang >= LR_LANG_COUNT || (unsigned)id >= LR_PH_COUNT)
        return "";
    const char *p = tables[lang][id];
    return p ? p : "";
}
