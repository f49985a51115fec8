/* Unit tests of src/core/stats.c against values computed by hand (fractions for the exact
 * tests, closed forms for Wilson and the MDE) or, for the generator and the bootstrap, by an
 * independent implementation of the same algorithm in Python with exact integer arithmetic
 * (the published splitmix64 vector for seed 0 starts 0xe220a8397b1dcdaf). */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/stats.h"

#define NEAR(a, b, tol) assert_true(fabs((a) - (b)) <= (tol))

static void test_generator(void **state)
{
    (void)state;
    uint64_t x = 0;
    assert_true(lr_splitmix64(&x) == 0xe220a8397b1dcdafu);
    assert_true(lr_splitmix64(&x) == 0x6e789e6aa1b965f4u);
    assert_true(lr_splitmix64(&x) == 0x06c45d188009454fu);
    lr_rng r;
    lr_rng_seed(&r, 42);
    assert_true(lr_rng_next(&r) == 0x15780b2e0c2ec716u);
    assert_true(lr_rng_next(&r) == 0x6104d9866d113a7eu);
    assert_true(lr_rng_next(&r) == 0xae17533239e499a1u);
    /* below: every residue reachable, none out of range */
    int seen[7] = {0};
    for (int i = 0; i < 700; i++) {
        uint64_t v = lr_rng_below(&r, 7);
        assert_true(v < 7);
        seen[v]++;
    }
    for (int i = 0; i < 7; i++)
        assert_true(seen[i] > 50);
}

static void test_normal(void **state)
{
    (void)state;
    NEAR(lr_stats_normal_cdf(0), 0.5, 1e-15);
    NEAR(lr_stats_normal_cdf(1.959963984540054), 0.975, 1e-12);
    NEAR(lr_stats_normal_quantile(0.975), 1.959963984540054, 1e-12);
    NEAR(lr_stats_normal_quantile(0.8), 0.8416212335729143, 1e-12);
    NEAR(lr_stats_normal_quantile(1e-10), -6.361340902404056, 1e-9);
    assert_true(isnan(lr_stats_normal_quantile(0)));
    assert_true(isnan(lr_stats_normal_quantile(1)));
    /* the MDE factor is z(0.975) + z(0.80) */
    NEAR(LR_MDE_FACTOR, lr_stats_normal_quantile(0.975) + lr_stats_normal_quantile(0.8), 1e-9);
    /* z-test: delta of 2 standard errors, p = erfc(2 / sqrt 2) = 0.0455002638963584 */
    NEAR(lr_stats_z_pvalue(-1.0, 0.5), 0.0455002638963584, 1e-13);
    assert_true(isnan(lr_stats_z_pvalue(1.0, 0)));
}

static void test_mcnemar_exact(void **state)
{
    (void)state;
    /* 2 P(X <= k), X ~ Bin(n, 1/2), by hand:
     * b=1, c=6: n=7, (1 + 7) / 128 = 1/16, doubled 1/8
     * b=2, c=10: n=12, (1 + 12 + 66) / 4096 = 79/4096, doubled 79/2048
     * b=0, c=5: 2 / 32 = 1/16
     * b=10, c=14: n=24, sum C(24, i) for i <= 10 = 2270193 / 2^23 doubled */
    assert_true(lr_stats_mcnemar_exact(1, 6) == 0.125);
    assert_true(lr_stats_mcnemar_exact(6, 1) == 0.125);
    assert_true(lr_stats_mcnemar_exact(2, 10) == 79.0 / 2048);
    assert_true(lr_stats_mcnemar_exact(0, 5) == 1.0 / 16);
    assert_true(lr_stats_mcnemar_exact(3, 3) == 1.0);
    assert_true(lr_stats_mcnemar_exact(0, 0) == 1.0);
    assert_true(lr_stats_mcnemar_exact(10, 14) == 2270193.0 / 4194304);
    /* large n goes through lgamma: symmetric and close to the chi-square */
    double p = lr_stats_mcnemar_exact(480, 560);
    NEAR(p, lr_stats_mcnemar_exact(560, 480), 1e-15);
    assert_true(p > 0.01 && p < 0.02);
    NEAR(p, lr_stats_mcnemar_chi2(480, 560, NULL), 2e-3);
}

