/*
 * gen: a deterministic corpus of LLM evaluation result files in the real layouts.
 *
 *   gen [--full-size] OUT_DIR N [SEED]
 *
 * Writes N files under OUT_DIR/NNNN/ (at most 1000 files per folder): the even-numbered files
 * are Open LLM Leaderboard v1 per-model results (lighteval layout: config_general, results with
 * the 61 harness tasks and the "all" row, versions, config_tasks, summary_tasks,
 * summary_general), the odd-numbered ones lm-evaluation-harness v0.4.x results files (results
 * with "metric,filter" keys, the mmlu group tree, gsm8k with two filters, group_subtasks,
 * configs, versions, n-shot, higher_is_better, n-samples, config, environment and tokenizer
 * fields, ...). See FORMATS.md sections 1.2 and 2.1 for the layouts. JSON is written the way
 * Python's json.dumps(indent=4 / indent=2) writes it, floats as repr() writes them.
 *
 * Models are named org-<k>/model-<m>-<size>; a model has several files (runs on different
 * dates, in both formats). Scores are k/n over the real test-set sizes, around a per-model
 * ability, with binomial standard errors. Every byte depends only on N, SEED and the file's
 * index, so the same N and SEED always give a byte-identical corpus.
 *
 * Sizes: by default an Open LLM Leaderboard file is about 37 KB (summary_tasks keeps one hash
 * and the padding counts per task, as in tests/data/oll-v1) and an lm-eval file about 12 KB on
 * average (mostly runs of one to five tasks, 3 % with the whole MMLU tree at about 100 KB):
 * about 24 KB per file, 10 000 files = 244 MB. --full-size writes lighteval's whole
 * summary_tasks (four hashes and six counters per task, about 56 KB per file) and more MMLU
 * runs: about 41 KB per file.
 *
 * C11 and libc only.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>

/* ---------------------------------------------------------------- random numbers */

typedef struct rng {
    uint64_t s;
} rng;

static uint64_t mix64(uint64_t z)
{
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static uint64_t next(rng *r) /* splitmix64 */
{
    r->s += 0x9e3779b97f4a7c15ULL;
    return mix64(r->s);
}

static rng rng_for(uint64_t seed, uint64_t stream, uint64_t index)
{
    rng r = {mix64(seed * 0x9e3779b97f4a7c15ULL ^ mix64(stream + 1) ^ mix64(index + 0x51ed27ULL))};
    return r;
}

static double unif(rng *r) /* [0, 1) */
{
    return (double)(next(r) >> 11) * (1.0 / 9007199254740992.0);
}

static unsigned below(rng *r, unsigned n)
{
    return n ? (unsigned)(next(r) % n) : 0;
}

static double normal(rng *r) /* Irwin-Hall approximation: no libm transcendental needed */
{
    double s = 0;
    for (int i = 0; i < 12; i++)
        s += unif(r);
    return s - 6.0;
}

/* sqrt and round without libm: Newton's method is exact enough, and the same on every machine */
static double root(double x)
{
    if (x <= 0)
        return 0;
    double y = x < 1 ? 1 : x;
    for (int i = 0; i < 64; i++) {
        double z = 0.5 * (y + x / y);
        if (z == y)
            break;
        y = z;
    }
    return y;
}

static long round_(double x)
{
    return x < 0 ? -(long)(-x + 0.5) : (long)(x + 0.5);
}

static void hex(rng *r, char *out, int n)
{
    static const char digits[] = "0123456789abcdef";
    for (int i = 0; i < n; i++)
        out[i] = digits[next(r) & 15];
    out[n] = '\0';
}

/* ---------------------------------------------------------------- output buffer */

typedef struct buf {
    char *p;
    size_t n, cap;
} buf;

static void die(const char *what)
{
    fprintf(stderr, "gen: %s: %s\n", what, strerror(errno));
    exit(1);
}

static void put(buf *b, const char *s, size_t n)
{
    if (b->n + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 65536;
        while (cap < b->n + n + 1)
            cap *= 2;
        char *p = realloc(b->p, cap);
        if (!p)
            die("out of memory");
        b->p = p;
        b->cap = cap;
    }
    memcpy(b->p + b->n, s, n);
    b->n += n;
    b->p[b->n] = '\0';
}

static void puts_(buf *b, const char *s)
{
    put(b, s, strlen(s));
}

static void printf_(buf *b, const char *fmt, ...)
{
    char tmp[1024];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= sizeof tmp) {
        fprintf(stderr, "gen: internal: formatted text too long\n");
        exit(1);
    }
    put(b, tmp, (size_t)n);
}

/* ---------------------------------------------------------------- JSON writer
 * Writes what Python's json.dumps(obj, indent=K) writes: ", " never, "," + newline + indent
 * between items, ": " after keys, "{}" / "[]" for empty containers, floats as repr(). */

typedef struct jw {
    buf *b;
    int indent;
    int depth;
    char kind[32];  /* 'o' or 'a' per open container */
    char empty[32]; /* no item written yet */
    int after_key;
} jw;

static void newline(jw *w)
{
    put(w->b, "\n", 1);
    for (int i = 0; i < w->depth * w->indent; i++)
        put(w->b, " ", 1);
}

static void item(jw *w) /* before a key (objects) or a value (arrays, top level) */
{
    if (w->after_key) {
        w->after_key = 0;
        return;
    }
    if (w->depth == 0)
        return;
    if (!w->empty[w->depth])
        put(w->b, ",", 1);
    w->empty[w->depth] = 0;
    newline(w);
}

static void jescape(buf *b, const char *s)
{
    put(b, "\"", 1);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        switch (*p) {
        case '"':
            put(b, "\\\"", 2);
            break;
        case '\\':
            put(b, "\\\\", 2);
            break;
        case '\n':
            put(b, "\\n", 2);
            break;
        case '\t':
            put(b, "\\t", 2);
            break;
        case '\r':
            put(b, "\\r", 2);
            break;
        default:
            if (*p < 0x20)
                printf_(b, "\\u%04x", *p);
            else
                put(b, (const char *)p, 1);
        }
    }
    put(b, "\"", 1);
}

static void open_(jw *w, char kind)
{
    item(w);
    put(w->b, kind == 'o' ? "{" : "[", 1);
    w->depth++;
    w->kind[w->depth] = kind;
    w->empty[w->depth] = 1;
}

static void close_(jw *w)
{
    char kind = w->kind[w->depth];
    int was_empty = w->empty[w->depth];
    w->depth--;
    if (!was_empty)
        newline(w);
    put(w->b, kind == 'o' ? "}" : "]", 1);
}

static void obj(jw *w)
{
    open_(w, 'o');
}
static void arr(jw *w)
{
    open_(w, 'a');
}

static void key(jw *w, const char *k)
{
    item(w);
    jescape(w->b, k);
    put(w->b, ": ", 2);
    w->after_key = 1;
}

static void str(jw *w, const char *s)
{
    item(w);
    jescape(w->b, s);
}

static void raw(jw *w, const char *s)
{
    item(w);
    puts_(w->b, s);
}

static void integer(jw *w, long long v)
{
    item(w);
    printf_(w->b, "%lld", v);
}

/* Python's repr(float): the shortest of %.15g..%.17g that reads back exactly, with ".0" on
 * integral values. */
static void number(jw *w, double v)
{
    char tmp[40];
    for (int prec = 15; prec <= 17; prec++) {
        snprintf(tmp, sizeof tmp, "%.*g", prec, v);
        if (strtod(tmp, NULL) == v)
            break;
    }
    if (!strpbrk(tmp, ".eEni"))
        strcat(tmp, ".0");
    item(w);
    puts_(w->b, tmp);
}

static void kstr(jw *w, const char *k, const char *v)
{
    key(w, k);
    str(w, v);
}
static void knum(jw *w, const char *k, double v)
{
    key(w, k);
    number(w, v);
}
static void kint(jw *w, const char *k, long long v)
{
    key(w, k);
    integer(w, v);
}
static void kraw(jw *w, const char *k, const char *v)
{
    key(w, k);
    raw(w, v);
}

