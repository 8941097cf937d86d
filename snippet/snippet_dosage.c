/* snippet_dosage.c - the dosage a piece of advice states: how long to hold,
 * how many repetitions and sets, on each side or not, how often a day.
 *
 * The text is read as a stream of tokens (numbers, words, punctuation);
 * ranges ("2 to 3", "10-15", "two or three", "once or twice") are folded
 * into one number token as they are read.  A number is a dosage only when
 * the words around it say so: a unit of time ("10 seconds"), a count noun
 * ("10 times", "3 sets", "10 reps"), a frequency ("twice a day"), or a
 * dosage verb ("do 10", "repeat 5").  Everything else -- "5 to 10
 * centimeters", "1-2 pillows", "4 to 6 weeks", "90 degrees" -- has no such
 * word and is left alone, which is how those are kept out.
 *
 * The first statement of each field wins: an article states the dose
 * first and its variations ("building to 45 seconds") after.
 */
#include <stdint.h>
#include <string.h>

#include "../text/kb_text.h"
#include "snippet_internal.h"

enum { T_END, T_NUM, T_WORD, T_PUNCT };

typedef struct tok {
	unsigned char type;
	unsigned char times; /* "once", "twice", "thrice": a count of
	                        times with the word built in */
	unsigned char bad;   /* "2.5", "1,000": not a count */
	char punct;          /* T_PUNCT: the character ('.' for a line
	                        end) */
	unsigned lo, hi;     /* T_NUM: the value or the range */
	char w[16];          /* T_WORD: lowercased, "" when too long */
} tok_t;

/* Tokens are read lazily into a ring: patterns look at most a dozen tokens
 * ahead and back, and a pathological text of megabytes needs no array of
 * its own. */
#define RING 64

typedef struct stream {
	const char *s;
	size_t len, pos;
	tok_t ring[RING];
	size_t fill; /* tokens read so far */
} stream_t;

/* Plausible maxima: larger numbers are measurements, not doses. */
#define MAX_HOLD 600u
#define MAX_REPS 200u
#define MAX_SETS 20u
#define MAX_PER_DAY 24u
#define MAX_PER_WEEK 14u

static const struct {
	const char *w;
	unsigned v;
} number_words[] = {
    {"one", 1},        {"two", 2},       {"three", 3},     {"four", 4},
    {"five", 5},       {"six", 6},       {"seven", 7},     {"eight", 8},
    {"nine", 9},       {"ten", 10},      {"eleven", 11},   {"twelve", 12},
    {"thirteen", 13},  {"fourteen", 14}, {"fifteen", 15},  {"sixteen", 16},
    {"seventeen", 17}, {"eighteen", 18}, {"nineteen", 19}, {"twenty", 20},
    {"thirty", 30},    {"forty", 40},    {"fifty", 50},    {"sixty", 60},
};

static int
is_alpha(unsigned char c)
{
	return KB_TEXT_LETTER_BYTE(c);
}

static int
is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

static size_t
skip_blank(const char *s, size_t len, size_t i)
{
	while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r'))
		i++;
	return i;
}

/* Reads a word at s[i] into w (lowercased; "" when longer than w holds)
 * and returns the offset after it.  Hyphens and apostrophes inside a word
 * belong to it ("knee-to-chest", "don't"). */