static void test_mcnemar_chi2(void **state)
{
    (void)state;
    double chi2;
    /* (|10 - 30| - 1)^2 / 40 = 361/40 = 9.025; p = erfc(sqrt(9.025 / 2)) */
    NEAR(lr_stats_mcnemar_chi2(10, 30, &chi2), 0.002663119259138554, 1e-15);
    assert_true(chi2 == 9.025);
    /* (|40 - 60| - 1)^2 / 100 = 3.61 */
    NEAR(lr_stats_mcnemar_chi2(40, 60, &chi2), 0.05743311963200359, 1e-14);
    NEAR(chi2, 3.61, 1e-15);
    /* |b - c| = 1 or 0: the corrected statistic is 0, p = 1 */
    assert_true(lr_stats_mcnemar_chi2(30, 31, &chi2) == 1.0 && chi2 == 0);
    assert_true(lr_stats_mcnemar_chi2(30, 30, &chi2) == 1.0 && chi2 == 0);
    /* the dispatcher: exact below 25 discordant pairs, chi-square from 25 */
    lr_mcnemar m = lr_stats_mcnemar(10, 14);
    assert_int_equal(m.exact, 1);
    assert_true(m.p == 2270193.0 / 4194304);
    m = lr_stats_mcnemar(5, 20);
    assert_int_equal(m.exact, 0);
    NEAR(m.statistic, 14.0 * 14.0 / 25.0, 1e-15);
    NEAR(m.p, erfc(sqrt(7.84 / 2)), 1e-15);
}

static void test_wilson(void **state)
{
    (void)state;
    double lo, hi, z = 1.959963984540054;
    /* 50 of 100: centre 0.5, half-width z / (1 + z^2/100) * sqrt(0.0025 + z^2 / 40000) */
    assert_int_equal(lr_stats_wilson(0.5, 100, z, &lo, &hi), 0);
    double half = z / (1 + z * z / 100) * sqrt(0.0025 + z * z / 40000);
    NEAR(lo, 0.5 - half, 1e-15);
    NEAR(hi, 0.5 + half, 1e-15);
    NEAR(lo, 0.40383153036600, 1e-12);
    /* 0 of 10: [0, z^2/10 / (1 + z^2/10)] */
    assert_int_equal(lr_stats_wilson(0, 10, z, &lo, &hi), 0);
    assert_true(lo == 0);
    NEAR(hi, (z * z / 10) / (1 + z * z / 10), 1e-15);
    NEAR(hi, 0.27753279986288, 1e-12);
    /* 10 of 10 mirrors it */
    assert_int_equal(lr_stats_wilson(1, 10, z, &lo, &hi), 0);
    NEAR(lo, 1 - 0.27753279986288, 1e-12);
    assert_true(hi == 1);
    assert_int_equal(lr_stats_wilson(1.2, 10, z, &lo, &hi), -1);
    assert_int_equal(lr_stats_wilson(0.5, 0, z, &lo, &hi), -1);
}