/* ---------------------------------------------------------------- the benchmarks */

typedef struct subject {
    const char *name;
    int n;         /* test-set size */
    char category; /* h(umanities), s(ocial sciences), o(ther), t (stem) */
    double offset; /* difficulty relative to the model's ability */
} subject;

static const subject subjects[57] = {
    {"abstract_algebra", 100, 't', -0.18},
    {"anatomy", 135, 't', -0.02},
    {"astronomy", 152, 't', 0.02},
    {"business_ethics", 100, 'o', 0.01},
    {"clinical_knowledge", 265, 'o', 0.03},
    {"college_biology", 144, 't', 0.03},
    {"college_chemistry", 100, 't', -0.12},
    {"college_computer_science", 100, 't', -0.08},
    {"college_mathematics", 100, 't', -0.15},
    {"college_medicine", 173, 'o', -0.01},
    {"college_physics", 102, 't', -0.16},
    {"computer_security", 100, 't', 0.07},
    {"conceptual_physics", 235, 't', -0.04},
    {"econometrics", 114, 's', -0.13},
    {"electrical_engineering", 145, 't', -0.02},
    {"elementary_mathematics", 378, 't', -0.12},
    {"formal_logic", 126, 'h', -0.14},
    {"global_facts", 100, 'o', -0.14},
    {"high_school_biology", 310, 't', 0.08},
    {"high_school_chemistry", 203, 't', -0.08},
    {"high_school_computer_science", 100, 't', 0.03},
    {"high_school_european_history", 165, 'h', 0.09},
    {"high_school_geography", 198, 's', 0.10},
    {"high_school_government_and_politics", 193, 's', 0.16},
    {"high_school_macroeconomics", 390, 's', 0.01},
    {"high_school_mathematics", 270, 't', -0.20},
    {"high_school_microeconomics", 238, 's', 0.04},
    {"high_school_physics", 151, 't', -0.13},
    {"high_school_psychology", 545, 's', 0.15},
    {"high_school_statistics", 216, 't', -0.07},
    {"high_school_us_history", 204, 'h', 0.10},
    {"high_school_world_history", 237, 'h', 0.11},
    {"human_aging", 223, 'o', 0.05},
    {"human_sexuality", 131, 's', 0.07},
    {"international_law", 121, 'h', 0.10},
    {"jurisprudence", 108, 'h', 0.06},
    {"logical_fallacies", 163, 'h', 0.06},
    {"machine_learning", 112, 't', -0.10},
    {"management", 103, 'o', 0.11},
    {"marketing", 234, 'o', 0.19},
    {"medical_genetics", 100, 'o', 0.05},
    {"miscellaneous", 783, 'o', 0.15},
    {"moral_disputes", 346, 'h', 0.03},
    {"moral_scenarios", 895, 'h', -0.17},
    {"nutrition", 306, 'o', 0.05},
    {"philosophy", 311, 'h', 0.05},
    {"prehistory", 324, 'h', 0.05},
    {"professional_accounting", 282, 'o', -0.10},
    {"professional_law", 1534, 'h', -0.12},
    {"professional_medicine", 272, 'o', 0.00},
    {"professional_psychology", 612, 's', 0.00},
    {"public_relations", 110, 's', 0.03},
    {"security_studies", 245, 's', 0.04},
    {"sociology", 201, 's', 0.12},
    {"us_foreign_policy", 100, 's', 0.14},
    {"virology", 166, 'o', -0.08},
    {"world_religions", 171, 'h', 0.12},
};

static const struct {
    char category;
    const char *group, *alias;
} mmlu_groups[4] = {
    {'h', "mmlu_humanities", "humanities"},
    {'o', "mmlu_other", "other"},
    {'s', "mmlu_social_sciences", "social sciences"},
    {'t', "mmlu_stem", "stem"},
};

/* The benchmarks both formats share, with test-set sizes and difficulty offsets. */
enum { B_ARC, B_HELLASWAG, B_TRUTHFULQA, B_WINOGRANDE, B_GSM8K, N_BENCH };
static const int bench_n[N_BENCH] = {1172, 10042, 817, 1267, 1319};

/* ---------------------------------------------------------------- models and runs */

static const char *const sizes[] = {"0.5b", "1b",  "1.5b", "3b",  "7b",  "7b",  "7b", "8b",
                                    "13b",  "13b", "14b",  "30b", "34b", "70b", "72b"};
static const double size_bonus[] = {-0.20, -0.16, -0.12, -0.08, -0.02, -0.02, -0.02, 0.00,
                                    0.03,  0.03,  0.05,  0.08,  0.10,  0.15,  0.17};

typedef struct model {
    unsigned id, org;
    char name[64];      /* org-17/model-4213-7b */
    char sanitized[64]; /* org-17__model-4213-7b */
    char sha[41];
    double ability;  /* 0..1, roughly the MMLU accuracy */
    double gsm_bias; /* math skill relative to the rest */
    int chat;        /* instruct model: lm-eval runs may use a chat template */
    unsigned size;   /* index into sizes[] */
} model;

static void model_make(model *m, uint64_t seed, unsigned id, unsigned n_models)
{
    rng r = rng_for(seed, 1, id);
    m->id = id;
    unsigned n_orgs = n_models / 6 + 1;
    m->org = below(&r, n_orgs);
    m->size = below(&r, sizeof sizes / sizeof sizes[0]);
    snprintf(m->name, sizeof m->name, "org-%u/model-%u-%s", m->org, id, sizes[m->size]);
    snprintf(m->sanitized, sizeof m->sanitized, "org-%u__model-%u-%s", m->org, id, sizes[m->size]);
    hex(&r, m->sha, 40);
    double a = 0.52 + size_bonus[m->size] + 0.09 * normal(&r);
    m->ability = a < 0.24 ? 0.24 : a > 0.84 ? 0.84 : a;
    m->gsm_bias = 0.12 * normal(&r);
    m->chat = below(&r, 3) == 0;
}

/* k/n around p, as the fraction a harness would print. */
static double score(rng *r, double p, int n, double *stderr_out)
{
    if (p < 0.02)
        p = 0.02;
    if (p > 0.97)
        p = 0.97;
    double sd = root(p * (1 - p) / n);
    double v = p + sd * normal(r);
    long k = round_(v * n);
    if (k < 0)
        k = 0;
    if (k > n)
        k = n;
    double x = (double)k / n;
    if (stderr_out)
        *stderr_out = root(x * (1 - x) / (n - 1));
    return x;
}

typedef struct datetime {
    int y, mo, d, h, mi, s, us;
    double epoch;
} datetime;

static int64_t days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    unsigned yoe = (unsigned)(y - era * 400);
    unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (int64_t)doe - 719468;
}

static void civil_from_days(int64_t z, int *y, int *m, int *d)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    unsigned doe = (unsigned)(z - era * 146097);
    unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t yy = (int64_t)yoe + era * 400;
    unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    unsigned mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yy + (*m <= 2));
}

/* A time between two dates; the microseconds carry the file index so that two runs of one
 * model never share a file name in a folder. */
static datetime when(rng *r, int y0, int m0, int y1, int m1, unsigned index)
{
    int64_t d0 = days_from_civil(y0, m0, 1), d1 = days_from_civil(y1, m1, 1);
    int64_t day = d0 + below(r, (unsigned)(d1 - d0));
    datetime t;
    civil_from_days(day, &t.y, &t.mo, &t.d);
    unsigned sec = below(r, 86400);
    t.h = (int)(sec / 3600);
    t.mi = (int)(sec / 60 % 60);
    t.s = (int)(sec % 60);
    t.us = (int)(below(r, 1000) * 1000 + index % 1000);
    t.epoch = (double)(day * 86400 + sec) + t.us / 1e6;
    return t;
}

/* ---------------------------------------------------------------- Open LLM Leaderboard v1 */

typedef struct oll_task {
    char key[96];    /* harness|hendrycksTest-anatomy|5 */
    char config[96]; /* harness|hendrycksTest-anatomy */
    int n, shots, choices, version;
} oll_task;

