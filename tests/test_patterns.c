/* test_patterns.c - every PCRE2 rule relief runs, fed input that makes
 * backtracking explode, stays within its limits and in time in proportion
 * to the input (issue 14, item 2).
 *
 * The rules are the cleaner's own (clean_rules_pattern) and the patterns
 * of the rule files of lexicon/ that the segmenter and the question
 * engine load.  Each is compiled with its loader's options through
 * util/kb_regex.h, the one compile place, and matched with its limits on
 * subjects made from the pattern itself (its words run together, with
 * and without spaces, and its first word repeated) and on generic ones
 * (runs of letters, digits, blanks, punctuation), long enough that a
 * pattern with nested or unbounded quantifiers over the same text runs
 * into the match limit.  Such a rule would silently fail to match and
 * cost its limit on every line or sentence, so hitting a limit fails the
 * test, naming the pattern and the subject; so does taking more than a
 * generous time.
 *
 * Run from the top of the tree (make check does); KB_SLOW=1 relaxes the
 * time limits for sanitizer builds.
 */
#include "helpers.h"

#include "../clean/clean_internal.h"
#include "../util/kb_regex.h"

/* Long enough that a quadratic pattern hits the match limit (200,000)
 * and that the cost of a linear one is measurable. */
#define LONG_SUBJECT (64u << 10)
/* Questions are matched interpreted below KB_REGEX_JIT_FROM bytes. */
#define SHORT_SUBJECT (KB_REGEX_JIT_FROM - 96)

typedef struct rule {
	char *where; /* "lexicon/kinds.txt:12", "clean rule 3" */
	char *pattern;
	uint32_t opts;
	kb_regex_run_t run;
} rule_t;

typedef struct rules {
	rule_t *v;
	size_t n, cap;
} rules_t;

static void
add_rule(rules_t *rs, const char *where, const char *pat, size_t len,
	 uint32_t opts, kb_regex_run_t run)
{
	if (rs->n == rs->cap) {
		rs->cap = rs->cap ? 2 * rs->cap : 64;
		rs->v = realloc(rs->v, rs->cap * sizeof(*rs->v));
		assert_non_null(rs->v);
	}
	rs->v[rs->n].where = strdup(where);
	rs->v[rs->n].pattern = strndup(pat, len);
	assert_non_null(rs->v[rs->n].where);
	assert_non_null(rs->v[rs->n].pattern);
	rs->v[rs->n].opts = opts;
	rs->v[rs->n].run = run;
	rs->n++;
}

/* The rule files with patterns, the options their loaders compile them
 * with, and how they run (snippet/snippet_lexicon.c, query/qlex.c,
 * query/redflag.c).  The pattern is the last field of a rule line;
 * word lists ('=' first, or a field of words and '|' only) are matched
 * by hashing, not PCRE2, and are left out. */
static const struct {
	const char *file;
	uint32_t opts;
	kb_regex_run_t run;
} files[] = {
    {"kinds.txt", PCRE2_UCP | PCRE2_CASELESS, KB_REGEX_JIT},
    {"names.txt", PCRE2_UCP | PCRE2_CASELESS, KB_REGEX_JIT},
    {"cues.txt", PCRE2_UCP | PCRE2_CASELESS, KB_REGEX_JIT},
    {"questions.txt", PCRE2_CASELESS, KB_REGEX_INTERPRET},
    {"answers.txt", PCRE2_CASELESS, KB_REGEX_INTERPRET},
    {"red-flags.txt", PCRE2_UCP | PCRE2_CASELESS, KB_REGEX_INTERPRET},
};

/* True when s[0..len) is a word list: words, blanks, ' - and | only. */
static int
word_list(const char *s, size_t len)
{
	size_t i;

	if (len > 0 && s[0] == '=')
		return 1;
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c >= 0x80 || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') ||
		    c == ' ' || c == '|' || c == '\'' || c == '-')
			continue;
		return 0;
	}
	return 1;
}

