/* snippet_exercises.c - a sentence that lists several exercises, each with
 * its own dosage: "A simple routine: glute bridge 3 x 12, bird dog 10 each
 * side, side plank 3 x 20 seconds per side, 3 times a week."
 *
 * As one snippet it would carry one dosage mixed from all of them (the
 * first hold, the first reps ...), which is wrong for every exercise.  Read
 * as a list it is three pieces of advice: the movements come from the
 * names.txt "@" rules, the clauses between them are cut at the separator
 * (a comma, a semicolon, "and") before each movement, and a closing clause
 * that states only how often ("3 times a week") is shared by all.
 *
 * The reading is strict, so that ordinary sentences stay whole: every
 * movement of the sentence must take part, each must be followed by a
 * dosage of its own before the next separator, and the clauses must be
 * short.  "Do bridges and planks for 30 seconds" names two movements that
 * share one dosage, so the first has none of its own: no list.
 */
#include <string.h>
#include <strings.h>

#include "../text/kb_text.h"
#include "snippet_internal.h"

/* Words allowed between a separator and the movement after it: "and
 * then", "then a".  More is a clause about something else ("..., my
 * physio said bird dog ..."), as run-on forum text has them. */
#define GAP_WORDS 2
/* Words of one exercise's clause, the movement included: a name and a
 * dosage ("side plank 3 x 20 seconds per side" is 7).  A longer clause is
 * a sentence of its own that happens to mention a movement. */
#define CLAUSE_MAX 16
/* Words of the sentence before its first exercise ("A simple routine:",
 * "For activity, choose ... simple strength exercises such as").  Every
 * exercise's snippet repeats it to read on its own; a longer opening is a
 * sentence about something else that ends in a few examples. */
#define LEAD_MAX 24

static int
has_dose(const kb_dosage_t *d)
{
	return d->hold_min > 0 || d->reps_min > 0 || d->sets_min > 0 ||
	       d->per_day_min > 0 || d->per_week_min > 0;
}

static int
only_frequency(const kb_dosage_t *d)
{
	return (d->per_day_min > 0 || d->per_week_min > 0) &&
	       d->hold_min == 0 && d->reps_min == 0 && d->sets_min == 0 &&
	       !d->per_side;
}

static int
is_word_byte(unsigned char c)
{
	return KB_TEXT_WORD_BYTE(c) || c == '-' || c == '\'';
}

static int
is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

/* The last separator in s[a..b): a comma or semicolon (not one inside a
 * number, "1,000"), or the word "and".  Sets [*ss, *se) to it and returns
 * 1, or returns 0 when there is none. */
static int
last_separator(const char *s, size_t a, size_t b, size_t *ss, size_t *se)
{
	size_t i;

	for (i = b; i > a; i--) {
		size_t k = i - 1;
		unsigned char c = (unsigned char)s[k];

		if ((c == ',' || c == ';') &&
		    !(k > a && k + 1 < b && is_digit((unsigned char)s[k - 1]) &&
		      is_digit((unsigned char)s[k + 1]))) {
			*ss = k;
			*se = k + 1;
			return 1;
		}
		if (k + 3 <= b && strncasecmp(s + k, "and", 3) == 0 &&
		    (k == a || !is_word_byte((unsigned char)s[k - 1])) &&
		    (k + 3 == b || !is_word_byte((unsigned char)s[k + 3]))) {
			*ss = k;
			*se = k + 3;
			return 1;
		}
	}
	return 0;
}

/* Where a clause ending at the separator starting at ss ends: before the
 * blanks and the ',' or ';' of ", and". */
static size_t
clause_end(const char *s, size_t a, size_t ss)
{
	while (ss > a && (snippet_is_space((unsigned char)s[ss - 1]) ||
	                  s[ss - 1] == ',' || s[ss - 1] == ';'))
		ss--;
	return ss;
}

/* The leftmost movement of the "@" rules in s[from..b) (the subject being
 * s[a..b)); on a tie the longer one.  Sets the match and the name's range
 * and returns 1, or returns 0. */