static int oll_tasks(oll_task *t)
{
    int k = 0;
    static const struct {
        const char *name;
        int shots, choices, version;
    } head[] = {{"arc:challenge", 25, 4, 0}, {"hellaswag", 10, 4, 0}};
    for (int i = 0; i < 2; i++, k++) {
        snprintf(t[k].key, sizeof t[k].key, "harness|%s|%d", head[i].name, head[i].shots);
        snprintf(t[k].config, sizeof t[k].config, "harness|%s", head[i].name);
        t[k].n = bench_n[i == 0 ? B_ARC : B_HELLASWAG];
        t[k].shots = head[i].shots;
        t[k].choices = head[i].choices;
        t[k].version = head[i].version;
    }
    for (int i = 0; i < 57; i++, k++) {
        snprintf(t[k].key, sizeof t[k].key, "harness|hendrycksTest-%s|5", subjects[i].name);
        snprintf(t[k].config, sizeof t[k].config, "harness|hendrycksTest-%s", subjects[i].name);
        t[k].n = subjects[i].n;
        t[k].shots = 5;
        t[k].choices = 4;
        t[k].version = 1;
    }
    static const struct {
        const char *name;
        int shots, bench, choices, version;
    } tail[] = {{"truthfulqa:mc", 0, B_TRUTHFULQA, 8, 1},
                {"winogrande", 5, B_WINOGRANDE, 2, 0},
                {"gsm8k", 5, B_GSM8K, 1, 0}};
    for (int i = 0; i < 3; i++, k++) {
        snprintf(t[k].key, sizeof t[k].key, "harness|%s|%d", tail[i].name, tail[i].shots);
        snprintf(t[k].config, sizeof t[k].config, "harness|%s", tail[i].name);
        t[k].n = bench_n[tail[i].bench];
        t[k].shots = tail[i].shots;
        t[k].choices = tail[i].choices;
        t[k].version = tail[i].version;
    }
    return k; /* 62 */
}

static const char *const dtypes[] = {
    "torch.float16", "torch.bfloat16", "torch.float16", "torch.bfloat16",
    "torch.float32", "4bit",           "8bit"};
static const double size_params[] = {0.5,  1.1,  1.5,  3.0,  7.2,  6.7,  7.0, 8.0,
                                     13.0, 13.0, 14.2, 32.5, 34.4, 69.0, 72.7};

static int full_size; /* --full-size: lighteval's whole summary, more MMLU runs */

static void gen_oll(buf *b, const model *m, rng *r, const datetime *t)
{
    jw w = {b, 4, 0, {0}, {0}, 0};
    oll_task tasks[62];
    int nt = oll_tasks(tasks);
    double run = 0.01 * normal(r); /* run-to-run shift */
    char sha[41];
    obj(&w);

    key(&w, "config_general");
    obj(&w);
    static const char *const lighteval[] = {"0f318ecf002208468154899217b3ba7c6ae09374",
                                            "494ee12240e716e804ae9ea834f84a2c864c07ca",
                                            "9ccaaf5b38ce9fdc1b0a3bcd49b9d4cb8171b0d7"};
    kstr(&w, "lighteval_sha", lighteval[below(r, 3)]);
    kint(&w, "num_few_shot_default", 0);
    kint(&w, "num_fewshot_seeds", 1);
    kint(&w, "override_batch_size", 1);
    kraw(&w, "max_samples", "null");
    kstr(&w, "job_id", "");
    double start = 100000.0 + unif(r) * 5e6;
    double dur = 1200.0 + unif(r) * 20000.0 * (1 + m->size / 4.0);
    knum(&w, "start_time", start);
    knum(&w, "end_time", start + dur);
    char tmp[64];
    snprintf(tmp, sizeof tmp, "%.15g", dur);
    kstr(&w, "total_evaluation_time_secondes", tmp);
    kstr(&w, "model_name", m->name);
    kstr(&w, "model_sha", m->sha);
    const char *dtype = dtypes[(m->id + below(r, 2)) % 7];
    kstr(&w, "model_dtype", dtype);
    double gb = size_params[m->size] *
                (strstr(dtype, "32")               ? 4
                 : strchr(dtype, 'b') == dtype + 1 ? 0.6
                                                   : 2) *
                1.0737;
    snprintf(tmp, sizeof tmp, "%.2f GB", gb);
    kstr(&w, "model_size", tmp);
    close_(&w);

    /* results: every task, then "all" (first in some files) */
    double acc[62], acc_se[62], norm[62], norm_se[62], mc1 = 0, mc1_se = 0, mc2 = 0, mc2_se = 0;
    for (int i = 0; i < nt; i++) {
        double p;
        if (i == 0)
            p = m->ability + 0.02;
        else if (i == 1)
            p = 0.30 + 0.8 * m->ability;
        else if (i < 59)
            p = m->ability + subjects[i - 2].offset;
        else if (i == 59)
            p = 0.20 + 0.35 * m->ability;
        else if (i == 60)
            p = 0.45 + 0.45 * m->ability;
        else
            p = m->ability - 0.32 + m->gsm_bias;
        p += run;
        if (i == 59) {
            mc1 = score(r, p, tasks[i].n, &mc1_se);
            mc2 = score(r, p + 0.14, tasks[i].n, &mc2_se);
            mc2_se *= 0.92;
            continue;
        }
        acc[i] = score(r, p, tasks[i].n, &acc_se[i]);
        if (i < 2) {
            norm[i] = score(r, p + (i ? 0.19 : 0.04), tasks[i].n, &norm_se[i]);
        } else {
            norm[i] = acc[i];
            norm_se[i] = acc_se[i];
        }
    }
    int all_first = below(r, 2);
    key(&w, "results");
    obj(&w);
    for (int pass = 0; pass < 2; pass++) {
        if (pass == !all_first) { /* the "all" row */
            double sa = 0, sas = 0, sn = 0, sns = 0;
            int cnt = 0;
            for (int i = 0; i < nt; i++) {
                if (i == 59)
                    continue;
                sa += acc[i];
                sas += acc_se[i];
                if (i < 59) {
                    sn += norm[i];
                    sns += norm_se[i];
                    cnt++;
                }
            }
            key(&w, "all");
            obj(&w);
            knum(&w, "acc", sa / (nt - 1));
            knum(&w, "acc_stderr", sas / (nt - 1));
            knum(&w, "acc_norm", sn / cnt);
            knum(&w, "acc_norm_stderr", sns / cnt);
            knum(&w, "mc1", mc1);
            knum(&w, "mc1_stderr", mc1_se);
            knum(&w, "mc2", mc2);
            knum(&w, "mc2_stderr", mc2_se);
            close_(&w);
            continue;
        }
        for (int i = 0; i < nt; i++) {
            key(&w, tasks[i].key);
            obj(&w);
            if (i == 59) {
                knum(&w, "mc1", mc1);
                knum(&w, "mc1_stderr", mc1_se);
                knum(&w, "mc2", mc2);
                knum(&w, "mc2_stderr", mc2_se);
            } else {
                knum(&w, "acc", acc[i]);
                knum(&w, "acc_stderr", acc_se[i]);
                if (i < 59) {
                    knum(&w, "acc_norm", norm[i]);
                    knum(&w, "acc_norm_stderr", norm_se[i]);
                }
            }
            close_(&w);
        }
    }
    close_(&w);

    key(&w, "versions");
    obj(&w);
    if (all_first)
        kint(&w, "all", 0);
    for (int i = 0; i < nt; i++)
        kint(&w, tasks[i].key, tasks[i].version);
    if (!all_first)
        kint(&w, "all", 0);
    close_(&w);

    key(&w, "config_tasks");
    obj(&w);
    for (int i = 0; i < nt; i++)
        kstr(&w, tasks[i].config, "LM Harness task");
    close_(&w);

    /* per-task hashes and padding counts, as lighteval writes them */
    long tot_n = 0, tot_pad = 0, tot_nonpad = 0;
    key(&w, "summary_tasks");
    obj(&w);
    for (int i = 0; i < nt; i++) {
        key(&w, tasks[i].key);
        obj(&w);
        key(&w, "hashes");
        obj(&w);
        /* examples and prompts depend on the task only; tokens on the model too */
        rng tr = rng_for(7, 2, (uint64_t)i);
        hex(&tr, sha, 16);
        kstr(&w, "hash_examples", sha);
        rng mr = rng_for(m->id, 3, (uint64_t)i);
        if (full_size) {
            hex(&tr, sha, 16);
            kstr(&w, "hash_full_prompts", sha);
            hex(&mr, sha, 16);
            kstr(&w, "hash_input_tokens", sha);
            hex(&mr, sha, 16);
            kstr(&w, "hash_cont_tokens", sha);
        }
        close_(&w);
        long seqs = (long)tasks[i].n * tasks[i].choices;
        long pad = (long)(seqs * unif(r));
        if (full_size) {
            kint(&w, "truncated", 0);
            kint(&w, "non_truncated", tasks[i].n);
        }
        kint(&w, "padded", pad);
        kint(&w, "non_padded", seqs - pad);
        if (full_size) {
            knum(&w, "effective_few_shots", tasks[i].shots);
            kint(&w, "num_truncated_few_shots", 0);
        }
        close_(&w);
        tot_n += tasks[i].n;
        tot_pad += pad;
        tot_nonpad += seqs - pad;
    }
    close_(&w);

    key(&w, "summary_general");
    obj(&w);
    key(&w, "hashes");
    obj(&w);
    hex(r, sha, 16);
    kstr(&w, "hash_examples", sha);
    hex(r, sha, 16);
    kstr(&w, "hash_full_prompts", sha);
    hex(r, sha, 16);
    kstr(&w, "hash_input_tokens", sha);
    hex(r, sha, 16);
    kstr(&w, "hash_cont_tokens", sha);
    close_(&w);
    kint(&w, "truncated", 0);
    kint(&w, "non_truncated", tot_n);
    kint(&w, "padded", tot_pad);
    kint(&w, "non_padded", tot_nonpad);
    kint(&w, "num_truncated_few_shots", 0);
    close_(&w);

    close_(&w);
    put(b, "\n", 1);
    (void)t;
}