static void test_bh(void **state)
{
    (void)state;
    unsigned char rej[8];
    lr_bh bh;
    /* sorted 0.005 0.01 0.03 0.04 0.2 against 0.01 0.02 0.03 0.04 0.05: k* = 4 (0.03 sits on
     * its line exactly) */
    const double p1[] = {0.01, 0.04, 0.03, 0.005, 0.2};
    assert_int_equal(lr_stats_bh(p1, 5, 0.05, rej, &bh), LR_OK);
    assert_int_equal(bh.rejected, 4);
    NEAR(bh.level, 0.04, 1e-15);
    const unsigned char want1[] = {1, 1, 1, 1, 0};
    assert_memory_equal(rej, want1, 5);
    /* step-up: 0.02 > 1 * 0.05/3 alone, but 0.036 <= 3 * 0.05/3 rescues all three */
    const double p2[] = {0.036, 0.02, 0.03};
    assert_int_equal(lr_stats_bh(p2, 3, 0.05, rej, &bh), LR_OK);
    assert_int_equal(bh.rejected, 3);
    NEAR(bh.level, 0.05, 1e-15);
    /* nothing rejected: the level a single p-value would have needed, q / m */
    const double p3[] = {0.2, 0.03, 0.5, 0.9};
    assert_int_equal(lr_stats_bh(p3, 4, 0.05, rej, &bh), LR_OK);
    assert_int_equal(bh.rejected, 0);
    NEAR(bh.level, 0.0125, 1e-15);
    assert_memory_equal(rej, "\0\0\0\0", 4);
    /* q = 0.1 on the same family: 0.03 <= 1 * 0.1 / 4 fails (0.025), nothing */
    assert_int_equal(lr_stats_bh(p3, 4, 0.1, rej, &bh), LR_OK);
    assert_int_equal(bh.rejected, 0);
    /* a family larger than the insertion-sort cut: 40 values, 0.001 * i; with q = 0.05 every
     * p_(k) = 0.001 k <= 0.05 k / 40 = 0.00125 k, all rejected */
    double p4[40];
    for (int i = 0; i < 40; i++)
        p4[i] = 0.001 * (40 - i);
    unsigned char rej4[40];
    assert_int_equal(lr_stats_bh(p4, 40, 0.05, rej4, &bh), LR_OK);
    assert_int_equal(bh.rejected, 40);
    /* empty family */
    assert_int_equal(lr_stats_bh(NULL, 0, 0.05, NULL, &bh), LR_OK);
    assert_int_equal(bh.rejected, 0);
}

static void test_bootstrap(void **state)
{
    (void)state;
    lr_bootstrap b;
    /* reference: the same algorithm in Python (seed 20261120, 1000 resamples): 42 resampled
     * means at least |0.325| away from 0.325, so p = 43 / 1001; percentile interval 0 .. 0.6 */
    const double d[] = {0.5, -0.25, 1.0, 0.0, 0.75, -0.5, 0.25, 1.0, 0.5, 0.0};
    assert_int_equal(lr_stats_bootstrap_paired(d, 10, 1000, 20261120, &b), LR_OK);
    NEAR(b.mean, 0.325, 1e-15);
    assert_true(b.p == 43.0 / 1001);
    NEAR(b.lo, 0.0, 1e-15);
    NEAR(b.hi, 0.6, 1e-15);
    /* the same seed gives the same bits */
    lr_bootstrap again;
    assert_int_equal(lr_stats_bootstrap_paired(d, 10, 1000, 20261120, &again), LR_OK);
    assert_true(b.mean == again.mean && b.lo == again.lo && b.hi == again.hi && b.p == again.p);
    /* two items 0 and 1: means 0, 0.5, 1 with probabilities 1/4, 1/2, 1/4; the Python
     * reference draws 502 extreme ones of 1000 with seed 7 */
    const double two[] = {0.0, 1.0};
    assert_int_equal(lr_stats_bootstrap_paired(two, 2, 1000, 7, &b), LR_OK);
    assert_true(b.p == 503.0 / 1001);
    /* a constant nonzero difference: no resample is as far from it as it is from 0 */
    const double same[] = {0.5, 0.5, 0.5};
    assert_int_equal(lr_stats_bootstrap_paired(same, 3, 500, 1, &b), LR_OK);
    assert_true(b.p == 1.0 / 501);
    /* no difference at all: p = 1 */
    const double zero[] = {0, 0, 0, 0};
    assert_int_equal(lr_stats_bootstrap_paired(zero, 4, 500, 1, &b), LR_OK);
    assert_true(b.p == 1.0);
    assert_int_equal(lr_stats_bootstrap_paired(d, 0, 500, 1, &b), LR_EVALUE);
}

