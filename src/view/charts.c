/* Chart specs from the model; see charts.h. */
#include "charts.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/error.h"
#include "core/index.h"
#include "core/phrases.h"
#include "view/baseline.h"
#include "view/tiers.h"

typedef struct builder {
    const lr_store *store;
    const lr_config *config;
    const lr_overview *ov;
    const lr_items *items;
    lr_chart_set *set;
    size_t cap;
    int failed;
} builder;

static lr_arena *arena(builder *b)
{
    return &b->set->arena;
}

static const char *say(const builder *b, lr_phrase_id id)
{
    return lr_phrase(lr_lang_parse(b->config ? b->config->language : NULL), id);
}

static char *dup(builder *b, const char *s)
{
    char *p = lr_arena_strdup(arena(b), s ? s : "");
    if (!p)
        b->failed = 1;
    return p;
}

static void *alloc(builder *b, size_t n)
{
    void *p = lr_arena_alloc(arena(b), n ? n : 1);
    if (!p)
        b->failed = 1;
    else
        memset(p, 0, n ? n : 1);
    return p;
}

/* Columns (benchmark at its reference setting) for a list of benchmarks; those without any
 * known setting are left out. */
static lr_column *columns(builder *b, const char *const *bench, size_t n, const char *metric,
                          size_t *n_out)
{
    lr_column *cols = alloc(b, n * sizeof *cols);
    *n_out = 0;
    for (size_t i = 0; cols && i < n; i++) {
        lr_column *c = &cols[*n_out];
        if (!lr_reference_setting_for(b->store, b->config, bench[i], metric, &c->ref,
                                      &c->configured))
            continue;
        c->benchmark = c->ref.benchmark;
        c->display = c->ref.benchmark_display;
        ++*n_out;
    }
    return cols;
}

static int same_model(const char *a, const char *b)
{
    return !strcmp(a, b);
}

/* The config's models (aliased), or every model with a cell in one of cols. */
static const char **models_for(builder *b, const char *const *names, size_t n_names,
                               const lr_column *cols, size_t n_cols, size_t *n_out)
{
    size_t n_all;
    const char *const *all = lr_store_models(b->store, &n_all);
    const char **out = alloc(b, (n_all + n_names + 1) * sizeof *out);
    *n_out = 0;
    if (!out)
        return NULL;
    if (n_names) {
        for (size_t i = 0; i < n_names; i++) {
            const char *name = lr_store_model_name((lr_store *)b->store, names[i]);
            int dupe = 0;
            for (size_t k = 0; k < *n_out && !dupe; k++)
                dupe = same_model(out[k], name);
            if (!dupe)
                out[(*n_out)++] = name;
        }
        return out;
    }
    for (size_t i = 0; i < n_all; i++) {
        for (size_t c = 0; c < n_cols; c++) {
            lr_cell cell;
            lr_overview_choose(b->store, all[i], &cols[c], &cell);
            if (cell.kind != LR_CELL_EMPTY) {
                out[(*n_out)++] = all[i];
                break;
            }
        }
    }
    return out;
}

/* "Sources: A; B; C; and 4 more", from the observations drawn. */
static const char *footnote(builder *b, const lr_observation *const *used, size_t n)
{
    lr_buf out = LR_BUF_INIT;
    lr_index seen = LR_INDEX_INIT;
    size_t listed = 0, more = 0;
    for (size_t i = 0; i < n; i++) {
        const lr_source *s = used[i] ? used[i]->source : NULL;
        if (!s)
            continue;
        const char *name = s->title ? s->title : s->harness ? s->harness : s->kind;
        if (!name)
            continue;
        size_t hits;
        lr_index_get(&seen, name, NULL, &hits);
        if (hits)
            continue;
        lr_index_add(&seen, name, NULL, i);
        if (listed < 4) {
            lr_buf_puts(&out, listed ? "; " : say(b, LR_PH_CHART_SOURCES));
            lr_buf_puts(&out, name);
            if (s->date && strlen(s->date) >= 10)
                lr_buf_printf(&out, " (%.10s)", s->date);
            listed++;
        } else {
            more++;
        }
    }
    if (more)
        lr_buf_printf(&out, say(b, LR_PH_CHART_MORE_SOURCES), more);
    lr_index_free(&seen);
    const char *text = out.len ? dup(b, out.data) : NULL;
    lr_buf_free(&out);
    return text;
}

