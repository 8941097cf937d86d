/* test_text.c - the text analysis pipeline: tokenizer, folding, numbers,
 * sentences, stopwords, stemming, callbacks, bad UTF-8 and long input.
 *
 * Most tests are tables of {input, expected} rendered as one line per
 * input, so a failure shows the whole tokenization.  A rendered token is
 * its term with markers:
 *
 *	^term	KB_TOKEN_SENTENCE
 *	term#	KB_TOKEN_NUMBER
 *	term~	KB_TOKEN_STOP
 *	term*	KB_TOKEN_STEMMED
 *
 * Every input is copied into a heap block of exactly its length before it
 * is tokenized, so AddressSanitizer catches any read past the end.
 */
#include "helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <libstemmer.h>
#include <utf8proc.h>

#include "../text/kb_text.h"

/* ------------------------------------------------------------------ */
/* Helpers */

/* One token as the callback saw it, with its strings copied. */
typedef struct rec {
	char term[KB_TEXT_MAX_TOKEN + 1];
	size_t len;
	char folded[KB_TEXT_MAX_TOKEN + 1];
	size_t folded_len;
	size_t start, end;
	unsigned pos, flags;
} rec_t;

typedef struct sink {
	rec_t *v;		/* tokens seen, unless count_only */
	size_t n, cap;
	size_t input_len;	/* for the bounds check */
	unsigned last_pos;
	int count_only;		/* big inputs: count, don't keep */
	size_t limit;		/* after this many tokens, return stop_rc */
	kb_status_t stop_rc;
} sink_t;

static void
sink_init(sink_t *k, size_t input_len)
{
	memset(k, 0, sizeof(*k));
	k->input_len = input_len;
	k->limit = SIZE_MAX;
}

static void
sink_free(sink_t *k)
{
	free(k->v);
	memset(k, 0, sizeof(*k));
}

/* Checks what every token must satisfy, whatever the input: a non-empty,
 * NUL-terminated, valid UTF-8 term within KB_TEXT_MAX_TOKEN bytes,
 * offsets inside the input, positions that only grow. */
static kb_status_t
on_token(void *ctx, const kb_token_t *tok)
{
	sink_t *k = ctx;
	rec_t *r;

	assert_non_null(tok->term);
	assert_non_null(tok->folded);
	assert_true(tok->len > 0);
	assert_true(tok->len <= KB_TEXT_MAX_TOKEN);
	assert_true(tok->folded_len > 0);
	assert_true(tok->folded_len <= KB_TEXT_MAX_TOKEN);
	assert_int_equal(tok->term[tok->len], '\0');
	assert_int_equal(tok->folded[tok->folded_len], '\0');
	assert_true(kb_text_valid_utf8(tok->term, tok->len));
	assert_true(kb_text_valid_utf8(tok->folded, tok->folded_len));
	assert_true(tok->start < tok->end);
	assert_true(tok->end <= k->input_len);
	assert_true(tok->pos > k->last_pos);
	k->last_pos = tok->pos;
	if (!k->count_only) {
		if (k->n == k->cap) {
			k->cap = k->cap ? 2 * k->cap : 16;
			k->v = realloc(k->v, k->cap * sizeof(*k->v));
			assert_non_null(k->v);
		}
		r = &k->v[k->n];
		memcpy(r->term, tok->term, tok->len + 1);
		r->len = tok->len;
		memcpy(r->folded, tok->folded, tok->folded_len + 1);
		r->folded_len = tok->folded_len;
		r->start = tok->start;
		r->end = tok->end;
		r->pos = tok->pos;
		r->flags = tok->flags;
	}
	k->n++;
	return k->n >= k->limit ? k->stop_rc : KB_OK;
}

/* Tokenizes len bytes of s from an exact-size heap copy. */
static kb_status_t
run(kb_text_t *tx, kb_text_mode_t mode, const char *s, size_t len,
    sink_t *k)
{
	char *copy = malloc(len > 0 ? len : 1);
	kb_status_t rc;

	assert_non_null(copy);
	if (len > 0)
		memcpy(copy, s, len);
	rc = kb_text_tokenize(tx, mode, copy, len, on_token, k);
	free(copy);
	return rc;
}

/* Renders the tokens of s (NUL-terminated) as described at the top; with
 * detail, each token also shows "@start-end:pos". */
static const char *
render_with(kb_text_t *tx, kb_text_mode_t mode, const char *s, int detail)
{
	static char out[8192];
	size_t i, used = 0;
	sink_t k;
	rec_t *r;

	sink_init(&k, strlen(s));
	assert_int_equal(run(tx, mode, s, strlen(s), &k), KB_OK);
	out[0] = '\0';
	for (i = 0; i < k.n; i++) {
		r = &k.v[i];
		used += (size_t)snprintf(
			out + used, sizeof(out) - used, "%s%s%s%s%s%s",
			i > 0 ? " " : "",
			r->flags & KB_TOKEN_SENTENCE ? "^" : "", r->term,
			r->flags & KB_TOKEN_NUMBER ? "#" : "",
			r->flags & KB_TOKEN_STOP ? "~" : "",
			r->flags & KB_TOKEN_STEMMED ? "*" : "");
		if (detail)
			used += (size_t)snprintf(out + used,
						 sizeof(out) - used,
						 "@%zu-%zu:%u", r->start,
						 r->end, r->pos);
		assert_true(used < sizeof(out));
	}
	sink_free(&k);
	return out;
}

static const char *
render(kb_text_t *tx, kb_text_mode_t mode, const char *s)
{
	return render_with(tx, mode, s, 0);
}

typedef struct example {
	const char *in;
	const char *want;
} example_t;

#define N_ELEMS(a) (sizeof(a) / sizeof((a)[0]))

/* A fresh analyser, with the stemmer of lang unless lang is NULL. */
static kb_text_t *
text_new(const char *lang)
{
	kb_text_t *tx;

	assert_int_equal(kb_text_new(&tx), KB_OK);
	if (lang != NULL)
		assert_int_equal(kb_text_set_stemmer(tx, lang), KB_OK);
	return tx;
}

/* Runs a table through a fresh analyser configured by setup. */
static void
check_table(const example_t *t, size_t n, kb_text_mode_t mode,
	    const char *stopwords, const char *lang, int detail)
{
	kb_text_t *tx = text_new(lang);
	size_t i;

	if (stopwords != NULL)
		assert_int_equal(
			kb_text_add_stopwords(tx, stopwords, strlen(stopwords)),
			KB_OK);
	for (i = 0; i < n; i++) {
		const char *got = render_with(tx, mode, t[i].in, detail);

		if (strcmp(got, t[i].want) != 0)
			fail_msg("input \"%s\": got \"%s\", want \"%s\"",
				 t[i].in, got, t[i].want);
	}
	kb_text_free(tx);
}

