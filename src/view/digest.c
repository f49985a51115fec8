/* The digest, the annotations and changes.json; see digest.h. */
#include "digest.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/mdtext.h"

static int gated(const lr_change *c)
{
    return c->kind == LR_CHANGE_REGRESSED && !c->acknowledged && !c->pending;
}

static int held(const lr_change *c)
{
    return c->kind == LR_CHANGE_REGRESSED && (c->acknowledged || c->pending);
}

static int paired(const lr_change *c)
{
    return c->test == LR_TEST_MCNEMAR || c->test == LR_TEST_BOOTSTRAP ||
           c->test == LR_TEST_CLUSTERED;
}

static const char *test_word(const lr_change *c)
{
    switch (c->test) {
    case LR_TEST_MCNEMAR:
        return c->paired.mcnemar.exact ? "McNemar (exact)" : "McNemar (chi-square)";
    case LR_TEST_BOOTSTRAP:
        return "paired bootstrap";
    case LR_TEST_CLUSTERED:
        return "paired z (clustered)";
    case LR_TEST_Z:
        return c->wilson ? "z-test (Wilson)" : "z-test";
    default:
        return "points";
    }
}

/* "−2.0", "+3.0", "±0.0" */
static void delta_text(double d, char *buf, size_t size)
{
    lr_format_delta(d, buf, size);
}

static void setting_text(const lr_observation *o, char *buf, size_t size)
{
    lr_setting_describe(o->setting, buf, size);
}

/* ---- the digest ---- */

static void summary_row(lr_buf *out, const char *mark, const lr_change *c, const char *note)
{
    char v[64], setting[256], p[32];
    lr_buf_printf(out, "| %s | ", mark);
    lr_md_escape(out, c->now->model);
    lr_buf_puts(out, " | ");
    lr_md_escape(out, c->now->setting->benchmark_display);
    lr_buf_puts(out, " | ");
    setting_text(c->now, setting, sizeof setting);
    lr_md_escape(out, setting);
    lr_format_value(c->before->value, v, sizeof v);
    lr_buf_printf(out, " | %s", v);
    lr_format_value(c->now->value, v, sizeof v);
    lr_buf_printf(out, " | %s", v);
    delta_text(c->delta, v, sizeof v);
    lr_buf_printf(out, " | %s | %s | %s |\n", v, lr_format_p(c->p, p, sizeof p), note);
}

void lr_digest_summary(const lr_night *night, const char *since, const char *link, lr_buf *out)
{
    size_t n_held = 0, n_imp = 0, compared = 0, unchanged = 0;
    const lr_change *largest = NULL; /* the largest |delta| within noise */
    for (size_t i = 0; i < night->n; i++) {
        const lr_change *c = &night->changes[i];
        n_held += held(c);
        n_imp += c->kind == LR_CHANGE_IMPROVED;
        compared += c->kind != LR_CHANGE_NOT_COMPARED;
        unchanged += c->kind == LR_CHANGE_NONE;
        if (c->kind == LR_CHANGE_NONE && (!largest || fabs(c->delta) > fabs(largest->delta)))
            largest = c;
    }
    lr_buf_printf(out, "### llmreport: %zu regression%s", night->gated,
                  night->gated == 1 ? "" : "s");
    if (since) {
        lr_buf_puts(out, " since ");
        lr_md_escape(out, since);
    }
    lr_buf_puts(out, "\n\n");
    if (night->gated || n_held || n_imp) {
        lr_buf_puts(out, "| | Model | Benchmark | Setting | Before | Now | Δ | p | |\n"
                         "|---|---|---|---|---:|---:|---:|---:|---|\n");
        for (size_t i = 0; i < night->n; i++)
            if (gated(&night->changes[i]))
                summary_row(out, "▼", &night->changes[i], test_word(&night->changes[i]));
        for (size_t i = 0; i < night->n; i++) {
            const lr_change *c = &night->changes[i];
            if (!held(c))
                continue;
            char note[96];
            if (c->acknowledged)
                snprintf(note, sizeof note, "acknowledged until %s", c->until);
            else
                snprintf(note, sizeof note, "%zu of %zu nights", c->nights, night->nights_needed);
            summary_row(out, "▽", c, note);
        }
        for (size_t i = 0; i < night->n; i++)
            if (night->changes[i].kind == LR_CHANGE_IMPROVED)
                summary_row(out, "▲", &night->changes[i], test_word(&night->changes[i]));
        lr_buf_putc(out, '\n');
    }
    for (size_t i = 0; i < night->n; i++) {
        const lr_change *c = &night->changes[i];
        if (!gated(c) || !paired(c) || !c->paired.worse)
            continue;
        lr_buf_puts(out, "- ");
        lr_md_escape(out, c->now->model);
        lr_buf_puts(out, ", ");
        lr_md_escape(out, c->now->setting->benchmark_display);
        lr_buf_printf(out, ": %ld of %zu items %s: ", c->paired.worse, c->paired.n,
                      c->paired.binary ? "went from right to wrong" : "scored lower");
        for (size_t k = 0; k < c->paired.n_worst; k++) {
            if (k)
                lr_buf_puts(out, ", ");
            lr_md_escape(out, c->paired.worst[k]);
        }
        if ((size_t)c->paired.worse > c->paired.n_worst)
            lr_buf_printf(out, " and %zu more", (size_t)c->paired.worse - c->paired.n_worst);
        lr_buf_putc(out, '\n');
    }
    char level[32];
    lr_buf_printf(out, "- %zu compared, %zu unchanged within noise", compared, unchanged);
    if (largest) {
        char d[48], m[48];
        delta_text(largest->delta, d, sizeof d);
        lr_buf_puts(out, " (largest: ");
        lr_md_escape(out, largest->now->model);
        lr_buf_puts(out, ", ");
        lr_md_escape(out, largest->now->setting->benchmark_display);
        lr_buf_printf(out, " %s", d);
        if (isfinite(largest->mde)) {
            lr_format_value(largest->mde, m, sizeof m);
            lr_buf_printf(out, ", MDE %s", m);
        }
        lr_buf_puts(out, ")");
    }
    if (night->legacy)
        lr_buf_puts(out, "; each result tested alone");
    else if (night->bh.m)
        lr_buf_printf(out, "; gate: Benjamini–Hochberg at q = %g over %zu test%s (p ≤ %s)",
                      night->bh.q, night->bh.m, night->bh.m == 1 ? "" : "s",
                      lr_format_p(night->bh.level, level, sizeof level));
    lr_buf_puts(out, ".\n");
    for (size_t i = 0; i < night->n_points; i++) {
        const lr_changepoint *p = &night->points[i];
        char a[48], b[48];
        lr_format_value(p->before, a, sizeof a);
        lr_format_value(p->after, b, sizeof b);
        lr_buf_puts(out, "- ");
        lr_md_escape(out, p->obs->model);
        lr_buf_puts(out, ", ");
        lr_md_escape(out, p->obs->setting->benchmark_display);
        lr_buf_puts(out, ": changed on ");
        lr_md_date(out, p->date ? p->date : "tonight");
        lr_buf_printf(out, ": %s → %s\n", a, b);
    }
    lr_digest_link(link, out);
}

