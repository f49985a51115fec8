/* Statistics for the nightly comparison; see stats.h. Everything here is arithmetic on its
 * arguments; the only allocations are scratch arrays, freed before returning. */
#include "stats.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- generator ---- */

uint64_t lr_splitmix64(uint64_t *x)
{
    uint64_t z = (*x += 0x9e3779b97f4a7c15u);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

void lr_rng_seed(lr_rng *r, uint64_t seed)
{
    for (int i = 0; i < 4; i++)
        r->s[i] = lr_splitmix64(&seed);
}

static uint64_t rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

uint64_t lr_rng_next(lr_rng *r)
{
    uint64_t *s = r->s;
    uint64_t result = rotl(s[1] * 5, 7) * 9;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

uint64_t lr_rng_below(lr_rng *r, uint64_t n)
{
    /* values below 2^64 mod n would make the low residues likelier: draw again */
    uint64_t floor = (0 - n) % n;
    uint64_t x;
    do
        x = lr_rng_next(r);
    while (x < floor);
    return x % n;
}

/* ---- normal distribution ---- */

double lr_stats_normal_cdf(double z)
{
    return 0.5 * erfc(-z / sqrt(2.0));
}

/* Wichura, "The percentage points of the normal distribution", Applied Statistics 37 (1988),
 * algorithm AS 241 (PPND16). */
static double poly(const double *c, int n, double x)
{
    double v = c[n - 1];
    for (int i = n - 2; i >= 0; i--)
        v = v * x + c[i];
    return v;
}

double lr_stats_normal_quantile(double p)
{
    static const double a[] = {3.3871328727963666080e0,  1.3314166789178437745e+2,
                               1.9715909503065514427e+3, 1.3731693765509461125e+4,
                               4.5921953931549871457e+4, 6.7265770927008700853e+4,
                               3.3430575583588128105e+4, 2.5090809287301226727e+3};
    static const double b[] = {1.0,
                               4.2313330701600911252e+1,
                               6.8718700749205790830e+2,
                               5.3941960214247511077e+3,
                               2.1213794301586595867e+4,
                               3.9307895800092710610e+4,
                               2.8729085735721942674e+4,
                               5.2264952788528545610e+3};
    static const double c[] = {1.42343711074968357734e0,  4.63033784615654529590e0,
                               5.76949722146069140550e0,  3.64784832476320460504e0,
                               1.27045825245236838258e0,  2.41780725177450611770e-1,
                               2.27238449892691845833e-2, 7.74545014278341407640e-4};
    static const double d[] = {1.0,
                               2.05319162663775882187e0,
                               1.67638483018380384940e0,
                               6.89767334985100004550e-1,
                               1.48103976427480074590e-1,
                               1.51986665636164571966e-2,
                               5.47593808499534494600e-4,
                               1.05075007164441684324e-9};
    static const double e[] = {6.65790464350110377720e0,  5.46378491116411436990e0,
                               1.78482653991729133580e0,  2.96560571828504891230e-1,
                               2.65321895265761230930e-2, 1.24266094738807843860e-3,
                               2.71155556874348757815e-5, 2.01033439929228813265e-7};
    static const double f[] = {1.0,
                               5.99832206555887937690e-1,
                               1.36929880922735805310e-1,
                               1.48753612908506148525e-2,
                               7.86869131145613259100e-4,
                               1.84631831751005468180e-5,
                               1.42151175831644588870e-7,
                               2.04426310338993978564e-15};
    if (!(p > 0 && p < 1))
        return NAN;
    double q = p - 0.5;
    if (fabs(q) <= 0.425) {
        double r = 0.180625 - q * q;
        return q * poly(a, 8, r) / poly(b, 8, r);
    }
    double r = q < 0 ? p : 1 - p;
    r = sqrt(-log(r));
    double v =
        r <= 5 ? poly(c, 8, r - 1.6) / poly(d, 8, r - 1.6) : poly(e, 8, r - 5) / poly(f, 8, r - 5);
    return q < 0 ? -v : v;
}

double lr_stats_z_pvalue(double delta, double se)
{
    if (!(se > 0))
        return NAN;
    return erfc(fabs(delta) / se / sqrt(2.0));
}

/* ---- McNemar ---- */

double lr_stats_mcnemar_exact(long b, long c)
{
    long n = b + c, k = b < c ? b : c;
    if (n <= 0)
        return 1.0;
    double tail;
    if (n <= 1000) {
        /* sum of C(n, i) for i <= k in doubles (exact up to 2^53, then correctly rounded
         * terms), scaled by 2^-n at the end: no lgamma, the same bits everywhere */
        double term = 1, sum = 1;
        for (long i = 0; i < k; i++) {
            term = term * (double)(n - i) / (double)(i + 1);
            sum += term;
        }
        tail = ldexp(sum, (int)-n);
    } else {
        double lsum = -INFINITY, ln2n = (double)n * log(2.0);
        for (long i = 0; i <= k; i++) {
            double lt =
                lgamma((double)n + 1) - lgamma((double)i + 1) - lgamma((double)(n - i) + 1) - ln2n;
            double hi = lt > lsum ? lt : lsum, lo = lt > lsum ? lsum : lt;
            lsum = hi + log1p(exp(lo - hi));
        }
        tail = exp(lsum);
    }
    double p = 2 * tail;
    return p < 1 ? p : 1.0;
}

double lr_stats_mcnemar_chi2(long b, long c, double *statistic)
{
    long n = b + c;
    double d = fabs((double)(b - c)) - 1;
    double chi2 = n > 0 && d > 0 ? d * d / (double)n : 0;
    if (statistic)
        *statistic = chi2;
    return erfc(sqrt(chi2 / 2));
}

lr_mcnemar lr_stats_mcnemar(long b, long c)
{
    lr_mcnemar r = {b, c, b + c < LR_MCNEMAR_EXACT_BELOW, 0, 1};
    if (r.exact)
        r.p = lr_stats_mcnemar_exact(b, c);
    else
        r.p = lr_stats_mcnemar_chi2(b, c, &r.statistic);
    return r;
}

/* ---- Wilson ---- */

int lr_stats_wilson(double p, long n, double z, double *lo, double *hi)
{
    if (!(p >= 0 && p <= 1) || n < 1)
        return -1;
    double nn = (double)n, z2 = z * z;
    double denom = 1 + z2 / nn;
    double center = (p + z2 / (2 * nn)) / denom;
    double half = z / denom * sqrt(p * (1 - p) / nn + z2 / (4 * nn * nn));
    /* at p = 0 and p = 1 the bound is 0 or 1 exactly, not a rounding of it */
    *lo = p == 0 || center - half < 0 ? 0 : center - half;
    *hi = p == 1 || center + half > 1 ? 1 : center + half;
    return 0;
}

/* ---- Benjamini–Hochberg ---- */

/* Indices in ascending order of p, ties by index (a stable merge sort: qsort has no context
 * argument in C11 and the order must not depend on the platform's qsort). */
static void sort_by_p(const double *p, size_t *ix, size_t *tmp, size_t m)
{
    if (m < 2)
        return;
    if (m <= 32) {
        for (size_t i = 1; i < m; i++) {
            size_t v = ix[i], j = i;
            while (j > 0 && (p[ix[j - 1]] > p[v] || (p[ix[j - 1]] == p[v] && ix[j - 1] > v))) {
                ix[j] = ix[j - 1];
                j--;
            }
            ix[j] = v;
        }
        return;
    }
    size_t h = m / 2;
    sort_by_p(p, ix, tmp, h);
    sort_by_p(p, ix + h, tmp, m - h);
    size_t i = 0, j = h, k = 0;
    while (i < h && j < m) {
        size_t a = ix[i], b = ix[j];
        if (p[b] < p[a] || (p[b] == p[a] && b < a))
            tmp[k++] = ix[j++];
        else
            tmp[k++] = ix[i++];
    }
    while (i < h)
        tmp[k++] = ix[i++];
    while (j < m)
        tmp[k++] = ix[j++];
    memcpy(ix, tmp, m * sizeof *ix);
}

lr_status lr_stats_bh(const double *p, size_t m, double q, unsigned char *reject, lr_bh *out)
{
    size_t *ix = malloc((m ? m : 1) * 2 * sizeof *ix);
    if (!ix)
        return LR_ENOMEM;
    for (size_t i = 0; i < m; i++)
        ix[i] = i;
    sort_by_p(p, ix, ix + m, m);
    /* step-up: the largest k with p_(k) <= k q / m. The comparison is made as p m <= k q with
     * a relative hair of tolerance, so that p = 0.03 passes k q / m = 3 * 0.05 / 5 as it
     * should although 0.03 * 5 and 3 * 0.05 differ in the last bit. */
    size_t k = 0;
    for (size_t r = m; r >= 1; r--) {
        double lhs = p[ix[r - 1]] * (double)m, rhs = (double)r * q;
        if (lhs <= rhs * (1 + 1e-12)) {
            k = r;
            break;
        }
    }
    if (reject) {
        memset(reject, 0, m);
        for (size_t r = 0; r < k; r++)
            reject[ix[r]] = 1;
    }
    out->m = m;
    out->rejected = k;
    out->q = q;
    out->level = m ? (double)(k ? k : 1) * q / (double)m : q;
    free(ix);
    return LR_OK;
}

/* ---- paired bootstrap ---- */

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* The q-quantile of sorted v[0..n) by linear interpolation between order statistics (type 7,
 * the default of R and numpy). */
static double quantile_sorted(const double *v, size_t n, double q)
{
    double h = (double)(n - 1) * q;
    size_t i = (size_t)h;
    if (i + 1 >= n)
        return v[n - 1];
    return v[i] + (h - (double)i) * (v[i + 1] - v[i]);
}

lr_status lr_stats_bootstrap_paired(const double *d, size_t n, unsigned resamples, uint64_t seed,
                                    lr_bootstrap *out)
{
    if (!n || !resamples)
        return LR_EVALUE;
    double *means = malloc(resamples * sizeof *means);
    if (!means)
        return LR_ENOMEM;
    double sum = 0;
    for (size_t i = 0; i < n; i++)
        sum += d[i];
    double mean = sum / (double)n;
    lr_rng rng;
    lr_rng_seed(&rng, seed);
    size_t extreme = 0;
    for (unsigned b = 0; b < resamples; b++) {
        double s = 0;
        for (size_t i = 0; i < n; i++)
            s += d[lr_rng_below(&rng, n)];
        means[b] = s / (double)n;
        /* the resampled means scatter around the observed one as the observed one scatters
         * around the truth: under a true mean of 0 a deviation this large is as likely */
        if (fabs(means[b] - mean) >= fabs(mean))
            extreme++;
    }
    qsort(means, resamples, sizeof *means, cmp_double);
    out->mean = mean;
    out->lo = quantile_sorted(means, resamples, 0.025);
    out->hi = quantile_sorted(means, resamples, 0.975);
    out->p = (double)(1 + extreme) / (double)(resamples + 1);
    out->resamples = resamples;
    free(means);
    return LR_OK;
}

/* ---- minimum detectable effect ---- */

double lr_stats_mde(double se)
{
    return LR_MDE_FACTOR * se;
}

double lr_stats_mde_proportion(double p, long n)
{
    if (n < 1 || !(p >= 0 && p <= 1))
        return NAN;
    return LR_MDE_FACTOR * sqrt(2 * p * (1 - p) / (double)n);
}

/* ---- change points ---- */

double lr_stats_changepoint_penalty(size_t n)
{
    return 3 * log((double)(n > 1 ? n : 2)) + 3;
}

double lr_stats_weighted_mean(const double *x, const double *sigma, size_t from, size_t to)
{
    double sw = 0, swx = 0;
    for (size_t i = from; i < to; i++) {
        double w = 1 / (sigma[i] * sigma[i]);
        sw += w;
        swx += w * x[i];
    }
    return sw > 0 ? swx / sw : NAN;
}

lr_status lr_stats_changepoints(const double *x, const double *sigma, size_t n, double penalty,
                                size_t min_size, size_t *cp, size_t *n_cp)
{
    *n_cp = 0;
    if (min_size < 1)
        min_size = 1;
    for (size_t i = 0; i < n; i++)
        if (!isfinite(x[i]) || !(sigma[i] > 0) || !isfinite(sigma[i]))
            return LR_EVALUE;
    if (n < 2 * min_size)
        return LR_OK;
    /* prefix sums of w, w x, w x^2 with x taken relative to x[0], so that values near 60 with
     * differences near 0.1 keep their digits */
    double *sw = calloc(n + 1, sizeof *sw), *swx = calloc(n + 1, sizeof *swx),
           *swxx = calloc(n + 1, sizeof *swxx), *F = calloc(n + 1, sizeof *F);
    size_t *last = calloc(n + 1, sizeof *last), *cand = calloc(n + 1, sizeof *cand);
    lr_status st = LR_ENOMEM;
    if (!sw || !swx || !swxx || !F || !last || !cand)
        goto out;
    for (size_t i = 0; i < n; i++) {
        double w = 1 / (sigma[i] * sigma[i]), v = x[i] - x[0];
        sw[i + 1] = sw[i] + w;
        swx[i + 1] = swx[i] + w * v;
        swxx[i + 1] = swxx[i] + w * v * v;
    }
#define SEGCOST(a, b) (swxx[b] - swxx[a] - (swx[b] - swx[a]) * (swx[b] - swx[a]) / (sw[b] - sw[a]))
    /* F[t]: the least penalised cost of x[0..t); cand: the starts of the last segment still
     * worth trying (PELT: a start whose cost already exceeds F[t] can never win later,
     * because adding values to a segment never lowers its cost) */
    F[0] = -penalty;
    size_t n_cand = 0;
    for (size_t t = min_size; t <= n; t++) {
        /* starts that became possible: tau with tau + min_size == t, tau == 0 or tau >= min */
        size_t tau_new = t - min_size;
        if (tau_new == 0 || tau_new >= min_size)
            cand[n_cand++] = tau_new;
        double best = INFINITY;
        size_t arg = 0;
        for (size_t k = 0; k < n_cand; k++) {
            size_t tau = cand[k];
            double v = F[tau] + SEGCOST(tau, t) + penalty;
            if (v < best) { /* strict: ties keep the earlier start */
                best = v;
                arg = tau;
            }
        }
        F[t] = best;
        last[t] = arg;
        size_t keep = 0;
        for (size_t k = 0; k < n_cand; k++) {
            size_t tau = cand[k];
            /* a hair of slack so rounding never prunes the optimum */
            if (F[tau] + SEGCOST(tau, t) <= best + 1e-9 * (1 + fabs(best)))
                cand[keep++] = tau;
        }
        n_cand = keep;
    }
#undef SEGCOST
    size_t k = 0;
    for (size_t t = last[n]; t > 0; t = last[t])
        cp[k++] = t;
    for (size_t i = 0; i < k / 2; i++) {
        size_t s = cp[i];
        cp[i] = cp[k - 1 - i];
        cp[k - 1 - i] = s;
    }
    *n_cp = k;
    st = LR_OK;
out:
    free(sw);
    free(swx);
    free(swxx);
    free(F);
    free(last);
    free(cand);
    return st;
}

double lr_stats_noise_mad(const double *x, size_t n)
{
    if (n < 2)
        return 0;
    double *d = malloc((n - 1) * sizeof *d);
    if (!d)
        return 0;
    for (size_t i = 0; i + 1 < n; i++)
        d[i] = fabs(x[i + 1] - x[i]);
    qsort(d, n - 1, sizeof *d, cmp_double);
    size_t m = n - 1;
    double med = m % 2 ? d[m / 2] : (d[m / 2 - 1] + d[m / 2]) / 2;
    free(d);
    return med / (0.6744897501960817 * sqrt(2.0));
}

/* ---- clustered standard errors ---- */

lr_status lr_stats_clustered_se(const double *x, const size_t *cluster, size_t n, size_t n_clusters,
                                double *se)
{
    if (!n || !n_clusters)
        return LR_EVALUE;
    double mean = 0;
    for (size_t i = 0; i < n; i++) {
        if (cluster[i] >= n_clusters)
            return LR_EVALUE;
        mean += x[i];
    }
    mean /= (double)n;
    double *sum = calloc(n_clusters, sizeof *sum);
    if (!sum)
        return LR_ENOMEM;
    for (size_t i = 0; i < n; i++)
        sum[cluster[i]] += x[i] - mean;
    double var = 0;
    for (size_t c = 0; c < n_clusters; c++)
        var += sum[c] * sum[c];
    free(sum);
    *se = sqrt(var) / (double)n;
    return LR_OK;
}

/* ---- tiers ---- */

void lr_stats_tiers(const size_t *order, size_t n, double alpha, lr_tier_test test, void *user,
                    int *tier)
{
    for (size_t i = 0; i < n; i++)
        tier[order[i]] = 0;
    int t = 0;
    for (size_t i = 0; i < n; i++) {
        size_t lead = order[i];
        if (tier[lead])
            continue;
        tier[lead] = ++t;
        for (size_t j = i + 1; j < n; j++) {
            size_t e = order[j];
            if (tier[e])
                continue;
            double p = test(lead, e, user);
            if (!(p < alpha))
                tier[e] = t; /* NaN: not separable either */
        }
    }
}