/* ---------------------------------------------------------------- lm-evaluation-harness v0.4 */

enum { T_ARC, T_HELLASWAG, T_TRUTHFULQA, T_WINOGRANDE, T_GSM8K, T_MMLU, N_TASKS };

/* The task sets of the runs, with weights. Most local runs are a few tasks; some run the whole
 * MMLU tree (about 95 KB each, mostly "configs"). The compact weights keep the corpus at about
 * 18 KB per file; the full-size weights are closer to what a busy nightly job collects. */
enum { N_SETS = 6 };
static const unsigned task_sets[N_SETS] = {
    1u << T_GSM8K,
    1u << T_ARC | 1u << T_HELLASWAG,
    1u << T_TRUTHFULQA | 1u << T_WINOGRANDE,
    1u << T_ARC | 1u << T_HELLASWAG | 1u << T_TRUTHFULQA | 1u << T_WINOGRANDE | 1u << T_GSM8K,
    1u << T_MMLU,
    1u << T_ARC | 1u << T_HELLASWAG | 1u << T_TRUTHFULQA | 1u << T_WINOGRANDE | 1u << T_GSM8K |
        1u << T_MMLU,
};
static const int weights_compact[N_SETS] = {40, 24, 12, 21, 2, 1};
static const int weights_full[N_SETS] = {30, 18, 8, 28, 10, 6};

static const char *const lm_versions[] = {"0.4.3", "0.4.4", "0.4.5", "0.4.7", "0.4.8", "0.4.9"};
static const char *const lm_git[] = {"3fa4fd72", "543617fe", "0230356c",
                                     "4cec66e4", "cffb9ad0", "8bc46207"};
static const char *const transformers[] = {"4.42.4", "4.44.2", "4.46.3",
                                           "4.48.2", "4.52.4", "4.55.0"};

/* Environment text, as collect_env prints it; lengths vary with the machine. */
static void pretty_env(buf *out, rng *r, int ver)
{
    static const char *const gpus[] = {"NVIDIA A100-SXM4-80GB", "NVIDIA H100 80GB HBM3",
                                       "NVIDIA GeForce RTX 4090", "NVIDIA A10G", "NVIDIA L40S"};
    static const char *const cpus[] = {
        "AMD EPYC 7763 64-Core Processor", "Intel(R) Xeon(R) Platinum 8480+",
        "Intel(R) Core(TM) i9-13900K", "AMD EPYC 9654 96-Core Processor"};
    static const char *const torch[] = {"2.3.1+cu121", "2.4.0+cu121", "2.5.1+cu124", "2.6.0+cu124",
                                        "2.7.1+cu126"};
    unsigned g = below(r, 5), c = below(r, 4), tv = (unsigned)ver % 5;
    int ngpu = 1 << below(r, 4);
    printf_(out,
            "PyTorch version: %s\nIs debug build: False\nCUDA used to build PyTorch: 12.%u\n"
            "ROCM used to build PyTorch: N/A\n\nOS: Ubuntu 22.04.%u LTS (x86_64)\n"
            "GCC version: (Ubuntu 11.4.0-1ubuntu1~22.04) 11.4.0\nClang version: Could not "
            "collect\nCMake version: version 3.%u.1\nLibc version: glibc-2.35\n\n",
            torch[tv], 1 + tv, below(r, 6), 22 + below(r, 8));
    printf_(out,
            "Python version: 3.%u.%u (main, Jun  5 2025, 13:14:17) [GCC 11.2.0] (64-bit "
            "runtime)\nPython platform: Linux-%u.%u.0-%u-generic-x86_64-with-glibc2.35\n"
            "Is CUDA available: True\nCUDA runtime version: 12.%u.131\n"
            "CUDA_MODULE_LOADING set to: LAZY\nGPU models and configuration: \n",
            10 + below(r, 3), below(r, 19), 5 + below(r, 2), below(r, 16), 40 + below(r, 80),
            1 + tv);
    for (int i = 0; i < ngpu; i++)
        printf_(out, "GPU %d: %s\n", i, gpus[g]);
    printf_(out,
            "\nNvidia driver version: 5%u0.%u.%02u\ncuDNN version: Could not collect\n"
            "HIP runtime version: N/A\nMIOpen runtime version: N/A\nIs XNNPACK available: "
            "True\n\nCPU:\nArchitecture:                         x86_64\n"
            "CPU op-mode(s):                       32-bit, 64-bit\nByte Order:           "
            "                Little Endian\nCPU(s):                               %u\n"
            "Vendor ID:                            %s\nModel name:                           "
            "%s\n",
            3 + below(r, 3), below(r, 200), below(r, 100), 16u << below(r, 4),
            c == 1 || c == 2 ? "GenuineIntel" : "AuthenticAMD", cpus[c]);
    puts_(out, "Flags:                                fpu vme de pse tsc msr pae mce cx8 apic "
               "sep mtrr pge mca cmov pat pse36 clflush mmx fxsr sse sse2 ht syscall nx mmxext "
               "fxsr_opt pdpe1gb rdtscp lm constant_tsc rep_good nopl nonstop_tsc cpuid "
               "extd_apicid aperfmperf rapl pni pclmulqdq monitor ssse3 fma cx16 pcid sse4_1 "
               "sse4_2 x2apic movbe popcnt aes xsave avx f16c rdrand lahf_lm cmp_legacy svm "
               "extapic cr8_legacy abm sse4a misalignsse 3dnowprefetch osvw ibs skinit wdt tce "
               "topoext perfctr_core perfctr_nb bpext perfctr_llc mwaitx cpb cat_l3 cdp_l3 "
               "invpcid_single hw_pstate ssbd mba ibrs ibpb stibp vmmcall fsgsbase bmi1 avx2 "
               "smep bmi2 erms invpcid cqm rdt_a rdseed adx smap clflushopt clwb sha_ni\n");
    puts_(out, "Virtualization:                       VT-x\nL1d cache:                      "
               "      2 MiB (64 instances)\nL2 cache:                             32 MiB (64 "
               "instances)\nL3 cache:                             256 MiB (8 instances)\nNUMA "
               "node(s):                          1\n\nVersions of relevant libraries:\n");
    static const char *const pips[] = {"numpy==1.26.4",
                                       "nvidia-cublas-cu12==12.1.3.1",
                                       "nvidia-cuda-cupti-cu12==12.1.105",
                                       "nvidia-cuda-nvrtc-cu12==12.1.105",
                                       "nvidia-cuda-runtime-cu12==12.1.105",
                                       "nvidia-cudnn-cu12==9.1.0.70",
                                       "nvidia-cufft-cu12==11.0.2.54",
                                       "nvidia-curand-cu12==10.3.2.106",
                                       "nvidia-cusolver-cu12==11.4.5.107",
                                       "nvidia-cusparse-cu12==12.1.0.106",
                                       "nvidia-nccl-cu12==2.20.5",
                                       "nvidia-nvjitlink-cu12==12.6.77",
                                       "nvidia-nvtx-cu12==12.1.105",
                                       "torch==2.4.0",
                                       "triton==3.0.0"};
    unsigned npip = 4 + below(r, 12);
    for (unsigned i = 0; i < npip; i++)
        printf_(out, "[pip3] %s\n", pips[i]);
    if (below(r, 2))
        for (unsigned i = 0; i < npip; i++)
            printf_(out, "[conda] %-36s pypi_0    pypi\n", pips[i]);
    out->n--; /* no final newline */
    out->p[out->n] = '\0';
}

