/* Open LLM Leaderboard *table* snapshots: JSON 2-D lists [model, (revision,) average, ARC,
 * HellaSwag, MMLU, TruthfulQA] (as scraped by dsdanielpark/open-llm-leaderboard-report) and CSVs
 * with a header, in the layouts the scrapers write: "Model,Average,ARC (25-shot),..." (with a
 * UTF-8 BOM), "t,model,average,arc,hellaswag,..." (v1) and v2's raw and normalized score of each
 * task side by side ("ifeval,ifeval_raw", "IFEval Raw,IFEval", "ifeval_value,
 * ifeval_normalized_score"): two variants, the raw one a fraction. v1 values are displayed
 * percentages where 0.0 means "not evaluated"; the Average is an aggregate (and is dropped for a
 * v1 row with a member not evaluated, since the table averaged the zeros in); "has been flagged!
 * See discussion #N" is stripped from the name into a flag. The snapshot date comes from the file
 * name. See FORMATS.md §7. */
#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "core/json.h"
#include "ingest/csv.h"
#include "ingest/ingest.h"
#include "ingest/leaderboard.h"

enum { MAX_COLUMNS = 64 };

typedef enum col_kind {
    COL_IGNORE,
    COL_MODEL,
    COL_REVISION,
    COL_AVERAGE,
    COL_BENCH,
    COL_CHAT /* v2: the model was run with its chat template (and few-shot turns) */
} col_kind;

typedef struct column {
    col_kind kind;
    const lr_leaderboard_task *bench;
    int shots;
    const char *variant; /* "normalized" for v2's rescaled scores */
    lr_scale scale;      /* percent, or fraction for v2's raw scores */
} column;

/* One cell: a JSON item, or CSV text. */
typedef struct cell {
    const cJSON *json;
    const char *text;
} cell;

typedef struct table {
    const lr_input *in;
    const lr_source *src;
    column cols[MAX_COLUMNS];
    size_t n_cols;
    int n_bench;
    int has_average;
    int v2; /* a v2 table: 0 is a score (normalized scores are clipped at 0), not "not run" */
    char rule[64];
    const char *members; /* "ARC 25-shot, HellaSwag 10-shot, ..." */
    char **seen;         /* model names met, for duplicate rows */
    char **seen_at;
    size_t n_seen, cap_seen;
    int failed;
} table;

/* A header field as a key: lower case, letters and digits only ("MMLU-PRO Raw" -> "mmluproraw"). */
static void field_key(const char *field, size_t n, char *key, size_t size)
{
    size_t k = 0;
    for (size_t i = 0; i < n && field[i] && k + 1 < size; i++)
        if (isalnum((unsigned char)field[i]))
            key[k++] = (char)tolower((unsigned char)field[i]);
    key[k] = '\0';
}

/* v2's columns: the task's key (after an "evaluations" prefix), then "raw"/"value" for its raw
 * score or nothing/"normalized"/"normalizedscore" for the normalized one. */
static const lr_leaderboard_task *v2_column(const char *key, int *raw)
{
    static const struct {
        const char *key;
        size_t task;
    } keys[] = {{"ifeval", 0}, {"bbh", 1},  {"mathlvl5", 2}, {"math", 2},
                {"gpqa", 3},   {"musr", 4}, {"mmlupro", 5}};
    static const char *const raw_suffixes[] = {"raw", "value"};
    static const char *const norm_suffixes[] = {"", "normalized", "normalizedscore"};
    if (!strncmp(key, "evaluations", 11))
        key += 11;
    for (size_t t = 0; t < sizeof keys / sizeof keys[0]; t++) {
        size_t n = strlen(keys[t].key);
        if (strncmp(key, keys[t].key, n))
            continue;
        for (size_t i = 0; i < sizeof raw_suffixes / sizeof raw_suffixes[0]; i++)
            if (!strcmp(key + n, raw_suffixes[i])) {
                *raw = 1;
                return &lr_leaderboard_v2[keys[t].task];
            }
        for (size_t i = 0; i < sizeof norm_suffixes / sizeof norm_suffixes[0]; i++)
            if (!strcmp(key + n, norm_suffixes[i])) {
                *raw = 0;
                return &lr_leaderboard_v2[keys[t].task];
            }
    }
    return NULL;
}