void lr_digest_link(const char *link, lr_buf *out)
{
    if (link) {
        lr_buf_puts(out, "- Full report: [report.md](");
        /* a link destination cannot hold spaces, angle brackets or unbalanced parentheses */
        for (const char *s = link; *s; s++) {
            if (*s == ' ' || *s == '<' || *s == '>' || *s == '(' || *s == ')' ||
                (unsigned char)*s < 0x20)
                lr_buf_printf(out, "%%%02X", (unsigned char)*s);
            else
                lr_buf_putc(out, *s);
        }
        lr_buf_puts(out, ")\n");
    }
}

/* ---- annotations ---- */

/* GitHub's escaping of a workflow command: % \r \n in the message, and : , too in properties. */
static void gh_escape(lr_buf *out, const char *s, int property)
{
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '%' || c == '\r' || c == '\n' || (property && (c == ':' || c == ',')))
            lr_buf_printf(out, "%%%02X", c);
        else
            lr_buf_putc(out, (char)c);
    }
}

static void annotation(lr_buf *out, const char *level, const lr_night *night, const lr_change *c)
{
    char title[512], msg[1024], setting[256], a[48], b[48], d[48], p[32], lvl[32];
    snprintf(title, sizeof title, "Regression: %s, %s", c->now->model,
             c->now->setting->benchmark_display);
    setting_text(c->now, setting, sizeof setting);
    lr_format_value(c->before->value, a, sizeof a);
    lr_format_value(c->now->value, b, sizeof b);
    lr_format_value(c->delta, d, sizeof d);
    int n = snprintf(msg, sizeof msg, "%s -> %s (%s) at %s; ", a, b, d, setting);
    if (n < 0 || (size_t)n >= sizeof msg)
        n = (int)sizeof msg - 1;
    if (c->test == LR_TEST_POINTS)
        snprintf(msg + n, sizeof msg - (size_t)n, "beyond %s points (no stderr)",
                 (lr_format_value(c->threshold, lvl, sizeof lvl), lvl));
    else
        snprintf(msg + n, sizeof msg - (size_t)n, "%s p = %s, gate p <= %s", test_word(c),
                 lr_format_p(c->p, p, sizeof p),
                 lr_format_p(night->legacy ? 0.05 : night->bh.level, lvl, sizeof lvl));
    if (c->acknowledged)
        snprintf(msg + strlen(msg), sizeof msg - strlen(msg), "; acknowledged until %s", c->until);
    else if (c->pending)
        snprintf(msg + strlen(msg), sizeof msg - strlen(msg), "; %zu night%s so far", c->nights,
                 c->nights == 1 ? "" : "s");
    if (paired(c) && c->paired.worse)
        snprintf(msg + strlen(msg), sizeof msg - strlen(msg), "; %ld of %zu items worse",
                 c->paired.worse, c->paired.n);
    lr_buf_printf(out, "::%s ", level);
    if (c->now->source && c->now->source->file) {
        lr_buf_puts(out, "file=");
        gh_escape(out, c->now->source->file, 1);
        lr_buf_putc(out, ',');
    }
    lr_buf_puts(out, "title=");
    gh_escape(out, title, 1);
    lr_buf_puts(out, "::");
    gh_escape(out, msg, 0);
    lr_buf_putc(out, '\n');
}