/* A source as the chart's sources line names it, "GPT-4 Technical Report (2023-03-15)"; NULL
 * when the observation names none. */
static const char *source_name(builder *b, const lr_observation *o)
{
    const lr_source *s = o ? o->source : NULL;
    const char *name = !s ? NULL : s->title ? s->title : s->harness ? s->harness : s->kind;
    if (!name)
        return NULL;
    char buf[600];
    if (s->date && strlen(s->date) >= 10)
        snprintf(buf, sizeof buf, "%s (%.10s)", name, s->date);
    else
        snprintf(buf, sizeof buf, "%s", name);
    return dup(b, buf);
}

static const char *describe_setting(builder *b, const lr_column *cols, size_t n)
{
    lr_buf out = LR_BUF_INIT;
    char buf[512];
    for (size_t c = 0; c < n; c++) {
        lr_buf_printf(&out, "%s%s · %s", c ? "; " : "", cols[c].display,
                      lr_setting_describe(&cols[c].ref, buf, sizeof buf));
    }
    const char *text = dup(b, out.data ? out.data : "");
    lr_buf_free(&out);
    return text;
}

static const char *value_label(builder *b, const lr_column *cols, size_t n)
{
    const lr_metric_def *m =
        lr_registry_metric(lr_store_registry((lr_store *)b->store), cols[0].ref.metric);
    int one_metric = 1, percent = cols[0].ref.bounded;
    for (size_t c = 1; c < n; c++) {
        one_metric &= cols[c].ref.metric && cols[0].ref.metric &&
                      !strcmp(cols[c].ref.metric, cols[0].ref.metric);
        percent &= cols[c].ref.bounded; /* "(%)" only when every value on the axis is one */
    }
    char buf[160];
    /* pass@k beyond the registry's k is named by its id */
    const char *score = say(b, LR_PH_SCORE);
    lr_lang lang = lr_lang_parse(b->config ? b->config->language : NULL);
    const char *name = !one_metric ? score
                       : m         ? lr_phrase_metric(lang, m->id, m->display)
                       : cols[0].ref.metric && !strncmp(cols[0].ref.metric, "pass@", 5)
                           ? cols[0].ref.metric
                           : score;
    snprintf(buf, sizeof buf, "%s%s", name, percent ? " (%)" : "");
    return dup(b, buf);
}

/* Bars over several benchmarks share one value axis: when some are percentages and some are
 * not (MRPC's F1 beside CoLA's MCC), only the percentages are drawn and the setting line names
 * the others. Returns the columns to draw (cols itself, or a copy in the chart set's arena) and
 * their count in *n; *left the text naming the others, or NULL. NULL when out of memory. */
static const lr_column *one_scale(builder *b, const lr_column *cols, size_t *n, const char **left)
{
    *left = NULL;
    size_t percent = 0;
    for (size_t c = 0; c < *n; c++)
        percent += cols[c].ref.bounded != 0;
    if (!percent || percent == *n)
        return cols;
    lr_column *kept = alloc(b, percent * sizeof *kept);
    if (!kept)
        return NULL;
    lr_buf names = LR_BUF_INIT;
    size_t k = 0, other = 0;
    for (size_t c = 0; c < *n; c++) {
        if (cols[c].ref.bounded)
            kept[k++] = cols[c];
        else
            lr_buf_printf(&names, "%s%s", other++ ? ", " : "", cols[c].display);
    }
    char buf[600];
    snprintf(buf, sizeof buf, say(b, LR_PH_NOT_PERCENT), other, names.data ? names.data : "");
    lr_buf_free(&names);
    *left = dup(b, buf);
    *n = k;
    return kept;
}

/* The setting line with what one_scale left out. */
static void say_left_out(builder *b, lr_chart *chart, const char *left)
{
    if (!left)
        return;
    char buf[2048];
    snprintf(buf, sizeof buf, "%s; %s", chart->setting ? chart->setting : "", left);
    chart->setting = dup(b, buf);
}