static void
load_file(rules_t *rs, size_t f)
{
	char path[256], where[300];
	size_t len, i = 0, line = 0;
	char *data;

	snprintf(path, sizeof(path), "%s/lexicon/%s", KB_SRCDIR,
		 files[f].file);
	data = read_whole(path, &len);
	assert_non_null(data);
	while (i < len) {
		size_t e = i, t;

		while (e < len && data[e] != '\n')
			e++;
		line++;
		t = e;
		while (t > i && (data[t - 1] == ' ' || data[t - 1] == '\r'))
			t--;
		if (t > i && data[i] != '#' && data[i] != '@') {
			size_t p = t;

			while (p > i && data[p - 1] != '\t')
				p--;
			if (p > i && !word_list(data + p, t - p)) {
				snprintf(where, sizeof(where), "lexicon/%s:%zu",
					 files[f].file, line);
				add_rule(rs, where, data + p, t - p,
					 files[f].opts, files[f].run);
			}
		}
		i = e + 1;
	}
	free(data);
}

static rules_t
all_rules(void)
{
	rules_t rs = {0};
	const char *pat;
	uint32_t opts;
	char where[64];
	size_t i;

	for (i = 0; (pat = clean_rules_pattern(i, &opts)) != NULL; i++) {
		snprintf(where, sizeof(where),
			 "clean/clean_rules.c pattern %zu", i);
		add_rule(&rs, where, pat, strlen(pat), opts, KB_REGEX_JIT);
	}
	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++)
		load_file(&rs, i);
	return rs;
}

static void
free_rules(rules_t *rs)
{
	size_t i;

	for (i = 0; i < rs->n; i++) {
		free(rs->v[i].where);
		free(rs->v[i].pattern);
	}
	free(rs->v);
}

/* The words of a pattern: its runs of two or more ASCII letters that are
 * not an escape (\b, \s, \p{L}) or a group's option ("(?i"), in order,
 * separated by a space, in out (size bytes). */
static void
pattern_words(const char *p, char *out, size_t size)
{
	size_t i = 0, o = 0, n = strlen(p);

	out[0] = '\0';
	while (i < n && o + 2 < size) {
		size_t s;

		if (p[i] == '\\') {
			i += 2;
			if (i < n && p[i - 1] == 'p' && p[i] == '{')
				while (i < n && p[i] != '}')
					i++;
			continue;
		}
		if (p[i] == '(' && i + 1 < n && p[i + 1] == '?') {
			i += 2;
			while (i < n && ((p[i] >= 'a' && p[i] <= 'z') ||
					 p[i] == '-'))
				i++;
			continue;
		}
		if (!((p[i] | 0x20) >= 'a' && (p[i] | 0x20) <= 'z')) {
			i++;
			continue;
		}
		s = i;
		while (i < n && (p[i] | 0x20) >= 'a' && (p[i] | 0x20) <= 'z')
			i++;
		if (i - s < 2 || o + (i - s) + 2 >= size)
			continue;
		if (o > 0)
			out[o++] = ' ';
		memcpy(out + o, p + s, i - s);
		o += i - s;
		out[o] = '\0';
	}
}

/* Fills s with len bytes of unit repeated (unit not empty). */
static void
fill(char *s, size_t len, const char *unit)
{
	size_t ul = strlen(unit), i;

	for (i = 0; i < len; i++)
		s[i] = unit[i % ul];
}

/* Generic subjects: what the rules' classes (\s, \w, \d, \p{P}, .) and
 * separators match in long runs. */
static const char *const generic[] = {
    "a",    "a ",   "aa aa ", "1",        "1 ",      " ",     "\t",
    ". ",   "a.",   ": ",     "( ",       "| ",      "- ",    "a1-",
    "1. ",  "a, ",  "A a. ",  "\xe2\x80\xa6", "\xc2\xbb ", "\xe4\xb8\x80",
    "1 x ", "a:a ", "?",      ">",
};

/* Rules that failed, each reported as it is found. */
static unsigned failures;

/* Matches rule r on the subject s[0..len) from offset 0, as its callers
 * do: the JIT-compiled ones with JIT, the interpreted ones interpreted
 * below KB_REGEX_JIT_FROM bytes.  Counts a failure when a limit stops
 * the match. */