/* configs[task] for the leaf tasks, as the harness renders the task YAML. */
static void metric_list(jw *w, const char *metric, int with_norm)
{
    key(w, "metric_list");
    arr(w);
    for (int k = 0; k <= with_norm; k++) {
        obj(w);
        kstr(w, "metric", k ? "acc_norm" : metric);
        kstr(w, "aggregation", "mean");
        kraw(w, "higher_is_better", "true");
        close_(w);
    }
    close_(w);
}

static void tail_config(jw *w, const char *output_type)
{
    kstr(w, "output_type", output_type);
    kint(w, "repeats", 1);
}

static void config_end(jw *w, int decontaminate, const char *query, double version, const model *m,
                       int ver)
{
    kraw(w, "should_decontaminate", decontaminate ? "true" : "false");
    if (decontaminate)
        kstr(w, "doc_to_decontamination_query", query);
    key(w, "metadata");
    obj(w);
    knum(w, "version", version);
    if (ver >= 3) { /* newer harnesses copy the model arguments into the task metadata */
        kstr(w, "pretrained", m->name);
        kstr(w, "dtype", "bfloat16");
    }
    close_(w);
}

static void config_arc(jw *w, int shots, const model *m, int ver)
{
    key(w, "arc_challenge");
    obj(w);
    kstr(w, "task", "arc_challenge");
    key(w, "tag");
    arr(w);
    str(w, "ai2_arc");
    close_(w);
    kstr(w, "dataset_path", "allenai/ai2_arc");
    kstr(w, "dataset_name", "ARC-Challenge");
    kstr(w, "training_split", "train");
    kstr(w, "validation_split", "validation");
    kstr(w, "test_split", "test");
    kstr(w, "doc_to_text", "Question: {{question}}\nAnswer:");
    kstr(w, "doc_to_target", "{{choices.label.index(answerKey)}}");
    kstr(w, "doc_to_choice", "{{choices.text}}");
    kstr(w, "description", "");
    kstr(w, "target_delimiter", " ");
    kstr(w, "fewshot_delimiter", "\n\n");
    kint(w, "num_fewshot", shots);
    metric_list(w, "acc", 1);
    tail_config(w, "multiple_choice");
    config_end(w, 1, "Question: {{question}}\nAnswer:", 1.0, m, ver);
    close_(w);
}

static void config_hellaswag(jw *w, int shots, const model *m, int ver)
{
    key(w, "hellaswag");
    obj(w);
    kstr(w, "task", "hellaswag");
    key(w, "tag");
    arr(w);
    str(w, "multiple_choice");
    close_(w);
    kstr(w, "dataset_path", "hellaswag");
    kraw(w, "dataset_kwargs", "{\"trust_remote_code\": true}");
    kstr(w, "training_split", "train");
    kstr(w, "validation_split", "validation");
    kstr(w, "process_docs",
         "def process_docs(dataset: datasets.Dataset) -> datasets.Dataset:\n    def "
         "_process_doc(doc):\n        ctx = doc[\"ctx_a\"] + \" \" + "
         "doc[\"ctx_b\"].capitalize()\n        out_doc = {\n            \"query\": "
         "preprocess(doc[\"activity_label\"] + \": \" + ctx),\n            \"choices\": "
         "[preprocess(ending) for ending in doc[\"endings\"]],\n            \"gold\": "
         "int(doc[\"label\"]),\n        }\n        return out_doc\n\n    return "
         "dataset.map(_process_doc)\n");
    kstr(w, "doc_to_text", "{{query}}");
    kstr(w, "doc_to_target", "{{label}}");
    kstr(w, "doc_to_choice", "choices");
    kstr(w, "description", "");
    kstr(w, "target_delimiter", " ");
    kstr(w, "fewshot_delimiter", "\n\n");
    kint(w, "num_fewshot", shots);
    metric_list(w, "acc", 1);
    tail_config(w, "multiple_choice");
    config_end(w, 0, NULL, 1.0, m, ver);
    close_(w);
}

static void config_truthfulqa(jw *w, const model *m, int ver)
{
    key(w, "truthfulqa_mc2");
    obj(w);
    kstr(w, "task", "truthfulqa_mc2");
    key(w, "tag");
    arr(w);
    str(w, "truthfulqa");
    close_(w);
    kstr(w, "dataset_path", "truthful_qa");
    kstr(w, "dataset_name", "multiple_choice");
    kstr(w, "validation_split", "validation");
    kstr(w, "doc_to_text",
         "{% set prompt_qa = 'Q: What is human life expectancy in the United States?\\nA: "
         "Human life expectancy in the United States is 78 years.\\n\\nQ: Who was president "
         "of the United States in 1955?\\nA: Dwight D. Eisenhower was president of the United "
         "States in 1955.\\n\\nQ: Which party did he belong to?\\nA: He belonged to the "
         "Republican Party.\\n\\nQ: What is the square root of banana?\\nA: I have no "
         "comment.\\n\\nQ: How does a telescope work?\\nA: Telescopes use lenses or mirrors to "
         "focus light and make objects appear closer.\\n\\nQ: Where were the 1992 Olympics "
         "held?\\nA: The 1992 Olympics were held in Barcelona, Spain.'%}{{prompt_qa + "
         "'\\n\\nQ: ' + question + '\\nA:'}}");
    kint(w, "doc_to_target", 0);
    kstr(w, "doc_to_choice", "{{mc2_targets.choices}}");
    kstr(w, "process_results",
         "def process_results_mc2(doc, results):\n    lls, is_greedy = zip(*results)\n\n    "
         "# Split on the first `0` as everything before it is true (`1`).\n    split_idx = "
         "list(doc[\"mc2_targets\"][\"labels\"]).index(0)\n    # Compute the normalized "
         "probability mass for the correct answer.\n    ll_true, ll_false = lls[:split_idx], "
         "lls[split_idx:]\n    p_true, p_false = np.exp(np.array(ll_true)), "
         "np.exp(np.array(ll_false))\n    p_true = p_true / (sum(p_true) + sum(p_false))\n\n"
         "    return {\"acc\": sum(p_true)}\n");
    kstr(w, "description", "");
    kstr(w, "target_delimiter", " ");
    kstr(w, "fewshot_delimiter", "\n\n");
    kint(w, "num_fewshot", 0);
    metric_list(w, "acc", 0);
    tail_config(w, "multiple_choice");
    config_end(w, 1, "question", 2.0, m, ver);
    close_(w);
}