static lr_chart *new_chart(builder *b)
{
    if (b->set->n == b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 16;
        lr_chart *c = realloc(b->set->charts, cap * sizeof *c);
        lr_chart_link *l = c ? realloc(b->set->links, cap * sizeof *l) : NULL;
        if (c)
            b->set->charts = c;
        if (!c || !l) {
            b->failed = 1;
            return NULL;
        }
        b->set->links = l;
        b->cap = cap;
    }
    lr_chart *c = &b->set->charts[b->set->n];
    memset(c, 0, sizeof *c);
    c->language = b->config ? b->config->language : NULL;
    c->baseline = -1;
    c->higher_is_better = 1;
    return c;
}

/* Fills the cells of models × cols and finishes the chart; 0 when nothing would be drawn. */
/* The tiers of a chart of one benchmark (drawn when it is ranked), as the overview has them:
 * among the results at the reference setting. 0 when out of memory. */
static int tiers(builder *b, lr_chart *chart, const lr_observation **used)
{
    size_t n = chart->n_series;
    const lr_observation **ref = alloc(b, n * sizeof *ref);
    int *tier = alloc(b, n * sizeof *tier);
    if (!ref || !tier)
        return 0;
    for (size_t s = 0; s < n; s++)
        ref[s] = chart->cells[s].present && chart->cells[s].mark == LR_MARK_NONE ? used[s] : NULL;
    if (lr_tiers_of(ref, n, chart->higher_is_better, b->items, tier)) {
        b->failed = 1;
        return 0;
    }
    for (size_t s = 0; s < n; s++)
        if (tier[s]) {
            chart->tiers = tier;
            break;
        }
    return 1;
}

static int fill(builder *b, lr_chart *chart, const char **models, size_t n_models,
                const lr_column *cols, size_t n_cols)
{
    if (!n_models || !n_cols)
        return 0;
    lr_chart_cell *cells = alloc(b, n_models * n_cols * sizeof *cells);
    const char **groups = alloc(b, n_cols * sizeof *groups);
    const lr_observation **used = alloc(b, n_models * n_cols * sizeof *used);
    const char **sources = alloc(b, n_models * n_cols * sizeof *sources);
    if (!cells || !groups || !used || !sources)
        return 0;
    size_t present = 0;
    for (size_t g = 0; g < n_cols; g++)
        groups[g] = cols[g].display;
    for (size_t s = 0; s < n_models; s++) {
        for (size_t g = 0; g < n_cols; g++) {
            lr_cell cell;
            lr_overview_choose(b->store, models[s], &cols[g], &cell);
            lr_chart_cell *c = &cells[s * n_cols + g];
            if (cell.kind == LR_CELL_EMPTY)
                continue;
            c->present = 1;
            c->value = cell.obs->value;
            c->ci95 = cell.obs->stderr_ >= 0 ? 1.96 * cell.obs->stderr_ : -1;
            c->mark = cell.kind == LR_CELL_REF     ? LR_MARK_NONE
                      : cell.kind == LR_CELL_OTHER ? LR_MARK_OTHER_SETTING
                                                   : LR_MARK_UNKNOWN_SETTING;
            sources[s * n_cols + g] = source_name(b, cell.obs);
            used[s * n_cols + g] = cell.obs;
            present++;
        }
    }
    if (!present)
        return 0;
    chart->series = models;
    chart->n_series = n_models;
    chart->groups = groups;
    chart->n_groups = n_cols;
    chart->cells = cells;
    chart->sources = sources;
    chart->bounded = 1;
    for (size_t g = 0; g < n_cols; g++)
        chart->bounded &= cols[g].ref.bounded;
    chart->higher_is_better = cols[0].ref.higher_is_better;
    chart->setting = describe_setting(b, cols, n_cols);
    chart->value_label = value_label(b, cols, n_cols);
    chart->footnote = footnote(b, used, n_models * n_cols);
    if (n_cols == 1 && !tiers(b, chart, used))
        return 0;
    return 1;
}

