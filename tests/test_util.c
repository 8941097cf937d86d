/* test_util.c - the growable buffer, the error message, the arrays of
 * strings, the string set and the schema helpers. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <jansson.h>

#include "../util/kb_array.h"
#include "../util/kb_buf.h"
#include "../util/kb_errmsg.h"
#include "../util/kb_schema.h"
#include "../util/kb_status.h"
#include "../util/kb_strset.h"
#include "../util/kb_time.h"
#include "../util/kb_wrap.h"

static void
test_buf_appends_and_stays_nul_terminated(void **state)
{
	kb_buf_t b;
	char *s;

	(void)state;
	kb_buf_init(&b);
	assert_null(b.data);
	kb_buf_puts(&b, "back ");
	kb_buf_append(&b, "pain!", 4);
	kb_buf_putc(&b, ' ');
	kb_buf_printf(&b, "%d/%s", 10, "day");
	assert_int_equal(b.err, KB_OK);
	assert_string_equal(b.data, "back pain 10/day");
	assert_int_equal(b.len, strlen("back pain 10/day"));
	s = kb_buf_detach(&b);
	assert_string_equal(s, "back pain 10/day");
	assert_null(b.data);
	assert_int_equal(b.len, 0);
	free(s);
	kb_buf_free(&b);
	kb_buf_free(NULL);
}

static void
test_buf_grows_past_many_reallocations(void **state)
{
	kb_buf_t b;
	size_t i;

	(void)state;
	kb_buf_init(&b);
	for (i = 0; i < 100000; i++)
		kb_buf_putc(&b, 'a' + (int)(i % 26));
	assert_int_equal(b.err, KB_OK);
	assert_int_equal(b.len, 100000);
	assert_int_equal(b.data[99999], 'a' + 99999 % 26);
	assert_int_equal(b.data[100000], '\0');
	kb_buf_reset(&b);
	assert_int_equal(b.len, 0);
	assert_string_equal(b.data, "");
	kb_buf_free(&b);
}

static void
test_buf_error_is_sticky(void **state)
{
	kb_buf_t b;

	(void)state;
	kb_buf_init(&b);
	kb_buf_puts(&b, "ok");
	/* An impossible reservation fails and poisons the buffer. */
	assert_int_equal(kb_buf_reserve(&b, SIZE_MAX), KB_ERR_NOMEM);
	assert_int_equal(kb_buf_puts(&b, "more"), KB_ERR_NOMEM);
	assert_int_equal(b.len, 2);
	assert_null(kb_buf_detach(&b));
	kb_buf_reset(&b);
	assert_int_equal(kb_buf_puts(&b, "again"), KB_OK);
	assert_string_equal(b.data, "again");
	kb_buf_free(&b);
}

static void
test_detach_of_empty_buffer_is_empty_string(void **state)
{
	kb_buf_t b;
	char *s;

	(void)state;
	kb_buf_init(&b);
	s = kb_buf_detach(&b);
	assert_non_null(s);
	assert_string_equal(s, "");
	free(s);
}

static void
test_read_file_appends_and_keeps_buffer_on_failure(void **state)
{
	char path[] = "/tmp/relief-buf-XXXXXX";
	kb_buf_t b;
	int fd;

	(void)state;
	fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, "back\npain\n", 10), 10);
	close(fd);
	kb_buf_init(&b);
	kb_buf_puts(&b, ">");
	assert_int_equal(kb_buf_read_file(&b, path, 0), KB_OK);
	assert_string_equal(b.data, ">back\npain\n");
	/* Over the limit: refused, and the buffer is as it was. */
	assert_int_equal(kb_buf_read_file(&b, path, 4), KB_ERR_RANGE);
	assert_string_equal(b.data, ">back\npain\n");
	assert_int_equal(b.err, KB_OK);
	/* Missing: KB_ERR_IO with errno saying why. */
	assert_int_equal(kb_buf_read_file(&b, "/no/such/file", 0), KB_ERR_IO);
	assert_int_equal(errno, ENOENT);
	assert_int_equal(b.len, 11);
	unlink(path);
	kb_buf_free(&b);
}

/* A handle's message: none until set, the newest one after, none again
 * once cleared, and still none after a clear that follows a set. */