/* A leaderboard table's header: a model column and a benchmark or average column. */
static int is_table_csv_header(const char *text, size_t len)
{
    size_t i = len >= 3 && (unsigned char)text[0] == 0xEF && (unsigned char)text[1] == 0xBB &&
                       (unsigned char)text[2] == 0xBF
                   ? 3
                   : 0;
    size_t end = i;
    while (end < len && text[end] != '\n' && text[end] != '\r')
        end++;
    int model = 0, scores = 0;
    static const char *const v1[] = {"arc",        "hellaswag", "mmlu",   "truthfulqa",
                                     "winogrande", "gsm8k",     "average"};
    while (i < end) {
        size_t n = 0;
        while (i + n < end && text[i + n] != ',')
            n++;
        char key[64];
        field_key(text + i, n, key, sizeof key);
        int raw;
        model |= !strcmp(key, "model") || !strcmp(key, "modelname");
        scores |= v2_column(key, &raw) != NULL || !strncmp(key, "average", 7);
        for (size_t k = 0; k < sizeof v1 / sizeof v1[0]; k++)
            scores |= !strncmp(key, v1[k], strlen(v1[k]));
        i += n + 1;
    }
    return model && scores;
}

/* A JSON table: rows [model, (revision,) average, 4 scores]; a few mistyped cells do not make it
 * something else, so most of the first rows' last five values must be numbers. */
static int sniff(const lr_input *in)
{
    if (!in->json)
        return is_table_csv_header(in->text, in->len) ? 90 : 0;
    if (!cJSON_IsArray(in->json) || !cJSON_GetArraySize(in->json))
        return 0;
    int numbers = 0, cells = 0, r = 0;
    const cJSON *row;
    lr_json_for_items(row, in->json)
    {
        if (r++ == 5)
            break;
        int n = cJSON_GetArraySize(row);
        if (!cJSON_IsArray(row) || (n != 6 && n != 7) ||
            !cJSON_IsString(cJSON_GetArrayItem(row, 0)))
            return 0;
        for (int i = n - 5; i < n; i++, cells++)
            numbers += cJSON_IsNumber(cJSON_GetArrayItem(row, i));
    }
    return numbers * 4 >= cells * 3 ? 90 : 0;
}