static void commit(builder *b, lr_chart *chart, const char *id, const char *title)
{
    char safe[80];
    lr_chart_safe_id(id, safe, sizeof safe);
    /* ids stay unique: a second "mmlu" becomes "mmlu-2" */
    char unique[96];
    snprintf(unique, sizeof unique, "%s", safe);
    for (int k = 2;; k++) {
        int taken = 0;
        for (size_t i = 0; i < b->set->n && !taken; i++)
            taken = !strcmp(b->set->links[i].id, unique);
        if (!taken)
            break;
        snprintf(unique, sizeof unique, "%s-%d", safe, k);
    }
    chart->id = dup(b, unique);
    chart->title = dup(b, title);
    char file[128];
    snprintf(file, sizeof file, "charts/%s.svg", unique);
    lr_chart_link *l = &b->set->links[b->set->n];
    l->id = chart->id;
    l->title = chart->title;
    l->file = dup(b, file);
    l->flip_set = -1;
    if (!b->failed)
        b->set->n++;
}

lr_status lr_charts_check_config(const lr_config *config, lr_error *err)
{
    for (size_t i = 0; i < config->n_charts; i++) {
        const char *type = config->charts[i].type;
        if (!type || lr_chart_type_parse(type) >= 0)
            continue;
        char types[200] = "";
        for (int t = 0; lr_chart_type_parse(lr_chart_type_name((lr_chart_type)t)) == t; t++)
            snprintf(types + strlen(types), sizeof types - strlen(types), "%s%s", t ? ", " : "",
                     lr_chart_type_name((lr_chart_type)t));
        char ptr[64];
        snprintf(ptr, sizeof ptr, "/charts/%zu/type", i);
        lr_error_set(err, LR_ETYPE, config->path, "unknown chart type \"%.100s\" (types: %s)", type,
                     types);
        lr_error_pointer(err, ptr);
        return LR_ETYPE;
    }
    return LR_OK;
}

static lr_chart_type type_of(const char *name)
{
    int t = lr_chart_type_parse(name ? name : "");
    return t < 0 ? LR_CHART_BARS : (lr_chart_type)t;
}

/* ---- trends over history ---- */

static double days_of(const char *date)
{
    int y, m, d;
    if (!date || sscanf(date, "%d-%d-%d", &y, &m, &d) != 3)
        return 0;
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return (double)(era * 146097 + doe - 719468);
}

/* Marks the nights where a series at one setting changed level: the change points of its
 * values over the history, as the Changes section names them (lr_history_changepoints). */
static void mark_level_changes(builder *b, const lr_chart_cell *row,
                               const lr_observation *const *used, size_t n_hist, int bounded,
                               unsigned char *marks)
{
    double *x = alloc(b, 3 * n_hist * sizeof *x);
    long *n = alloc(b, n_hist * sizeof *n);
    size_t *at = alloc(b, 2 * n_hist * sizeof *at);
    if (!x || !n || !at)
        return;
    double *se = x + n_hist;
    size_t len = 0, *cp = at + n_hist;
    for (size_t g = 0; g < n_hist; g++) {
        if (!row[g].present || !used[g])
            continue;
        x[len] = row[g].value;
        se[len] = used[g]->stderr_;
        n[len] = used[g]->n;
        at[len++] = g;
    }
    size_t k = lr_history_changepoints(x, se, n, bounded, len, cp);
    for (size_t i = 0; i < k; i++)
        marks[at[cp[i]]] = 1;
}