static int
find_move(kb_segmenter_t *sg, const char *s, size_t a, size_t b, size_t from,
          size_t *ms, size_t *me, size_t *ns, size_t *ne)
{
	size_t i, bs = 0, be = 0;
	int found = 0;

	for (i = 0; i < sg->moves.n; i++) {
		const kb_rule_t *r = &sg->moves.v[i];
		size_t xs, xe, gs, ge;

		if (!snippet_rule_match(sg, r, s + a, b - a, from - a, &xs,
		                        &xe) ||
		    xe <= xs)
			continue;
		if (found && (xs > bs || (xs == bs && xe <= be)))
			continue;
		if (!snippet_rule_group(sg, r->group, &gs, &ge) || ge <= gs) {
			gs = xs;
			ge = xe;
		}
		found = 1;
		bs = xs;
		be = xe;
		*ms = a + xs;
		*me = a + xe;
		*ns = a + gs;
		*ne = a + ge;
	}
	return found;
}

size_t
snippet_exercise_list(kb_segmenter_t *sg, const char *s, size_t a, size_t b,
                      kb_exlist_t *x)
{
	size_t ms[KB_EX_MAX], me[KB_EX_MAX], n = 0, k, from = a;
	size_t ss, se, ts = 0, te = 0;
	int own_freq = 0;
	kb_dosage_t d;

	memset(x, 0, sizeof(*x));
	while (n <= KB_EX_MAX) {
		size_t xs = 0, xe = 0, ns = 0, ne = 0;

		if (!find_move(sg, s, a, b, from, &xs, &xe, &ns, &ne))
			break;
		if (n == KB_EX_MAX)
			return 0; /* more than a list of advice holds */
		ms[n] = xs;
		me[n] = xe;
		x->v[n].name_start = ns;
		x->v[n].name_end = ne;
		n++;
		from = xe;
	}
	if (n < 2)
		return 0;
	/* Each movement but the last ends its clause at the last
	 * separator before the next one, which follows closely. */
	x->v[0].start = ms[0];
	for (k = 0; k + 1 < n; k++) {
		if (!last_separator(s, me[k], ms[k + 1], &ss, &se) ||
		    snippet_count_words(s, se, ms[k + 1], GAP_WORDS + 1) >
		        GAP_WORDS)
			return 0;
		x->v[k].end = clause_end(s, x->v[k].start, ss);
		x->v[k + 1].start = snippet_skip_space(s, se, ms[k + 1]);
	}
	if (snippet_count_words(s, a, x->v[0].start, LEAD_MAX + 1) > LEAD_MAX)
		return 0;
	/* The last runs to the end of the sentence, less a closing clause
	 * that states only how often: the nearest separator from the end
	 * whose rest has a frequency and nothing else.  When the others
	 * state how often of their own, it is the last one's. */
	x->v[n - 1].end = b;
	for (k = 0; k + 1 < n && !own_freq; k++) {
		snippet_dosage_scan(s + x->v[k].start,
		                    x->v[k].end - x->v[k].start, &d);
		own_freq = d.per_day_min > 0 || d.per_week_min > 0;
	}
	for (k = b; !own_freq && last_separator(s, me[n - 1], k, &ss, &se);
	     k = ss) {
		size_t t = snippet_skip_space(s, se, b);

		snippet_dosage_scan(s + t, b - t, &d);
		if (only_frequency(&d)) {
			ts = t;
			te = b;
			x->v[n - 1].end = clause_end(s, x->v[n - 1].start, ss);
			break;
		}
		if (has_dose(&d))
			break; /* the last exercise's own dosage */
	}
	for (k = 0; k < n; k++) {
		size_t cs = x->v[k].start, ce = x->v[k].end;

		if (ce <= cs ||
		    snippet_count_words(s, cs, ce, CLAUSE_MAX + 1) > CLAUSE_MAX)
			return 0;
		snippet_dosage_scan(s + cs, ce - cs, &d);
		if (!has_dose(&d))
			return 0;
	}
	x->tail_start = ts;
	x->tail_end = te;
	x->n = n;
	return n;
}