static void test_mde(void **state)
{
    (void)state;
    NEAR(lr_stats_mde(1.0), 2.801585219, 1e-9);
    NEAR(lr_stats_mde(0.5), 1.4007926095, 1e-9);
    /* p = 0.5 on 1000 items: 2.8016 * sqrt(0.0005) = 0.062646 */
    NEAR(lr_stats_mde_proportion(0.5, 1000), 2.8015852190 * sqrt(0.0005), 1e-12);
    NEAR(lr_stats_mde_proportion(0.5, 1000), 0.0626453, 1e-6);
    assert_true(lr_stats_mde_proportion(1.0, 1000) == 0);
    assert_true(isnan(lr_stats_mde_proportion(0.5, 0)));
}

/* Small fixed noise, within +-0.45: the same series on every run. */
static const double noise[30] = {0.31,  -0.42, 0.12,  -0.08, 0.45,  -0.27, 0.05,  -0.36,
                                 0.22,  -0.14, 0.38,  -0.05, -0.31, 0.17,  0.02,  -0.44,
                                 0.29,  0.09,  -0.21, 0.34,  -0.12, 0.41,  -0.33, 0.07,
                                 -0.02, 0.26,  -0.39, 0.15,  -0.18, 0.03};

/* Whether a night-to-night test (|delta| > 2 combined standard errors) fires anywhere. */
static int nightly_test_fires(const double *x, const double *se, size_t n)
{
    for (size_t i = 1; i < n; i++)
        if (fabs(x[i] - x[i - 1]) > 2 * sqrt(se[i] * se[i] + se[i - 1] * se[i - 1]))
            return 1;
    return 0;
}

static void test_clustered_se(void **state)
{
    (void)state;
    /* 8 items, mean 0.5, deviations +-0.5; clusters {0,1,2} {3,4,5} {6,7}: cluster sums of the
     * deviations 1.5, -1.5 and 0, so Var = (1.5^2 + 1.5^2) / 64 and se = sqrt(4.5) / 8 */
    double x[] = {1, 1, 1, 0, 0, 0, 1, 0};
    size_t c[] = {0, 0, 0, 1, 1, 1, 2, 2}, single[] = {0, 1, 2, 3, 4, 5, 6, 7};
    double se = 0;
    assert_int_equal(lr_stats_clustered_se(x, c, 8, 3, &se), LR_OK);
    NEAR(se, sqrt(4.5) / 8, 1e-15);
    NEAR(se, 0.26516504294496, 1e-12);
    /* one item per cluster: the plain sqrt(sum (x - mean)^2) / n = sqrt(2) / 8 */
    assert_int_equal(lr_stats_clustered_se(x, single, 8, 8, &se), LR_OK);
    NEAR(se, sqrt(2.0) / 8, 1e-15);
    size_t bad[] = {0, 0, 0, 1, 1, 1, 2, 3};
    assert_int_equal(lr_stats_clustered_se(x, bad, 8, 3, &se), LR_EVALUE);
    assert_int_equal(lr_stats_clustered_se(x, c, 0, 3, &se), LR_EVALUE);
}

/* z-tests between values with standard error 1 each (se of a difference sqrt 2); entry 5 has
 * no interval: NaN against anything */
static const double tier_values[] = {80, 78.5, 77, 70, 69, 60};

static double tier_z(size_t a, size_t b, void *user)
{
    (void)user;
    if (a == 5 || b == 5)
        return NAN;
    return lr_stats_z_pvalue(tier_values[a] - tier_values[b], sqrt(2.0));
}