static void trend(builder *b, const lr_column *col, const char **models, size_t n_models,
                  const lr_snapshot *hist, size_t n_hist, const char *id, const char *title)
{
    if (n_hist < 2 || !n_models)
        return;
    if (n_models > 8)
        n_models = 8;
    /* one series per model at the column's setting, and one more per model for snapshots
     * measured differently: those are never joined into the same line */
    const char **series = alloc(b, 2 * n_models * sizeof *series);
    lr_chart_cell *cells = alloc(b, 2 * n_models * n_hist * sizeof *cells);
    const char **groups = alloc(b, n_hist * sizeof *groups);
    double *x = alloc(b, n_hist * sizeof *x);
    const lr_observation **used = alloc(b, 2 * n_models * n_hist * sizeof *used);
    const char **srcs = alloc(b, 2 * n_models * n_hist * sizeof *srcs);
    unsigned char *changes = alloc(b, 2 * n_models * n_hist);
    if (!series || !cells || !groups || !x || !used || !srcs || !changes)
        return;
    for (size_t g = 0; g < n_hist; g++) {
        groups[g] = hist[g].date;
        x[g] = days_of(hist[g].date);
    }
    size_t n_series = 0, present = 0;
    for (size_t s = 0; s < n_models; s++) {
        lr_chart_cell *same = &cells[n_series * n_hist];
        lr_chart_cell *other = &cells[(n_series + 1) * n_hist];
        int any_other = 0, any_same = 0;
        for (size_t g = 0; g < n_hist; g++) {
            lr_observation probe = {.model = models[s], .setting = &col->ref};
            const lr_observation *o = lr_baseline_match(hist[g].store, &probe);
            if (o) {
                same[g].present = 1;
                same[g].value = o->value;
                same[g].ci95 = o->stderr_ >= 0 ? 1.96 * o->stderr_ : -1;
                srcs[n_series * n_hist + g] = source_name(b, o);
                used[n_series * n_hist + g] = o;
                any_same = 1;
                present++;
                continue;
            }
            lr_cell cell;
            lr_overview_choose(hist[g].store, models[s], col, &cell);
            if (cell.kind == LR_CELL_OTHER || cell.kind == LR_CELL_UNKNOWN) {
                other[g].present = 1;
                other[g].value = cell.obs->value;
                other[g].ci95 = -1;
                other[g].mark =
                    cell.kind == LR_CELL_OTHER ? LR_MARK_OTHER_SETTING : LR_MARK_UNKNOWN_SETTING;
                srcs[(n_series + 1) * n_hist + g] = source_name(b, cell.obs);
                used[(n_series + 1) * n_hist + g] = cell.obs;
                any_other = 1;
            }
        }
        if (!any_same && !any_other)
            continue;
        if (any_same)
            mark_level_changes(b, same, &used[n_series * n_hist], n_hist, col->ref.bounded,
                               &changes[n_series * n_hist]);
        if (any_other && !any_same) {
            memcpy(same, other, n_hist * sizeof *same);
            memset(other, 0, n_hist * sizeof *other);
            memcpy(&srcs[n_series * n_hist], &srcs[(n_series + 1) * n_hist], n_hist * sizeof *srcs);
            memset(&srcs[(n_series + 1) * n_hist], 0, n_hist * sizeof *srcs);
        }
        series[n_series++] = models[s];
        if (any_other && any_same) {
            char name[300];
            snprintf(name, sizeof name, "%s (other setting)", models[s]);
            series[n_series++] = dup(b, name);
        }
    }
    if (!present)
        return;
    lr_chart *chart = new_chart(b);
    if (!chart)
        return;
    chart->type = LR_CHART_TREND;
    chart->series = series;
    chart->n_series = n_series;
    chart->groups = groups;
    chart->n_groups = n_hist;
    chart->x = x;
    chart->cells = cells; /* rows of n_hist, one per series, in series order */
    chart->sources = srcs;
    chart->level_changes = changes;
    chart->bounded = col->ref.bounded;
    chart->higher_is_better = col->ref.higher_is_better;
    chart->setting = describe_setting(b, col, 1);
    chart->value_label = value_label(b, col, 1);
    chart->footnote = footnote(b, used, 2 * n_models * n_hist);
    commit(b, chart, id, title);
}

/* ---- the set ---- */