static double
one(const rule_t *r, pcre2_code *re, pcre2_match_context *mctx,
    pcre2_match_data *md, const char *s, size_t len, const char *what)
{
	double t0 = now();
	int rc = kb_regex_match(re, s, len, 0, md, mctx);

	if (rc == PCRE2_ERROR_MATCHLIMIT || rc == PCRE2_ERROR_DEPTHLIMIT ||
	    rc == PCRE2_ERROR_HEAPLIMIT || rc == PCRE2_ERROR_JIT_STACKLIMIT)
		failures++, printf("%s: /%.200s/ stops at a PCRE2 limit (%d) "
				   "on %zu bytes of %s\n",
				   r->where, r->pattern, rc, len, what);
	else if (rc < 0 && rc != PCRE2_ERROR_NOMATCH)
		failures++, printf("%s: /%.200s/: PCRE2 error %d on %s\n",
				   r->where, r->pattern, rc, what);
	return now() - t0;
}

static void
test_every_rule_stays_within_its_limits_on_explosive_input(void **state)
{
	rules_t rs = all_rules();
	pcre2_match_context *mctx = NULL;
	pcre2_match_data *md = pcre2_match_data_create(16, NULL);
	char *s = malloc(LONG_SUBJECT), words[2048], what[128];
	double worst = 0, total = 0, limit = time_limit(0.25);
	const char *worst_at = "";
	size_t i, g, k;

	(void)state;
	assert_non_null(s);
	assert_non_null(md);
	assert_int_equal(kb_regex_context_new(&mctx), KB_OK);
	/* Each of the three sources has many rules. */
	assert_true(rs.n > 200);
	for (i = 0; i < rs.n; i++) {
		const rule_t *r = &rs.v[i];
		size_t lens[2] = {LONG_SUBJECT, SHORT_SUBJECT};
		kb_regex_error_t e;
		pcre2_code *re;
		double t = 0;

		if (kb_regex_compile(r->pattern, strlen(r->pattern), r->opts,
				     r->run, &re, &e) != KB_OK)
			fail_msg("%s: /%s/ does not compile: %s", r->where,
				 r->pattern, e.msg);
		pattern_words(r->pattern, words, sizeof(words));
		for (k = 0; k < 2; k++) {
			size_t len = lens[k];

			/* Interpreted rules only ever see short subjects
			 * interpreted; kb_regex_match JIT-compiles them for
			 * long ones, so both sizes matter for them. */
			for (g = 0; g < sizeof(generic) / sizeof(generic[0]);
			     g++) {
				fill(s, len, generic[g]);
				snprintf(what, sizeof(what), "\"%s\" repeated",
					 generic[g]);
				t += one(r, re, mctx, md, s, len, what);
			}
			if (words[0] != '\0') {
				char unit[2100], *sp;

				snprintf(unit, sizeof(unit), "%s ", words);
				fill(s, len, unit);
				t += one(r, re, mctx, md, s, len,
					 "its words repeated");
				/* Its words run together, without spaces. */
				for (sp = unit; *sp != '\0'; sp++)
					if (*sp == ' ')
						memmove(sp, sp + 1, strlen(sp));
				fill(s, len, unit);
				t += one(r, re, mctx, md, s, len,
					 "its words without spaces");
				/* Its first word over and over. */
				snprintf(unit, sizeof(unit), "%s", words);
				if ((sp = strchr(unit, ' ')) != NULL)
					strcpy(sp, " ");
				else
					strcat(unit, " ");
				fill(s, len, unit);
				t += one(r, re, mctx, md, s, len,
					 "its first word repeated");
			}
		}
		pcre2_code_free(re);
		total += t;
		if (t > worst) {
			worst = t;
			worst_at = r->where;
		}
		if (t > limit)
			failures++, printf("%s: /%.200s/ took %.3f s on its "
					   "subjects\n",
					   r->where, r->pattern, t);
	}
	printf("patterns: %zu rules, %.2f s in all; slowest %s, %.3f s\n",
	       rs.n, total, worst_at, worst);
	free(s);
	pcre2_match_data_free(md);
	pcre2_match_context_free(mctx);
	free_rules(&rs);
	assert_int_equal(failures, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(
		test_every_rule_stays_within_its_limits_on_explosive_input),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