/* Diagnostics at a JSON pointer (JSON) or a line (CSV). */
static void emit(const table *t, lr_severity sev, const char *ptr, int line, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
static void emit(const table *t, lr_severity sev, const char *ptr, int line, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    lr_diag_emit(lr_store_diag(t->in->store), sev, t->in->path, line ? NULL : ptr, line,
                 line ? 1 : 0, "%s", msg);
}

static lr_num_kind cell_number(cell c, double *out)
{
    if (c.json)
        return lr_json_number(c.json, out);
    const char *s = c.text;
    while (*s == ' ' || *s == '\t')
        s++;
    if (!*s)
        return LR_NUM_NA;
    char *end;
    double v = strtod(s, &end);
    while (*end == ' ' || *end == '\t')
        end++;
    if (end == s || *end)
        return LR_NUM_NOT_NUMBER;
    if (!isfinite(v))
        return LR_NUM_NONFINITE;
    *out = v;
    return LR_NUM_OK;
}

static const char *cell_string(cell c)
{
    if (c.json)
        return cJSON_IsString(c.json) ? c.json->valuestring : NULL;
    return c.text;
}

/* The snapshot date: the last run of exactly 8 digits in the path that is a plausible date. */
static const char *date_from_path(lr_store *store, const char *path)
{
    const char *found = NULL;
    for (const char *p = path; *p; p++) {
        if (!isdigit((unsigned char)*p) || (p > path && isdigit((unsigned char)p[-1])))
            continue;
        size_t n = 0;
        while (isdigit((unsigned char)p[n]))
            n++;
        if (n != 8)
            continue;
        int y = (p[0] - '0') * 1000 + (p[1] - '0') * 100 + (p[2] - '0') * 10 + (p[3] - '0');
        int m = (p[4] - '0') * 10 + (p[5] - '0'), d = (p[6] - '0') * 10 + (p[7] - '0');
        if (y >= 2000 && y <= 2099 && m >= 1 && m <= 12 && d >= 1 && d <= 31)
            found = p;
    }
    if (!found)
        return NULL;
    return lr_arena_printf(lr_store_arena(store), "%.4s-%.2s-%.2s", found, found + 4, found + 6);
}

/* The column a CSV header names: "Model", "Revision", "Average", or a leaderboard benchmark as
 * "ARC (25-shot)" / "ARC(25-shot)" / "ARC". */
static column header_column(const lr_input *in, const char *header)
{
    column c = {COL_IGNORE, NULL, LR_SHOTS_UNKNOWN, NULL, LR_SCALE_PERCENT};
    char key[64];
    field_key(header, strlen(header), key, sizeof key);
    int raw;
    const lr_leaderboard_task *v2 = v2_column(key, &raw);
    if (v2) {
        c.kind = COL_BENCH;
        c.bench = v2;
        c.shots = v2->shots;
        c.variant = raw ? NULL : "normalized";
        c.scale = raw ? LR_SCALE_FRACTION : LR_SCALE_PERCENT;
        return c;
    }
    char name[128];
    while (*header == ' ')
        header++;
    size_t n = strcspn(header, "(");
    if (n >= sizeof name)
        n = sizeof name - 1;
    memcpy(name, header, n);
    while (n && name[n - 1] == ' ')
        n--;
    name[n] = '\0';
    if (!strcmp(key, "model") || !strcmp(key, "modelname")) {
        c.kind = COL_MODEL;
        return c;
    }
    if (!strcmp(key, "revision")) {
        c.kind = COL_REVISION;
        return c;
    }
    if (!strcmp(key, "chattemplate") || !strcmp(key, "modelhaschattemplate")) {
        c.kind = COL_CHAT;
        return c;
    }
    if (!strncmp(key, "average", 7) || !strcmp(key, "modelaveragescore")) {
        c.kind = COL_AVERAGE;
        return c;
    }
    const lr_benchmark_def *b = lr_registry_benchmark(lr_store_registry(in->store), name);
    const lr_leaderboard_task *task = b ? lr_leaderboard_task_of(b->id) : NULL;
    if (task) {
        c.kind = COL_BENCH;
        c.bench = task;
        c.shots = task->shots;
        const char *paren = strchr(header, '(');
        char *end = NULL;
        long shots = paren ? strtol(paren + 1, &end, 10) : -1;
        if (paren && end && end != paren + 1 && shots >= 0 && shots <= 1000 &&
            !strcmp(end, "-shot)"))
            c.shots = (int)shots;
    }
    return c;
}

/* Describes the benchmark columns for the Average's rule and note: v1's, or v2's normalized
 * scores (the leaderboard averaged those). */
static void describe_members(table *t)
{
    char buf[256] = "";
    size_t n = 0;
    t->n_bench = 0;
    int members = 0;
    for (size_t i = 0; i < t->n_cols; i++) {
        t->has_average |= t->cols[i].kind == COL_AVERAGE;
        if (t->cols[i].kind != COL_BENCH)
            continue;
        t->n_bench++;
        t->v2 |= t->cols[i].bench >= lr_leaderboard_v2 &&
                 t->cols[i].bench < lr_leaderboard_v2 + lr_leaderboard_v2_count;
    }
    for (size_t i = 0; i < t->n_cols; i++) {
        const column *c = &t->cols[i];
        if (c->kind != COL_BENCH || (t->v2 && !c->variant))
            continue;
        if (n < sizeof buf)
            n += (size_t)snprintf(buf + n, sizeof buf - n, "%s%s %d-shot", members ? ", " : "",
                                  c->bench->display, c->shots);
        members++;
    }
    snprintf(t->rule, sizeof t->rule, "mean of %d benchmarks (leaderboard%s)", members,
             t->v2 ? ", normalized" : "");
    t->members = lr_store_strdup(t->in->store, buf);
}

/* Strips "<name> has been flagged! See discussion #N" to the name; returns the name (arena) and
 * sets *discussion (0 when not given) and *flagged. */
static const char *strip_flag(lr_store *store, const char *raw, int *flagged, long *discussion)
{
    *flagged = 0;
    *discussion = 0;
    const char *at = strstr(raw, " has been flagged!");
    if (!at)
        return raw;
    *flagged = 1;
    const char *hash = strchr(at, '#');
    if (hash)
        *discussion = strtol(hash + 1, NULL, 10);
    return lr_arena_strndup(lr_store_arena(store), raw, (size_t)(at - raw));
}

/* Remembers a model name; returns where it was seen first, or NULL. */
static const char *seen_before(table *t, const char *name, const char *where)
{
    for (size_t i = 0; i < t->n_seen; i++)
        if (!strcmp(t->seen[i], name))
            return t->seen_at[i];
    if (t->n_seen == t->cap_seen) {
        size_t cap = t->cap_seen ? t->cap_seen * 2 : 64;
        char **a = realloc(t->seen, cap * sizeof *a);
        if (!a)
            return NULL;
        t->seen = a;
        char **b = realloc(t->seen_at, cap * sizeof *b);
        if (!b)
            return NULL;
        t->seen_at = b;
        t->cap_seen = cap;
    }
    t->seen[t->n_seen] = lr_store_strdup(t->in->store, name);
    t->seen_at[t->n_seen] = lr_store_strdup(t->in->store, where);
    if (t->seen[t->n_seen] && t->seen_at[t->n_seen])
        t->n_seen++;
    return NULL;
}

/* Reads one row. ptr is the row's JSON pointer ("/3") or NULL; line its CSV line or 0. */
static void read_row(table *t, const cell *cells, size_t n, const char *ptr, int line)
{
    lr_store *store = t->in->store;
    char where[64];
    if (line)
        snprintf(where, sizeof where, "line %d", line);
    else
        snprintf(where, sizeof where, "%s", ptr);
    const char *raw = NULL, *revision = NULL, *chat = NULL;
    for (size_t i = 0; i < n; i++) {
        if (t->cols[i].kind == COL_MODEL)
            raw = cell_string(cells[i]);
        else if (t->cols[i].kind == COL_REVISION)
            revision = cell_string(cells[i]);
        else if (t->cols[i].kind == COL_CHAT)
            chat = cell_string(cells[i]);
    }
    /* the v2 leaderboard ran chat models with their template, few-shot examples as turns */
    int chat_template = chat && (!strcmp(chat, "TRUE") || !strcmp(chat, "True") ||
                                 !strcmp(chat, "true") || !strcmp(chat, "1"));
    while (raw && *raw == ' ')
        raw++;
    if (!raw || !raw[0]) {
        emit(t, LR_WARNING, ptr, line, "row without a model name; skipped");
        return;
    }
    int flagged;
    long discussion;
    const char *name = strip_flag(store, raw, &flagged, &discussion);
    if (!name)
        return;
    char note[256] = "";
    size_t nn = 0;
    if (flagged) {
        if (discussion > 0) {
            emit(t, LR_NOTE, ptr, line,
                 "model \"%s\" is flagged on the leaderboard (discussion #%ld); marked flagged",
                 name, discussion);
            nn += (size_t)snprintf(note, sizeof note,
                                   "flagged on the leaderboard (discussion #%ld)", discussion);
        } else {
            emit(t, LR_NOTE, ptr, line,
                 "model \"%s\" is flagged on the leaderboard; marked flagged", name);
            nn += (size_t)snprintf(note, sizeof note, "flagged on the leaderboard");
        }
    }
    if (revision && revision[0] && strcmp(revision, "main"))
        snprintf(note + nn, sizeof note - nn, "%srevision %s", nn ? "; " : "", revision);
    const char *first = seen_before(t, name, where);
    if (first)
        emit(t, LR_NOTE, ptr, line, "model \"%s\" appears again (first at %s); both rows kept",
             name, first);

    char not_run[160] = "";
    size_t nr = 0;
    int missing = 0;
    for (size_t i = 0; i < n; i++) {
        const column *c = &t->cols[i];
        if (c->kind != COL_BENCH)
            continue;
        char loc[80];
        if (line)
            snprintf(loc, sizeof loc, "line %d, %s", line, c->bench->display);
        else
            snprintf(loc, sizeof loc, "%s/%zu", ptr, i);
        lr_obs_in o;
        lr_obs_in_init(&o);
        lr_num_kind k = cell_number(cells[i], &o.value);
        if (k == LR_NUM_OK && o.value == 0.0 && !t->v2) {
            if (nr < sizeof not_run)
                nr += (size_t)snprintf(not_run + nr, sizeof not_run - nr, "%s%s", nr ? ", " : "",
                                       c->bench->display);
            missing = 1;
            continue;
        }
        if (k != LR_NUM_OK) {
            missing = 1;
            if (k == LR_NUM_NOT_NUMBER)
                emit(t, LR_WARNING, line ? NULL : loc, line, "%s value must be a number; skipped",
                     c->bench->display);
            else if (k == LR_NUM_NONFINITE)
                emit(t, LR_WARNING, line ? NULL : loc, line, "%s value is not finite; skipped",
                     c->bench->display);
            continue;
        }
        o.has_value = 1;
        o.model = name;
        o.benchmark = c->bench->benchmark;
        o.metric = c->bench->metric;
        o.shots = c->shots;
        o.method = chat_template ? c->shots > 0 ? "chat+multiturn" : "chat" : NULL;
        o.variant = c->variant;
        o.scale = c->scale;
        o.flags = LR_OBS_REFERENCE | (flagged ? LR_OBS_FLAGGED : 0);
        o.note = note[0] ? note : NULL;
        o.locator = loc;
        o.source = t->src;
        if (lr_store_add(store, &o) != LR_OK)
            missing = 1;
    }
    for (size_t i = 0; i < n; i++) {
        if (t->cols[i].kind != COL_AVERAGE)
            continue;
        char loc[80];
        if (line)
            snprintf(loc, sizeof loc, "line %d, Average", line);
        else
            snprintf(loc, sizeof loc, "%s/%zu", ptr, i);
        lr_obs_in o;
        lr_obs_in_init(&o);
        lr_num_kind k = cell_number(cells[i], &o.value);
        if (k == LR_NUM_NOT_NUMBER || k == LR_NUM_NONFINITE) {
            emit(t, LR_WARNING, line ? NULL : loc, line, "Average value must be a number; skipped");
            continue;
        }
        if (k != LR_NUM_OK || missing)
            continue;
        char avg_note[400];
        snprintf(avg_note, sizeof avg_note, "%s%s%s", t->members, note[0] ? "; " : "", note);
        o.has_value = 1;
        o.model = name;
        o.benchmark = "oll_average";
        o.metric = "mean";
        o.shots = LR_SHOTS_MIXED; /* each member at the leaderboard's own shot count */
        o.variant = t->rule;
        o.scale = LR_SCALE_PERCENT;
        o.flags = LR_OBS_AGGREGATE | LR_OBS_REFERENCE | (flagged ? LR_OBS_FLAGGED : 0);
        o.rule = t->rule;
        o.note = avg_note;
        o.locator = loc;
        o.source = t->src;
        lr_store_add(store, &o);
    }
    if (nr)
        emit(t, LR_NOTE, ptr, line,
             "%s: 0.0 for %s means not evaluated on the leaderboard; no value%s", name, not_run,
             t->has_average ? ", and no Average (the table averaged the zeros in)" : "");
}

static lr_source *new_source(const lr_input *in)
{
    lr_source *src = lr_store_source_new(in->store, "leaderboard", in->path);
    if (!src)
        return NULL;
    src->title = lr_store_strdup(in->store, "Open LLM Leaderboard");
    src->date = date_from_path(in->store, in->path);
    src->note = lr_store_strdup(
        in->store, "snapshot of the leaderboard table (values as displayed, in percent)");
    return src;
}

static lr_status read_json(table *t)
{
    const lr_input *in = t->in;
    if (!cJSON_IsArray(in->json)) {
        lr_error_set(in->err, LR_EFORMAT, in->path,
                     "not an Open LLM Leaderboard table: expected a list of rows");
        return LR_EFORMAT;
    }
    lr_source *src = new_source(in);
    if (!src)
        return lr_error_set(in->err, LR_ENOMEM, in->path, "out of memory");
    t->src = src;
    /* [model, revision, average, ARC, HellaSwag, MMLU, TruthfulQA] until 2023-06, then without
     * the revision: told apart per row by the type of the second value. */
    static const col_kind with_rev[] = {COL_MODEL, COL_REVISION, COL_AVERAGE, COL_BENCH,
                                        COL_BENCH, COL_BENCH,    COL_BENCH};
    const cJSON *row;
    int r = 0;
    lr_json_for_items(row, in->json)
    {
        char ptr[32];
        snprintf(ptr, sizeof ptr, "/%d", r++);
        int n = cJSON_GetArraySize(row);
        if (!cJSON_IsArray(row) || (n != 6 && n != 7)) {
            emit(t, LR_WARNING, ptr, 0,
                 "row must be a list of 6 or 7 values (model, [revision,] average, ARC, "
                 "HellaSwag, MMLU, TruthfulQA); skipped");
            continue;
        }
        int has_rev = n == 7;
        t->n_cols = (size_t)n;
        for (int i = 0, b = 0; i < n; i++) {
            col_kind k = with_rev[has_rev ? i : (i == 0 ? 0 : i + 1)];
            t->cols[i].kind = k;
            t->cols[i].variant = NULL;
            t->cols[i].scale = LR_SCALE_PERCENT;
            if (k == COL_BENCH) {
                t->cols[i].bench = &lr_leaderboard_v1[b++];
                t->cols[i].shots = t->cols[i].bench->shots;
            }
        }
        if (!t->members)
            describe_members(t);
        cell cells[7];
        for (int i = 0; i < n; i++) {
            cells[i].json = cJSON_GetArrayItem(row, i);
            cells[i].text = NULL;
        }
        read_row(t, cells, (size_t)n, ptr, 0);
    }
    return LR_OK;
}

static lr_status read_csv(table *t)
{
    const lr_input *in = t->in;
    lr_csv csv;
    lr_status st = lr_csv_parse(in->text, in->len, in->path, &csv, in->err);
    if (st)
        return st;
    if (!csv.n) {
        lr_csv_free(&csv);
        lr_error_set(in->err, LR_EFORMAT, in->path, "empty table");
        lr_error_at(in->err, 1, 1);
        return LR_EFORMAT;
    }
    const lr_csv_row *header = &csv.rows[0];
    if (header->n > MAX_COLUMNS) {
        lr_error_set(in->err, LR_ELIMIT, in->path, "more than %d columns", MAX_COLUMNS);
        lr_error_at(in->err, header->line, 1);
        lr_csv_free(&csv); /* header points into it */
        return LR_ELIMIT;
    }
    int has_model = 0;
    char ignored[256] = "";
    size_t ni = 0;
    t->n_cols = header->n;
    for (size_t i = 0; i < header->n; i++) {
        t->cols[i] = header_column(in, header->fields[i]);
        has_model |= t->cols[i].kind == COL_MODEL;
        if (t->cols[i].kind == COL_IGNORE && ni < sizeof ignored)
            ni += (size_t)snprintf(ignored + ni, sizeof ignored - ni, "%s\"%s\"", ni ? ", " : "",
                                   header->fields[i]);
    }
    describe_members(t);
    if (!has_model || !t->n_bench) {
        lr_error_set(in->err, LR_EFORMAT, in->path,
                     "not an Open LLM Leaderboard table: the header needs a \"Model\" column and "
                     "benchmark columns such as \"ARC (25-shot)\"");
        lr_error_at(in->err, header->line, 1);
        lr_csv_free(&csv); /* header points into it */
        return LR_EFORMAT;
    }
    lr_source *src = new_source(in);
    if (!src) {
        lr_csv_free(&csv);
        return lr_error_set(in->err, LR_ENOMEM, in->path, "out of memory");
    }
    t->src = src;
    if (t->v2)
        src->note =
            lr_store_strdup(in->store, "snapshot of the leaderboard table (values as displayed: "
                                       "normalized scores in percent, raw scores as fractions)");
    if (ni)
        emit(t, LR_NOTE, NULL, header->line, "columns not read (not benchmark scores): %s",
             ignored);
    cell cells[MAX_COLUMNS];
    for (size_t r = 1; r < csv.n; r++) {
        const lr_csv_row *row = &csv.rows[r];
        if (row->n != header->n) {
            emit(t, LR_WARNING, NULL, row->line, "row has %zu fields, the header has %zu; skipped",
                 row->n, header->n);
            continue;
        }
        for (size_t i = 0; i < row->n; i++) {
            cells[i].json = NULL;
            cells[i].text = row->fields[i];
        }
        read_row(t, cells, row->n, NULL, row->line);
    }
    lr_csv_free(&csv);
    return LR_OK;
}

static lr_status read_olltable(const lr_input *in)
{
    table *t = calloc(1, sizeof *t);
    if (!t)
        return lr_error_set(in->err, LR_ENOMEM, in->path, "out of memory");
    t->in = in;
    lr_status st = in->json ? read_json(t) : read_csv(t);
    free(t->seen);
    free(t->seen_at);
    free(t);
    return st;
}

const lr_adapter lr_adapter_olltable = {
    "oll-table",
    "Open LLM Leaderboard table snapshots (2-D JSON lists, CSV)",
    sniff,
    read_olltable,
};