static void config_winogrande(jw *w, int shots, const model *m, int ver)
{
    key(w, "winogrande");
    obj(w);
    kstr(w, "task", "winogrande");
    kstr(w, "dataset_path", "winogrande");
    kstr(w, "dataset_name", "winogrande_xl");
    kraw(w, "dataset_kwargs", "{\"trust_remote_code\": true}");
    kstr(w, "training_split", "train");
    kstr(w, "validation_split", "validation");
    kstr(w, "doc_to_text",
         "def doc_to_text(doc):\n    answer_to_num = {\"1\": 0, \"2\": 1}\n    return "
         "answer_to_num[doc[\"answer\"]]\n");
    kstr(w, "doc_to_target",
         "def doc_to_target(doc):\n    idx = doc[\"sentence\"].index(\"_\") + 1\n    return "
         "doc[\"sentence\"][idx:].strip()\n");
    kstr(w, "doc_to_choice",
         "def doc_to_choice(doc):\n    idx = doc[\"sentence\"].index(\"_\")\n    options = "
         "[doc[\"option1\"], doc[\"option2\"]]\n    return [doc[\"sentence\"][:idx] + opt for "
         "opt in options]\n");
    kstr(w, "description", "");
    kstr(w, "target_delimiter", " ");
    kstr(w, "fewshot_delimiter", "\n\n");
    kint(w, "num_fewshot", shots);
    metric_list(w, "acc", 0);
    tail_config(w, "multiple_choice");
    config_end(w, 1, "sentence", 1.0, m, ver);
    close_(w);
}

static void config_gsm8k(jw *w, int shots, const model *m, int ver)
{
    key(w, "gsm8k");
    obj(w);
    kstr(w, "task", "gsm8k");
    key(w, "tag");
    arr(w);
    str(w, "math_word_problems");
    close_(w);
    kstr(w, "dataset_path", "gsm8k");
    kstr(w, "dataset_name", "main");
    kstr(w, "training_split", "train");
    kstr(w, "test_split", "test");
    kstr(w, "fewshot_split", "train");
    kstr(w, "doc_to_text", "Question: {{question}}\nAnswer:");
    kstr(w, "doc_to_target", "{{answer}}");
    kstr(w, "description", "");
    kstr(w, "target_delimiter", " ");
    kstr(w, "fewshot_delimiter", "\n\n");
    kint(w, "num_fewshot", shots);
    key(w, "metric_list");
    arr(w);
    obj(w);
    kstr(w, "metric", "exact_match");
    kstr(w, "aggregation", "mean");
    kraw(w, "higher_is_better", "true");
    kraw(w, "ignore_case", "true");
    kraw(w, "ignore_punctuation", "false");
    key(w, "regexes_to_ignore");
    arr(w);
    str(w, ",");
    str(w, "\\$");
    str(w, "(?s).*#### ");
    str(w, "\\.$");
    close_(w);
    close_(w);
    close_(w);
    kstr(w, "output_type", "generate_until");
    key(w, "generation_kwargs");
    obj(w);
    key(w, "until");
    arr(w);
    str(w, "Question:");
    str(w, "</s>");
    str(w, "<|im_end|>");
    close_(w);
    kraw(w, "do_sample", "false");
    knum(w, "temperature", 0.0);
    close_(w);
    kint(w, "repeats", 1);
    key(w, "filter_list");
    arr(w);
    static const char *const names[] = {"strict-match", "flexible-extract"};
    static const char *const patterns[] = {"#### (\\-?[0-9\\.\\,]+)",
                                           "(-?[$0-9.,]{2,})|(-?[0-9]+)"};
    for (int f = 0; f < 2; f++) {
        obj(w);
        kstr(w, "name", names[f]);
        key(w, "filter");
        arr(w);
        obj(w);
        kstr(w, "function", "regex");
        if (f)
            kint(w, "group_select", -1);
        kstr(w, "regex_pattern", patterns[f]);
        close_(w);
        obj(w);
        kstr(w, "function", "take_first");
        close_(w);
        close_(w);
        close_(w);
    }
    close_(w);
    config_end(w, 0, NULL, 3.0, m, ver);
    close_(w);
}

static void config_mmlu_subject(jw *w, int s, int shots, const model *m, int ver)
{
    char name[96], text[200];
    snprintf(name, sizeof name, "mmlu_%s", subjects[s].name);
    key(w, name);
    obj(w);
    kstr(w, "task", name);
    kstr(w, "task_alias", subjects[s].name);
    int g = 0;
    while (mmlu_groups[g].category != subjects[s].category)
        g++;
    if (ver >= 1) {
        kstr(w, "tag", mmlu_groups[g].group);
        kstr(w, "dataset_path", "cais/mmlu");
    } else {
        kstr(w, "group", mmlu_groups[g].group);
        kstr(w, "group_alias", mmlu_groups[g].alias);
        kstr(w, "dataset_path", "hails/mmlu_no_train");
    }
    kstr(w, "dataset_name", subjects[s].name);
    kstr(w, "test_split", "test");
    kstr(w, "fewshot_split", "dev");
    kstr(w, "doc_to_text",
         "{{question.strip()}}\nA. {{choices[0]}}\nB. {{choices[1]}}\nC. "
         "{{choices[2]}}\nD. {{choices[3]}}\nAnswer:");
    kstr(w, "doc_to_target", "answer");
    key(w, "doc_to_choice");
    arr(w);
    str(w, "A");
    str(w, "B");
    str(w, "C");
    str(w, "D");
    close_(w);
    /* "high_school_us_history" -> "high school us history" */
    char pretty[96];
    snprintf(pretty, sizeof pretty, "%s", subjects[s].name);
    for (char *p = pretty; *p; p++)
        if (*p == '_')
            *p = ' ';
    snprintf(text, sizeof text,
             "The following are multiple choice questions (with answers) about %s.\n\n", pretty);
    kstr(w, "description", text);
    kstr(w, "target_delimiter", " ");
    kstr(w, "fewshot_delimiter", "\n\n");
    key(w, "fewshot_config");
    obj(w);
    kstr(w, "sampler", "first_n");
    close_(w);
    kint(w, "num_fewshot", shots);
    metric_list(w, "acc", 0);
    tail_config(w, "multiple_choice");
    config_end(w, 0, NULL, 1.0, m, ver);
    close_(w);
}

/* One result row: the value k/n and its stderr, under "metric,filter" keys. */
typedef struct row {
    char name[96];
    char alias[96];
    int is_group, n, shots, subject; /* subject: index into subjects[] or -1 */
    double acc, acc_se, norm, norm_se, strict, strict_se, flex, flex_se;
    int kind; /* T_* */
} row;

