/* helpers.h - what the cmocka test programs share: a scratch folder,
 * whole files written and read, and a clock for the time limits.
 *
 * Header-only on purpose: each test program stays one .c file that the
 * Makefile builds on its own, and the helpers are static inline so a
 * program that uses only some of them still compiles with -Werror.
 */
#ifndef KB_TESTS_HELPERS_H
#define KB_TESTS_HELPERS_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

/* Makes a fresh folder "/tmp/<prefix>-XXXXXX" and writes its name into
 * dir (size bytes).  Returns 0, or -1 when it cannot (a setup function
 * returns that as is). */
static inline int
scratch_make(char *dir, size_t size, const char *prefix)
{
	if ((size_t)snprintf(dir, size, "/tmp/%s-XXXXXX", prefix) >= size)
		return -1;
	return mkdtemp(dir) == NULL ? -1 : 0;
}

/* Removes dir and everything below it.  Returns 0, or -1 on failure. */
static inline int
scratch_remove(const char *dir)
{
	char cmd[4200];

	if ((size_t)snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir) >=
	    sizeof(cmd))
		return -1;
	return system(cmd) == 0 ? 0 : -1;
}

/* The scratch folder of the running test, made by scratch_setup() and
 * removed with everything in it by scratch_teardown(), for tests that
 * run with those as their cmocka setup and teardown. */
static char scratch[64] __attribute__((unused));

static inline int
scratch_setup(void **state)
{
	(void)state;
	return scratch_make(scratch, sizeof(scratch), "relief-test");
}

static inline int
scratch_teardown(void **state)
{
	(void)state;
	return scratch_remove(scratch);
}

/* Writes the len bytes of data to the file at path, replacing it; each
 * step is asserted. */
static inline void
write_path(const char *path, const void *data, size_t len)
{
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	fclose(f);
}

/* write_path() of dir/name. */
static inline void
write_file(const char *dir, const char *name, const void *data, size_t len)
{
	char path[4096];

	assert_true((size_t)snprintf(path, sizeof(path), "%s/%s", dir, name) <
		    sizeof(path));
	write_path(path, data, len);
}

/* write_file() of a NUL-terminated text. */
static inline void
write_text(const char *dir, const char *name, const char *text)
{
	write_file(dir, name, text, strlen(text));
}

/* The whole of the file at path, NUL-terminated, in a buffer the caller
 * frees; its length (without the NUL) in *len when len is not NULL.
 * NULL (and a length of 0) when the file cannot be opened. */
static inline char *
read_whole(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL, *grown;
	size_t used = 0, size = 0, n;

	if (len != NULL)
		*len = 0;
	if (f == NULL)
		return NULL;
	do {
		if (size - used < 8192) {
			size = size * 2 + 8192;
			grown = realloc(buf, size + 1);
			assert_non_null(grown);
			buf = grown;
		}
		n = fread(buf + used, 1, size - used, f);
		used += n;
	} while (n > 0);
	fclose(f);
	buf[used] = '\0';
	if (len != NULL)
		*len = used;
	return buf;
}

/* Seconds on the monotonic clock. */
static inline double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The time limit for a pathological-input test that takes fast seconds
 * at most in a plain build: ten times that under KB_SLOW=1, which the
 * sanitizer builds set. */
static inline double
time_limit(double fast)
{
	return getenv("KB_SLOW") != NULL ? fast * 10 : fast;
}

#endif