static void
test_errmsg_is_set_replaced_and_cleared(void **state)
{
	kb_errmsg_t e;

	(void)state;
	kb_errmsg_init(&e);
	assert_null(kb_errmsg_get(&e));
	kb_errmsg_set(&e, "%s: %d", "a.db", 1);
	assert_string_equal(kb_errmsg_get(&e), "a.db: 1");
	kb_errmsg_set(&e, "%s", "b");
	assert_string_equal(kb_errmsg_get(&e), "b");
	kb_errmsg_clear(&e);
	assert_null(kb_errmsg_get(&e));
	kb_errmsg_free(&e);
	assert_null(kb_errmsg_get(&e));
}

static void
test_percentiles_are_nearest_rank(void **state)
{
	double v[] = { 5, 1, 4, 2, 3, 10, 9, 8, 7, 6 };
	static const struct {
		double pct, want;
	} cases[] = {
		{ 1, 1 }, { 10, 1 }, { 11, 2 }, { 50, 5 }, { 95, 10 },
		{ 99, 10 }, { 100, 10 },
	};
	size_t i;

	(void)state;
	kb_sort_doubles(v, 10);
	for (i = 0; i < 10; i++)
		assert_true(v[i] == (double)(i + 1));
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		assert_true(kb_percentile(v, 10, cases[i].pct) == cases[i].want);
	assert_true(kb_percentile(v, 0, 50) == 0);
	assert_true(kb_now() > 0);
}

/* kb_strv_push copies exactly len bytes (the source need not end there)
 * and keeps every string as the array grows. */
static void
test_strv_push_copies_and_grows(void **state)
{
	kb_strv_t sv = { NULL, 0, 0 };
	char want[32];
	size_t i;

	(void)state;
	assert_int_equal(kb_strv_push(&sv, "Qa.txt and more", 6), KB_OK);
	assert_int_equal(kb_strv_push(&sv, "", 0), KB_OK);
	for (i = 0; i < 1000; i++) {
		snprintf(want, sizeof(want), "id-%zu", i);
		assert_int_equal(kb_strv_push(&sv, want, strlen(want)), KB_OK);
	}
	assert_int_equal(sv.n, 1002);
	assert_true(sv.cap >= sv.n);
	assert_string_equal(sv.v[0], "Qa.txt");
	assert_string_equal(sv.v[1], "");
	for (i = 0; i < 1000; i++) {
		snprintf(want, sizeof(want), "id-%zu", i);
		assert_string_equal(sv.v[i + 2], want);
	}
	kb_strv_free(sv.v, sv.n);
}

static void
test_strset_adds_finds_and_grows(void **state)
{
	kb_strset_t *s;
	char key[32];
	int i;

	(void)state;
	assert_int_equal(kb_strset_new(&s), KB_OK);
	for (i = 0; i < 5000; i++) {
		snprintf(key, sizeof(key), "file-%d.txt", i);
		assert_int_equal(kb_strset_add(s, key, strlen(key)), KB_OK);
	}
	/* Adding again is a no-op. */
	assert_int_equal(kb_strset_add(s, "file-7.txt", 10), KB_OK);
	assert_int_equal(kb_strset_count(s), 5000);
	for (i = 0; i < 5000; i += 37) {
		snprintf(key, sizeof(key), "file-%d.txt", i);
		assert_true(kb_strset_has(s, key, strlen(key)));
	}
	assert_false(kb_strset_has(s, "file-5000.txt", 13));
	/* Lengths are honoured: a prefix is a different string. */
	assert_false(kb_strset_has(s, "file-1", 6));
	/* Embedded NUL bytes are part of the key. */
	assert_int_equal(kb_strset_add(s, "a\0b", 3), KB_OK);
	assert_true(kb_strset_has(s, "a\0b", 3));
	assert_false(kb_strset_has(s, "a", 1));
	kb_strset_free(s);
	kb_strset_free(NULL);
}

static void
test_status_strings_exist_for_every_status(void **state)
{
	int st;

	(void)state;
	for (st = KB_OK; st <= KB_ERR_INTERNAL; st++) {
		const char *s = kb_status_str((kb_status_t)st);

		assert_non_null(s);
		assert_string_not_equal(s, "unknown status");
	}
	assert_string_equal(kb_status_str(KB_ERR_LOCKED),
			    "database is locked");
}