static void from_spec(builder *b, const lr_chart_spec *spec, const lr_snapshot *hist, size_t n_hist)
{
    const lr_overview *ov = b->ov;
    const char *const *bench = spec->benchmarks;
    size_t n_bench = spec->n_benchmarks;
    const char **ov_bench = NULL;
    if (!n_bench) { /* the overview's columns */
        ov_bench = alloc(b, (ov->n_cols + 1) * sizeof *ov_bench);
        for (size_t c = 0; ov_bench && c < ov->n_cols; c++)
            ov_bench[c] = ov->cols[c].benchmark;
        bench = ov_bench;
        n_bench = ov->n_cols;
    }
    lr_chart_type type = type_of(spec->type);
    if (type == LR_CHART_TREND) {
        size_t n_cols;
        lr_column *cols = columns(b, bench, n_bench, spec->metric, &n_cols);
        for (size_t c = 0; cols && c < n_cols; c++) {
            size_t n_models;
            const char **models =
                models_for(b, spec->models, spec->n_models, &cols[c], 1, &n_models);
            char id[200], title[300];
            snprintf(id, sizeof id, "%s-%s", spec->id ? spec->id : "trend", cols[c].benchmark);
            snprintf(title, sizeof title, say(b, LR_PH_CHART_OVER_TIME), cols[c].display);
            trend(b, &cols[c], models, n_models, hist, n_hist, id,
                  spec->title ? spec->title : title);
        }
        return;
    }
    size_t n_cols;
    const lr_column *cols = columns(b, bench, n_bench, spec->metric, &n_cols);
    if (!cols || !n_cols)
        return;
    if (type == LR_CHART_RANKED || type == LR_CHART_SCATTER)
        n_cols = 1; /* one benchmark */
    const char *left = NULL;
    if (type == LR_CHART_BARS && !(cols = one_scale(b, cols, &n_cols, &left)))
        return;
    size_t n_models;
    const char **models;
    if (!spec->n_models && ov->n_rows &&
        (type == LR_CHART_BARS || type == LR_CHART_HEATMAP || type == LR_CHART_RADAR)) {
        /* a chart of several benchmarks shows the overview's models */
        models = alloc(b, (ov->n_rows + 1) * sizeof *models);
        if (models)
            memcpy(models, ov->models, ov->n_rows * sizeof *models);
        n_models = models ? ov->n_rows : 0;
    } else {
        models = models_for(b, spec->models, spec->n_models, cols, n_cols, &n_models);
    }
    double *x = NULL;
    if (type == LR_CHART_SCATTER) {
        /* only models whose size the config states */
        x = alloc(b, (n_models + 1) * sizeof *x);
        size_t kept = 0;
        for (size_t s = 0; x && s < n_models; s++) {
            const lr_model_info *info = b->config ? lr_config_info(b->config, models[s]) : NULL;
            if (info && info->parameters > 0) {
                models[kept] = models[s];
                x[kept++] = info->parameters;
            }
        }
        n_models = kept;
    }
    lr_chart *chart = new_chart(b);
    if (!chart || !fill(b, chart, models, n_models, cols, n_cols))
        return;
    chart->type = type;
    chart->x = x;
    chart->top_n = spec->top;
    say_left_out(b, chart, left);
    if (spec->from_baseline) {
        const lr_benchmark_def *def =
            lr_registry_benchmark(lr_store_registry((lr_store *)b->store), cols[0].benchmark);
        if (def && def->random_baseline > 0)
            chart->baseline = def->random_baseline;
    }
    char id[200], title[300];
    snprintf(id, sizeof id, "%s", spec->id ? spec->id : cols[0].benchmark);
    if (spec->title)
        snprintf(title, sizeof title, "%s", spec->title);
    else if (n_cols == 1)
        snprintf(title, sizeof title, "%s", cols[0].display);
    else {
        /* "MMLU, HellaSwag and ARC-Challenge", or the first three and a count */
        size_t len = 0;
        for (size_t c = 0; c < n_cols && c < 3; c++)
            len +=
                (size_t)snprintf(title + len, sizeof title - len, "%s%s",
                                 c == 0 ? "" : (c == n_cols - 1 ? " and " : ", "), cols[c].display);
        if (n_cols > 3 && len < sizeof title)
            snprintf(title + len, sizeof title - len, " and %zu more", n_cols - 3);
    }
    commit(b, chart, id, title);
}

static void defaults(builder *b, const lr_snapshot *hist, size_t n_hist)
{
    const lr_overview *ov = b->ov;
    if (ov->n_cols && ov->n_rows) {
        /* the overview as grouped bars: its rows, in its order */
        lr_chart *chart = new_chart(b);
        const char **models = alloc(b, (ov->n_rows + 1) * sizeof *models);
        if (chart && models) {
            memcpy(models, ov->models, ov->n_rows * sizeof *models);
            size_t n_cols = ov->n_cols;
            const char *left;
            const lr_column *cols = one_scale(b, ov->cols, &n_cols, &left);
            if (cols && fill(b, chart, models, ov->n_rows, cols, n_cols)) {
                chart->type = n_cols == 1 ? LR_CHART_RANKED : LR_CHART_BARS;
                say_left_out(b, chart, left);
                commit(b, chart, "overview", say(b, LR_PH_CHART_OVERVIEW));
            }
        }
    }
    for (size_t c = 0; c < ov->n_cols; c++) {
        if (ov->cols[c].n_ref < 3)
            continue;
        lr_chart_spec spec;
        memset(&spec, 0, sizeof spec);
        spec.type = "ranked";
        const char *bench[1] = {ov->cols[c].benchmark};
        spec.benchmarks = bench;
        spec.n_benchmarks = 1;
        spec.top = 15;
        from_spec(b, &spec, hist, n_hist);
    }
    if (ov->n_cols >= 3 && ov->n_rows >= 3) {
        lr_chart *chart = new_chart(b);
        const char **models = alloc(b, (ov->n_rows + 1) * sizeof *models);
        if (chart && models) {
            memcpy(models, ov->models, ov->n_rows * sizeof *models);
            if (fill(b, chart, models, ov->n_rows, ov->cols, ov->n_cols)) {
                chart->type = LR_CHART_HEATMAP;
                commit(b, chart, "heatmap", say(b, LR_PH_CHART_HEATMAP));
            }
        }
    }
    if (n_hist >= 2) {
        lr_chart_spec spec;
        memset(&spec, 0, sizeof spec);
        spec.type = "trend";
        from_spec(b, &spec, hist, n_hist);
    }
}