void lr_digest_annotations(const lr_night *night, lr_buf *out)
{
    for (size_t i = 0; i < night->n; i++)
        if (gated(&night->changes[i]))
            annotation(out, "error", night, &night->changes[i]);
    for (size_t i = 0; i < night->n; i++)
        if (held(&night->changes[i]))
            annotation(out, "warning", night, &night->changes[i]);
}

/* ---- changes.json ---- */

static void key(lr_buf *out, const char *k)
{
    lr_buf_puts(out, ",\"");
    lr_buf_puts(out, k);
    lr_buf_puts(out, "\":");
}

static void str(lr_buf *out, const char *k, const char *v)
{
    key(out, k);
    if (v)
        lr_json_quote(out, v);
    else
        lr_buf_puts(out, "null");
}

static void num(lr_buf *out, const char *k, double v)
{
    key(out, k);
    if (isfinite(v)) {
        char b[40];
        lr_format_double(v, b, sizeof b);
        lr_buf_puts(out, b);
    } else {
        lr_buf_puts(out, "null");
    }
}

static const char *kind_word(const lr_change *c)
{
    static const char *const words[] = {"unchanged", "improved", "regressed", "not-compared"};
    return words[c->kind];
}

static const char *test_id(const lr_change *c)
{
    static const char *const ids[] = {"points", "z", "mcnemar", "bootstrap"};
    return ids[c->test];
}

/* The head of row i of a list: its model, benchmark, metric (when asked) and setting. */
static void row_head(lr_buf *out, size_t i, const lr_observation *o, int with_metric)
{
    char setting[256];
    lr_buf_puts(out, i ? ",\n{" : "\n{");
    lr_buf_puts(out, "\"model\":");
    lr_json_quote(out, o->model);
    str(out, "benchmark", o->setting->benchmark);
    if (with_metric)
        str(out, "metric", o->setting->metric);
    setting_text(o, setting, sizeof setting);
    str(out, "setting", setting);
}

void lr_digest_json(const lr_night *night, const char *since, const char *date, lr_buf *out)
{
    lr_buf_puts(out, "{\"format\":\"llmreport-changes/1\"");
    str(out, "since", since);
    str(out, "date", date);
    lr_buf_puts(out, ",\"gate\":{\"rule\":");
    lr_json_quote(out, night->legacy ? "each-alone" : "benjamini-hochberg");
    num(out, "q", night->bh.q);
    num(out, "family", (double)night->bh.m);
    num(out, "rejected", (double)night->bh.rejected);
    num(out, "level", night->bh.level);
    lr_buf_puts(out, "}");
    num(out, "regressions", (double)night->gated);
    lr_buf_puts(out, ",\"changes\":[");
    for (size_t i = 0; i < night->n; i++) {
        const lr_change *c = &night->changes[i];
        row_head(out, i, c->now, 1);
        str(out, "kind", kind_word(c));
        num(out, "before", c->before->value);
        num(out, "now", c->now->value);
        num(out, "delta", c->delta);
        if (c->kind == LR_CHANGE_NOT_COMPARED) {
            str(out, "why", c->why); /* Markdown-safe text */
            lr_buf_putc(out, '}');
            continue;
        }
        str(out, "test", test_id(c));
        num(out, "p", c->p);
        num(out, "gate_delta", c->threshold);
        num(out, "mde", c->mde);
        key(out, "wilson");
        lr_buf_puts(out, c->wilson ? "true" : "false");
        if (c->kind == LR_CHANGE_REGRESSED) {
            key(out, "fails_gate");
            lr_buf_puts(out, gated(c) ? "true" : "false");
            str(out, "acknowledged_until", c->acknowledged ? c->until : NULL);
            num(out, "nights", (double)c->nights);
        }
        if (paired(c)) {
            lr_buf_puts(out, ",\"items\":{\"n\":");
            lr_buf_put_int(out, (long long)c->paired.n);
            lr_buf_puts(out, ",\"worse\":");
            lr_buf_put_int(out, c->paired.worse);
            lr_buf_puts(out, ",\"better\":");
            lr_buf_put_int(out, c->paired.better);
            lr_buf_puts(out, ",\"worst\":[");
            for (size_t k = 0; k < c->paired.n_worst; k++) {
                if (k)
                    lr_buf_putc(out, ',');
                lr_json_quote(out, c->paired.worst[k]);
            }
            lr_buf_puts(out, "]}");
        }
        lr_buf_putc(out, '}');
    }
    lr_buf_puts(out, "],\"changepoints\":[");
    for (size_t i = 0; i < night->n_points; i++) {
        const lr_changepoint *p = &night->points[i];
        row_head(out, i, p->obs, 0);
        str(out, "date", p->date);
        num(out, "before", p->before);
        num(out, "after", p->after);
        lr_buf_putc(out, '}');
    }
    lr_buf_puts(out, "]}\n");
}