static void
test_schema_term_keeps_short_ids_and_hashes_long_ones(void **state)
{
	kb_buf_t a, b;
	char id[600];
	size_t i;

	(void)state;
	kb_buf_init(&a);
	kb_schema_term(&a, "Qa:", "sleep/pillow.txt", 16);
	assert_string_equal(a.data, "Qa:sleep/pillow.txt");
	/* Two long ids that differ only at the end stay distinct, and both
	 * fit Xapian's term limit. */
	for (i = 0; i < sizeof(id); i++)
		id[i] = (char)('a' + i % 26);
	kb_buf_reset(&a);
	kb_buf_init(&b);
	kb_schema_term(&a, "XA", id, sizeof(id));
	id[sizeof(id) - 1] = '#';
	kb_schema_term(&b, "XA", id, sizeof(id));
	assert_true(a.len <= KB_MAX_ID_TERM);
	assert_true(b.len <= KB_MAX_ID_TERM);
	assert_string_not_equal(a.data, b.data);
	kb_buf_free(&a);
	kb_buf_free(&b);
}

static void
test_schema_term_cuts_long_ids_at_character_boundary(void **state)
{
	kb_buf_t a;
	char id[400];
	size_t i;

	(void)state;
	/* "é" is two bytes: a cut in the middle would leave bad UTF-8. */
	for (i = 0; i + 1 < sizeof(id); i += 2) {
		id[i] = '\xc3';
		id[i + 1] = '\xa9';
	}
	kb_buf_init(&a);
	for (i = 0; i < 2; i++) {
		size_t k, tilde;

		kb_buf_reset(&a);
		kb_schema_term(&a, i ? "Qp:" : "XA", id, sizeof(id));
		tilde = (size_t)(strchr(a.data, '~') - a.data);
		for (k = i ? 3 : 2; k < tilde; k++)
			if ((unsigned char)a.data[k] == 0xc3)
				assert_int_equal((unsigned char)a.data[k + 1],
						 0xa9);
		assert_int_equal((unsigned char)a.data[tilde - 1], 0xa9);
	}
	kb_buf_free(&a);
}

static void
test_hash_overlap_counts_common_values_as_multisets(void **state)
{
	static const uint64_t a[] = { 1, 2, 2, 5, 9 };
	static const uint64_t b[] = { 2, 2, 2, 3, 9, 10 };

	(void)state;
	assert_int_equal(kb_hash_overlap(a, 5, b, 6), 3);
	assert_int_equal(kb_hash_overlap(b, 6, a, 5), 3);
	assert_int_equal(kb_hash_overlap(a, 5, b, 0), 0);
	assert_int_equal(kb_hash_overlap(a, 5, a, 5), 5);
}

static void
test_hash64_distinguishes_and_repeats(void **state)
{
	(void)state;
	assert_true(kb_hash64("a", 1) != kb_hash64("b", 1));
	assert_true(kb_hash64("ab", 2) != kb_hash64("ba", 2));
	assert_true(kb_hash64("back", 4) == kb_hash64("back", 4));
	/* FNV-1a of the empty string is the offset basis. */
	assert_true(kb_hash64("", 0) == 14695981039346656037ULL);
}

/* ---- word wrapping ------------------------------------------------ */

#ifndef KB_SRCDIR
#define KB_SRCDIR "."
#endif

/* Checks that wrapping text at width loses, adds and glues no word, that
 * no line is wider than width unless it is one long word, and that lines
 * start with their prefixes. */
static void
check_wrap(const char *text, size_t width, const char *first,
	   const char *indent)
{
	kb_wrap_t w = { .width = width, .first = first, .indent = indent };
	kb_buf_t b, in, out;
	size_t i, line_start = 0, nlines = 0;

	kb_buf_init(&b);
	assert_int_equal(kb_wrap(&b, text, strlen(text), &w), KB_OK);
	assert_non_null(b.data);
	assert_int_equal(b.data[b.len - 1], '\n');
	/* The words in, separated by single spaces... */
	kb_buf_init(&in);
	for (i = 0; text[i] != '\0'; i++) {
		int sp = text[i] == ' ' || text[i] == '\n' || text[i] == '\t';

		if (!sp)
			kb_buf_putc(&in, text[i]);
		else if (in.len > 0 && in.data[in.len - 1] != ' ' &&
			 text[i + 1] != '\0')
			kb_buf_putc(&in, ' ');
	}
	/* ...equal the words out, prefixes taken off each line. */
	kb_buf_init(&out);
	for (i = 0; i <= b.len; i++) {
		if (i < b.len && b.data[i] != '\n')
			continue;
		{
			const char *line = b.data + line_start;
			size_t len = i - line_start;
			const char *pre = nlines == 0 ? first : indent;
			size_t plen = strlen(pre);

			if (i == b.len)
				break;
			assert_true(len >= plen);
			assert_memory_equal(line, pre, plen);
			assert_true(len <= width ||
				    memchr(line + plen, ' ', len - plen) ==
					    NULL);
			if (out.len > 0)
				kb_buf_putc(&out, ' ');
			kb_buf_append(&out, line + plen, len - plen);
			nlines++;
			line_start = i + 1;
		}
	}
	assert_string_equal(out.data ? out.data : "", in.data ? in.data : "");
	kb_buf_free(&in);
	kb_buf_free(&out);
	kb_buf_free(&b);
}