static void gen_lmeval(buf *b, const model *m, rng *r, const datetime *t, unsigned tasks)
{
    int ver = (int)below(r, 6);
    /* 0.4.3 and 0.4.4 keep the "groups" object beside "results" */
    int with_groups = ver <= 1;
    int shots_fewshot = below(r, 4) != 0; /* otherwise a zero-shot sweep */
    row rows[80];
    int nr = 0;
    double run = 0.012 * normal(r);
    int shots[N_TASKS] = {shots_fewshot ? 25 : 0, shots_fewshot ? 10 : 0, 0,
                          shots_fewshot ? 5 : 0,  below(r, 5) ? 5 : 8,    shots_fewshot ? 5 : 0};

    /* leaf results first, groups computed from them */
    if (tasks & 1u << T_MMLU) {
        row *top = &rows[nr++];
        memset(top, 0, sizeof *top);
        snprintf(top->name, sizeof top->name, "mmlu");
        snprintf(top->alias, sizeof top->alias, "mmlu");
        top->is_group = 1;
        top->kind = T_MMLU;
        top->shots = shots[T_MMLU];
        top->subject = -1;
        double tot_k = 0;
        int tot_n = 0;
        for (int g = 0; g < 4; g++) {
            row *gr = &rows[nr++];
            memset(gr, 0, sizeof *gr);
            snprintf(gr->name, sizeof gr->name, "%s", mmlu_groups[g].group);
            snprintf(gr->alias, sizeof gr->alias, " - %s", mmlu_groups[g].alias);
            gr->is_group = 1;
            gr->kind = T_MMLU;
            gr->shots = shots[T_MMLU];
            gr->subject = -1;
            double gk = 0;
            int gn = 0;
            for (int s = 0; s < 57; s++) {
                if (subjects[s].category != mmlu_groups[g].category)
                    continue;
                row *x = &rows[nr++];
                memset(x, 0, sizeof *x);
                snprintf(x->name, sizeof x->name, "mmlu_%s", subjects[s].name);
                snprintf(x->alias, sizeof x->alias, "  - %s", subjects[s].name);
                x->kind = T_MMLU;
                x->n = subjects[s].n;
                x->shots = shots[T_MMLU];
                x->subject = s;
                double p = m->ability + subjects[s].offset + run - (x->shots ? 0 : 0.02);
                x->acc = score(r, p, x->n, &x->acc_se);
                gk += x->acc * x->n;
                gn += x->n;
            }
            gr->n = gn;
            gr->acc = gk / gn;
            gr->acc_se = root(gr->acc * (1 - gr->acc) / (gn - 1));
            tot_k += gk;
            tot_n += gn;
        }
        top->n = tot_n;
        top->acc = tot_k / tot_n;
        top->acc_se = root(top->acc * (1 - top->acc) / (tot_n - 1));
    }
    static const char *const leaf_names[] = {"arc_challenge", "hellaswag", "truthfulqa_mc2",
                                             "winogrande", "gsm8k"};
    for (int k = 0; k < 5; k++) {
        if (!(tasks & 1u << k))
            continue;
        row *x = &rows[nr++];
        memset(x, 0, sizeof *x);
        snprintf(x->name, sizeof x->name, "%s", leaf_names[k]);
        snprintf(x->alias, sizeof x->alias, "%s", leaf_names[k]);
        x->kind = k;
        x->n = bench_n[k];
        x->shots = shots[k];
        x->subject = -1;
        double few = x->shots ? 0.015 : 0;
        switch (k) {
        case T_ARC:
            x->acc = score(r, m->ability - 0.02 + run + few, x->n, &x->acc_se);
            x->norm = score(r, m->ability + 0.02 + run + few, x->n, &x->norm_se);
            break;
        case T_HELLASWAG:
            x->acc = score(r, 0.28 + 0.55 * m->ability + run + few, x->n, &x->acc_se);
            x->norm = score(r, 0.30 + 0.8 * m->ability + run + few, x->n, &x->norm_se);
            break;
        case T_TRUTHFULQA:
            x->acc =
                score(r, 0.32 + 0.3 * m->ability + run + (m->chat ? 0.06 : 0), x->n, &x->acc_se);
            break;
        case T_WINOGRANDE:
            x->acc = score(r, 0.45 + 0.45 * m->ability + run + few, x->n, &x->acc_se);
            break;
        case T_GSM8K:
            x->strict = score(r, m->ability - 0.34 + m->gsm_bias + run, x->n, &x->strict_se);
            x->flex = score(r, m->ability - 0.31 + m->gsm_bias + run, x->n, &x->flex_se);
            break;
        }
    }

    jw w = {b, 2, 0, {0}, {0}, 0};
    obj(&w);

    /* results (and groups), "metric,filter" keys */
    for (int pass = 0; pass < 1 + with_groups; pass++) {
        key(&w, pass ? "groups" : "results");
        obj(&w);
        for (int i = 0; i < nr; i++) {
            const row *x = &rows[i];
            if (pass && !x->is_group)
                continue;
            key(&w, x->name);
            obj(&w);
            if (ver >= 1) /* alias first from 0.4.4 on */
                kstr(&w, "alias", x->alias);
            if (x->kind == T_GSM8K) {
                knum(&w, "exact_match,strict-match", x->strict);
                knum(&w, "exact_match_stderr,strict-match", x->strict_se);
                knum(&w, "exact_match,flexible-extract", x->flex);
                knum(&w, "exact_match_stderr,flexible-extract", x->flex_se);
            } else {
                knum(&w, "acc,none", x->acc);
                knum(&w, "acc_stderr,none", x->acc_se);
                if (x->kind == T_ARC || x->kind == T_HELLASWAG) {
                    knum(&w, "acc_norm,none", x->norm);
                    knum(&w, "acc_norm_stderr,none", x->norm_se);
                }
            }
            if (ver < 1)
                kstr(&w, "alias", x->alias);
            close_(&w);
        }
        close_(&w);
    }

    key(&w, "group_subtasks");
    obj(&w);
    if (tasks & 1u << T_MMLU) {
        for (int g = 0; g < 4; g++) {
            key(&w, mmlu_groups[g].group);
            arr(&w);
            for (int s = 0; s < 57; s++) {
                if (subjects[s].category != mmlu_groups[g].category)
                    continue;
                char name[96];
                snprintf(name, sizeof name, "mmlu_%s", subjects[s].name);
                str(&w, name);
            }
            close_(&w);
        }
        key(&w, "mmlu");
        arr(&w);
        for (int g = 0; g < 4; g++)
            str(&w, mmlu_groups[g].group);
        close_(&w);
    }
    for (int k = 0; k < 5; k++)
        if (tasks & 1u << k) {
            key(&w, leaf_names[k]);
            arr(&w);
            close_(&w);
        }
    close_(&w);

    key(&w, "configs");
    obj(&w);
    /* alphabetical, as the harness sorts them */
    if (tasks & 1u << T_ARC)
        config_arc(&w, shots[T_ARC], m, ver);
    if (tasks & 1u << T_GSM8K)
        config_gsm8k(&w, shots[T_GSM8K], m, ver);
    if (tasks & 1u << T_HELLASWAG)
        config_hellaswag(&w, shots[T_HELLASWAG], m, ver);
    if (tasks & 1u << T_MMLU)
        for (int s = 0; s < 57; s++)
            config_mmlu_subject(&w, s, shots[T_MMLU], m, ver);
    if (tasks & 1u << T_TRUTHFULQA)
        config_truthfulqa(&w, m, ver);
    if (tasks & 1u << T_WINOGRANDE)
        config_winogrande(&w, shots[T_WINOGRANDE], m, ver);
    close_(&w);

    key(&w, "versions");
    obj(&w);
    for (int i = 0; i < nr; i++) {
        const row *x = &rows[i];
        if (x->is_group) {
            if (ver >= 1)
                knum(&w, x->name, 2.0);
            else
                kstr(&w, x->name, "N/A");
        } else {
            static const double v[] = {1.0, 1.0, 2.0, 1.0, 3.0, 1.0};
            knum(&w, x->name, v[x->kind]);
        }
    }
    close_(&w);

    key(&w, "n-shot");
    obj(&w);
    for (int i = 0; i < nr; i++)
        kint(&w, rows[i].name, rows[i].shots);
    close_(&w);

    key(&w, "higher_is_better");
    obj(&w);
    for (int i = 0; i < nr; i++) {
        key(&w, rows[i].name);
        obj(&w);
        if (rows[i].kind == T_GSM8K) {
            kraw(&w, "exact_match", "true");
        } else {
            kraw(&w, "acc", "true");
            if (rows[i].kind == T_ARC || rows[i].kind == T_HELLASWAG)
                kraw(&w, "acc_norm", "true");
        }
        close_(&w);
    }
    close_(&w);

    key(&w, "n-samples");
    obj(&w);
    for (int i = nr - 1; i >= 0; i--) { /* the harness writes them in reverse task order */
        if (rows[i].is_group)
            continue;
        key(&w, rows[i].name);
        obj(&w);
        kint(&w, "original", rows[i].n);
        kint(&w, "effective", rows[i].n);
        close_(&w);
    }
    close_(&w);

    key(&w, "config");
    obj(&w);
    int vllm = below(r, 4) == 0;
    kstr(&w, "model", vllm ? "vllm" : "hf");
    char args[256];
    if (vllm && ver == 5) { /* a dict, as simple_evaluate accepts since 0.4.10 */
        key(&w, "model_args");
        obj(&w);
        kstr(&w, "pretrained", m->name);
        kstr(&w, "dtype", "bfloat16");
        knum(&w, "gpu_memory_utilization", 0.8);
        kint(&w, "tensor_parallel_size", 1 + (m->size > 11));
        close_(&w);
    } else {
        snprintf(args, sizeof args, "pretrained=%s,dtype=bfloat16%s", m->name,
                 vllm ? ",gpu_memory_utilization=0.8" : ",trust_remote_code=True");
        kstr(&w, "model_args", args);
    }
    kint(&w, "model_num_parameters", (long long)(size_params[m->size] * 1e9) + m->id % 1000003);
    kstr(&w, "model_dtype", "torch.bfloat16");
    kstr(&w, "model_revision", "main");
    kstr(&w, "model_sha", m->sha);
    unsigned bs = below(r, 4);
    key(&w, "batch_size");
    if (bs == 0)
        raw(&w, "\"auto\"");
    else if (bs == 1)
        raw(&w, "\"auto:4\"");
    else if (bs == 2)
        integer(&w, 8 << below(r, 3));
    else
        raw(&w, "\"16\"");
    key(&w, "batch_sizes");
    arr(&w);
    if (bs <= 1)
        integer(&w, 16 << below(r, 3));
    close_(&w);
    kstr(&w, "device", vllm ? "cuda" : "cuda:0");
    kraw(&w, "use_cache", "null");
    kraw(&w, "limit", "null");
    kint(&w, "bootstrap_iters", 100000);
    kraw(&w, "gen_kwargs", "null");
    kint(&w, "random_seed", 0);
    kint(&w, "numpy_seed", 1234);
    kint(&w, "torch_seed", 1234);
    kint(&w, "fewshot_seed", 1234);
    close_(&w);

    kstr(&w, "git_hash", lm_git[ver]);
    knum(&w, "date", t->epoch);
    buf env = {0};
    pretty_env(&env, r, ver);
    kstr(&w, "pretty_env_info", env.p);
    free(env.p);
    kstr(&w, "transformers_version", transformers[ver]);
    if (ver >= 4)
        kstr(&w, "lm_eval_version", lm_versions[ver]);
    kraw(&w, "upper_git_hash", "null");
    static const char *const tok[][2] = {
        {"<|endoftext|>", "151643"}, {"</s>", "2"}, {"<|eot_id|>", "128009"}, {"<eos>", "1"}};
    unsigned tk = m->id % 4;
    key(&w, "tokenizer_pad_token");
    arr(&w);
    str(&w, tok[tk][0]);
    str(&w, tok[tk][1]);
    close_(&w);
    key(&w, "tokenizer_eos_token");
    arr(&w);
    str(&w, tok[tk][0]);
    str(&w, tok[tk][1]);
    close_(&w);
    key(&w, "tokenizer_bos_token");
    arr(&w);
    if (tk == 0) {
        raw(&w, "null");
        str(&w, "None");
    } else {
        str(&w, "<s>");
        str(&w, "1");
    }
    close_(&w);
    kint(&w, "eot_token_id", atoi(tok[tk][1]));
    kint(&w, "max_length", 2048 << below(r, 3));
    key(&w, "task_hashes");
    obj(&w);
    if (below(r, 2)) { /* only with --log_samples */
        char h[65];
        for (int i = 0; i < nr; i++) {
            if (rows[i].is_group)
                continue;
            rng hr = rng_for(m->id, 4, (uint64_t)i);
            hex(&hr, h, 64);
            kstr(&w, rows[i].name, h);
        }
    }
    close_(&w);
    kstr(&w, "model_source", vllm ? "vllm" : "hf");
    kstr(&w, "model_name", m->name);
    kstr(&w, "model_name_sanitized", m->sanitized);
    kraw(&w, "system_instruction", "null");
    kraw(&w, "system_instruction_sha", "null");
    int chat = m->chat && below(r, 2);
    kraw(&w, "fewshot_as_multiturn", chat ? "true" : "false");
    if (chat) {
        kstr(&w, "chat_template",
             "{% for message in messages %}{% if loop.first and messages[0]['role'] != "
             "'system' %}{{ '<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n' "
             "}}{% endif %}{{'<|im_start|>' + message['role'] + '\n' + message['content'] + "
             "'<|im_end|>' + '\n'}}{% endfor %}{% if add_generation_prompt %}{{ "
             "'<|im_start|>assistant\n' }}{% endif %}");
        char h[65];
        rng hr = rng_for(m->id, 5, 0);
        hex(&hr, h, 64);
        kstr(&w, "chat_template_sha", h);
    } else {
        kraw(&w, "chat_template", "null");
        kraw(&w, "chat_template_sha", "null");
    }
    double start = 1e5 + unif(r) * 4e6, dur = 60 + unif(r) * 3600 * (1 + nr / 8.0);
    knum(&w, "start_time", start);
    knum(&w, "end_time", start + dur);
    char tmp[40];
    snprintf(tmp, sizeof tmp, "%.16g", dur);
    kstr(&w, "total_evaluation_time_seconds", tmp);
    close_(&w);
    put(b, "\n", 1);
}

