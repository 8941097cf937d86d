/* test_shared.c - the mechanisms util/ shares with every module: the
 * hash, the string set's numbering, the growing array, the rule-file
 * reader and the PCRE2 set-up. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "../util/kb_array.h"
#include "../util/kb_hash.h"
#include "../util/kb_lexfile.h"
#include "../util/kb_regex.h"
#include "../util/kb_strset.h"

/* Writes len bytes of s to a fresh temporary file; returns its malloc'd
 * path. */
static char *
temp_file(const char *s, size_t len)
{
	char tmpl[] = "/tmp/test_shared.XXXXXX";
	int fd = mkstemp(tmpl);

	assert_true(fd >= 0);
	assert_int_equal(write(fd, s, len), (ssize_t)len);
	close(fd);
	return strdup(tmpl);
}

/* The published FNV-1a test vectors: stored hashes depend on them. */
static void
test_hash_is_fnv1a_piece_by_piece_too(void **state)
{
	static const struct {
		const char *s;
		unsigned long long h64;
		uint32_t h32;
	} t[] = {
	    {"", 0xcbf29ce484222325ULL, 0x811c9dc5u},
	    {"a", 0xaf63dc4c8601ec8cULL, 0xe40c292cu},
	    {"foobar", 0x85944171f73967e8ULL, 0xbf9cf968u},
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		size_t n = strlen(t[i].s), half = n / 2;

		assert_true(kb_hash64(t[i].s, n) == t[i].h64);
		assert_true(kb_hash32(t[i].s, n) == t[i].h32);
		assert_true(kb_hash64_add(kb_hash64_add(KB_HASH64_INIT, t[i].s,
							half),
					  t[i].s + half, n - half) == t[i].h64);
		assert_true(kb_hash32_add(KB_HASH32_INIT, t[i].s, n) ==
			    t[i].h32);
	}
	assert_true(KB_HASH32_BYTE(KB_HASH32_INIT, 'a') == 0xe40c292cu);
	assert_true(KB_HASH64_BYTE(KB_HASH64_INIT, 'a') ==
		    0xaf63dc4c8601ec8cULL);
}

static void
test_strset_numbers_strings_in_order_added(void **state)
{
	kb_strset_t *s;
	char word[16];
	size_t id, len, i;

	(void)state;
	assert_int_equal(kb_strset_new(&s), KB_OK);
	for (i = 0; i < 1000; i++) {
		snprintf(word, sizeof(word), "w%zu", i);
		assert_int_equal(kb_strset_put(s, word, strlen(word), &id),
				 KB_OK);
		assert_int_equal(id, i);
	}
	assert_int_equal(kb_strset_put(s, "w7", 2, &id), KB_OK);
	assert_int_equal(id, 7);
	assert_int_equal(kb_strset_count(s), 1000);
	assert_int_equal(kb_strset_find(s, "w999", 4), 999);
	assert_true(kb_strset_find(s, "w1000", 5) == KB_STRSET_NONE);
	assert_string_equal(kb_strset_get(s, 42, &len), "w42");
	assert_int_equal(len, 3);
	/* Bytes, not C strings: an embedded NUL counts. */
	assert_int_equal(kb_strset_put(s, "a\0b", 3, &id), KB_OK);
	assert_false(kb_strset_has(s, "a", 1));
	assert_true(kb_strset_has(s, "a\0b", 3));
	kb_strset_free(s);
}

static void
test_array_grow_doubles_from_first(void **state)
{
	int *v = NULL;
	size_t cap = 0, n;

	(void)state;
	for (n = 0; n < 100; n++) {
		assert_int_equal(kb_array_grow((void **)&v, &cap, n,
					       sizeof(*v), 16),
				 KB_OK);
		assert_true(n < cap);
		v[n] = (int)n;
	}
	assert_int_equal(cap, 128);
	assert_int_equal(v[99], 99);
	free(v);
}

typedef struct {
	const char *text;
	const char *lines; /* the rule lines, each followed by '|' */
} lines_case_t;

/* Blank lines and comments are skipped; leading spaces, trailing blanks
 * and CRs are dropped; tabs inside a line stay. */
static void
test_lexfile_yields_trimmed_rule_lines(void **state)
{
	static const lines_case_t t[] = {
	    {"", ""},
	    {"a\tb\n", "a\tb|"},
	    {"# c\n\n  x  \r\ny\t\n", "x|y|"},
	    {"no newline", "no newline|"},
	    {"\r\n \n\t#tab first\n", "\t#tab first|"},
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		char *path = temp_file(t[i].text, strlen(t[i].text));
		char got[128] = "";
		kb_lexfile_t lf;
		kb_status_t rc;
		char *line;
		size_t len;

		kb_lexfile_init(&lf);
		assert_int_equal(kb_lexfile_open(&lf, path, 0, 0), KB_OK);
		while ((rc = kb_lexfile_next(&lf, &line, &len)) == KB_OK) {
			assert_int_equal(strlen(line), len);
			strncat(got, line, sizeof(got) - strlen(got) - 2);
			strcat(got, "|");
		}
		assert_int_equal(rc, KB_DONE);
		assert_string_equal(got, t[i].lines);
		kb_lexfile_close(&lf);
		unlink(path);
		free(path);
	}
}