lr_status lr_charts_build(const lr_store *store, const lr_config *config, const lr_overview *ov,
                          const lr_items *items, const lr_snapshot *history, size_t n_history,
                          lr_chart_set *out)
{
    memset(out, 0, sizeof *out);
    builder b = {store, config, ov, items, out, 0, 0};
    if (config && config->charts_given) {
        for (size_t i = 0; i < config->n_charts && !b.failed; i++)
            from_spec(&b, &config->charts[i], history, n_history);
    } else {
        defaults(&b, history, n_history);
    }
    return b.failed ? LR_ENOMEM : LR_OK;
}

void lr_chart_set_free(lr_chart_set *set)
{
    free(set->charts);
    free(set->links);
    lr_arena_free(&set->arena);
    memset(set, 0, sizeof *set);
}

const lr_chart *lr_chart_set_find(const lr_chart_set *set, const char *url)
{
    for (size_t i = 0; i < set->n; i++)
        if (!strcmp(set->links[i].file, url))
            return &set->charts[i];
    return NULL;
}

/* ---- slope charts of the findings ---- */

/* The parts a flip set's settings do not share, as a group label: "HELM", "5-shot". */
static const char *slope_label(builder *b, const lr_setting *k, const lr_setting *const *all,
                               size_t n)
{
    int shots = 0, method = 0, variant = 0, task = 0;
    for (size_t i = 0; i < n; i++) {
        shots |= all[i]->shots != k->shots;
        method |= !lr_registry_method_equal(all[i]->method, k->method) ||
                  (!all[i]->method) != (!k->method);
        variant |= (!all[i]->variant) != (!k->variant) ||
                   (all[i]->variant && k->variant && strcmp(all[i]->variant, k->variant));
        task |= all[i]->task_hash && k->task_hash && strcmp(all[i]->task_hash, k->task_hash);
    }
    lr_buf out = LR_BUF_INIT;
#define SEP() (out.len ? lr_buf_puts(&out, " · ") : (void)0)
    if (shots)
        lr_buf_printf(&out, "%d-shot", k->shots);
    if (method) {
        SEP();
        lr_buf_puts(&out, k->method ? k->method : say(b, LR_PH_PLAIN));
    }
    if (variant) {
        SEP();
        lr_buf_puts(&out, k->variant ? k->variant : say(b, LR_PH_NONE));
    }
    if (task && k->task_hash) {
        SEP();
        lr_buf_printf(&out, "task %s", k->task_hash);
    }
#undef SEP
    const char *text = dup(b, out.len ? out.data : "?");
    lr_buf_free(&out);
    return text;
}

/* What the settings differ in, for the title: implementation, shots, method or several. */
static lr_phrase_id slope_title(const lr_setting *const *all, size_t n)
{
    int shots = 0, method = 0, impl = 0;
    for (size_t i = 1; i < n; i++) {
        shots |= all[i]->shots != all[0]->shots;
        method |= (!all[i]->method) != (!all[0]->method) ||
                  (all[i]->method && all[0]->method && strcmp(all[i]->method, all[0]->method));
        impl |= (!all[i]->variant) != (!all[0]->variant) ||
                (all[i]->variant && all[0]->variant && strcmp(all[i]->variant, all[0]->variant)) ||
                (all[i]->task_hash && all[0]->task_hash &&
                 strcmp(all[i]->task_hash, all[0]->task_hash));
    }
    if (shots + method + impl != 1)
        return LR_PH_SLOPE_BY_SETTING;
    return shots    ? LR_PH_SLOPE_BY_SHOTS
           : method ? LR_PH_SLOPE_BY_METHOD
                    : LR_PH_SLOPE_BY_IMPLEMENTATION;
}