/* Writes s to a new temporary file and returns its path (to free). */
static char *
temp_file(const char *s)
{
	char *path = strdup("/tmp/test_text.XXXXXX");
	int fd;

	assert_non_null(path);
	fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, s, strlen(s)), (ssize_t)strlen(s));
	close(fd);
	return path;
}

/* ------------------------------------------------------------------ */
/* Base tokenizer */

/* The tokenizer's examples, one table per behaviour.  Each table is a
 * test of its own (see TOKENIZE_TEST in main). */

/* Offsets and positions are of the original text. */
static const example_t offsets[] = {
	{"Back pain, again.",
	 "^back@0-4:1 pain@5-9:2 again@11-16:3"},
	{"  lower-back\tpain",
	 "^lower@2-7:1 back@8-12:2 pain@13-17:3"},
	/* é is 2 bytes, the curly quotes 3 each. */
	{"Caf\xc3\xa9 \xe2\x80\x98"
	 "back\xe2\x80\x99s\xe2\x80\x99 pain",
	 "^cafe@0-5:1 back's@9-17:2 pain@21-25:3"},
	/* Full-width letters are 3 bytes each. */
	{"\xef\xbc\xa2\xef\xbc\xa1\xef\xbc\xa3\xef\xbc\xab pain",
	 "^back@0-12:1 pain@13-17:2"},
	/* e + combining acute: the mark belongs to the word. */
	{"cafe\xcc\x81 au lait", "^cafe@0-6:1 au@7-9:2 lait@10-14:3"},
	{"na\xc3\xafve \xe2\x80\x94 10 mg",
	 "^naive@0-6:1 10#@11-13:2 mg@14-16:3"},
	{"\xe6\x97\xa5\xe6\x9c\xac", "^\xe6\x97\xa5@0-3:1 "
				     "\xe6\x9c\xac@3-6:2"},
};

/* Case, accents and compatibility forms fold. */
static const example_t folds[] = {
	{"Caf\xc3\xa9", "^cafe"},
	{"\xef\xbc\xa2\xef\xbc\xa1\xef\xbc\xa3\xef\xbc\xab", "^back"},
	{"\xef\xac\x81le", "^file"},		/* ﬁ ligature */
	{"Stra\xc3\x9f" "e", "^strasse"},	/* ß */
	{"\xc3\x85NGSTR\xc3\x96M", "^angstrom"},
	{"\xc2\xb5g", "^\xce\xbcg"},		/* micro sign -> mu */
	{"\xce\xa3\xce\x8a\xce\xa3\xce\xa5\xce\xa6\xce\x9f\xce\xa3",
	 "^\xcf\x83\xce\xb9\xcf\x83\xcf\x85\xcf\x86\xce\xbf\xcf\x83"},
	{"\xc4\xb0stanbul", "^istanbul"},	/* dotted capital I */
	{"x\xc2\xb2", "^x2"},			/* superscript two */
	{"\xe2\x91\xa0", "^1"},		/* circled one */
	{"HeLLo WORLD", "^hello world"},
};

/* Numbers are words of their own. */
static const example_t numbers[] = {
	{"10", "^10#"},
	{"5-10", "^5# 10#"},
	{"3.5", "^3.5#"},
	{"1,000", "^1,000#"},
	{"1,000.50", "^1,000.50#"},
	{"1.2.3", "^1.2.3#"},
	/* Letters after digits start a new word... */
	{"10s", "^10# s"},
	{"3x daily", "^3# x daily"},
	{"10mg", "^10# mg"},
	{"2nd", "^2# nd"},
	/* ...but a word that starts with a letter keeps its digits. */
	{"covid19", "^covid19"},
	{"b12 v1.2", "^b12 v1 2#"},
	/* Only a single joiner between digits joins. */
	{"3..5", "^3# 5#"},
	{"3.5.", "^3.5#"},
	{"1, 2", "^1# 2#"},
	{".5", "^5#"},
	{"-40", "^40#"},
	/* Full-width digits, comma and full stop fold to ASCII. */
	{"\xef\xbc\x91\xef\xbc\x90", "^10#"},
	{"\xef\xbc\x93\xef\xbc\x8e\xef\xbc\x95", "^3.5#"},
	{"\xef\xbc\x91\xef\xbc\x8c\xef\xbc\x90\xef\xbc\x90\xef\xbc\x90",
	 "^1,000#"},
};

/* An apostrophe between letters stays in the word. */
static const example_t apostrophes[] = {
	{"don't", "^don't"},
	{"Don\xe2\x80\x99t", "^don't"},		/* U+2019 */
	{"back\xe2\x80\x99s pain", "^back's pain"},
	{"O\xca\xbc" "ahu", "^o'ahu"},		/* U+02BC */
	{"rock'n'roll", "^rock'n'roll"},
	{"l\xe2\x80\x99\xc3\xa9t\xc3\xa9", "^l'ete"},
	{"covid19's", "^covid19's"},
	/* Anywhere else it separates. */
	{"'quoted'", "^quoted"},
	{"\xe2\x80\x98quoted\xe2\x80\x99", "^quoted"},
	{"dogs' tails", "^dogs tails"},
	{"it''s", "^it s"},
	{"5's", "^5# s"},
	{"'", ""},
};

/* Each CJK character is a word. */
static const example_t cjk[] = {
	/* 日本語 */
	{"\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e",
	 "^\xe6\x97\xa5 \xe6\x9c\xac \xe8\xaa\x9e"},
	/* abc中文def */
	{"abc\xe4\xb8\xad\xe6\x96\x87" "def",
	 "^abc \xe4\xb8\xad \xe6\x96\x87 def"},
	/* 한국 (Hangul syllables) */
	{"\xed\x95\x9c\xea\xb5\xad", "^\xed\x95\x9c \xea\xb5\xad"},
	/* カナ・テ: the middle dot separates */
	{"\xe3\x82\xab\xe3\x83\x8a\xe3\x83\xbb\xe3\x83\x86",
	 "^\xe3\x82\xab \xe3\x83\x8a \xe3\x83\x86"},
	/* ᄒ ᅡ ᆫ: decomposed Hangul gives the syllable 한 */
	{"\xe1\x84\x92\xe1\x85\xa1\xe1\x86\xab\xea\xb5\xad",
	 "^\xed\x95\x9c \xea\xb5\xad"},
	/* か + combining dakuten folds like が: both lose the mark */
	{"\xe3\x81\x8b\xe3\x82\x99 \xe3\x81\x8c",
	 "^\xe3\x81\x8b \xe3\x81\x8b"},
	/* half-width ｶ folds to full-width カ */
	{"\xef\xbd\xb6", "^\xe3\x82\xab"},
	/* 3日: a number, then an ideograph */
	{"3\xe6\x97\xa5", "^3# \xe6\x97\xa5"},
};