/* kb_lexfile_each: what a callback is given, and how it stops. */
typedef struct each_ctx {
	char got[128];		/* the lines seen, each followed by '|' */
	const char *stop;	/* the line at which to return rc */
	kb_status_t rc;
} each_ctx_t;

static kb_status_t
on_each(void *ctx, char *line, size_t len)
{
	each_ctx_t *c = ctx;

	assert_int_equal(strlen(line), len);
	strncat(c->got, line, sizeof(c->got) - strlen(c->got) - 2);
	strcat(c->got, "|");
	return strcmp(line, c->stop) == 0 ? c->rc : KB_OK;
}

static void
test_lexfile_each_calls_back_per_rule_until_stopped(void **state)
{
	static const struct {
		const char *stop;
		kb_status_t rc, want;
		const char *got;
	} t[] = {
	    {"", KB_OK, KB_OK, "a|b|c|"},
	    {"b", KB_DONE, KB_OK, "a|b|"},
	    {"b", KB_ERR_CORRUPT, KB_ERR_CORRUPT, "a|b|"},
	    {"c", KB_ERR_NOMEM, KB_ERR_NOMEM, "a|b|c|"},
	};
	char *path = temp_file("# rules\na\n\n  b \nc\n", 18);
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		each_ctx_t c = {"", t[i].stop, t[i].rc};
		kb_lexfile_t lf;

		kb_lexfile_init(&lf);
		assert_int_equal(kb_lexfile_open(&lf, path, 0, 0), KB_OK);
		assert_int_equal(kb_lexfile_each(&lf, on_each, &c), t[i].want);
		assert_string_equal(c.got, t[i].got);
		kb_lexfile_close(&lf);
	}
	unlink(path);
	free(path);
}

static void
test_lexfile_errors_name_file_and_line(void **state)
{
	char *path = temp_file("# head\n\nok\nbad\n", 15);
	char *nul = temp_file("x\n\0y\n", 5);
	char want[256], *msg = NULL, *line;
	kb_lexfile_t lf;
	size_t len;

	(void)state;
	kb_lexfile_init(&lf);
	assert_int_equal(kb_lexfile_open(&lf, path, 0, 0), KB_OK);
	assert_int_equal(kb_lexfile_next(&lf, &line, &len), KB_OK);
	assert_int_equal(kb_lexfile_next(&lf, &line, &len), KB_OK);
	assert_string_equal(line, "bad");
	assert_int_equal(kb_lexfile_fail(&lf, KB_ERR_CORRUPT, "no %s", "tab"),
			 KB_ERR_CORRUPT);
	/* Only the first error is kept. */
	kb_lexfile_fail(&lf, KB_ERR_CORRUPT, "later");
	assert_int_equal(kb_lexfile_finish(&lf, KB_ERR_CORRUPT, &msg),
			 KB_ERR_CORRUPT);
	snprintf(want, sizeof(want), "%s:4: no tab", path);
	assert_string_equal(msg, want);
	free(msg);

	kb_lexfile_init(&lf);
	assert_int_equal(kb_lexfile_open(&lf, nul, 0, 0), KB_OK);
	assert_int_equal(kb_lexfile_next(&lf, &line, &len), KB_OK);
	assert_int_equal(kb_lexfile_next(&lf, &line, &len), KB_ERR_CORRUPT);
	snprintf(want, sizeof(want), "%s:2: NUL byte in rule", nul);
	assert_string_equal(lf.errmsg, want);
	kb_lexfile_close(&lf);

	/* Too big, and missing: messages about the whole file. */
	kb_lexfile_init(&lf);
	assert_int_equal(kb_lexfile_open(&lf, path, 4, 0), KB_ERR_CORRUPT);
	snprintf(want, sizeof(want),
		 "%s: larger than 4 bytes: not a rule file", path);
	assert_string_equal(lf.errmsg, want);
	kb_lexfile_close(&lf);
	unlink(path);
	unlink(nul);
	kb_lexfile_init(&lf);
	assert_int_equal(kb_lexfile_open(&lf, path, 0, 0), KB_ERR_IO);
	assert_non_null(strstr(lf.errmsg, path));
	kb_lexfile_close(&lf);
	kb_lexfile_init(&lf);
	assert_int_equal(kb_lexfile_open(&lf, path, 0, KB_LEXFILE_OPTIONAL),
			 KB_OK);
	assert_int_equal(kb_lexfile_next(&lf, &line, &len), KB_DONE);
	assert_int_equal(kb_lexfile_finish(&lf, KB_OK, &msg), KB_OK);
	free(path);
	free(nul);
}

