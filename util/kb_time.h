/* kb_time.h - timing and latency percentiles.
 *
 * relief query --batch --timings, relief eval and make bench all report
 * query latency; they share these so that their figures agree.
 */
#ifndef KB_TIME_H
#define KB_TIME_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Seconds on the monotonic clock (for intervals only). */
double kb_now(void);

/* Sorts v[0..n) ascending, for kb_percentile(). */
void kb_sort_doubles(double *v, size_t n);

/* Nearest-rank percentile pct (0..100] of sorted v[0..n); 0 when n is
 * 0. */
double kb_percentile(const double *v, size_t n, double pct);

#ifdef __cplusplus
}
#endif

#endif /* KB_TIME_H */