static void slope(builder *b, const lr_flip_set *set, long index)
{
    size_t S = set->n_models, G = set->n_settings;
    if (S < 2 || G < 2)
        return;
    lr_chart_cell *cells = alloc(b, S * G * sizeof *cells);
    const char **groups = alloc(b, G * sizeof *groups);
    if (!cells || !groups)
        return;
    for (size_t g = 0; g < G; g++)
        groups[g] = slope_label(b, set->settings[g], set->settings, G);
    for (size_t s = 0; s < S; s++)
        for (size_t g = 0; g < G; g++) {
            const lr_observation *o = set->cells[s * G + g];
            if (!o)
                continue;
            cells[s * G + g].present = 1;
            cells[s * G + g].value = o->value;
            cells[s * G + g].ci95 = o->stderr_ >= 0 ? 1.96 * o->stderr_ : -1;
        }
    lr_chart *chart = new_chart(b);
    if (!chart)
        return;
    chart->type = LR_CHART_SLOPE;
    chart->series = set->models;
    chart->n_series = S;
    chart->groups = groups;
    chart->n_groups = G;
    chart->cells = cells;
    chart->bounded = set->settings[0]->bounded;
    chart->higher_is_better = set->higher_is_better;
    /* what the settings share, and the order they are drawn in */
    lr_column col;
    memset(&col, 0, sizeof col);
    col.display = set->display;
    col.ref = *set->settings[0];
    int shots = 1, method = 1, variant = 1;
    for (size_t g = 1; g < G; g++) {
        shots &= set->settings[g]->shots == col.ref.shots;
        method &= lr_registry_method_equal(set->settings[g]->method, col.ref.method);
        variant &= (!set->settings[g]->variant) == (!col.ref.variant) &&
                   (!col.ref.variant || !strcmp(set->settings[g]->variant, col.ref.variant));
    }
    lr_buf shared = LR_BUF_INIT;
    lr_buf_printf(&shared, "%s", set->display);
    if (shots)
        lr_buf_printf(&shared, " · %d-shot", col.ref.shots);
    lr_buf_printf(&shared, " · %s", set->metric ? set->metric : "");
    if (method && col.ref.method)
        lr_buf_printf(&shared, " · %s", col.ref.method);
    if (variant && col.ref.variant)
        lr_buf_printf(&shared, " · %s", col.ref.variant);
    char line[600];
    snprintf(line, sizeof line, say(b, LR_PH_SLOPE_LEFT_TO_RIGHT), shared.data ? shared.data : "");
    lr_buf_free(&shared);
    chart->setting = dup(b, line);
    chart->value_label = value_label(b, &col, 1);
    const lr_observation **used = alloc(b, S * G * sizeof *used);
    if (!used)
        return;
    memcpy(used, set->cells, S * G * sizeof *used);
    chart->footnote = footnote(b, used, S * G);
    char id[200], title[300];
    snprintf(id, sizeof id, "slope-%s%s%s", set->benchmark, set->metric ? "-" : "",
             set->metric ? set->metric : "");
    snprintf(title, sizeof title, say(b, slope_title(set->settings, G)), set->display);
    size_t before = b->set->n;
    commit(b, chart, id, title);
    if (b->set->n > before)
        b->set->links[before].flip_set = index;
}

lr_status lr_charts_add_findings(const lr_store *store, const lr_config *config,
                                 const lr_findings *findings, lr_chart_set *set)
{
    builder b = {store, config, NULL, NULL, set, set->n, 0};
    for (size_t i = 0; i < findings->n_flip_sets && i < findings->limit && !b.failed; i++)
        if (findings->flip_sets[i].n_flips)
            slope(&b, &findings->flip_sets[i], (long)i);
    return b.failed ? LR_ENOMEM : LR_OK;
}
