/* The phrase tables: one per language, indexed by phrase id, so a phrase missing in one
 * language is a NULL the unit test finds, not an English word in a Korean report. */
#include "core/phrases.h"

#include <ctype.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

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
    [LR_PH_NOT_PERCENT] = "not drawn, not a percentage: %zu (%s)",
    [LR_PH_OTHERS_SUMMARY] =
        "%zu cells show the newest of several results at their column's setting; "
        "every result is in the appendix's results by source.",
    [LR_PH_TIER_TIED] = "not separable from the best at the 5 % level",
    [LR_PH_TIER_NEXT] = "tier 2, 3, …: led by the best of the rest",
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
    [LR_PH_LEVEL_CHANGE] = "level changed (change point)",
    [LR_PH_DATE] = "date",
    [LR_PH_SCORE] = "score",
    [LR_PH_SUM_RESULTS] =
        "%zu results from %zu sources: %zu of them are compared in the overview at their column's "
        "setting, and %zu more are shown there marked as measured differently.",
    [LR_PH_SUM_SPREAD] = "The way of measuring moves a number by up to %s points: %s on %s scores "
                         "%s (%s) and %s (%s).",
    [LR_PH_SUM_NO_SPREAD] =
        "Where a result was measured more than one way, no two ways differ by more than %s points.",
    [LR_PH_SUM_NOTHING] = "Every benchmark here was measured one way only, so nothing changed with "
                          "the way of measuring.",
    [LR_PH_SUM_FLIP_ONE] = "%zu pair of models changes order between settings of %s: under %s, %s "
                           "is ahead of %s (%s vs %s), under %s behind (%s vs %s).",
    [LR_PH_SUM_FLIP_MANY] = "%zu pairs of models change order between settings of %s: under %s, %s "
                            "is ahead of %s (%s vs %s), under %s behind (%s vs %s).",
    [LR_PH_SUM_NO_FLIPS] = "Where two settings of a benchmark measured the same models, they rank "
                           "them in the same order.",
    [LR_PH_SUM_NO_MULTI] = "No model was measured more than one way on the same benchmark.",
    [LR_PH_SUM_H2H] =
        "A table that ignored settings would set %zu pairs of models from different sources side "
        "by side that were measured differently (e.g. %s vs %s on %s: %s).",
    [LR_PH_SUM_H2H_GAP] =
        "A table that ignored settings would set %zu pairs of models from different sources side "
        "by side that were measured differently (e.g. %s vs %s on %s: %s); %s and %s share %s but "
        "not one setting, so no number of one can stand next to the other.",
    [LR_PH_SUM_GAP_ALONE] =
        "%s and %s share %s but not one setting, so no number of one can stand next to the other.",
    [LR_PH_SUM_LEFT_OUT] = "Listed in the tables but left out of these findings: results whose "
                           "setting is not stated (%zu) and results of runs on a subset (%zu).",
    [LR_PH_LIST_SEP] = ", ",
    [LR_PH_LIST_LAST] = " and ",
    [LR_PH_LIST_MORE] = " and %zu more",
    [LR_PH_TRANSLATED_TESTS] = "%zu machine-translated versions of a test",
    [LR_PH_DIFF_SHOTS] = "shots %s vs %s",
    [LR_PH_DIFF_METRIC] = "metric %s vs %s",
    [LR_PH_DIFF_METHOD] = "method %s vs %s",
    [LR_PH_DIFF_VARIANT] = "variant %s vs %s",
    [LR_PH_DIFF_TASK] = "task hash %s vs %s",
    [LR_PH_DIFF_SOURCE] = "source %s vs %s",
    [LR_PH_DIFF_SEP] = "; ",
    [LR_PH_PLAIN] = "plain",
    [LR_PH_NONE] = "none",
    [LR_PH_PER_MEMBER] = "per member",
    [LR_PH_NOT_STATED_SHORT] = "not stated",
    [LR_PH_VS] = " vs ",
    [LR_PH_MORE_VALUES] = "%zu more between",
    [LR_PH_ALSO_UNSTATED] = "%zu more without a stated setting, not used",
    [LR_PH_ALSO_LIMITED] = "%zu more on a subset, not used",
    [LR_PH_AHEAD_UNDER] = "ahead under %s",
    [LR_PH_BEHIND_UNDER] = "behind under %s",
    [LR_PH_TIED_UNDER] = "level under %s",
    [LR_PH_INSIDE_ONE] =
        "%zu more pair changes order only within the 95 %% intervals; it is not counted as a flip.",
    [LR_PH_INSIDE_MANY] = "%zu more pairs change order only within the 95 %% intervals; they are "
                          "not counted as flips.",
    [LR_PH_STDERR_KNOWN] = "Every value compared here states its standard error: a change of order "
                           "inside both 95 % intervals is not a flip.",
    [LR_PH_STDERR_SOME] =
        "Some values compared here state a standard error: a change of order inside both 95 % "
        "intervals is not a flip; the others are taken as printed.",
    [LR_PH_STDERR_NONE] = "No value compared here states a standard error, so orders are taken as "
                          "printed: a flip between close values may be noise.",
    [LR_PH_TAU_UNDEFINED] = "not defined (all tied)",
    [LR_PH_SNAPSHOTS] = "%zu tables, snapshots or runs",
    [LR_PH_SETTING_ORDER] = "Settings from left to right: most models measured first.",
    [LR_PH_SLOPE_BY_IMPLEMENTATION] = "%s by implementation",
    [LR_PH_SLOPE_BY_SHOTS] = "%s by number of shots",
    [LR_PH_SLOPE_BY_METHOD] = "%s by prompting method",
    [LR_PH_SLOPE_BY_SETTING] = "%s by setting",
    [LR_PH_SLOPE_LEFT_TO_RIGHT] = "%s; settings left to right by models measured",
    [LR_PH_VALUE_OF] = "%s, %s: %s at %s. ",
    [LR_PH_BY_MEAN_COMPLETE] = "by mean, ranked among the %zu with a comparable value on every "
                               "benchmark shown",
    [LR_PH_NONE_COMPLETE] = "%zu of %zu models in report order: none has a comparable value on "
                            "every benchmark shown, so none is ranked",
    [LR_PH_LEFT_OUT] = "not drawn as bars: ",
    [LR_PH_LEFT_OUT_OTHER] = "%zu measured under another setting (○)",
    [LR_PH_LEFT_OUT_UNKNOWN] = "%zu with the setting not stated (◇)",
    [LR_PH_LEFT_OUT_MISSING] = "%zu missing",
    [LR_PH_SETTINGS] = "Settings: ",
    [LR_PH_ONE_SOURCE] = "all values from one source",
    [LR_PH_RAMP_PER_COLUMN] = ", colour per column:",
    [LR_PH_RAMP_LOWEST] = "its lowest",
    [LR_PH_RAMP_HIGHEST] = "highest",
    [LR_PH_DOT_MOVED] = "drawn beside a dot it would cover",
    [LR_PH_CONTENTS] = "Contents",
    [LR_PH_PAGE] = "Page",
    [LR_PH_NOTES] = "Notes",
    [LR_PH_CELLS_ON] = "%s on %s",
    [LR_PH_AGREE_PAIR] = "%zu models, τ %s",
    [LR_PH_AGREE_OTHERS] = "On other benchmarks, settings that measured the same models keep them "
                           "in the same order: %s.",
    [LR_PH_AGREE_ALL] = "Where settings of a benchmark measured the same models, they keep them in "
                        "the same order: %s.",
    [LR_PH_SUM_RESULTS_ONE] =
        "%zu results from %zu source: %zu of them are compared in the overview at their column's "
        "setting, and %zu more are shown there marked as measured differently.",
    [LR_PH_SUM_H2H_ONE] =
        "A table that ignored settings would set %zu pair of models from different sources side by "
        "side that was measured differently (e.g. %s vs %s on %s: %s).",
    [LR_PH_SUM_H2H_GAP_ONE] =
        "A table that ignored settings would set %zu pair of models from different sources side by "
        "side that was measured differently (e.g. %s vs %s on %s: %s); %s and %s share %s but not "
        "one setting, so no number of one can stand next to the other.",
    [LR_PH_SUM_LEFT_UNSTATED] = "Listed in the tables but left out of these findings: results "
                                "whose setting is not stated (%zu).",
    [LR_PH_SUM_LEFT_LIMITED] =
        "Listed in the tables but left out of these findings: results of runs on a subset (%zu).",
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
    [LR_PH_NOT_PERCENT] = "백분율이 아니어서 그리지 않음: %zu개 (%s)",
    [LR_PH_OTHERS_SUMMARY] =
        "셀 %zu개는 열의 설정에서 얻은 여러 결과 가운데 가장 최근 결과를 보입니다. "
        "모든 결과는 부록의 출처별 결과에 있습니다.",
    [LR_PH_TIER_TIED] = "5 % 수준에서 가장 좋은 값과 구별되지 않음",
    [LR_PH_TIER_NEXT] = "2등급, 3등급, …: 나머지 가운데 가장 좋은 값이 이끄는 등급",
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
    [LR_PH_LEVEL_CHANGE] = "수준 변화 (변화점)",
    [LR_PH_DATE] = "날짜",
    [LR_PH_SCORE] = "점수",
    [LR_PH_SUM_RESULTS] = "결과 %zu개(출처 %zu곳) 가운데 %zu개는 개요 표에서 열의 기준 설정으로 "
                          "비교하고, %zu개는 다르게 측정된 값으로 표시만 합니다.",
    [LR_PH_SUM_SPREAD] = "측정 방식에 따라 같은 결과가 최대 %s점 달라집니다: %s의 %s 점수는 "
                         "%s점(%s)과 %s점(%s)입니다.",
    [LR_PH_SUM_NO_SPREAD] = "여러 방식으로 측정된 결과도 방식 사이의 차이가 %s점을 넘지 않습니다.",
    [LR_PH_SUM_NOTHING] =
        "모든 벤치마크가 한 가지 방식으로만 측정되어, 측정 방식에 따라 달라진 것은 없습니다.",
    [LR_PH_SUM_FLIP_ONE] = "모델 쌍 %zu개의 순서가 %s의 설정에 따라 바뀝니다: %s에서는 %s 쪽이 "
                           "%s보다 앞서지만(%s 대 %s) %s에서는 뒤처집니다(%s 대 %s).",
    [LR_PH_SUM_FLIP_MANY] = "모델 쌍 %zu개의 순서가 %s의 설정에 따라 바뀝니다: 예를 들어 %s에서는 "
                            "%s 쪽이 %s보다 앞서지만(%s 대 %s) %s에서는 뒤처집니다(%s 대 %s).",
    [LR_PH_SUM_NO_FLIPS] =
        "한 벤치마크의 두 설정이 같은 모델들을 측정한 경우, 두 설정의 순위는 같습니다.",
    [LR_PH_SUM_NO_MULTI] = "같은 벤치마크를 두 가지 이상의 방식으로 측정한 모델은 없습니다.",
    [LR_PH_SUM_H2H] = "설정을 무시한 표라면 출처가 다르고 측정 방식도 다른 모델 쌍 %zu개를 나란히 "
                      "놓게 됩니다(예: %s 대 %s, %s: %s).",
    [LR_PH_SUM_H2H_GAP] =
        "설정을 무시한 표라면 출처가 다르고 측정 방식도 다른 모델 쌍 %zu개를 나란히 놓게 되며(예: "
        "%s 대 %s, %s: %s), %s, %s 두 출처는 벤치마크(%s)를 함께 다루지만 같은 설정이 하나도 없어 "
        "서로의 숫자를 나란히 놓을 수 없습니다.",
    [LR_PH_SUM_GAP_ALONE] = "%s, %s 두 출처는 벤치마크(%s)를 함께 다루지만 같은 설정이 하나도 없어 "
                            "서로의 숫자를 나란히 놓을 수 없습니다.",
    [LR_PH_SUM_LEFT_OUT] = "설정이 밝혀지지 않은 결과(%zu개)와 일부 문항만 실행한 결과(%zu개)는 "
                           "표에는 있지만 이 분석에서는 뺐습니다.",
    [LR_PH_LIST_SEP] = ", ",
    [LR_PH_LIST_LAST] = ", ",
    [LR_PH_LIST_MORE] = " 외 %zu개",
    [LR_PH_TRANSLATED_TESTS] = "기계 번역한 시험판 %zu개",
    [LR_PH_DIFF_SHOTS] = "샷 수 %s 대 %s",
    [LR_PH_DIFF_METRIC] = "지표 %s 대 %s",
    [LR_PH_DIFF_METHOD] = "방법 %s 대 %s",
    [LR_PH_DIFF_VARIANT] = "변형 %s 대 %s",
    [LR_PH_DIFF_TASK] = "과제 해시 %s 대 %s",
    [LR_PH_DIFF_SOURCE] = "출처 %s 대 %s",
    [LR_PH_DIFF_SEP] = "; ",
    [LR_PH_PLAIN] = "기본 프롬프트",
    [LR_PH_NONE] = "없음",
    [LR_PH_PER_MEMBER] = "하위 과제별",
    [LR_PH_NOT_STATED_SHORT] = "미기재",
    [LR_PH_VS] = " 대 ",
    [LR_PH_MORE_VALUES] = "그 사이 %zu개 더",
    [LR_PH_ALSO_UNSTATED] = "설정 미기재 %zu개 더, 사용하지 않음",
    [LR_PH_ALSO_LIMITED] = "일부 문항 실행 %zu개 더, 사용하지 않음",
    [LR_PH_AHEAD_UNDER] = "%s에서 앞섬",
    [LR_PH_BEHIND_UNDER] = "%s에서 뒤처짐",
    [LR_PH_TIED_UNDER] = "%s에서 같음",
    [LR_PH_INSIDE_ONE] =
        "이 밖에 모델 쌍 %zu개는 95 %% 구간 안에서만 순서가 바뀌므로 역전으로 세지 않습니다.",
    [LR_PH_INSIDE_MANY] =
        "이 밖에 모델 쌍 %zu개는 95 %% 구간 안에서만 순서가 바뀌므로 역전으로 세지 않습니다.",
    [LR_PH_STDERR_KNOWN] = "여기서 비교한 값은 모두 표준오차를 밝히므로, 두 95 % 구간 안에서 "
                           "일어난 순서 변화는 역전으로 보지 않습니다.",
    [LR_PH_STDERR_SOME] =
        "여기서 비교한 값 가운데 일부만 표준오차를 밝힙니다. 두 95 % 구간 안에서 일어난 순서 "
        "변화는 역전으로 보지 않고, 나머지는 적힌 값 그대로 비교합니다.",
    [LR_PH_STDERR_NONE] = "여기서 비교한 값은 표준오차를 밝히지 않아 적힌 값 그대로 순서를 "
                          "비교합니다. 값이 가까운 역전은 잡음일 수 있습니다.",
    [LR_PH_TAU_UNDEFINED] = "정의되지 않음(모두 동률)",
    [LR_PH_SNAPSHOTS] = "표·스냅숏·실행 %zu개",
    [LR_PH_SETTING_ORDER] = "설정은 측정한 모델이 많은 것부터 왼쪽에서 오른쪽으로 놓았습니다.",
    [LR_PH_SLOPE_BY_IMPLEMENTATION] = "구현별 %s",
    [LR_PH_SLOPE_BY_SHOTS] = "샷 수별 %s",
    [LR_PH_SLOPE_BY_METHOD] = "프롬프트 방법별 %s",
    [LR_PH_SLOPE_BY_SETTING] = "설정별 %s",
    [LR_PH_SLOPE_LEFT_TO_RIGHT] = "%s; 설정은 측정한 모델 수 순서로 왼쪽부터",
    [LR_PH_VALUE_OF] = "%s, %s: %s(%s). ",
    [LR_PH_BY_MEAN_COMPLETE] = "평균 기준, 표시한 모든 벤치마크에 비교 가능한 값이 있는 %zu개 "
                               "모델 중에서 순위",
    [LR_PH_NONE_COMPLETE] = "%zu개 모델 (전체 %zu개), 보고서 순서: 표시한 모든 벤치마크에 비교 "
                            "가능한 값이 있는 모델이 없어 순위 없음",
    [LR_PH_LEFT_OUT] = "막대로 그리지 않은 값: ",
    [LR_PH_LEFT_OUT_OTHER] = "다른 설정에서 측정 %zu개 (○)",
    [LR_PH_LEFT_OUT_UNKNOWN] = "설정 미기재 %zu개 (◇)",
    [LR_PH_LEFT_OUT_MISSING] = "결과 없음 %zu개",
    [LR_PH_SETTINGS] = "설정: ",
    [LR_PH_ONE_SOURCE] = "모든 값이 한 출처에서 나옴",
    [LR_PH_RAMP_PER_COLUMN] = ", 열마다 색:",
    [LR_PH_RAMP_LOWEST] = "열 최저",
    [LR_PH_RAMP_HIGHEST] = "최고",
    [LR_PH_DOT_MOVED] = "겹치는 점 옆에 그림",
    [LR_PH_CONTENTS] = "목차",
    [LR_PH_PAGE] = "페이지",
    [LR_PH_NOTES] = "주",
    [LR_PH_CELLS_ON] = "%s의 %s",
    [LR_PH_AGREE_PAIR] = "모델 %zu개, τ %s",
    [LR_PH_AGREE_OTHERS] =
        "다른 벤치마크에서는 같은 모델들을 측정한 설정 사이에 순서가 바뀌지 않았습니다: %s.",
    [LR_PH_AGREE_ALL] =
        "한 벤치마크의 설정들이 같은 모델들을 측정한 경우 순서가 바뀌지 않았습니다: %s.",
    [LR_PH_SUM_RESULTS_ONE] = "결과 %zu개(출처 %zu곳) 가운데 %zu개는 개요 표에서 열의 기준 "
                              "설정으로 비교하고, %zu개는 다르게 측정된 값으로 표시만 합니다.",
    [LR_PH_SUM_H2H_ONE] = "설정을 무시한 표라면 출처가 다르고 측정 방식도 다른 모델 쌍 %zu개를 "
                          "나란히 놓게 됩니다(예: %s 대 %s, %s: %s).",
    [LR_PH_SUM_H2H_GAP_ONE] =
        "설정을 무시한 표라면 출처가 다르고 측정 방식도 다른 모델 쌍 %zu개를 나란히 놓게 되며(예: "
        "%s 대 %s, %s: %s), %s, %s 두 출처는 벤치마크(%s)를 함께 다루지만 같은 설정이 하나도 없어 "
        "서로의 숫자를 나란히 놓을 수 없습니다.",
    [LR_PH_SUM_LEFT_UNSTATED] =
        "설정이 밝혀지지 않은 결과 %zu개는 표에는 있지만 이 분석에서는 뺐습니다.",
    [LR_PH_SUM_LEFT_LIMITED] =
        "일부 문항만 실행한 결과 %zu개는 표에는 있지만 이 분석에서는 뺐습니다.",
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