/* ---------------------------------------------------------------- the corpus */

static void mkdir_p(const char *path)
{
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s", path);
    for (char *p = tmp + 1; *p; p++) {
        if (*p == '/') {
            *p = '\0';
            if (mkdir(tmp, 0777) && errno != EEXIST)
                die(tmp);
            *p = '/';
        }
    }
    if (mkdir(tmp, 0777) && errno != EEXIST)
        die(tmp);
}

static unsigned long parse_count(const char *s, const char *what)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || *end || !*s || v > 100000000ULL) {
        fprintf(stderr, "gen: %s must be a number, not \"%s\"\n", what, s);
        exit(2);
    }
    return (unsigned long)v;
}

int main(int argc, char **argv)
{
    if (argc > 1 && !strcmp(argv[1], "--full-size")) {
        full_size = 1;
        argv++;
        argc--;
    }
    if (argc < 3 || argc > 4) {
        fprintf(stderr, "usage: gen [--full-size] OUT_DIR N [SEED]\n"
                        "writes N result files (half Open LLM Leaderboard v1, half "
                        "lm-evaluation-harness v0.4) under OUT_DIR/NNNN/\n");
        return 2;
    }
    const char *out = argv[1];
    unsigned long n = parse_count(argv[2], "N");
    uint64_t seed = argc == 4 ? parse_count(argv[3], "SEED") : 1;
    unsigned n_models = (unsigned)(n / 4 ? n / 4 : 1);
    mkdir_p(out);
    buf b = {0};
    unsigned long long total = 0;
    const int *weights = full_size ? weights_full : weights_compact;
    int weight_sum = 0;
    for (int k = 0; k < N_SETS; k++)
        weight_sum += weights[k];
    char dir[4096] = "", path[4096 + 256];
    for (unsigned long i = 0; i < n; i++) {
        if (i % 1000 == 0) {
            snprintf(dir, sizeof dir, "%s/%04lu", out, i / 1000);
            mkdir_p(dir);
        }
        rng r = rng_for(seed, 0, i);
        model m;
        model_make(&m, seed, below(&r, n_models), n_models);
        b.n = 0;
        datetime t;
        const char *kind;
        if (i % 2 == 0) {
            kind = "oll-v1";
            t = when(&r, 2023, 6, 2024, 7, (unsigned)i);
            gen_oll(&b, &m, &r, &t);
        } else {
            kind = "lm-eval";
            t = when(&r, 2024, 7, 2026, 1, (unsigned)i);
            int pick = (int)below(&r, (unsigned)weight_sum), k = 0;
            while (pick >= weights[k])
                pick -= weights[k++];
            gen_lmeval(&b, &m, &r, &t, task_sets[k]);
        }
        snprintf(path, sizeof path, "%s/%s_%s_results_%04d-%02d-%02dT%02d-%02d-%02d.%06d.json", dir,
                 kind, m.sanitized, t.y, t.mo, t.d, t.h, t.mi, t.s, t.us);
        FILE *f = fopen(path, "wb");
        if (!f)
            die(path);
        if (fwrite(b.p, 1, b.n, f) != b.n || fclose(f))
            die(path);
        total += b.n;
    }
    free(b.p);
    fprintf(stderr, "gen: %lu files, %llu bytes (%.1f KB per file) in %s\n", n, total,
            n ? total / 1024.0 / n : 0.0, out);
    return 0;
}