static size_t
read_word(const char *s, size_t len, size_t i, char *w, size_t wsz)
{
	size_t n = 0;
	int too_long = 0;

	while (i < len) {
		unsigned char c = (unsigned char)s[i];

		if (!is_alpha(c) && !is_digit(c) &&
		    !((c == '-' || c == '\'') && n > 0 && i + 1 < len &&
		      is_alpha((unsigned char)s[i + 1])))
			break;
		if (n + 1 < wsz)
			w[n++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
		else
			too_long = 1;
		i++;
	}
	w[too_long ? 0 : n] = '\0';
	return i;
}

/* Reads a single number (digits or a number word) at s[i].  Returns the
 * offset after it, or i when there is none. */
static size_t
read_one_number(const char *s, size_t len, size_t i, unsigned *v, int *bad,
                int *times)
{
	*bad = 0;
	*times = 0;
	if (i < len && is_digit((unsigned char)s[i])) {
		unsigned long n = 0;
		size_t st = i;

		while (i < len && is_digit((unsigned char)s[i])) {
			if (n < 100000)
				n = n * 10 + (unsigned)(s[i] - '0');
			i++;
		}
		if (i - st > 5)
			*bad = 1;
		/* "2.5" and "1,000" are measurements, not counts. */
		if (i + 1 < len && (s[i] == '.' || s[i] == ',') &&
		    is_digit((unsigned char)s[i + 1]) &&
		    (s[i] == '.' ||
		     (i + 3 < len && is_digit((unsigned char)s[i + 2]) &&
		      is_digit((unsigned char)s[i + 3])))) {
			*bad = 1;
			i++;
			while (i < len && (is_digit((unsigned char)s[i]) ||
			                   s[i] == '.' || s[i] == ','))
				i++;
		}
		*v = (unsigned)n;
		return i;
	}
	/* Number words all start with one of these letters: most words
	 * are turned away before being read. */
	if (i < len && s[i] != '\0' && strchr("otfsenOTFSEN", s[i]) != NULL) {
		char w[16];
		size_t e = read_word(s, len, i, w, sizeof(w));
		size_t k;

		if (strcmp(w, "once") == 0 || strcmp(w, "twice") == 0 ||
		    strcmp(w, "thrice") == 0) {
			*v = w[0] == 'o' ? 1 : w[1] == 'w' ? 2 : 3;
			*times = 1;
			return e;
		}
		for (k = 0; k < sizeof(number_words) / sizeof(number_words[0]);
		     k++)
			if (strcmp(w, number_words[k].w) == 0) {
				*v = number_words[k].v;
				return e;
			}
	}
	return i;
}

/* Reads a number or a range ("2 to 3", "2-3", "2 or 3", "3, 4") at s[i]
 * into t.  Returns the offset after it, or i when there is none. */
static size_t
read_number(const char *s, size_t len, size_t i, tok_t *t)
{
	unsigned v, v2;
	int bad, bad2, times, times2, comma = 0;
	size_t e, j, e2;

	e = read_one_number(s, len, i, &v, &bad, &times);
	if (e == i)
		return i;
	t->type = T_NUM;
	t->lo = t->hi = v;
	t->bad = (unsigned char)bad;
	t->times = (unsigned char)times;
	if (bad)
		return e;
	/* A connector, then a second number. */
	j = skip_blank(s, len, e);
	if (j < len && s[j] == '-') {
		j++;
	} else if (j + 2 < len && (unsigned char)s[j] == 0xE2 &&
	           (unsigned char)s[j + 1] == 0x80 &&
	           ((unsigned char)s[j + 2] == 0x93 ||
	            (unsigned char)s[j + 2] == 0x94)) {
		j += 3; /* en or em dash */
	} else if (j + 2 < len &&
	           (memcmp(s + j, "to", 2) == 0 ||
	            memcmp(s + j, "or", 2) == 0) &&
	           !is_alpha((unsigned char)s[j + 2])) {
		j += 2;
	} else if (j < len && s[j] == ',' && j == e) {
		/* "3, 4 times": a comma range only between close
		 * numbers, checked below. */
		comma = 1;
		j++;
	} else {
		return e;
	}
	j = skip_blank(s, len, j);
	e2 = read_one_number(s, len, j, &v2, &bad2, &times2);
	if (e2 == j || bad2 || times2 != times || v2 <= v)
		return e;
	if (comma && v2 - v > 2)
		return e;
	t->hi = v2;
	return e2;
}

/* Reads the next token at st->pos; T_END at the end of the text. */
static void
read_token(stream_t *st, tok_t *t)
{
	const char *s = st->s;
	size_t len = st->len, i = st->pos;

	memset(t, 0, sizeof(*t));
	for (;;) {
		unsigned char c;

		if (i >= len) {
			t->type = T_END;
			st->pos = i;
			return;
		}
		c = (unsigned char)s[i];
		if (c == '\n') {
			t->type = T_PUNCT;
			t->punct = '.';
			st->pos = i + 1;
			return;
		}
		if (is_digit(c)) {
			st->pos = read_number(s, len, i, t);
			return;
		}
		if (is_alpha(c) && c < 0x80) {
			size_t e = read_number(s, len, i, t);

			if (e > i) {
				st->pos = e;
				return;
			}
			t->type = T_WORD;
			st->pos = read_word(s, len, i, t->w, sizeof(t->w));
			return;
		}
		if (c == 0xC3 && i + 1 < len &&
		    (unsigned char)s[i + 1] == 0x97) {
			t->type = T_WORD; /* U+00D7 MULTIPLICATION SIGN */
			strcpy(t->w, "x");
			st->pos = i + 2;
			return;
		}
		if (c >= 0x80) {
			/* Other letters and symbols: a word we never
			 * match, so that patterns do not reach across
			 * it. */
			t->type = T_WORD;
			i++;
			while (i < len && ((unsigned char)s[i] & 0xC0) == 0x80)
				i++;
			st->pos = i;
			return;
		}
		if (strchr(".,;:!?()/", c) != NULL) {
			t->type = T_PUNCT;
			t->punct = (char)c;
			st->pos = i + 1;
			return;
		}
		i++; /* blanks and other ASCII symbols */
	}
}

/* Token k of the stream (0-based, absolute); T_END beyond the text, and
 * also for a token that has left the ring. */
static const tok_t *
tok(stream_t *st, size_t k)
{
	static const tok_t end = {0};

	while (st->fill <= k) {
		tok_t *t = &st->ring[st->fill % RING];

		read_token(st, t);
		st->fill++;
		if (t->type == T_END && st->fill <= k)
			return &end;
	}
	if (st->fill - k > RING)
		return &end;
	return &st->ring[k % RING];
}

static int
word_in(const tok_t *t, const char *const *list)
{
	size_t i;

	if (t->type != T_WORD || t->w[0] == '\0')
		return 0;
	for (i = 0; list[i] != NULL; i++)
		if (strcmp(t->w, list[i]) == 0)
			return 1;
	return 0;
}

static int
is_word(const tok_t *t, const char *w)
{
	return t->type == T_WORD && strcmp(t->w, w) == 0;
}

static const char *const w_seconds[] = {"seconds", "second", "secs",
                                        "sec",     "s",      NULL};
static const char *const w_minutes[] = {"minutes", "minute", "mins", "min",
                                        NULL};
static const char *const w_times[] = {"times", "time", NULL};
static const char *const w_reps[] = {"reps",       "rep",    "repetitions",
                                     "repetition", "cycles", NULL};
/* Plural movement nouns counted like repetitions ("10 pelvic tilts"). */
static const char *const w_moves[] = {
    "lifts",    "reaches",   "rocks",   "tilts",   "bends",
    "rolls",    "rotations", "raises",  "squats",  "swings",
    "pulls",    "presses",   "circles", "kicks",   "crunches",
    "push-ups", "pushups",   "curls",   "slides",  "glides",
    "tucks",    "bridges",   "cycles",  "sit-ups", NULL};
static const char *const w_sets[] = {"sets",   "set",   "groups",   "group",
                                     "rounds", "round", "circuits", NULL};
/* Words before "one round", "one group" that define a set rather than
 * prescribe one: "as one round", "the above actions are one group". */
static const char *const w_defining[] = {
    "as", "into", "is", "are", "for", "form", "forms", "make", "makes", NULL};
static const char *const w_period_day[] = {"day", "night", NULL};
static const char *const w_period_week[] = {"week", NULL};
static const char *const w_period_other[] = {"month", "year", "hour",
                                             "fortnight", NULL};
static const char *const w_per[] = {"a", "per", "each", "every", "an", NULL};
static const char *const w_hold_verbs[] = {"hold", "holding",  "held", "keep",
                                           "stay", "maintain", NULL};
static const char *const w_rest_verbs[] = {
    "rest",  "resting", "relax",  "wait",    "pause", "break",
    "every", "after",   "within", "between", NULL};
static const char *const w_do_verbs[] = {"do", "repeat", "perform", "make",
                                         NULL};
static const char *const w_side[] = {"side", "sides", "leg", "legs",
                                     "arm",  "arms",  "way", "direction",
                                     "knee", "foot",  NULL};
static const char *const w_side_q[] = {"each", "per", "every", "both", NULL};

/* A side phrase at token k ("on each side", "each leg", "per side", "on
 * one side", "on both sides").  Returns the tokens it spans, or 0. */
static size_t
side_phrase(stream_t *st, size_t k)
{
	size_t j = k;

	if (is_word(tok(st, j), "on") || is_word(tok(st, j), "for"))
		j++;
	if (word_in(tok(st, j), w_side_q) ||
	    (tok(st, j)->type == T_NUM && tok(st, j)->lo == 1 &&
	     tok(st, j)->hi == 1 && !tok(st, j)->times)) {
		j++;
		if (word_in(tok(st, j), w_side))
			return j + 1 - k;
	}
	return 0;
}

/* The periods of a frequency, as period() reports them. */
enum { PERIOD_OTHER, PERIOD_DAY, PERIOD_WEEK };

/* A frequency at token k: "a day", "per day", "daily", "/day" (*per_day
 * PERIOD_DAY), "a week", "weekly" (PERIOD_WEEK); "a month" and the like
 * are PERIOD_OTHER.  Returns tokens spanned. */
static size_t
period(stream_t *st, size_t k, int *per_day)
{
	const tok_t *t = tok(st, k);

	if (is_word(t, "daily")) {
		*per_day = PERIOD_DAY;
		return 1;
	}
	if (is_word(t, "weekly") || is_word(t, "monthly")) {
		*per_day = is_word(t, "weekly") ? PERIOD_WEEK : PERIOD_OTHER;
		return 1;
	}
	if (word_in(t, w_per) || (t->type == T_PUNCT && t->punct == '/')) {
		const tok_t *u = tok(st, k + 1);

		if (word_in(u, w_period_day)) {
			*per_day = PERIOD_DAY;
			return 2;
		}
		if (word_in(u, w_period_week)) {
			*per_day = PERIOD_WEEK;
			return 2;
		}
		if (word_in(u, w_period_other)) {
			*per_day = PERIOD_OTHER;
			return 2;
		}
	}
	return 0;
}

/* True when a word of list appears among the tokens of the clause before
 * token k (back to punctuation, at most n tokens). */
static int
clause_has(stream_t *st, size_t k, size_t n, const char *const *list)
{
	size_t j;

	for (j = 1; j <= n && j <= k; j++) {
		const tok_t *t = tok(st, k - j);

		if (t->type == T_PUNCT || t->type == T_END)
			return 0;
		if (word_in(t, list))
			return 1;
	}
	return 0;
}

static int
at_clause_end(const tok_t *t)
{
	return t->type == T_END ||
	       (t->type == T_PUNCT && strchr(".;!?)", t->punct) != NULL) ||
	       is_word(t, "and") || is_word(t, "then");
}

static void
set_range(unsigned *lo, unsigned *hi, const tok_t *t, unsigned mul,
          unsigned max)
{
	if (*lo != 0 || t->lo == 0 || t->hi > max / mul)
		return;
	*lo = t->lo * mul;
	*hi = t->hi * mul;
}

/* A count of repetitions at token k: reps, then an optional side phrase.
 * Returns the tokens after k that were used. */
static size_t
take_reps(stream_t *st, const tok_t *q, size_t after, kb_dosage_t *d)
{
	size_t n;

	set_range(&d->reps_min, &d->reps_max, q, 1, MAX_REPS);
	n = side_phrase(st, after);
	if (n > 0)
		d->per_side = 1;
	return n;
}

/* ---- the patterns ----
 *
 * Each reads the number q at token k, with the tokens around it, and
 * returns -1 when it does not apply, else how many tokens after k it
 * used up (0 or more), which the scan then skips.  A pattern that applies
 * but finds no dosage ("as one round") still stops the patterns after
 * it. */

/* "twice a day", "2-3 times daily", "3 times a week", "10 times", "twice
 * each side". */
static int
times_count(stream_t *st, size_t k, const tok_t *q, kb_dosage_t *d)
{
	const tok_t *a = tok(st, k + 1);
	size_t at;
	int pd = 0;

	if (!(q->times || word_in(a, w_times) ||
	      (is_word(a, "x") && tok(st, k + 2)->type != T_NUM)))
		return -1;
	at = q->times ? k + 1 : k + 2;
	if (period(st, at, &pd) > 0) {
		if (pd == PERIOD_DAY)
			set_range(&d->per_day_min, &d->per_day_max, q, 1,
			          MAX_PER_DAY);
		else if (pd == PERIOD_WEEK)
			set_range(&d->per_week_min, &d->per_week_max, q, 1,
			          MAX_PER_WEEK);
	} else if (!(q->times && q->lo == 1 && q->hi == 1)) {
		/* A lone "once" is a conjunction more often than a
		 * count. */
		take_reps(st, q, at, d);
	}
	return 0;
}

/* "3 x 12", "3 x 30 seconds", "3 x 20 seconds per side". */
static int
sets_by_count(stream_t *st, size_t k, const tok_t *q, kb_dosage_t *d)
{
	tok_t r;

	if (!is_word(tok(st, k + 1), "x") || tok(st, k + 2)->type != T_NUM)
		return -1;
	r = *tok(st, k + 2);
	set_range(&d->sets_min, &d->sets_max, q, 1, MAX_SETS);
	if (word_in(tok(st, k + 3), w_seconds)) {
		set_range(&d->hold_min, &d->hold_max, &r, 1, MAX_HOLD);
		if (side_phrase(st, k + 4) > 0)
			d->per_side = 1;
	} else {
		take_reps(st, &r, k + 3, d);
	}
	return 2;
}

/* "3 sets", "at least three groups", "2 sets of 10 per side". */
static int
sets_word(stream_t *st, size_t k, const tok_t *q, kb_dosage_t *d)
{
	const tok_t *of;

	if (!word_in(tok(st, k + 1), w_sets))
		return -1;
	of = tok(st, k + 2);
	/* "as one round" defines a set, and "10 rounds of cat-cow" counts
	 * repetitions of a movement. */
	if (k > 0 && word_in(tok(st, k - 1), w_defining))
		return 0;
	if (is_word(of, "of") && tok(st, k + 3)->type == T_WORD &&
	    !is_word(tok(st, k + 3), "them")) {
		take_reps(st, q, k + 4, d);
		return 0;
	}
	set_range(&d->sets_min, &d->sets_max, q, 1, MAX_SETS);
	if (is_word(tok(st, k + 2), "of") && tok(st, k + 3)->type == T_NUM) {
		tok_t r = *tok(st, k + 3);

		take_reps(st, &r, k + 4, d);
		return 3;
	}
	return 0;
}

/* "10 seconds", unless it is a rest ("rest 30 seconds between"); "10
 * seconds, 10." gives the reps too. */
static int
hold_seconds(stream_t *st, size_t k, const tok_t *q, kb_dosage_t *d)
{
	if (!word_in(tok(st, k + 1), w_seconds))
		return -1;
	if (clause_has(st, k, 6, w_rest_verbs))
		return 0;
	set_range(&d->hold_min, &d->hold_max, q, 1, MAX_HOLD);
	if (side_phrase(st, k + 2) > 0) {
		d->per_side = 1;
	} else if (tok(st, k + 2)->type == T_PUNCT &&
	           tok(st, k + 2)->punct == ',' &&
	           tok(st, k + 3)->type == T_NUM && !tok(st, k + 3)->bad) {
		tok_t r = *tok(st, k + 3);
		size_t side = side_phrase(st, k + 4);

		if (side > 0 || at_clause_end(tok(st, k + 4))) {
			take_reps(st, &r, k + 4, d);
			return 3;
		}
	}
	return 0;
}

/* "hold for 1 minute": minutes are durations of walking or heat, a hold
 * only right after a holding verb. */
static int
hold_minutes(stream_t *st, size_t k, const tok_t *q, kb_dosage_t *d)
{
	if (!word_in(tok(st, k + 1), w_minutes))
		return -1;
	if (clause_has(st, k, 3, w_hold_verbs))
		set_range(&d->hold_min, &d->hold_max, q, 60, MAX_HOLD);
	return 0;
}

/* "10 reps", "8 slow cycles", "10 pelvic tilts". */
static int
reps_word(stream_t *st, size_t k, const tok_t *q, kb_dosage_t *d)
{
	const tok_t *a = tok(st, k + 1);

	if (word_in(a, w_reps) || word_in(a, w_moves)) {
		take_reps(st, q, k + 2, d);
		return 0;
	}
	if (a->type == T_WORD && !word_in(a, w_seconds)) {
		const tok_t *b = tok(st, k + 2);
		int pd = 0;

		if (word_in(b, w_reps) || word_in(b, w_moves) ||
		    word_in(b, w_times)) {
			if (word_in(b, w_times) && period(st, k + 3, &pd) > 0)
				return 0;
			take_reps(st, q, k + 3, d);
			return 0;
		}
		if (b->type == T_WORD && (word_in(tok(st, k + 3), w_reps) ||
		                          word_in(tok(st, k + 3), w_moves))) {
			take_reps(st, q, k + 4, d);
			return 0;
		}
	}
	return -1;
}

/* "10 of them", "10 on one side", "10 each side", "do 10.", "repeat
 * 5". */
static int
reps_alone(stream_t *st, size_t k, const tok_t *q, kb_dosage_t *d)
{
	const tok_t *a = tok(st, k + 1);

	if (is_word(a, "of") && is_word(tok(st, k + 2), "them")) {
		take_reps(st, q, k + 3, d);
		return 0;
	}
	if (side_phrase(st, k + 1) > 0) {
		take_reps(st, q, k + 1, d);
		return 0;
	}
	if (k > 0 && word_in(tok(st, k - 1), w_do_verbs) && at_clause_end(a)) {
		take_reps(st, q, k + 1, d);
		return 0;
	}
	return -1;
}

typedef int pattern_fn(stream_t *st, size_t k, const tok_t *q,
                       kb_dosage_t *d);

/* The patterns, tried in this order: the first that applies wins. */
static pattern_fn *const patterns[] = {
    times_count,  sets_by_count, sets_word,  hold_seconds,
    hold_minutes, reps_word,     reps_alone,
};

int
snippet_dosage_scan(const char *s, size_t len, kb_dosage_t *d)
{
	stream_t st;
	size_t k, i;
	int used;

	memset(d, 0, sizeof(*d));
	memset(&st, 0, sizeof(st));
	st.s = s;
	st.len = len;
	for (k = 0; tok(&st, k)->type != T_END; k++) {
		tok_t q = *tok(&st, k);

		if (q.type != T_NUM || q.bad)
			continue;
		for (i = 0; i < sizeof(patterns) / sizeof(patterns[0]); i++) {
			used = patterns[i](&st, k, &q, d);
			if (used >= 0) {
				k += (size_t)used;
				break;
			}
		}
	}
	return (d->hold_min > 0) + (d->reps_min > 0) + (d->sets_min > 0) +
	       (d->per_day_min > 0);
}

int
snippet_dosage_sentence(const char *s, size_t len)
{
	static const char *const openers[] = {
	    "repeat",       "hold",     "do",      "perform",
	    "keep",         "maintain", "require", "requirement",
	    "requirements", "aim",      NULL};
	stream_t st;
	const tok_t *t;
	kb_dosage_t d;

	memset(&st, 0, sizeof(st));
	st.s = s;
	st.len = len;
	t = tok(&st, 0);
	if (t->type != T_NUM && !word_in(t, openers))
		return 0;
	return snippet_dosage_scan(s, len, &d) > 0;
}