/* Metric names with a Korean word; the rest are names (F1, MC2, BLEU) or ids (pass@1). */
static const struct {
    const char *id, *ko;
} korean_metrics[] = {
    {"acc", "정확도"},
    {"acc_norm", "정규화 정확도"},
    {"exact_match", "완전 일치"},
    {"perplexity", "퍼플렉서티"},
    {"word_perplexity", "단어 퍼플렉서티"},
    {"byte_perplexity", "바이트 퍼플렉서티"},
    {"bits_per_byte", "바이트당 비트"},
    {"mae", "평균 절대 오차"},
    {"mean", "평균 점수"},
    {"prompt_level_strict_acc", "프롬프트 단위 엄격 정확도"},
    {"inst_level_strict_acc", "지시 단위 엄격 정확도"},
    {"prompt_level_loose_acc", "프롬프트 단위 느슨한 정확도"},
    {"inst_level_loose_acc", "지시 단위 느슨한 정확도"},
};

const char *lr_phrase_metric(lr_lang lang, const char *id, const char *display)
{
    if (lang == LR_LANG_KO && id)
        for (size_t i = 0; i < sizeof korean_metrics / sizeof korean_metrics[0]; i++)
            if (!strcmp(id, korean_metrics[i].id))
                return korean_metrics[i].ko;
    return display ? display : id ? id : "";
}