/* The first word of a sentence is flagged (^). */
static const example_t sentences[] = {
	{"One. Two! Three? four", "^one ^two ^three ^four"},
	{"first\nsecond", "^first second"},
	{"first\n\nsecond", "^first ^second"},
	{"first\n \t\nsecond", "^first ^second"},
	{"first\r\n\r\nsecond", "^first ^second"},
	{"first\n-\nsecond", "^first second"},
	{"He said \"stop.\" Then", "^he said stop ^then"},
	{"it hurts.\n later", "^it hurts ^later"},
	/* An ASCII full stop needs white space after it. */
	{"www.nih.gov says", "^www nih gov says"},
	{"3.5 mg. Then", "^3.5# mg ^then"},
	{"end.\"Next", "^end next"},
	/* 日本。東京: the ideographic full stop needs no space. */
	{"\xe6\x97\xa5\xe6\x9c\xac\xe3\x80\x82\xe6\x9d\xb1\xe4\xba\xac",
	 "^\xe6\x97\xa5 \xe6\x9c\xac ^\xe6\x9d\xb1 \xe4\xba\xac"},
	{"a\xe2\x80\xa9" "b", "^a ^b"},	/* paragraph separator */
	{"...", ""},
	{". leading", "^leading"},
};

/* Lone combining marks make no word. */
static const example_t lone_marks[] = {
	/* Combining acute accents alone fold to nothing: no token and
	 * no position. */
	{"a \xcc\x81\xcc\x81 b", "^a@0-1:1 b@7-8:2"},
	{"\xcc\x81", ""},
};

/* A table of examples in document mode (check_table), and whether they
 * show offsets and positions. */
typedef struct tokenize_table {
	const example_t *t;
	size_t n;
	int detail;
} tokenize_table_t;

static void
run_tokenize_table(void **state)
{
	const tokenize_table_t *tt = *state;

	check_table(tt->t, tt->n, KB_TEXT_DOCUMENT, NULL, NULL, tt->detail);
}

static void
test_tokenize_empty_input_gives_no_tokens(void **state)
{
	kb_text_t *tx = text_new(NULL);
	sink_t k;

	(void)state;
	sink_init(&k, 0);
	assert_int_equal(kb_text_tokenize(tx, KB_TEXT_DOCUMENT, "", 0,
					  on_token, &k),
			 KB_OK);
	assert_int_equal(kb_text_tokenize(tx, KB_TEXT_QUERY, NULL, 0,
					  on_token, &k),
			 KB_OK);
	assert_int_equal(run(tx, KB_TEXT_DOCUMENT, " \n\t.,;-- ", 9, &k),
			 KB_OK);
	assert_int_equal(k.n, 0);
	assert_null(kb_text_errmsg(tx));
	sink_free(&k);
	kb_text_free(tx);
}

/* ------------------------------------------------------------------ */
/* Folding and UTF-8 helpers */

static void
test_fold_table(void **state)
{
	static const example_t t[] = {
		{"", ""},
		{"ABC def", "abc def"},
		{"Caf\xc3\xa9", "cafe"},
		{"\xef\xbc\xa2\xef\xbc\xa1\xef\xbc\xa3\xef\xbc\xab", "back"},
		{"\xef\xac\x81", "fi"},
		{"Don\xe2\x80\x99t", "don't"},
		{"\xe2\x80\x9cquoted\xe2\x80\x9d", "\"quoted\""},
		{"a\xff" "b\xc3", "ab"},	/* invalid bytes dropped */
		{"\xe2\x84\xaa", "k"},			/* Kelvin sign */
		{"x \xc2\xbd", "x 1\xe2\x81\x84" "2"},	/* ½ -> 1⁄2 */
	};
	kb_buf_t b;
	size_t i;

	(void)state;
	for (i = 0; i < N_ELEMS(t); i++) {
		kb_buf_init(&b);
		assert_int_equal(kb_text_fold(t[i].in, strlen(t[i].in), &b),
				 KB_OK);
		assert_non_null(b.data);
		if (strcmp(b.data, t[i].want) != 0)
			fail_msg("fold \"%s\": got \"%s\", want \"%s\"",
				 t[i].in, b.data, t[i].want);
		kb_buf_free(&b);
	}
}

/* The ASCII fast path and the cutting at ASCII bytes must give exactly
 * what utf8proc_map gives for the whole string. */
static void
test_fold_matches_utf8proc_map(void **state)
{
	static const char *const t[] = {
		"Caf\xc3\xa9 AU LAIT",
		"e\xcc\x81t\xc3\xa9",
		"A\xcc\x8a" "B",
		"\xce\x8a\xce\xa3\xce\xa3",
		"\xe3\x8e\x8f and \xe2\x91\xa0\xe2\x91\xa1",
		"\xc7\x84 Stra\xc3\x9f" "e",
		"\xed\x95\x9c\xea\xb5\xad\xec\x96\xb4 x",
		"\xef\xbd\xb6\xef\xbe\x9e",
		"\xe1\x84\x80\xe1\x85\xa1 jamo",
		"I\xcc\x87stanbul",
		"\xf0\x9d\x90\x80\xf0\x9d\x90\x81",
	};
	utf8proc_uint8_t *want;
	kb_buf_t b;
	size_t i;

	(void)state;
	for (i = 0; i < N_ELEMS(t); i++) {
		assert_true(utf8proc_map((const utf8proc_uint8_t *)t[i],
					 (utf8proc_ssize_t)strlen(t[i]),
					 &want,
					 UTF8PROC_STABLE | UTF8PROC_COMPAT
						 | UTF8PROC_COMPOSE
						 | UTF8PROC_CASEFOLD
						 | UTF8PROC_STRIPMARK)
			    >= 0);
		kb_buf_init(&b);
		assert_int_equal(kb_text_fold(t[i], strlen(t[i]), &b), KB_OK);
		assert_string_equal(b.data, (const char *)want);
		kb_buf_free(&b);
		free(want);
	}
}

static void
test_fold_appends_to_buffer(void **state)
{
	kb_buf_t b;

	(void)state;
	kb_buf_init(&b);
	kb_buf_puts(&b, "x:");
	assert_int_equal(kb_text_fold("\xc3\x89T\xc3\x89", 5, &b), KB_OK);
	assert_int_equal(kb_text_fold("!", 1, &b), KB_OK);
	assert_string_equal(b.data, "x:ete!");
	kb_buf_free(&b);
}

typedef struct bytes_example {
	const char *in;
	size_t len;
	const char *want;
	size_t want_len;
} bytes_example_t;

#define B(s) s, sizeof(s) - 1