static void test_tiers(void **state)
{
    (void)state;
    /* 80 vs 78.5: p = erfc(1.5 / 2) = 0.289, tier 1; 80 vs 77: p = erfc(3 / 2) = 0.034,
     * separable, although 78.5 vs 77 is not (anchored at the leader, not chained); 77 leads
     * tier 2 and is separable from 70 (p = 7.4e-07); 70 vs 69: p = 0.48, tier 3 */
    NEAR(tier_z(0, 1, NULL), 0.28884436634648, 1e-12);
    NEAR(tier_z(0, 2, NULL), 0.03389485352469, 1e-12);
    NEAR(tier_z(3, 4, NULL), 0.47950012218695, 1e-12);
    size_t order[] = {0, 1, 2, 3, 4};
    int tier[6] = {0};
    lr_stats_tiers(order, 5, 0.05, tier_z, NULL, tier);
    assert_int_equal(tier[0], 1);
    assert_int_equal(tier[1], 1);
    assert_int_equal(tier[2], 2);
    assert_int_equal(tier[3], 3);
    assert_int_equal(tier[4], 3);
    /* an entry that cannot be tested is not separable from the first leader */
    size_t with_untested[] = {0, 1, 2, 3, 4, 5};
    lr_stats_tiers(with_untested, 6, 0.05, tier_z, NULL, tier);
    assert_int_equal(tier[5], 1);
    assert_int_equal(tier[2], 2);
    /* at alpha = 0.3 even 80 vs 78.5 separates; 70 vs 69 (p = 0.48) still does not */
    lr_stats_tiers(order, 5, 0.3, tier_z, NULL, tier);
    for (int i = 0; i < 5; i++)
        assert_int_equal(tier[i], i < 3 ? i + 1 : 4);
}

static void test_changepoint_step(void **state)
{
    (void)state;
    /* 61.2 for ten nights, 58.9 from night 10; stderr 0.9: the drop of 2.3 is below the
     * night-to-night threshold of 2.55, but the segmentation finds it at night 10 */
    double x[20], se[20];
    size_t cp[20], n_cp;
    for (size_t i = 0; i < 20; i++) {
        x[i] = (i < 10 ? 61.2 : 58.9) + noise[i];
        se[i] = 0.9;
    }
    assert_false(nightly_test_fires(x, se, 20));
    assert_int_equal(
        lr_stats_changepoints(x, se, 20, lr_stats_changepoint_penalty(20), 2, cp, &n_cp), LR_OK);
    assert_int_equal(n_cp, 1);
    assert_int_equal(cp[0], 10);
    NEAR(lr_stats_weighted_mean(x, se, 0, 10), 61.2 - 0.012, 1e-9);
    NEAR(lr_stats_weighted_mean(x, se, 10, 20), 58.9 + 0.028, 1e-9);
}

static void test_changepoint_slide(void **state)
{
    (void)state;
    /* 61.0 for 15 nights, then 0.25 lower each night for 12 nights, then 58.0; stderr 0.5.
     * No night differs from the one before by more than 2 combined standard errors (1.41);
     * the segmentation places its changes inside the slide, and the level falls */
    double x[30], se[30];
    size_t cp[30], n_cp;
    for (size_t i = 0; i < 30; i++) {
        double level = i < 15 ? 61.0 : i < 27 ? 61.0 - 0.25 * (double)(i - 14) : 58.0;
        x[i] = level + noise[i];
        se[i] = 0.5;
    }
    assert_false(nightly_test_fires(x, se, 30));
    assert_int_equal(
        lr_stats_changepoints(x, se, 30, lr_stats_changepoint_penalty(30), 2, cp, &n_cp), LR_OK);
    assert_true(n_cp >= 1);
    for (size_t k = 0; k < n_cp; k++)
        assert_true(cp[k] >= 15 && cp[k] <= 27);
    /* the Python reference of the same optimal partitioning: changes at 17 and 22 */
    assert_int_equal(n_cp, 2);
    assert_int_equal(cp[0], 17);
    assert_int_equal(cp[1], 22);
    double before = lr_stats_weighted_mean(x, se, 0, cp[0]);
    double after = lr_stats_weighted_mean(x, se, cp[n_cp - 1], 30);
    assert_true(before - after > 2.0);
}

