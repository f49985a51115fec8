/* Statistics for comparing evaluation runs: paired tests on per-item results (McNemar, paired
 * bootstrap), intervals for proportions (Wilson), false-discovery control over a night's
 * comparisons (Benjamini–Hochberg), the minimum detectable effect, and change points in a
 * series of nightly values. Pure functions of their arguments: no I/O, no global state, the
 * same bits on every platform for the same inputs (the bootstrap draws from its own seeded
 * generator, not from rand()). */
#ifndef LR_STATS_H
#define LR_STATS_H

#include <stddef.h>
#include <stdint.h>

#include "llmreport.h"

/* ---- a small deterministic generator: xoshiro256** seeded through splitmix64 ---- */

typedef struct lr_rng {
    uint64_t s[4];
} lr_rng;

/* The next value of the splitmix64 sequence whose state is *x (advances *x). */
uint64_t lr_splitmix64(uint64_t *x);
/* Seeds r from one 64-bit seed (four splitmix64 outputs, as the xoshiro authors recommend). */
void lr_rng_seed(lr_rng *r, uint64_t seed);
uint64_t lr_rng_next(lr_rng *r);
/* Uniform in [0, n) without modulo bias (rejection); n > 0. */
uint64_t lr_rng_below(lr_rng *r, uint64_t n);

/* ---- the normal distribution ---- */

/* P(Z <= z) for a standard normal Z. */
double lr_stats_normal_cdf(double z);
/* The z with P(Z <= z) = p, 0 < p < 1 (Wichura's AS 241, about 16 digits); NaN outside. */
double lr_stats_normal_quantile(double p);
/* Two-sided p-value of a difference delta with standard error se > 0 (z-test). */
double lr_stats_z_pvalue(double delta, double se);

/* ---- McNemar's test on paired 0/1 outcomes ---- */

/* Below this many discordant pairs McNemar's test is exact (binomial); from here on it is the
 * chi-square with continuity correction. */
#define LR_MCNEMAR_EXACT_BELOW 25

typedef struct lr_mcnemar {
    long b, c;        /* discordant pairs: 1 before and 0 now (b), 0 before and 1 now (c) */
    int exact;        /* 1: binomial test; 0: chi-square with continuity correction */
    double statistic; /* chi-square (0 for the exact test) */
    double p;         /* two-sided p-value */
} lr_mcnemar;

/* Exact two-sided p: 2 P(X <= min(b, c)) for X ~ Binomial(b + c, 1/2), at most 1; 1 when
 * b + c = 0. */
double lr_stats_mcnemar_exact(long b, long c);
/* Chi-square with Edwards' continuity correction, max(|b - c| - 1, 0)^2 / (b + c), and its
 * p-value (1 degree of freedom); *statistic may be NULL. */
double lr_stats_mcnemar_chi2(long b, long c, double *statistic);
/* The exact test below LR_MCNEMAR_EXACT_BELOW discordant pairs, else the chi-square. */
lr_mcnemar lr_stats_mcnemar(long b, long c);

/* ---- intervals for proportions ---- */

/* Wilson score interval of a proportion p (0..1) observed on n > 0 items, at the two-sided
 * normal quantile z (1.959964 for 95 %). Returns 0, or -1 when p is outside [0, 1] or n < 1. */
int lr_stats_wilson(double p, long n, double z, double *lo, double *hi);

/* ---- false discovery rate ---- */

typedef struct lr_bh {
    size_t m;        /* p-values in the family */
    size_t rejected; /* how many the procedure rejects (k*) */
    double q;        /* the false discovery rate controlled */
    double level;    /* reject p <= level: k* q / m, or q / m when nothing is rejected (what a
                      * single p-value would have had to reach) */
} lr_bh;

/*
 * Benjamini–Hochberg step-up at rate q over m p-values: the largest k with p_(k) <= k q / m;
 * every p-value up to p_(k) is rejected. reject (m entries, may be NULL) gets 1 for each rejected
 * p-value, in the input order. NaN p-values are not allowed (leave untested comparisons out of
 * the family). Returns LR_OK or LR_ENOMEM (nothing changed).
 */
lr_status lr_stats_bh(const double *p, size_t m, double q, unsigned char *reject, lr_bh *out);

/* ---- paired bootstrap ---- */

typedef struct lr_bootstrap {
    double mean;   /* mean of the differences */
    double lo, hi; /* 95 % percentile interval of the resampled mean */
    double p;      /* two-sided: (1 + #{|mean* - mean| >= |mean|}) / (B + 1) */
    unsigned resamples;
} lr_bootstrap;