static void
test_repair_utf8_table(void **state)
{
	static const bytes_example_t t[] = {
		{B(""), B("")},
		{B("abc"), B("abc")},
		{B("caf\xc3\xa9"), B("caf\xc3\xa9")},
		{B("a\xff" "b"), B("a\xef\xbf\xbd" "b")},
		{B("\x80"), B("\xef\xbf\xbd")},
		{B("\xc3"), B("\xef\xbf\xbd")},
		/* Each byte of a bad sequence becomes one U+FFFD. */
		{B("\xe2\x82"), B("\xef\xbf\xbd\xef\xbf\xbd")},
		{B("\xc0\xaf"), B("\xef\xbf\xbd\xef\xbf\xbd")},
		{B("\xed\xa0\x80"),
		 B("\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd")},
		{B("\xf4\x90\x80\x80x"),
		 B("\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbdx")},
		/* NUL bytes are dropped. */
		{B("a\0b\0"), B("ab")},
		{B("\xf0\x9f\x98\x80"), B("\xf0\x9f\x98\x80")},
	};
	kb_buf_t b;
	size_t i;

	(void)state;
	for (i = 0; i < N_ELEMS(t); i++) {
		kb_buf_init(&b);
		assert_int_equal(kb_text_repair_utf8(t[i].in, t[i].len, &b),
				 KB_OK);
		assert_int_equal(b.len, t[i].want_len);
		assert_memory_equal(b.data, t[i].want, t[i].want_len);
		assert_true(kb_text_valid_utf8(b.data, b.len));
		kb_buf_free(&b);
	}
}

static void
test_valid_utf8_table(void **state)
{
	static const struct {
		const char *in;
		size_t len;
		int valid;
	} t[] = {
		{B(""), 1},
		{B("plain ascii"), 1},
		{B("caf\xc3\xa9"), 1},
		{B("\xe6\x97\xa5\xe6\x9c\xac"), 1},
		{B("\xf0\x9f\x98\x80"), 1},
		{B("\xf4\x8f\xbf\xbf"), 1},		/* U+10FFFF */
		{B("a\0b"), 0},				/* NUL */
		{B("\xff"), 0},
		{B("\xfe"), 0},
		{B("\x80"), 0},				/* lone continuation */
		{B("\xc3"), 0},				/* truncated */
		{B("\xe2\x82"), 0},
		{B("\xf0\x9f\x98"), 0},
		{B("\xc0\xaf"), 0},			/* overlong '/' */
		{B("\xe0\x80\xaf"), 0},
		{B("\xf0\x80\x80\xaf"), 0},
		{B("\xed\xa0\x80"), 0},			/* surrogate */
		{B("\xf4\x90\x80\x80"), 0},		/* past U+10FFFF */
		{B("\xf5\x80\x80\x80"), 0},
	};
	size_t i;

	(void)state;
	for (i = 0; i < N_ELEMS(t); i++)
		if (kb_text_valid_utf8(t[i].in, t[i].len) != t[i].valid)
			fail_msg("entry %zu: want valid=%d", i, t[i].valid);
	assert_true(kb_text_valid_utf8(NULL, 0));
}

/* ------------------------------------------------------------------ */
/* Stopwords */

static void
test_positions_count_stopwords_in_both_modes(void **state)
{
	static const example_t doc[] = {
		{"The pain of the back is bad",
		 "^the~@0-3:1 pain@4-8:2 of~@9-11:3 the~@12-15:4 "
		 "back@16-20:5 is~@21-23:6 bad@24-27:7"},
	};
	static const example_t query[] = {
		{"The pain of the back is bad",
		 "pain@4-8:2 back@16-20:5 bad@24-27:7"},
		{"the of is", ""},
	};

	(void)state;
	check_table(doc, N_ELEMS(doc), KB_TEXT_DOCUMENT, "the\nof\nis\n",
		    NULL, 1);
	check_table(query, N_ELEMS(query), KB_TEXT_QUERY, "the\nof\nis\n",
		    NULL, 1);
}

static void
test_stopwords_load_file_with_comments_and_blank_lines(void **state)
{
	char *path = temp_file("# a header comment\n"
			       "\n"
			       "the   # trailing comment\n"
			       "  Of\t\n"
			       "\r\n"
			       "CAF\xc3\x89\n"
			       "Don\xe2\x80\x99t\n"
			       "#commented\n"
			       "last-word");
	kb_text_t *tx = text_new(NULL);

	(void)state;
	assert_int_equal(kb_text_load_stopwords(tx, path), KB_OK);
	assert_null(kb_text_errmsg(tx));
	assert_true(kb_text_is_stopword(tx, "the", 3));
	assert_true(kb_text_is_stopword(tx, "of", 2));
	assert_true(kb_text_is_stopword(tx, "cafe", 4));
	assert_true(kb_text_is_stopword(tx, "don't", 5));
	/* A line is tokenized like text: "last-word" gives two words. */
	assert_true(kb_text_is_stopword(tx, "last", 4));
	assert_true(kb_text_is_stopword(tx, "word", 4));
	assert_false(kb_text_is_stopword(tx, "commented", 9));
	assert_false(kb_text_is_stopword(tx, "comment", 7));
	assert_false(kb_text_is_stopword(tx, "header", 6));
	assert_false(kb_text_is_stopword(tx, "", 0));
	assert_false(kb_text_is_stopword(tx, "th", 2));
	assert_string_equal(render(tx, KB_TEXT_QUERY,
				   "The caf\xc3\xa9 don't close"),
			    "close");
	kb_text_free(tx);
	unlink(path);
	free(path);
}

static void
test_stopwords_missing_file_keeps_earlier_list(void **state)
{
	const char *missing = "/nonexistent/relief/stopwords.txt";
	kb_text_t *tx = text_new(NULL);

	(void)state;
	assert_int_equal(kb_text_add_stopwords(tx, "the\n", 4), KB_OK);
	assert_int_equal(kb_text_load_stopwords(tx, missing), KB_ERR_IO);
	assert_non_null(kb_text_errmsg(tx));
	assert_non_null(strstr(kb_text_errmsg(tx), missing));
	assert_non_null(strstr(kb_text_errmsg(tx), "No such file"));
	assert_true(kb_text_is_stopword(tx, "the", 3));
	/* A directory opens but cannot be read. */
	assert_int_equal(kb_text_load_stopwords(tx, "/tmp"), KB_ERR_IO);
	assert_non_null(strstr(kb_text_errmsg(tx), "/tmp"));
	assert_true(kb_text_is_stopword(tx, "the", 3));
	/* The next successful call clears the message. */
	assert_int_equal(kb_text_add_stopwords(tx, "a", 1), KB_OK);
	assert_null(kb_text_errmsg(tx));
	kb_text_free(tx);
}

