/* kb_time.c - timing and latency percentiles. */
#include "kb_time.h"

#include <stdlib.h>
#include <time.h>

double
kb_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

void
kb_sort_doubles(double *v, size_t n)
{
	if (n > 1)
		qsort(v, n, sizeof(*v), cmp_double);
}

double
kb_percentile(const double *v, size_t n, double pct)
{
	size_t k;

	if (n == 0)
		return 0;
	/* Nearest rank: the smallest value with at least pct% of the values
	 * at or below it. */
	k = (size_t)(pct / 100.0 * (double)n + 0.999999);
	if (k < 1)
		k = 1;
	return v[(k > n ? n : k) - 1];
}