/* The see-a-doctor notices are wrapped after a "See a doctor: " prefix:
 * a continuation line that fills exactly that prefix's width once glued
 * two words ("youfeel").  Every notice, at many widths. */
static void
test_wrap_keeps_every_word_of_every_notice(void **state)
{
	static const size_t widths[] = { 20, 30, 40, 41, 50, 55, 60, 76,
					 80, 100, 120 };
	kb_buf_t file;
	char *line, *save = NULL;
	size_t i, nnotices = 0;

	(void)state;
	kb_buf_init(&file);
	assert_int_equal(kb_buf_read_file(&file,
					  KB_SRCDIR "/lexicon/red-flags.txt", 0),
			 KB_OK);
	for (line = strtok_r(file.data, "\n", &save); line != NULL;
	     line = strtok_r(NULL, "\n", &save)) {
		const char *tab = strchr(line, '\t');

		if (strncmp(line, "@notice", 7) != 0 || tab == NULL)
			continue;
		nnotices++;
		for (i = 0; i < sizeof(widths) / sizeof(widths[0]); i++) {
			check_wrap(tab + 1, widths[i], "See a doctor: ", "  ");
			check_wrap(tab + 1, widths[i], "  * ", "    ");
			check_wrap(tab + 1, widths[i], "   ", "   ");
		}
	}
	assert_true(nnotices >= 5);
	kb_buf_free(&file);
}

/* Edges: a word longer than the line, words exactly filling it, empty and
 * all-space text, runs of spaces and newlines inside. */
static void
test_wrap_edges(void **state)
{
	static const struct {
		const char *text, *want;
		size_t width;
	} cases[] = {
		{ "aaaa bbbb cccc", "> aaaa\n  bbbb\n  cccc\n", 7 },
		{ "aaaa bbbb cccc", "> aaaa bbbb\n  cccc\n", 11 },
		{ "abcdefghijklmnop x", "> abcdefghijklmnop\n  x\n", 8 },
		{ "", "> \n", 10 },
		{ "   \n ", "> \n", 10 },
		{ "a  \n\n b", "> a b\n", 10 },
		{ "\xc3\xa9t\xc3\xa9 \xc3\xa9t\xc3\xa9", "> \xc3\xa9t\xc3\xa9 "
		  "\xc3\xa9t\xc3\xa9\n", 9 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		kb_wrap_t w = { .width = cases[i].width, .first = "> ",
				.indent = "  " };
		kb_buf_t b;

		kb_buf_init(&b);
		assert_int_equal(kb_wrap(&b, cases[i].text,
					 strlen(cases[i].text), &w),
				 KB_OK);
		assert_string_equal(b.data, cases[i].want);
		kb_buf_free(&b);
	}
}

/* Marked spans open and close around their bytes and take no columns. */
static void
test_wrap_marks_spans_without_counting_them(void **state)
{
	const kb_span_t spans[] = { { 0, 4 }, { 11, 3 } };
	kb_wrap_t w = { .width = 13, .first = "", .indent = "",
			.spans = spans, .nspans = 2, .on = "[", .off = "]" };
	const char *text = "back pain, low back";
	kb_buf_t b;

	(void)state;
	kb_buf_init(&b);
	assert_int_equal(kb_wrap(&b, text, strlen(text), &w), KB_OK);
	assert_string_equal(b.data, "[back] pain,\n[low] back\n");
	kb_buf_free(&b);
}

/* $COLUMNS sets the width; nonsense in it is ignored; tiny is raised. */
static void
test_wrap_width_follows_columns(void **state)
{
	(void)state;
	setenv("COLUMNS", "100", 1);
	assert_int_equal(kb_wrap_width(-1), 100);
	setenv("COLUMNS", "5", 1);
	assert_int_equal(kb_wrap_width(-1), 20);
	setenv("COLUMNS", "wide", 1);
	assert_int_equal(kb_wrap_width(-1), 80);
	unsetenv("COLUMNS");
	assert_int_equal(kb_wrap_width(-1), 80);
}

/* A dosage survives the JSON of stored records, every field, ranges and
 * the new per_week included; an empty dosage is an empty object. */
static void
test_dosage_json_round_trip(void **state)
{
	kb_dosage_t d = { 20, 30, 10, 12, 3, 3, 2, 2, 3, 4, 1 }, back;
	json_t *o;
	char *text;

	(void)state;
	o = kb_dosage_to_json(&d);
	assert_non_null(o);
	text = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);
	assert_string_equal(text, "{\"hold_seconds\":[20,30],\"per_day\":2,"
				  "\"per_side\":true,\"per_week\":[3,4],"
				  "\"reps\":[10,12],\"sets\":3}");
	free(text);
	memset(&back, 0xff, sizeof(back));
	kb_dosage_from_json(o, &back);
	assert_memory_equal(&back, &d, sizeof(d));
	json_decref(o);
	memset(&d, 0, sizeof(d));
	o = kb_dosage_to_json(&d);
	assert_int_equal(json_object_size(o), 0);
	json_decref(o);
}