static void
test_stopwords_load_replaces_and_add_extends(void **state)
{
	char *path = temp_file("of\n");
	kb_text_t *tx = text_new(NULL);

	(void)state;
	assert_int_equal(kb_text_add_stopwords(tx, "the\nan", 6), KB_OK);
	assert_int_equal(kb_text_add_stopwords(tx, "is", 2), KB_OK);
	assert_true(kb_text_is_stopword(tx, "the", 3));
	assert_true(kb_text_is_stopword(tx, "an", 2));
	assert_true(kb_text_is_stopword(tx, "is", 2));
	assert_int_equal(kb_text_load_stopwords(tx, path), KB_OK);
	assert_false(kb_text_is_stopword(tx, "the", 3));
	assert_true(kb_text_is_stopword(tx, "of", 2));
	/* Adding nothing keeps the list. */
	assert_int_equal(kb_text_add_stopwords(tx, NULL, 0), KB_OK);
	assert_true(kb_text_is_stopword(tx, "of", 2));
	kb_text_free(tx);
	unlink(path);
	free(path);
}

static void
test_stopwords_many_words_stay_findable(void **state)
{
	kb_buf_t list;
	kb_text_t *tx;
	char w[32];
	int i;

	(void)state;
	kb_buf_init(&list);
	for (i = 0; i < 5000; i++)
		kb_buf_printf(&list, "w%d\n", i);
	assert_int_equal(list.err, KB_OK);
	tx = text_new(NULL);
	assert_int_equal(kb_text_add_stopwords(tx, list.data, list.len),
			 KB_OK);
	for (i = 0; i < 5000; i++) {
		snprintf(w, sizeof(w), "w%d", i);
		assert_true(kb_text_is_stopword(tx, w, strlen(w)));
	}
	assert_false(kb_text_is_stopword(tx, "w5000", 5));
	assert_false(kb_text_is_stopword(tx, "w", 1));
	kb_text_free(tx);
	kb_buf_free(&list);
}

/* The shipped list: function words in, symptom words out. */
static void
test_stopwords_english_list_keeps_symptom_words(void **state)
{
	static const char *const in[] = {
		"the", "what", "how", "why", "when", "i", "my", "is", "can",
		"i'm", "it's", "of", "and",
	};
	static const char *const out[] = {
		"back", "down", "up", "over", "off", "after", "before",
		"night", "morning", "not", "no", "side", "left", "right",
		"during", "while", "don't", "can't", "pain",
	};
	kb_text_t *tx = text_new(NULL);
	size_t i;

	(void)state;
	/* The Makefile says where the sources are; without it, the test
	 * runs from the top of the tree. */
#ifdef KB_SRCDIR
	assert_int_equal(kb_text_load_stopwords(
				 tx, KB_SRCDIR "/stopwords/english.txt"),
			 KB_OK);
#else
	assert_int_equal(kb_text_load_stopwords(tx, "stopwords/english.txt"),
			 KB_OK);
#endif
	for (i = 0; i < N_ELEMS(in); i++)
		if (!kb_text_is_stopword(tx, in[i], strlen(in[i])))
			fail_msg("\"%s\" should be a stopword", in[i]);
	for (i = 0; i < N_ELEMS(out); i++)
		if (kb_text_is_stopword(tx, out[i], strlen(out[i])))
			fail_msg("\"%s\" must not be a stopword", out[i]);
	kb_text_free(tx);
}

/* ------------------------------------------------------------------ */
/* Stemming */

static void
test_stem_table(void **state)
{
	/* What Snowball's english stemmer really gives. */
	static const example_t t[] = {
		{"running", "run"},
		{"exercises", "exercis"},
		{"exercise", "exercis"},
		{"stiffness", "stiff"},
		{"headaches", "headach"},
		{"dizziness", "dizzi"},
		{"vomiting", "vomit"},
		{"swelling", "swell"},
		{"breathing", "breath"},
		{"tiredness", "tired"},
		{"painful", "pain"},
		{"infections", "infect"},
		{"numbness", "numb"},
		{"tingling", "tingl"},
		{"kidneys", "kidney"},
		{"diabetes", "diabet"},
		{"back's", "back"},
		{"don't", "don't"},
		{"10", "10"},
		{"", ""},
	};
	const char *out;
	size_t len, i;
	kb_text_t *tx = text_new("english");

	(void)state;
	/* Twice: the second round is answered by the stem cache. */
	for (i = 0; i < 2 * N_ELEMS(t); i++) {
		const example_t *e = &t[i % N_ELEMS(t)];

		assert_int_equal(kb_text_stem(tx, e->in, strlen(e->in), &out,
					      &len),
				 KB_OK);
		assert_int_equal(len, strlen(out));
		if (strcmp(out, e->want) != 0)
			fail_msg("stem \"%s\": got \"%s\", want \"%s\"",
				 e->in, out, e->want);
	}
	/* With stemming off, a copy of the word. */
	assert_int_equal(kb_text_set_stemmer(tx, NULL), KB_OK);
	assert_int_equal(kb_text_stem(tx, "running", 7, &out, &len), KB_OK);
	assert_string_equal(out, "running");
	assert_int_equal(len, 7);
	kb_text_free(tx);
}

static void
test_tokenize_stems_words_but_not_numbers_or_stopwords(void **state)
{
	static const example_t doc[] = {
		{"Running exercises 10 times",
		 "^run* exercis* 10# time*"},
		/* A stopword keeps its folded form. */
		{"having swelling", "^having~ swell*"},
		{"Dizziness, Stiffness. Pain",
		 "^dizzi* stiff* ^pain"},
	};
	static const example_t query[] = {
		{"having swelling", "swell*"},
	};

	(void)state;
	check_table(doc, N_ELEMS(doc), KB_TEXT_DOCUMENT, "having\n",
		    "english", 0);
	check_table(query, N_ELEMS(query), KB_TEXT_QUERY, "having\n",
		    "english", 0);
}