/*
 * Paired bootstrap of per-item differences d[0..n) (now - before on the same item): B resamples
 * of n items drawn with replacement by lr_rng seeded with seed, in a fixed order, so the result
 * is the same everywhere. The p-value tests a mean difference of 0 by the shifted resampling
 * distribution; it cannot go below 1 / (B + 1). LR_OK, LR_ENOMEM, or LR_EVALUE for n = 0 or
 * B = 0.
 */
lr_status lr_stats_bootstrap_paired(const double *d, size_t n, unsigned resamples, uint64_t seed,
                                    lr_bootstrap *out);

/* ---- what a comparison can detect ---- */

/* z(0.975) + z(0.80): a two-sided test at 5 % detects an effect this many standard errors
 * large 80 % of the time. */
#define LR_MDE_FACTOR 2.8015852190

/* The minimum detectable effect at 5 % (two-sided) with 80 % power for a difference whose
 * standard error is se. */
double lr_stats_mde(double se);
/* The same for two runs of a proportion p (0..1) on n items each, unpaired:
 * LR_MDE_FACTOR * sqrt(2 p (1 - p) / n), in the unit of p; NaN when n < 1. */
double lr_stats_mde_proportion(double p, long n);

/* ---- clustered standard errors ---- */

/*
 * The standard error of the mean of x[0..n) when the values come in clusters (items about the
 * same passage, subtasks of a group): cluster[i] < n_clusters names the cluster of x[i]. The
 * sandwich estimator of Miller 2024 ("Adding Error Bars to Evals", arXiv 2411.00640, eq. 4):
 * Var = (1/n^2) sum_c (sum_{i in c} (x_i - mean))^2, which is the plain estimate
 * (1/n^2) sum_i (x_i - mean)^2 when every cluster holds one value, and grows with the
 * correlation inside clusters. LR_OK, LR_ENOMEM, or LR_EVALUE for n = 0 or a cluster index out
 * of range.
 */
lr_status lr_stats_clustered_se(const double *x, const size_t *cluster, size_t n, size_t n_clusters,
                                double *se);

/* ---- tiers ---- */

/* The two-sided p-value of the difference between entries a and b; NaN when it cannot be
 * tested (they are then not separable). */
typedef double (*lr_tier_test)(size_t a, size_t b, void *user);

/*
 * Tiers instead of a strict order: order[0..n) lists entries best first. The best entry not yet
 * in a tier leads the next tier, and every entry not yet in a tier whose difference from that
 * leader has p >= alpha (not separable at alpha) joins it: anchored at each tier's leader, not
 * chained from member to member. tier[entry] gets 1, 2, ... (entries are 0..n-1).
 */
void lr_stats_tiers(const size_t *order, size_t n, double alpha, lr_tier_test test, void *user,
                    int *tier);

/* ---- change points in a series ---- */

/* The penalty per change point used by default for a series of n values: 3 ln n + 3 (in
 * chi-square units). With Gaussian noise of the stated standard errors a flat series of 8 to
 * 100 values shows a change point about 1 % of the time (0.3 % at 40); a step of 2 standard
 * errors in the middle of 20 values is found 88 % of the time. */
double lr_stats_changepoint_penalty(size_t n);

/*
 * Segments x[0..n) into runs of constant mean: the segmentation minimising the sum over
 * segments of sum_i ((x_i - mean_w) / sigma_i)^2 plus penalty per change point (mean_w the
 * segment's 1/sigma^2-weighted mean), with segments of at least min_size values; computed
 * exactly by optimal partitioning with PELT pruning. sigma[i] > 0 is each value's noise (its
 * standard error). Writes the first index of each new segment to cp (capacity n), ascending,
 * and their count to *n_cp; ties go to the earlier change. LR_OK, LR_ENOMEM or LR_EVALUE (a
 * sigma not positive, a value not finite).
 */
lr_status lr_stats_changepoints(const double *x, const double *sigma, size_t n, double penalty,
                                size_t min_size, size_t *cp, size_t *n_cp);

/* The 1/sigma^2-weighted mean of x[from..to). */
double lr_stats_weighted_mean(const double *x, const double *sigma, size_t from, size_t to);

/* A robust noise estimate for a series whose values have no standard errors: the median
 * absolute difference of consecutive values over 0.6745 sqrt 2 (the normal sigma for which
 * that is the expected median), 0 when n < 2. */
double lr_stats_noise_mad(const double *x, size_t n);

#endif