/* A snippet record as stored (no source, title, kind, section or name)
 * gets them back from its rank value, which round-trips its fields. */
static void
test_record_complete_adds_the_rank_value_fields(void **state)
{
	unsigned char sig[KB_SIG_BYTES] = { 0 };
	unsigned hashes[] = { 7, 3, 7, 1 };
	kb_rank_value_t rv;
	kb_buf_t v;
	json_t *o = json_pack("{s:i, s:s}", "ordinal", 2, "text", "Hold it.");
	static const char *const want[][2] = {
		{ "source", "a/b.txt" },     { "title", "Back pain" },
		{ "kind", "exercise" },      { "section", "What helps" },
		{ "name", "side plank" },    { "text", "Hold it." },
	};
	size_t i;

	(void)state;
	kb_buf_init(&v);
	assert_int_equal(kb_rank_encode(&v, sig, KB_RANK_DOSAGE, 9, 2, hashes,
	                                4, "a/b.txt", "Back pain", "exercise",
	                                "What helps", "side plank"),
	                 KB_OK);
	assert_int_equal(kb_rank_decode(v.data, v.len, &rv), KB_OK);
	assert_int_equal(rv.nterms, 3);	/* distinct, ascending */
	assert_true(kb_rank_has_term(&rv, 3) && !kb_rank_has_term(&rv, 2));
	assert_int_equal(kb_record_complete(o, v.data, v.len), KB_OK);
	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++)
		assert_string_equal(
		    json_string_value(json_object_get(o, want[i][0])),
		    want[i][1]);
	/* A value cut short is refused, the record left as it was. */
	assert_int_equal(kb_record_complete(o, v.data, 5), KB_ERR_CORRUPT);
	json_decref(o);
	kb_buf_free(&v);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_buf_appends_and_stays_nul_terminated),
		cmocka_unit_test(test_buf_grows_past_many_reallocations),
		cmocka_unit_test(test_buf_error_is_sticky),
		cmocka_unit_test(test_detach_of_empty_buffer_is_empty_string),
		cmocka_unit_test(
			test_read_file_appends_and_keeps_buffer_on_failure),
		cmocka_unit_test(test_errmsg_is_set_replaced_and_cleared),
		cmocka_unit_test(test_percentiles_are_nearest_rank),
		cmocka_unit_test(test_strv_push_copies_and_grows),
		cmocka_unit_test(test_strset_adds_finds_and_grows),
		cmocka_unit_test(test_status_strings_exist_for_every_status),
		cmocka_unit_test(
			test_schema_term_keeps_short_ids_and_hashes_long_ones),
		cmocka_unit_test(
			test_schema_term_cuts_long_ids_at_character_boundary),
		cmocka_unit_test(
			test_hash_overlap_counts_common_values_as_multisets),
		cmocka_unit_test(test_hash64_distinguishes_and_repeats),
		cmocka_unit_test(test_wrap_keeps_every_word_of_every_notice),
		cmocka_unit_test(test_wrap_edges),
		cmocka_unit_test(test_wrap_marks_spans_without_counting_them),
		cmocka_unit_test(test_wrap_width_follows_columns),
		cmocka_unit_test(test_dosage_json_round_trip),
		cmocka_unit_test(
			test_record_complete_adds_the_rank_value_fields),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