static void
test_tokenize_passes_tokens_over_max_stem_unstemmed(void **state)
{
	char word[KB_TEXT_MAX_STEM + 2];
	const char *out;
	size_t len;
	kb_text_t *tx = text_new("english");
	sink_t k;

	(void)state;
	/* Exactly KB_TEXT_MAX_STEM bytes: stemmed. */
	memset(word, 'a', KB_TEXT_MAX_STEM - 3);
	memcpy(word + KB_TEXT_MAX_STEM - 3, "ing", 3);
	sink_init(&k, KB_TEXT_MAX_STEM);
	assert_int_equal(run(tx, KB_TEXT_DOCUMENT, word, KB_TEXT_MAX_STEM,
			     &k),
			 KB_OK);
	assert_int_equal(k.n, 1);
	assert_true(k.v[0].flags & KB_TOKEN_STEMMED);
	assert_int_equal(k.v[0].len, KB_TEXT_MAX_STEM - 3);
	sink_free(&k);
	/* One byte more: passes through. */
	memset(word, 'a', KB_TEXT_MAX_STEM - 2);
	memcpy(word + KB_TEXT_MAX_STEM - 2, "ing", 3);
	sink_init(&k, KB_TEXT_MAX_STEM + 1);
	assert_int_equal(run(tx, KB_TEXT_DOCUMENT, word,
			     KB_TEXT_MAX_STEM + 1, &k),
			 KB_OK);
	assert_int_equal(k.n, 1);
	assert_false(k.v[0].flags & KB_TOKEN_STEMMED);
	assert_int_equal(k.v[0].len, KB_TEXT_MAX_STEM + 1);
	assert_memory_equal(k.v[0].term, word, KB_TEXT_MAX_STEM + 1);
	sink_free(&k);
	/* kb_text_stem follows the same rule. */
	assert_int_equal(kb_text_stem(tx, word, KB_TEXT_MAX_STEM + 1, &out,
				      &len),
			 KB_OK);
	assert_int_equal(len, KB_TEXT_MAX_STEM + 1);
	assert_memory_equal(out, word, len);
	kb_text_free(tx);
}

/* The stem of the word w by tx, which must succeed (borrowed, as
 * kb_text_stem's). */
static const char *
stem_of(kb_text_t *tx, const char *w)
{
	const char *out;
	size_t len;

	assert_int_equal(kb_text_stem(tx, w, strlen(w), &out, &len), KB_OK);
	return out;
}

static void
test_set_stemmer_unknown_language_is_not_found(void **state)
{
	kb_text_t *tx = text_new("english");

	(void)state;
	assert_int_equal(kb_text_set_stemmer(tx, "klingon"),
			 KB_ERR_NOT_FOUND);
	assert_non_null(kb_text_errmsg(tx));
	assert_non_null(strstr(kb_text_errmsg(tx), "klingon"));
	/* The earlier stemmer stays. */
	assert_string_equal(stem_of(tx, "running"), "run");
	assert_null(kb_text_errmsg(tx));
	assert_int_equal(kb_text_set_stemmer(tx, "English"),
			 KB_ERR_NOT_FOUND);
	kb_text_free(tx);
}

/* Many more words than the stem cache has slots, in two rounds, against
 * libstemmer itself: evictions and collisions never give a wrong stem. */
static void
test_stem_cache_agrees_with_libstemmer(void **state)
{
	static const char *const suffix[] = {
		"ing", "ness", "s", "es", "ed", "ly", "ful", "ation", "",
	};
	struct sb_stemmer *oracle = sb_stemmer_new("english", "UTF_8");
	const sb_symbol *want;
	const char *out;
	size_t len;
	char w[64];
	kb_text_t *tx;
	int round, i, n;

	(void)state;
	assert_non_null(oracle);
	tx = text_new("english");
	for (round = 0; round < 2; round++) {
		for (i = 0; i < 20000; i++) {
			n = snprintf(w, sizeof(w), "%c%cmp%d%s",
				     'a' + i % 26, 'a' + i / 26 % 26, i / 676,
				     suffix[i % N_ELEMS(suffix)]);
			want = sb_stemmer_stem(oracle, (const sb_symbol *)w,
					       n);
			assert_non_null(want);
			assert_int_equal(kb_text_stem(tx, w, (size_t)n, &out,
						      &len),
					 KB_OK);
			assert_int_equal(len, sb_stemmer_length(oracle));
			assert_memory_equal(out, want, len);
		}
	}
	kb_text_free(tx);
	sb_stemmer_delete(oracle);
}

static void
test_set_stemmer_switch_forgets_cached_stems(void **state)
{
	kb_text_t *tx = text_new("english");

	(void)state;
	assert_string_equal(stem_of(tx, "laufen"), "laufen");
	assert_int_equal(kb_text_set_stemmer(tx, "german"), KB_OK);
	assert_string_equal(stem_of(tx, "laufen"), "lauf");
	assert_string_equal(render(tx, KB_TEXT_DOCUMENT, "laufen running"),
			    "^lauf* running");
	kb_text_free(tx);
}

/* ------------------------------------------------------------------ */
/* Callbacks and API misuse */

/* Tokenizes "one two three four" with tx into a sink that returns
 * stop_rc at token limit, checks that limit tokens came, and returns what
 * the tokenizer returned. */
static kb_status_t
stop_at(kb_text_t *tx, size_t limit, kb_status_t stop_rc)
{
	kb_status_t rc;
	sink_t k;

	sink_init(&k, 18);
	k.limit = limit;
	k.stop_rc = stop_rc;
	rc = run(tx, KB_TEXT_DOCUMENT, "one two three four", 18, &k);
	assert_int_equal(k.n, limit);
	sink_free(&k);
	return rc;
}

static void
test_callback_done_stops_early_with_ok(void **state)
{
	kb_text_t *tx = text_new(NULL);

	(void)state;
	assert_int_equal(stop_at(tx, 2, KB_DONE), KB_OK);
	assert_null(kb_text_errmsg(tx));
	kb_text_free(tx);
}

static void
test_callback_error_propagates_with_message(void **state)
{
	kb_text_t *tx = text_new("english");
	sink_t k;

	(void)state;
	assert_int_equal(stop_at(tx, 3, KB_ERR_IO), KB_ERR_IO);
	assert_non_null(kb_text_errmsg(tx));
	assert_non_null(strstr(kb_text_errmsg(tx), "callback"));
	/* The handle works again afterwards. */
	sink_init(&k, 3);
	assert_int_equal(run(tx, KB_TEXT_DOCUMENT, "one", 3, &k), KB_OK);
	assert_int_equal(k.n, 1);
	assert_null(kb_text_errmsg(tx));
	sink_free(&k);
	kb_text_free(tx);
}

typedef struct reentry {
	kb_text_t *tx;
	kb_status_t nested;
	int term_kept;
} reentry_t;

static kb_status_t
on_token_reenter(void *ctx, const kb_token_t *tok)
{
	reentry_t *r = ctx;
	char before[KB_TEXT_MAX_TOKEN + 1];
	const char *stem;
	size_t len;

	memcpy(before, tok->term, tok->len + 1);
	assert_int_equal(kb_text_stem(r->tx, "swelling", 8, &stem, &len),
			 KB_OK);
	assert_string_equal(stem, "swell");
	r->term_kept = strcmp(before, tok->term) == 0;
	r->nested = kb_text_tokenize(r->tx, KB_TEXT_QUERY, "x", 1,
				     on_token_reenter, r);
	return KB_OK;
}