static void
test_regex_compiles_with_the_shared_limits(void **state)
{
	pcre2_match_context *mctx;
	pcre2_match_data *md;
	kb_regex_error_t err;
	pcre2_code *re;
	char s[64];
	int rc;

	(void)state;
	assert_int_equal(kb_regex_compile("a(b", 3, 0, KB_REGEX_JIT, &re, &err),
			 KB_ERR_CORRUPT);
	assert_null(re);
	assert_int_equal(err.offset, 3);
	assert_true(strlen(err.msg) > 0);
	/* A question pattern is interpreted, an article pattern JIT
	 * compiled when PCRE2 has JIT. */
	assert_int_equal(kb_regex_compile("back", 4, 0, KB_REGEX_JIT, &re, NULL),
			 KB_OK);
	{
		uint32_t jit = 0;

		(void)pcre2_config(PCRE2_CONFIG_JIT, &jit);
		assert_int_equal(kb_regex_jitted(re) != 0, jit != 0);
	}
	pcre2_code_free(re);
	assert_int_equal(kb_regex_compile("^(a+)+$", 7, PCRE2_CASELESS,
					  KB_REGEX_INTERPRET, &re, NULL),
			 KB_OK);
	assert_false(kb_regex_jitted(re));
	{
		/* A long subject JIT-compiles it first, a short one not. */
		static char big[KB_REGEX_JIT_FROM + 1];
		uint32_t jit = 0;

		(void)pcre2_config(PCRE2_CONFIG_JIT, &jit);
		md = pcre2_match_data_create_from_pattern(re, NULL);
		assert_int_equal(kb_regex_context_new(&mctx), KB_OK);
		assert_int_equal(kb_regex_match(re, "aa", 2, 0, md, mctx), 2);
		assert_false(kb_regex_jitted(re));
		memset(big, 'a', sizeof(big) - 1);
		assert_int_equal(kb_regex_match(re, big, sizeof(big) - 1, 0, md,
						mctx),
				 2);
		assert_int_equal(kb_regex_jitted(re) != 0, jit != 0);
		pcre2_match_data_free(md);
		pcre2_match_context_free(mctx);
	}
	assert_int_equal(kb_regex_context_new(&mctx), KB_OK);
	md = pcre2_match_data_create_from_pattern(re, NULL);
	assert_non_null(md);
	/* A runaway pattern stops at the match limit instead of running
	 * for minutes. */
	memset(s, 'A', sizeof(s) - 2);
	s[sizeof(s) - 2] = 'b';
	s[sizeof(s) - 1] = '\0';
	rc = pcre2_match(re, (PCRE2_SPTR)s, strlen(s), 0, 0, md, mctx);
	assert_true(rc == PCRE2_ERROR_MATCHLIMIT ||
		    rc == PCRE2_ERROR_JIT_STACKLIMIT ||
		    rc == PCRE2_ERROR_DEPTHLIMIT || rc == PCRE2_ERROR_HEAPLIMIT);
	assert_int_equal(pcre2_match(re, (PCRE2_SPTR) "AAA", 3, 0, 0, md,
				     mctx),
			 2);
	pcre2_match_data_free(md);
	pcre2_match_context_free(mctx);
	pcre2_code_free(re);
}

/* A matcher holds match data of the size asked for and a context with
 * the shared limits; freeing it empties it, and freeing again is fine. */
static void
test_regex_matcher_has_room_and_the_limits(void **state)
{
	kb_regex_matcher_t m;
	pcre2_code *re;
	char s[40];
	PCRE2_SIZE *ov;
	int rc;

	(void)state;
	assert_int_equal(kb_regex_compile("b(a+)+$", 7, 0, KB_REGEX_INTERPRET,
					  &re, NULL),
			 KB_OK);
	assert_int_equal(kb_regex_matcher_init(&m, 2), KB_OK);
	assert_int_equal(pcre2_get_ovector_count(m.md), 2);
	assert_int_equal(kb_regex_match(re, "xbaa", 4, 0, m.md, m.mctx), 2);
	ov = pcre2_get_ovector_pointer(m.md);
	assert_int_equal(ov[0], 1);
	assert_int_equal(ov[2], 2);
	assert_int_equal(ov[3], 4);
	/* The limits are the shared ones: a runaway match stops. */
	memset(s, 'a', sizeof(s) - 2);
	s[0] = 'b';
	s[sizeof(s) - 2] = 'c';
	s[sizeof(s) - 1] = '\0';
	rc = kb_regex_match(re, s, strlen(s), 0, m.md, m.mctx);
	assert_true(rc == PCRE2_ERROR_MATCHLIMIT ||
		    rc == PCRE2_ERROR_DEPTHLIMIT || rc == PCRE2_ERROR_HEAPLIMIT);
	kb_regex_matcher_free(&m);
	assert_null(m.md);
	assert_null(m.mctx);
	kb_regex_matcher_free(&m);
	pcre2_code_free(re);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_hash_is_fnv1a_piece_by_piece_too),
	    cmocka_unit_test(test_strset_numbers_strings_in_order_added),
	    cmocka_unit_test(test_array_grow_doubles_from_first),
	    cmocka_unit_test(test_lexfile_yields_trimmed_rule_lines),
	    cmocka_unit_test(test_lexfile_errors_name_file_and_line),
	    cmocka_unit_test(test_lexfile_each_calls_back_per_rule_until_stopped),
	    cmocka_unit_test(test_regex_compiles_with_the_shared_limits),
	    cmocka_unit_test(test_regex_matcher_has_room_and_the_limits),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