static void test_changepoint_flat(void **state)
{
    (void)state;
    /* 60 with noise up to 0.675 and stated stderr 0.5: nothing */
    double x[30], se[30];
    size_t cp[30], n_cp = 99;
    for (size_t i = 0; i < 30; i++) {
        x[i] = 60 + 1.5 * noise[i];
        se[i] = 0.5;
    }
    assert_int_equal(
        lr_stats_changepoints(x, se, 30, lr_stats_changepoint_penalty(30), 2, cp, &n_cp), LR_OK);
    assert_int_equal(n_cp, 0);
    /* too short for two segments of two */
    assert_int_equal(lr_stats_changepoints(x, se, 3, 0, 2, cp, &n_cp), LR_OK);
    assert_int_equal(n_cp, 0);
    /* with no penalty every pair of values is its own segment */
    assert_int_equal(lr_stats_changepoints(x, se, 6, 0, 2, cp, &n_cp), LR_OK);
    assert_int_equal(n_cp, 2);
    assert_int_equal(cp[0], 2);
    assert_int_equal(cp[1], 4);
    /* a sigma of 0 is refused, not divided by */
    se[3] = 0;
    assert_int_equal(lr_stats_changepoints(x, se, 30, 10, 2, cp, &n_cp), LR_EVALUE);
}

static void test_changepoint_exhaustive(void **state)
{
    (void)state;
    /* PELT pruning gives the same segmentation as trying every start, on pseudo-random series
     * with steps */
    lr_rng r;
    lr_rng_seed(&r, 3);
    for (int trial = 0; trial < 200; trial++) {
        size_t n = 4 + lr_rng_below(&r, 37);
        double x[40], se[40];
        double level = 50;
        for (size_t i = 0; i < n; i++) {
            if (lr_rng_below(&r, 8) == 0)
                level += (double)lr_rng_below(&r, 5) - 2;
            x[i] = level + ((double)lr_rng_below(&r, 1000) / 1000 - 0.5);
            se[i] = 0.2 + (double)lr_rng_below(&r, 4) / 10;
        }
        size_t cp[40], n_cp;
        double pen = lr_stats_changepoint_penalty(n);
        assert_int_equal(lr_stats_changepoints(x, se, n, pen, 2, cp, &n_cp), LR_OK);
        /* brute force optimal partitioning */
        double F[41];
        size_t last[41];
        F[0] = -pen;
        for (size_t t = 1; t <= n; t++) {
            F[t] = INFINITY;
            for (size_t tau = 0; tau + 2 <= t; tau++) {
                if (tau != 0 && tau < 2)
                    continue;
                double m = lr_stats_weighted_mean(x, se, tau, t), c = 0;
                for (size_t i = tau; i < t; i++)
                    c += (x[i] - m) * (x[i] - m) / (se[i] * se[i]);
                double v = F[tau] + c + pen;
                if (v < F[t] - 1e-9) {
                    F[t] = v;
                    last[t] = tau;
                }
            }
        }
        size_t want[40], k = 0;
        for (size_t t = last[n]; t > 0; t = last[t])
            want[k++] = t;
        assert_int_equal(n_cp, k);
        for (size_t i = 0; i < k; i++)
            assert_int_equal(cp[i], want[k - 1 - i]);
    }
}

static void test_noise_mad(void **state)
{
    (void)state;
    /* differences 1, 1, 3, 1: median 1, over 0.6745 sqrt 2 */
    const double x[] = {10, 11, 10, 13, 12};
    NEAR(lr_stats_noise_mad(x, 5), 1 / (0.6744897501960817 * sqrt(2.0)), 1e-12);
    assert_true(lr_stats_noise_mad(x, 1) == 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_generator),
        cmocka_unit_test(test_normal),
        cmocka_unit_test(test_mcnemar_exact),
        cmocka_unit_test(test_mcnemar_chi2),
        cmocka_unit_test(test_wilson),
        cmocka_unit_test(test_bh),
        cmocka_unit_test(test_bootstrap),
        cmocka_unit_test(test_mde),
        cmocka_unit_test(test_changepoint_step),
        cmocka_unit_test(test_changepoint_slide),
        cmocka_unit_test(test_changepoint_flat),
        cmocka_unit_test(test_changepoint_exhaustive),
        cmocka_unit_test(test_noise_mad),
        cmocka_unit_test(test_clustered_se),
        cmocka_unit_test(test_tiers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