static void
test_callback_may_stem_but_not_tokenize_again(void **state)
{
	reentry_t r;

	(void)state;
	assert_int_equal(kb_text_new(&r.tx), KB_OK);
	assert_int_equal(kb_text_set_stemmer(r.tx, "english"), KB_OK);
	r.nested = KB_OK;
	r.term_kept = 0;
	assert_int_equal(kb_text_tokenize(r.tx, KB_TEXT_DOCUMENT, "running",
					  7, on_token_reenter, &r),
			 KB_OK);
	assert_int_equal(r.nested, KB_ERR_ARG);
	assert_true(r.term_kept);
	kb_text_free(r.tx);
}

static void
test_api_rejects_missing_arguments(void **state)
{
	const char *out = "x";
	size_t len = 1;
	kb_text_t *tx;

	(void)state;
	kb_text_free(NULL);
	assert_null(kb_text_errmsg(NULL));
	tx = text_new(NULL);
	assert_null(kb_text_errmsg(tx));
	assert_int_equal(kb_text_tokenize(tx, KB_TEXT_DOCUMENT, "a", 1, NULL,
					  NULL),
			 KB_ERR_ARG);
	assert_non_null(kb_text_errmsg(tx));
	assert_int_equal(kb_text_tokenize(tx, KB_TEXT_DOCUMENT, NULL, 3,
					  on_token, NULL),
			 KB_ERR_ARG);
	assert_int_equal(kb_text_tokenize(tx, (kb_text_mode_t)7, "a", 1,
					  on_token, NULL),
			 KB_ERR_ARG);
	assert_int_equal(kb_text_load_stopwords(tx, NULL), KB_ERR_ARG);
	assert_int_equal(kb_text_add_stopwords(tx, NULL, 3), KB_ERR_ARG);
	assert_int_equal(kb_text_stem(tx, NULL, 3, &out, &len), KB_ERR_ARG);
	assert_null(out);
	assert_int_equal(len, 0);
	assert_false(kb_text_is_stopword(tx, NULL, 0));
	kb_text_free(tx);
}

/* ------------------------------------------------------------------ */
/* Bad and pathological input */

static void
test_tokenize_treats_invalid_utf8_as_separators(void **state)
{
	static const bytes_example_t t[] = {
		{B("\x80"), B("")},
		{B("\xbf\xbf\xbf"), B("")},
		{B("a\x80" "b"), B("^a b")},
		{B("caf\xc3"), B("^caf")},
		{B("\xc3\xa9\x80"), B("^e")},
		{B("don\xe2\x80t"), B("^don t")},	/* truncated ’ */
		{B("\xf0\x9f\x98" "x"), B("^x")},
		{B("\xc0\xaf" "a"), B("^a")},		/* overlong */
		{B("\xe0\x80\xaf" "a"), B("^a")},
		{B("\xf0\x80\x80\xaf" "a"), B("^a")},
		{B("a\xed\xa0\x80" "b"), B("^a b")},	/* surrogate */
		{B("\xf4\x90\x80\x80" "a"), B("^a")},
		{B("\xff\xfe" "a\xff"), B("^a")},
		{B("a\0b\0"), B("^a b")},		/* NUL bytes */
		{B("1.\xff" "5"), B("^1# 5#")},
		{B("\xe6\x97\xa5\xe6\x9c"), B("^\xe6\x97\xa5")},
		{B("it'\xff" "s"), B("^it s")},
	};
	kb_text_t *tx = text_new(NULL);
	size_t i, used;
	sink_t k;
	char got[256];

	(void)state;
	for (i = 0; i < N_ELEMS(t); i++) {
		size_t j;

		sink_init(&k, t[i].len);
		assert_int_equal(run(tx, KB_TEXT_DOCUMENT, t[i].in, t[i].len,
				     &k),
				 KB_OK);
		used = 0;
		got[0] = '\0';
		for (j = 0; j < k.n; j++)
			used += (size_t)snprintf(
				got + used, sizeof(got) - used, "%s%s%s%s",
				j > 0 ? " " : "",
				k.v[j].flags & KB_TOKEN_SENTENCE ? "^" : "",
				k.v[j].term,
				k.v[j].flags & KB_TOKEN_NUMBER ? "#" : "");
		if (strcmp(got, t[i].want) != 0)
			fail_msg("entry %zu: got \"%s\", want \"%s\"", i, got,
				 t[i].want);
		sink_free(&k);
	}
	kb_text_free(tx);
}

/* xorshift32: a fixed seed makes any failure reproducible. */
static uint32_t
next_rand(uint32_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return *s;
}

static void
test_tokenize_survives_random_fragments(void **state)
{
	/* Pieces that exercise every branch: joiners, apostrophes, marks,
	 * CJK, full-width forms, sentence ends and broken sequences. */
	static const char *const piece[] = {
		"a", "Z", "7", ".", ",", "'", " ", "\n", "-", "?",
		"\xe2\x80\x99", "\xca\xbc", "\xc3\xa9", "\xcc\x81",
		"\xe6\x97\xa5", "\xe3\x80\x82", "\xef\xbc\xa1", "\xef\xbc\x91",
		"\xef\xbc\x8e", "\xef\xac\x81", "\xed\x95\x9c", "\xef\xbe\x9e",
		"\xff", "\x80", "\xc3", "\xe2\x80", "\xf0\x9f\x98", "\0",
		"\xc2\xa0", "\xe2\x80\xa9", "ing", "the",
	};
	char buf[256];
	uint32_t seed = 2463534242u;
	kb_text_t *tx = text_new(NULL);
	size_t len, n, i;
	int round;
	sink_t k;

	(void)state;
	assert_int_equal(kb_text_add_stopwords(tx, "the\na\n", 6), KB_OK);
	for (round = 0; round < 20000; round++) {
		if (round == 10000)
			assert_int_equal(kb_text_set_stemmer(tx, "english"),
					 KB_OK);
		len = 0;
		n = next_rand(&seed) % 40;
		for (i = 0; i < n; i++) {
			const char *p = piece[next_rand(&seed)
					      % N_ELEMS(piece)];
			size_t plen = *p == '\0' ? 1 : strlen(p);

			if (len + plen > sizeof(buf))
				break;
			memcpy(buf + len, p, plen);
			len += plen;
		}
		sink_init(&k, len);
		k.count_only = 1;
		assert_int_equal(run(tx, round % 2 ? KB_TEXT_QUERY
						   : KB_TEXT_DOCUMENT,
				     buf, len, &k),
				 KB_OK);
		sink_free(&k);
	}
	kb_text_free(tx);
}

