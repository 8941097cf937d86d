/* fuzz.h - what the libFuzzer harnesses of tests/fuzz/ share.
 *
 * Each harness is one fuzz_NAME.c defining LLVMFuzzerTestOneInput (and
 * LLVMFuzzerInitialize when it needs set-up); make fuzz builds them with
 * clang -fsanitize=fuzzer,address,undefined and tests/fuzz/run.sh runs
 * them (CONTRIBUTING.md, "Fuzzing").  A harness checks what must hold for
 * every input with CHECK: a broken invariant aborts, which libFuzzer
 * reports as a crash and saves the input that caused it.
 *
 * Header-only, static inline, as tests/helpers.h is.
 */
#ifndef KB_TESTS_FUZZ_H
#define KB_TESTS_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <utf8proc.h>

#include "../../text/kb_text.h"
#include "../../util/kb_buf.h"

/* The source tree (the Makefile defines KB_SRCDIR): the lexicon,
 * stopwords and corpus the harnesses load. */
#ifndef KB_SRCDIR
#define KB_SRCDIR "."
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* Aborts, naming the broken invariant, when c is false. */
#define CHECK(c)                                                       \
	do {                                                           \
		if (!(c)) {                                            \
			fprintf(stderr, "%s:%d: CHECK(%s) failed\n",   \
				__FILE__, __LINE__, #c);               \
			abort();                                       \
		}                                                      \
	} while (0)

/* True when s[0..len) is valid UTF-8, NUL bytes allowed (folding keeps
 * them, kb_text_valid_utf8 does not). */
static inline int
fuzz_valid_utf8(const char *s, size_t len)
{
	utf8proc_int32_t cp;
	utf8proc_ssize_t n;
	size_t i = 0;

	while (i < len) {
		n = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
				     (utf8proc_ssize_t)(len - i), &cp);
		if (n <= 0)
			return 0;
		i += (size_t)n;
	}
	return 1;
}

/* Splits a harness's input the way every harness reads it: the first
 * byte chooses the options (*opt), the rest is the text (*s, *len).
 * Returns 0 when there is no first byte (nothing to run), else 1. */
static inline int
fuzz_input(const uint8_t *data, size_t size, unsigned *opt, const char **s,
	   size_t *len)
{
	if (size < 1)
		return 0;
	*opt = data[0];
	*s = (const char *)data + 1;
	*len = size - 1;
	return 1;
}

/* When repair is true, points *s, *len at the UTF-8 repair of the text,
 * held in fixed (which the caller has initialised and frees), so that a
 * harness can run on valid text as well as on any bytes. */
static inline void
fuzz_repair(int repair, const char **s, size_t *len, kb_buf_t *fixed)
{
	if (!repair)
		return;
	CHECK(kb_text_repair_utf8(*s, *len, fixed) == KB_OK);
	*s = fixed->len > 0 ? fixed->data : "";
	*len = fixed->len;
}

/* A malloc'd, NUL-terminated copy of data[0..size) (aborts when out of
 * memory: a harness has no better answer). */
static inline char *
fuzz_strndup(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);

	CHECK(s != NULL);
	for (size_t i = 0; i < size; i++)
		s[i] = (char)data[i];
	s[size] = '\0';
	return s;
}

/* Reads the whole file at path (aborts when it cannot: the harness's own
 * data is missing).  *len gets its length. */
static inline char *
fuzz_read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *s = NULL;
	long n;

	if (f == NULL) {
		fprintf(stderr, "fuzz: cannot open %s\n", path);
		abort();
	}
	CHECK(fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0);
	CHECK(fseek(f, 0, SEEK_SET) == 0);
	s = malloc((size_t)n + 1);
	CHECK(s != NULL);
	CHECK(fread(s, 1, (size_t)n, f) == (size_t)n);
	s[n] = '\0';
	fclose(f);
	*len = (size_t)n;
	return s;
}

#endif /* KB_TESTS_FUZZ_H */