/* The words of a locator and their Korean; longer spellings first. */
static const struct {
    const char *en, *ko;
} locator_words[] = {
    {"Tables", "표"},   {"Table", "표"},  {"Tab.", "표"},       {"Figures", "그림"},
    {"Figure", "그림"}, {"Fig.", "그림"}, {"Appendix", "부록"},
};

const char *lr_phrase_locator(lr_lang lang, const char *text, char *buf, size_t size)
{
    if (!size)
        return buf;
    buf[0] = '\0';
    if (!text)
        return buf;
    size_t used = 0;
    for (const char *p = text; *p;) {
        const char *ko = NULL;
        size_t n = 0;
        /* a word at a word start, followed by a space and a digit or a capital letter */
        if (lang == LR_LANG_KO && (p == text || !isalnum((unsigned char)p[-1])))
            for (size_t i = 0; !ko && i < sizeof locator_words / sizeof locator_words[0]; i++) {
                size_t k = strlen(locator_words[i].en);
                if (!strncmp(p, locator_words[i].en, k) && p[k] == ' ' &&
                    (isdigit((unsigned char)p[k + 1]) || isupper((unsigned char)p[k + 1])))
                    ko = locator_words[i].ko, n = k;
            }
        const char *piece = ko ? ko : p;
        size_t len = ko ? strlen(ko) : 1;
        if (used + len >= size)
            break;
        memcpy(buf + used, piece, len);
        used += len;
        p += ko ? n : 1;
    }
    buf[used] = '\0';
    return buf;
}