static void
test_tokenize_cuts_long_runs_to_one_token(void **state)
{
	/* Georgian letters are 3 bytes, so 200 bytes fall mid-character and
	 * the cut goes back to 198. */
	static const char geo[] = "\xe1\x83\x90";
	char run_buf[300 * 3];
	kb_text_t *tx = text_new(NULL);
	size_t i;
	sink_t k;

	(void)state;
	memset(run_buf, 'A', 300);
	memcpy(run_buf + 300, " tail", 5);
	sink_init(&k, 305);
	assert_int_equal(run(tx, KB_TEXT_DOCUMENT, run_buf, 305, &k), KB_OK);
	assert_int_equal(k.n, 2);
	assert_int_equal(k.v[0].len, KB_TEXT_MAX_TOKEN);
	assert_int_equal(k.v[0].start, 0);
	assert_int_equal(k.v[0].end, 300);
	for (i = 0; i < k.v[0].len; i++)
		assert_int_equal(k.v[0].term[i], 'a');
	assert_string_equal(k.v[1].term, "tail");
	assert_int_equal(k.v[1].pos, 2);
	sink_free(&k);

	for (i = 0; i < 300; i++)
		memcpy(run_buf + 3 * i, geo, 3);
	sink_init(&k, sizeof(run_buf));
	assert_int_equal(run(tx, KB_TEXT_DOCUMENT, run_buf, sizeof(run_buf),
			     &k),
			 KB_OK);
	assert_int_equal(k.n, 1);
	assert_int_equal(k.v[0].len, 198);
	assert_int_equal(k.v[0].end, sizeof(run_buf));
	sink_free(&k);
	kb_text_free(tx);
}

typedef struct shape {
	const char *name;
	const char *unit;	/* repeated to fill the input */
	size_t unit_len;
} shape_t;

/* 10 MB on a single line, in shapes that would expose any rescanning:
 * ordinary words, one giant word, a giant number with joiners, a giant
 * apostrophe chain, a giant accented run, marks only, bad bytes only. */
static void
test_tokenize_is_linear_on_a_10mb_single_line(void **state)
{
	static const shape_t shapes[] = {
		{"words", B("The patients' backs were swelling after 10 "
			    "days, and caf\xc3\xa9 \xe6\x97\xa5 ")},
		{"one word", B("a")},
		{"one number", B("1.")},
		{"apostrophes", B("a'")},
		{"accents", B("\xc3\xa9")},
		{"marks", B("\xcc\x81")},
		{"invalid", B("\xff")},
		{"dots", B(". ")},
	};
	const size_t size = 10u << 20;
	char *buf = malloc(size);
	kb_text_t *tx;
	double t0, dt;
	size_t i, off;
	sink_t k;

	(void)state;
	assert_non_null(buf);
	tx = text_new(NULL);
	assert_int_equal(kb_text_add_stopwords(tx, "the\nand\n", 8), KB_OK);
	assert_int_equal(kb_text_set_stemmer(tx, "english"), KB_OK);
	for (i = 0; i < N_ELEMS(shapes); i++) {
		for (off = 0; off + shapes[i].unit_len <= size;
		     off += shapes[i].unit_len)
			memcpy(buf + off, shapes[i].unit, shapes[i].unit_len);
		sink_init(&k, off);
		k.count_only = 1;
		t0 = now();
		assert_int_equal(kb_text_tokenize(tx, KB_TEXT_DOCUMENT, buf,
						  off, on_token, &k),
				 KB_OK);
		dt = now() - t0;
		/* Linear work on 10 MB takes well under a second, even
		 * under a sanitizer; anything quadratic takes hours.  The
		 * bound is loose for valgrind. */
		if (dt > 60.0)
			fail_msg("%s: %.1f s for 10 MB", shapes[i].name, dt);
		if (strcmp(shapes[i].name, "one word") == 0)
			assert_int_equal(k.n, 1);
		sink_free(&k);
	}
	kb_text_free(tx);
	free(buf);
}

/* A cmocka test named name that runs run_tokenize_table on table. */
#define TOKENIZE_TEST(name, table, detail)                                 \
	{ #name, run_tokenize_table, NULL, NULL,                           \
	  (void *)&(const tokenize_table_t){ table, N_ELEMS(table), detail } }

int
main(void)
{
	const struct CMUnitTest tests[] = {
		TOKENIZE_TEST(test_tokenize_reports_offsets_into_original,
			      offsets, 1),
		TOKENIZE_TEST(test_tokenize_folds_case_accents_and_compat_forms,
			      folds, 0),
		TOKENIZE_TEST(test_tokenize_splits_numbers, numbers, 0),
		TOKENIZE_TEST(test_tokenize_keeps_apostrophes_between_letters,
			      apostrophes, 0),
		TOKENIZE_TEST(test_tokenize_emits_each_cjk_character, cjk, 0),
		TOKENIZE_TEST(test_tokenize_flags_sentence_starts,
			      sentences, 0),
		TOKENIZE_TEST(test_tokenize_drops_runs_of_lone_marks,
			      lone_marks, 1),
		cmocka_unit_test(test_tokenize_empty_input_gives_no_tokens),
		cmocka_unit_test(test_fold_table),
		cmocka_unit_test(test_fold_matches_utf8proc_map),
		cmocka_unit_test(test_fold_appends_to_buffer),
		cmocka_unit_test(test_repair_utf8_table),
		cmocka_unit_test(test_valid_utf8_table),
		cmocka_unit_test(test_positions_count_stopwords_in_both_modes),
		cmocka_unit_test(
			test_stopwords_load_file_with_comments_and_blank_lines),
		cmocka_unit_test(
			test_stopwords_missing_file_keeps_earlier_list),
		cmocka_unit_test(test_stopwords_load_replaces_and_add_extends),
		cmocka_unit_test(test_stopwords_many_words_stay_findable),
		cmocka_unit_test(
			test_stopwords_english_list_keeps_symptom_words),
		cmocka_unit_test(test_stem_table),
		cmocka_unit_test(
			test_tokenize_stems_words_but_not_numbers_or_stopwords),
		cmocka_unit_test(
			test_tokenize_passes_tokens_over_max_stem_unstemmed),
		cmocka_unit_test(
			test_set_stemmer_unknown_language_is_not_found),
		cmocka_unit_test(test_stem_cache_agrees_with_libstemmer),
		cmocka_unit_test(
			test_set_stemmer_switch_forgets_cached_stems),
		cmocka_unit_test(test_callback_done_stops_early_with_ok),
		cmocka_unit_test(test_callback_error_propagates_with_message),
		cmocka_unit_test(
			test_callback_may_stem_but_not_tokenize_again),
		cmocka_unit_test(test_api_rejects_missing_arguments),
		cmocka_unit_test(
			test_tokenize_treats_invalid_utf8_as_separators),
		cmocka_unit_test(test_tokenize_survives_random_fragments),
		cmocka_unit_test(test_tokenize_cuts_long_runs_to_one_token),
		cmocka_unit_test(
			test_tokenize_is_linear_on_a_10mb_single_line),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