/* The rules the readers and the aggregator write (ingest/lmeval.c, ingest/olltable.c,
 * model/aggregate.c), a count "%d" in the middle; longest first, so that a weighted mean is not
 * read as a plain one. */
static const struct {
    const char *en_head, *en_tail, *ko_head, *ko_tail;
} korean_rules[] = {
    {"sample-size-weighted mean of ", " subtasks", "하위 과제 ", "개의 표본 크기 가중 평균"},
    {"mean of ", " subtasks", "하위 과제 ", "개의 평균"},
    {"mean of ", " subjects", "과목 ", "개의 평균"},
    {"mean of ", " benchmarks", "벤치마크 ", "개의 평균"},
};

/* Tails that follow a rule, and whole rules. */
static const struct {
    const char *en, *ko;
} korean_rule_words[] = {
    {" (computed by llmreport: the file gives the group no value)",
     " (파일에 그룹 값이 없어 llmreport가 계산)"},
    {" (sample-size-weighted and plain agree)", " (표본 크기 가중 평균과 단순 평균이 같음)"},
    {" (leaderboard", " (리더보드"},
    {"rule not stated", "규칙 미기재"},
    {"the value of its one subtask with this metric", "이 지표를 가진 하위 과제 하나의 값"},
};

const char *lr_phrase_rule(lr_lang lang, const char *rule, char *buf, size_t size)
{
    if (!size)
        return buf;
    snprintf(buf, size, "%s", rule ? rule : "");
    if (lang != LR_LANG_KO || !rule)
        return buf;
    char out[512];
    size_t used = 0;
    const char *p = rule;
    out[0] = '\0';
    while (*p && used + 1 < sizeof out) {
        int done = 0;
        for (size_t i = 0; !done && i < sizeof korean_rules / sizeof korean_rules[0]; i++) {
            size_t h = strlen(korean_rules[i].en_head);
            if (strncmp(p, korean_rules[i].en_head, h) || !isdigit((unsigned char)p[h]))
                continue;
            const char *d = p + h, *e = d;
            while (isdigit((unsigned char)*e))
                e++;
            size_t t = strlen(korean_rules[i].en_tail);
            if (strncmp(e, korean_rules[i].en_tail, t))
                continue;
            int k = snprintf(out + used, sizeof out - used, "%s%.*s%s", korean_rules[i].ko_head,
                             (int)(e - d), d, korean_rules[i].ko_tail);
            if (k < 0 || (size_t)k >= sizeof out - used)
                return buf; /* too long: the rule as written */
            used += (size_t)k;
            p = e + t;
            done = 1;
        }
        for (size_t i = 0; !done && i < sizeof korean_rule_words / sizeof korean_rule_words[0];
             i++) {
            size_t n = strlen(korean_rule_words[i].en);
            if (strncmp(p, korean_rule_words[i].en, n))
                continue;
            int k = snprintf(out + used, sizeof out - used, "%s", korean_rule_words[i].ko);
            if (k < 0 || (size_t)k >= sizeof out - used)
                return buf;
            used += (size_t)k;
            p += n;
            done = 1;
        }
        if (!done) {
            out[used++] = *p++;
            out[used] = '\0';
        }
    }
    if (*p)
        return buf; /* too long: the rule as written */
    snprintf(buf, size, "%s", out);
    return buf;
}
