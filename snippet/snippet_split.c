/* snippet_split.c - the structure of a cleaned article: which runs of its
 * text are list items, headings, cautions and paragraphs, and so which
 * runs become snippets.
 *
 * The text goes through a few passes over a vector of "pieces", each pass
 * building a new vector, so that every decision is local and testable:
 *
 *   lines     each line is a heading, a label ("How:"), the start of a
 *             list item, a caution, or paragraph text (which a following
 *             line of the same block continues);
 *   inline    items run together on one line ("... 1. Do not ... 2.
 *             Sufficient water ...") and caution sentences inside a
 *             paragraph are cut out; the last run-together item keeps
 *             only about as many sentences as its siblings have;
 *   lines2    likewise, a list of one-line items does not swallow the
 *             line after it;
 *   shape     an item whose line is only a title ("1. Plank") takes the
 *             paragraphs under it; a label takes the paragraph under it;
 *             a paragraph opening with a name and a colon is an item;
 *   lists     items in a row form a list: the sentence announcing it
 *             (the intro) joins it, a closing sentence about the group
 *             ("the above actions are one group ...") gives the dosage
 *             of every item;
 *   exercises a sentence listing several exercises, each with its own
 *             dosage, becomes one piece per exercise
 *             (snippet_exercises.c);
 *   merge     a question joins its answer, short paragraphs join their
 *             neighbours, long paragraphs are cut into windows
 *             (snippet_window.c).
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../util/kb_array.h"
#include "snippet_internal.h"

/* A list item is one piece of advice even when long; past this many words
 * it is windowed like a paragraph. */
#define ITEM_MAX 160
/* An intro ending in a colon that is at most this long works as the
 * section heading of its list when there is none. */
#define INTRO_AS_HEADING 12
/* A closing dosage sentence this short joins the last item. */
#define TRAILER_JOIN 12
/* Steps of one exercise: each at most STEP_MAX words, a closing dosage
 * paragraph of at most STEPS_TRAILER words joining them. */
#define STEP_MAX 40
#define STEPS_TRAILER 40

enum { P_HEAD, P_LABEL, P_ITEM, P_TEXT, P_CAUTION };

typedef struct piece {
	int type;       /* P_* */
	size_t s, e;    /* bytes covered */
	size_t own;     /* the piece's own words start here */
	size_t ms, me;  /* list marker left out of the text */
	int style, num; /* list marker */
	long block;     /* blank-line separated block */
	long section;   /* index of the heading above, or -1 */
	long list;      /* list id, or -1 */
	int inl;        /* begins in the middle of a line */
	int bstart;     /* begins a block */
	int labelled;   /* opens with a label line merged in */
	int name_sec;   /* merged steps, named by the heading */
	int dead;       /* merged into another piece */
	size_t ds, de;  /* a group dosage sentence inside, if
	                   de > ds */
	int exercise;   /* one exercise of a sentence listing several:
	                   the ranges below apply */
	size_t ls, le;  /* the shared lead written before it */
	size_t ts, te;  /* the shared closing frequency after it */
	size_t ns, ne;  /* the movement naming it */
} piece_t;

typedef struct pvec {
	piece_t *v;
	size_t n, cap;
} pvec_t;

typedef struct line {
	size_t a, b; /* trimmed content */
	long block;
} line_t;

typedef struct ctx {
	kb_segmenter_t *sg;
	const char *s;
	size_t len;
	pvec_t pv;
	kb_units_t *u;
	long nlists;
	kb_status_t err;
} ctx_t;

static int
push(ctx_t *c, pvec_t *pv, const piece_t *p)
{
	if (c->err != KB_OK)
		return 0;
	if (kb_array_grow((void **)&pv->v, &pv->cap, pv->n,
			  sizeof(*pv->v), 64) != KB_OK) {
		c->err = KB_ERR_NOMEM;
		return 0;
	}
	pv->v[pv->n++] = *p;
	return 1;
}

/* Replaces the piece vector with next (taking it over). */
static void
swap_in(ctx_t *c, pvec_t *next)
{
	free(c->pv.v);
	c->pv = *next;
	memset(next, 0, sizeof(*next));
}

static long
add_section(ctx_t *c, size_t a, size_t b)
{
	kb_units_t *u = c->u;

	if (c->err != KB_OK)
		return -1;
	if (u->nsec == u->capsec) {
		size_t cap = u->capsec ? u->capsec * 2 : 16;
		size_t(*v)[2] = realloc(u->sec, cap * sizeof(*v));

		if (v == NULL) {
			c->err = KB_ERR_NOMEM;
			return -1;
		}
		u->sec = v;
		u->capsec = cap;
	}
	u->sec[u->nsec][0] = a;
	u->sec[u->nsec][1] = b;
	return (long)u->nsec++;
}

static void
add_group(ctx_t *c, long list, size_t a, size_t b)
{
	kb_units_t *u = c->u;

	if (c->err != KB_OK || list < 0 || b <= a)
		return;
	if (kb_array_grow((void **)&u->grp, &u->capgrp, u->ngrp,
			  sizeof(*u->grp), 16) != KB_OK) {
		c->err = KB_ERR_NOMEM;
		return;
	}
	u->grp[u->ngrp].list = list;
	u->grp[u->ngrp].start = a;
	u->grp[u->ngrp].end = b;
	u->ngrp++;
}

/* Trims blanks (and a scraped trailing " |") from the end of [a, *b). */
static size_t
trim_end(const char *s, size_t a, size_t b)
{
	for (;;) {
		while (b > a && snippet_is_space((unsigned char)s[b - 1]))
			b--;
		if (b > a + 1 && s[b - 1] == '|' &&
		    snippet_is_space((unsigned char)s[b - 2]))
			b--;
		else
			return b;
	}
}

static size_t
words(ctx_t *c, size_t a, size_t b, size_t limit)
{
	return snippet_count_words(c->s, a, b, limit);
}

static int
cue(ctx_t *c, int role, size_t a, size_t b)
{
	/* Cues look at how a sentence opens or closes; a long sentence
	 * is cut to keep the match cheap. */
	if (b - a > 400)
		b = a + 400;
	return snippet_cue(c->sg, role, c->s + a, b - a);
}

/* The number of sentences in [a, b). */
static size_t
sentences(ctx_t *c, size_t a, size_t b)
{
	size_t n = 0, i = snippet_skip_space(c->s, a, b);

	while (i < b) {
		i = snippet_next_sentence(c->s, a, i, b);
		i = snippet_skip_space(c->s, i, b);
		n++;
	}
	return n;
}

/* The start of the last sentence of [a, b). */
static size_t
last_sentence(ctx_t *c, size_t a, size_t b)
{
	size_t i = snippet_skip_space(c->s, a, b), st = i;

	while (i < b) {
		st = i;
		i = snippet_next_sentence(c->s, a, i, b);
		i = snippet_skip_space(c->s, i, b);
	}
	return st;
}

/* True when every sentence of [a, b) is a question. */
static int
only_questions(ctx_t *c, size_t a, size_t b)
{
	size_t i = snippet_skip_space(c->s, a, b);

	if (i >= b)
		return 0;
	while (i < b) {
		size_t e = snippet_next_sentence(c->s, a, i, b);

		if (snippet_line_end_char(c->s, i, trim_end(c->s, i, e)) != '?')
			return 0;
		i = snippet_skip_space(c->s, e, b);
	}
	return 1;
}

static int
cmp_size(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;

	return x < y ? -1 : x > y;
}

/* The lower median of v[0..n) (sorts v). */
static size_t
lower_median(size_t *v, size_t n)
{
	if (n == 0)
		return 0;
	qsort(v, n, sizeof(*v), cmp_size);
	return v[(n - 1) / 2];
}

/* ---- pass 1: lines ---- */

static void
init_piece(piece_t *p, int type, size_t a, size_t b, long block, long section)
{
	memset(p, 0, sizeof(*p));
	p->type = type;
	p->s = p->own = p->ms = p->me = a;
	p->e = b;
	p->block = block;
	p->section = section;
	p->list = -1;
	p->bstart = 1;
}

/* Splits the text into lines and blocks, skipping a first line that
 * repeats the title. */
static line_t *
read_lines(ctx_t *c, const char *title, size_t tlen, size_t *nl)
{
	const char *s = c->s;
	line_t *v = NULL;
	size_t n = 0, cap = 0, i = 0;
	long block = -1;
	int blank = 1, first = 1;

	while (i < c->len) {
		size_t ls = i, a, b;

		while (i < c->len && s[i] != '\n')
			i++;
		a = snippet_skip_space(s, ls, i);
		b = trim_end(s, a, i);
		if (i < c->len)
			i++;
		if (a >= b) {
			blank = 1;
			continue;
		}
		if (first) {
			size_t ta = snippet_skip_space(title, 0, tlen);
			size_t tb = trim_end(title, ta, tlen);

			first = 0;
			if (tb > ta && tb - ta == b - a &&
			    strncasecmp(title + ta, s + a, b - a) == 0)
				continue;
		}
		if (blank)
			block++;
		blank = 0;
		if (kb_array_grow((void **)&v, &cap, n,
				  sizeof(*v), 64) != KB_OK) {
			free(v);
			c->err = KB_ERR_NOMEM;
			return NULL;
		}
		v[n].a = a;
		v[n].b = b;
		v[n].block = block;
		n++;
	}
	*nl = n;
	return v;
}

/* A one-line block of at most six words that ends in a stop and is
 * followed by a paragraph reads as a heading ("Be sure to eat.", "The
 * harm of back muscle pain!"). */
static int
short_heading(ctx_t *c, const line_t *l, const line_t *next)
{
	int ch = snippet_line_end_char(c->s, l->a, l->b);
	kb_marker_t m;
	unsigned char f = (unsigned char)c->s[l->a];

	if (ch != '.' && ch != '!')
		return 0;
	if (words(c, l->a, l->b, 8) > 6 || sentences(c, l->a, l->b) != 1)
		return 0;
	if (f >= 'a' && f <= 'z')
		return 0;
	/* What follows must be a paragraph of some length, not a list, a
	 * caution or another short line. */
	if (next == NULL || snippet_marker_at(c->s, next->a, next->b, 1, &m) ||
	    words(c, next->a, next->b, 12) < 12 ||
	    cue(c, KB_CUE_CAUTION, next->a, next->b))
		return 0;
	return !cue(c, KB_CUE_CAUTION, l->a, l->b) &&
	       !cue(c, KB_CUE_INTRO, l->a, l->b);
}

static void
pass_lines(ctx_t *c, const line_t *ln, size_t nl)
{
	const char *s = c->s;
	long section = -1, cur = -1;
	size_t i, k = 0;
	const line_t *next_block = NULL;

	for (i = 0; i < nl && c->err == KB_OK; i++) {
		const line_t *l = &ln[i];
		int first = i == 0 || ln[i - 1].block != l->block;
		int last = i + 1 == nl || ln[i + 1].block != l->block;
		int after_label =
		    c->pv.n > 0 && c->pv.v[c->pv.n - 1].type == P_LABEL;
		kb_marker_t m;
		piece_t p;

		if (first) {
			/* The first line of the next block, found once per
			 * block (a block may have 100,000 lines). */
			for (k = i + 1; k < nl && ln[k].block == l->block; k++)
				;
			next_block = k < nl ? &ln[k] : NULL;
			cur = -1;
		}
		if (snippet_marker_at(s, l->a, l->b, 1, &m)) {
			init_piece(&p, P_ITEM, l->a, l->b, l->block, section);
			p.bstart = first;
			p.me = p.own = m.end;
			p.style = m.style;
			p.num = m.num;
			push(c, &c->pv, &p);
			cur = (long)c->pv.n - 1;
			continue;
		}
		if (first && !after_label && (!last || next_block != NULL) &&
		    !cue(c, KB_CUE_CAUTION, l->a, l->b) &&
		    (snippet_heading_shape(s, l->a, l->b) ||
		     (last && short_heading(c, l, next_block)))) {
			section = add_section(c, l->a, l->b);
			init_piece(&p, P_HEAD, l->a, l->b, l->block, section);
			push(c, &c->pv, &p);
			cur = -1;
			continue;
		}
		if (cue(c, KB_CUE_CAUTION, l->a, l->b)) {
			init_piece(&p, P_CAUTION, l->a, l->b, l->block,
			           section);
			p.bstart = first;
			push(c, &c->pv, &p);
			cur = (long)c->pv.n - 1;
			continue;
		}
		if (snippet_line_end_char(s, l->a, l->b) == ':' &&
		    words(c, l->a, l->b, 10) <= 8 &&
		    sentences(c, l->a, l->b) == 1) {
			init_piece(&p, P_LABEL, l->a, l->b, l->block, section);
			p.bstart = first;
			push(c, &c->pv, &p);
			cur = -1;
			continue;
		}
		if (cur >= 0 && (c->pv.v[cur].type != P_TEXT ||
		                 snippet_label_end(s, l->a, l->b) == 0)) {
			c->pv.v[cur].e = l->b;
			continue;
		}
		init_piece(&p, P_TEXT, l->a, l->b, l->block, section);
		p.bstart = first;
		push(c, &c->pv, &p);
		cur = (long)c->pv.n - 1;
	}
}

/* ---- pass 2: run-together items and inline cautions ---- */

typedef struct cand {
	size_t pos;
	kb_marker_t m;
	int ok;
} cand_t;

/* The largest gap a numbered run may have: "1, 2, 3, 6, 7, 8" is one run
 * with a part of it lost in scraping. */
#define RUN_GAP 4

/* Walks the candidates of style st in order, keeping those that continue
 * a rising run from the piece's own number (or from 1 to 3 when it has
 * none); a run may restart at 1.  Bullets have no numbers: all count.
 * Marks the kept ones when mark is set.  Returns how many were kept. */
static size_t
walk_run(cand_t *cd, size_t n, const piece_t *p, int st, int mark)
{
	int last = p->type == P_ITEM && p->style == st ? p->num : 0;
	size_t i, got = 0;

	for (i = 0; i < n; i++) {
		int num = cd[i].m.num;

		if (cd[i].m.style != st)
			continue;
		if (st == KB_MARK_BULLET || (last == 0 && num <= 3) ||
		    (last > 0 && num > last && num <= last + RUN_GAP) ||
		    (last > 1 && num == 1)) {
			last = num;
			got++;
			if (mark)
				cd[i].ok = 1;
		}
	}
	return got;
}

/* Picks the markers of a piece that form a plausible run, in the style
 * that has the longest one.  A run needs two items in all, the piece's
 * own counting; bullets need two of their own.  Returns the number
 * accepted (their ok set). */
static size_t
pick_run(cand_t *cd, size_t n, const piece_t *p)
{
	static const int styles[] = {
	    KB_MARK_DOT,     KB_MARK_COMMA, KB_MARK_PAREN, KB_MARK_PARENS,
	    KB_MARK_CIRCLED, KB_MARK_STEP,  KB_MARK_BULLET};
	size_t best = 0, k;
	int best_style = KB_MARK_NONE;

	for (k = 0; k < sizeof(styles) / sizeof(styles[0]); k++) {
		int st = styles[k];
		int seed =
		    p->type == P_ITEM && p->style == st && st != KB_MARK_BULLET;
		size_t got = walk_run(cd, n, p, st, 0);

		if (got + (size_t)seed >= 2 && got > best) {
			best = got;
			best_style = st;
		}
	}
	if (best > 0)
		walk_run(cd, n, p, best_style, 1);
	return best;
}

/* Where the last run-together item ends: after about as many sentences
 * as its siblings have (the lower median), plus sentences that lean on it
 * ("It also ..."), plus a closing group sentence, recorded in *ds and
 * *de. */
static size_t
cap_last_item(ctx_t *c, size_t own, size_t e, size_t *counts, size_t n,
              size_t *ds, size_t *de)
{
	size_t cap = lower_median(counts, n), x = own, k;

	if (cap == 0)
		cap = 1;
	for (k = 0; k < cap && x < e; k++)
		x = snippet_skip_space(
		    c->s, snippet_next_sentence(c->s, own, x, e), e);
	while (x < e) {
		size_t y = snippet_next_sentence(c->s, own, x, e);

		if (!cue(c, KB_CUE_ANAPHOR, x, y))
			break;
		x = snippet_skip_space(c->s, y, e);
	}
	if (x < e) {
		size_t y = snippet_next_sentence(c->s, own, x, e);

		if (cue(c, KB_CUE_GROUP, x, y)) {
			*ds = x;
			*de = trim_end(c->s, x, y);
			x = snippet_skip_space(c->s, y, e);
		}
	}
	return x;
}

/* Cuts the run-together items out of piece p into out. */
static void
split_items(ctx_t *c, const piece_t *p, pvec_t *out)
{
	const char *s = c->s;
	cand_t *cd = NULL;
	size_t ncd = 0, cap = 0, i, first = 0, nok;
	size_t *counts = NULL, ncount = 0;

	for (i = p->own; i < p->e && c->err == KB_OK; i++) {
		size_t e = snippet_sentence_end(s, p->own, i, p->e), t;
		kb_marker_t m;

		if (e == 0 && s[i] == ':' && i + 1 < p->e &&
		    snippet_is_space((unsigned char)s[i + 1]))
			e = i + 1;
		if (e == 0)
			continue;
		t = snippet_skip_space(s, e, p->e);
		if (t == e || t >= p->e ||
		    !snippet_marker_at(s, t, p->e, 0, &m))
			continue;
		if (kb_array_grow((void **)&cd, &cap, ncd,
				  sizeof(*cd), 16) != KB_OK) {
			c->err = KB_ERR_NOMEM;
			break;
		}
		cd[ncd].pos = t;
		cd[ncd].m = m;
		cd[ncd].ok = 0;
		ncd++;
		i = t;
	}
	nok = c->err == KB_OK ? pick_run(cd, ncd, p) : 0;
	if (nok == 0) {
		push(c, out, p);
		free(cd);
		return;
	}
	counts = malloc((nok + 1) * sizeof(*counts));
	if (counts == NULL) {
		c->err = KB_ERR_NOMEM;
		free(cd);
		return;
	}
	for (first = 0; !cd[first].ok; first++)
		;
	/* The text before the first run-together marker keeps the piece's
	 * type: a paragraph (with perhaps an intro at its end), or the item
	 * whose line-start marker began the run. */
	if (words(c, p->own, cd[first].pos, 1) > 0 || p->type == P_ITEM) {
		piece_t q = *p;

		q.e = trim_end(s, q.s, cd[first].pos);
		push(c, out, &q);
		if (p->type == P_ITEM && p->style == cd[first].m.style)
			counts[ncount++] = sentences(c, q.own, q.e);
	}
	for (i = first; i < ncd && c->err == KB_OK; i++) {
		piece_t q;
		size_t j, end;

		if (!cd[i].ok)
			continue;
		for (j = i + 1; j < ncd && !cd[j].ok; j++)
			;
		end = j < ncd ? cd[j].pos : p->e;
		init_piece(&q, P_ITEM, cd[i].pos, trim_end(s, cd[i].pos, end),
		           p->block, p->section);
		q.inl = 1;
		q.bstart = 0;
		q.me = q.own = cd[i].m.end;
		q.style = cd[i].m.style;
		q.num = cd[i].m.num;
		if (j < ncd) {
			counts[ncount++] = sentences(c, q.own, q.e);
			push(c, out, &q);
			continue;
		}
		end =
		    cap_last_item(c, q.own, q.e, counts, ncount, &q.ds, &q.de);
		if (end < q.e) {
			piece_t r;

			init_piece(&r, P_TEXT, end, q.e, p->block, p->section);
			r.inl = 1;
			r.bstart = 0;
			q.e = trim_end(s, q.s, end);
			push(c, out, &q);
			push(c, out, &r);
		} else {
			push(c, out, &q);
		}
	}
	free(counts);
	free(cd);
}

/* Cuts caution sentences ("Note: ...", "Caution: ...") out of paragraph p
 * into out: the sentence, and sentences leaning on it. */
static void
split_cautions(ctx_t *c, const piece_t *p, pvec_t *out)
{
	const char *s = c->s;
	size_t i = snippet_skip_space(s, p->own, p->e), from = p->s;
	int split = 0;

	while (i < p->e && c->err == KB_OK) {
		size_t e = snippet_next_sentence(s, p->own, i, p->e), x;
		piece_t q;

		x = snippet_skip_space(s, e, p->e);
		if (!cue(c, KB_CUE_CAUTION, i, e)) {
			i = x;
			continue;
		}
		while (x < p->e) {
			size_t y = snippet_next_sentence(s, p->own, x, p->e);

			if (!cue(c, KB_CUE_ANAPHOR, x, y))
				break;
			e = y;
			x = snippet_skip_space(s, y, p->e);
		}
		if (i > from) {
			q = *p;
			q.e = trim_end(s, q.s, i);
			if (from != p->s) {
				q.s = q.own = q.ms = q.me = from;
				q.inl = 1;
				q.bstart = 0;
			}
			push(c, out, &q);
		}
		init_piece(&q, P_CAUTION, i, trim_end(s, i, e), p->block,
		           p->section);
		q.inl = i > p->s;
		q.bstart = p->bstart && i == p->s;
		push(c, out, &q);
		from = i = x;
		split = 1;
	}
	if (!split) {
		push(c, out, p);
	} else if (from < p->e) {
		piece_t q = *p;

		q.s = q.own = q.ms = q.me = from;
		q.inl = 1;
		q.bstart = 0;
		push(c, out, &q);
	}
}

static void
pass_inline(ctx_t *c)
{
	pvec_t mid = {0}, out = {0};
	size_t i;

	for (i = 0; i < c->pv.n && c->err == KB_OK; i++) {
		const piece_t *p = &c->pv.v[i];

		if (p->type == P_TEXT || p->type == P_ITEM)
			split_items(c, p, &mid);
		else
			push(c, &mid, p);
	}
	for (i = 0; i < mid.n && c->err == KB_OK; i++) {
		if (mid.v[i].type == P_TEXT)
			split_cautions(c, &mid.v[i], &out);
		else
			push(c, &out, &mid.v[i]);
	}
	free(mid.v);
	swap_in(c, &out);
}

/* ---- pass 3: one-line lists do not swallow the line after them ---- */

static size_t
count_lines(ctx_t *c, size_t a, size_t b)
{
	size_t n = 1;

	for (; a < b; a++)
		if (c->s[a] == '\n')
			n++;
	return n;
}

/* The offset just after line k (0-based) of [a, b). */
static size_t
after_line(ctx_t *c, size_t a, size_t b, size_t k)
{
	for (; a < b; a++)
		if (c->s[a] == '\n' && k-- == 0)
			return a;
	return b;
}

static void
pass_line_lists(ctx_t *c)
{
	pvec_t out = {0};
	size_t i = 0, *counts = NULL;

	counts = malloc((c->pv.n + 1) * sizeof(*counts));
	if (counts == NULL) {
		c->err = KB_ERR_NOMEM;
		return;
	}
	while (i < c->pv.n && c->err == KB_OK) {
		size_t j = i, k, n = 0;
		piece_t *p = &c->pv.v[i];

		if (p->type != P_ITEM || p->inl) {
			push(c, &out, p);
			i++;
			continue;
		}
		while (j + 1 < c->pv.n && c->pv.v[j + 1].type == P_ITEM &&
		       !c->pv.v[j + 1].inl &&
		       c->pv.v[j + 1].style == p->style &&
		       c->pv.v[j + 1].block == p->block)
			j++;
		for (k = i; k < j; k++)
			counts[n++] =
			    count_lines(c, c->pv.v[k].s, c->pv.v[k].e);
		for (k = i; k < j; k++)
			push(c, &out, &c->pv.v[k]);
		{
			piece_t last = c->pv.v[j];
			size_t cap = n > 0 ? lower_median(counts, n) : 0;

			if (cap > 0 && count_lines(c, last.s, last.e) > cap) {
				size_t cut =
				    after_line(c, last.s, last.e, cap - 1);
				piece_t r;

				init_piece(
				    &r, P_TEXT,
				    snippet_skip_space(c->s, cut, last.e),
				    last.e, last.block, last.section);
				r.bstart = 0;
				last.e = trim_end(c->s, last.s, cut);
				push(c, &out, &last);
				push(c, &out, &r);
			} else {
				push(c, &out, &last);
			}
		}
		i = j + 1;
	}
	free(counts);
	swap_in(c, &out);
}

/* ---- pass 4: titles, labels, named paragraphs ---- */

/* The next live piece after i, or NULL. */
static piece_t *
next_live(ctx_t *c, size_t i, size_t *at)
{
	for (i++; i < c->pv.n; i++)
		if (!c->pv.v[i].dead) {
			if (at != NULL)
				*at = i;
			return &c->pv.v[i];
		}
	return NULL;
}

static int
has_name(ctx_t *c, size_t a, size_t b)
{
	char name[128];

	return snippet_find_name(c->sg, c->s + a, b - a, name, sizeof(name)) >
	       0;
}

static void
pass_shape(ctx_t *c)
{
	const char *s = c->s;
	size_t i, j;
	size_t prev_take = 0;
	long last_block = -1;

	/* "1. Plank" alone in its block takes the paragraphs under it, up
	 * to as many as the item before it took. */
	for (i = 0; i < c->pv.n; i++) {
		piece_t *p = &c->pv.v[i], *q;
		size_t take = 0;

		if (p->dead)
			continue;
		if (p->type != P_ITEM || p->inl ||
		    count_lines(c, p->s, p->e) != 1 ||
		    snippet_line_end_char(s, p->own, p->e) == ':' ||
		    !snippet_heading_shape(s, p->own, p->e)) {
			if (p->type != P_ITEM)
				prev_take = 0;
			continue;
		}
		while ((q = next_live(c, i, &j)) != NULL && q->type == P_TEXT &&
		       q->block != p->block && q->section == p->section) {
			/* Whole blocks: the other lines of a block taken
			 * ("Easier: ...") go with it. */
			if (q->bstart ? prev_take > 0 && take >= prev_take
			              : q->block != last_block)
				break;
			p->e = q->e;
			q->dead = 1;
			take += q->bstart;
			last_block = q->block;
		}
		prev_take = take;
	}
	/* A label line takes the paragraph under it; before a list it is
	 * the list's intro (pass 5); elsewhere it is text. */
	for (i = 0; i < c->pv.n; i++) {
		piece_t *p = &c->pv.v[i], *q;

		if (p->dead || p->type != P_LABEL)
			continue;
		q = next_live(c, i, NULL);
		if (q != NULL && q->type == P_ITEM)
			continue;
		if (q != NULL && q->type == P_TEXT &&
		    q->section == p->section) {
			q->s = q->own = q->ms = q->me = p->s;
			q->labelled = 1;
			q->bstart = p->bstart;
			p->dead = 1;
			if (has_name(c, p->s, p->e)) {
				q->type = P_ITEM;
				q->style = KB_MARK_LABEL;
			}
		} else {
			p->type = P_TEXT;
		}
	}
	/* "Scissor leg (lower belly strengthening) : lie on ...":
	 * a paragraph named by its label is an item of a list without
	 * markers. */
	for (i = 0; i < c->pv.n; i++) {
		piece_t *p = &c->pv.v[i];
		size_t le;

		if (p->dead || p->type != P_TEXT || p->inl || p->labelled)
			continue;
		le = snippet_label_end(s, p->own, p->e);
		if (le > 0 &&
		    has_name(c, p->own,
		             snippet_next_sentence(s, p->own, p->own, p->e))) {
			p->type = P_ITEM;
			p->style = KB_MARK_LABEL;
		}
	}
}

/* ---- pass 5: lists, intros, closing group sentences ---- */

static void
compact(ctx_t *c)
{
	size_t i, n = 0;

	for (i = 0; i < c->pv.n; i++)
		if (!c->pv.v[i].dead)
			c->pv.v[n++] = c->pv.v[i];
	c->pv.n = n;
}

/* Makes the intro [a, b) part of the list that starts at piece f. */
static void
attach_intro(ctx_t *c, size_t f, size_t a, size_t b, long section)
{
	piece_t *first = &c->pv.v[f];
	long list = first->list;
	size_t i;
	int colon = snippet_line_end_char(c->s, a, b) == ':';

	add_group(c, list, a, b);
	if (colon && section < 0 && words(c, a, b, 20) <= INTRO_AS_HEADING &&
	    words(c, a, b, 2) >= 2) {
		/* "Simple exercise methods:" names the list like a
		 * heading would: every item sits under it. */
		long sec = add_section(c, a, trim_end(c->s, a, b - 1));

		for (i = f; i < c->pv.n && c->pv.v[i].list == list; i++)
			c->pv.v[i].section = sec;
		return;
	}
	first->s = a;
}

/* True when the heading of section sec names an exercise or a stretch
 * ("Cat-cow (on all fours)", "How to do the superman"): it yields a name
 * and its kind is one of those two. */
static int
heading_names_exercise(ctx_t *c, long sec)
{
	char buf[128], name[64];
	size_t n;
	int k;

	if (sec < 0)
		return 0;
	n = c->u->sec[sec][1] - c->u->sec[sec][0];
	if (n + 2 > sizeof(buf))
		return 0;
	memcpy(buf, c->s + c->u->sec[sec][0], n);
	/* As a title line over its text, for the names.txt title rule. */
	buf[n] = '\n';
	buf[n + 1] = '\0';
	if (snippet_find_name(c->sg, buf, n + 1, name, sizeof(name)) == 0)
		return 0;
	if (snippet_classify(c->sg, buf, n, 0, n, "", "", &k) != KB_OK) {
		c->err = KB_ERR_NOMEM;
		return 0;
	}
	return k == KB_KIND_EXERCISE || k == KB_KIND_STRETCH;
}

/* Items i..l are the steps of one exercise when none has a name of its
 * own, each is short, and the heading above names an exercise: "Cat-cow"
 * over "Step 1 Kneel ...", "Step 2 Breathe in ...".  A step alone answers
 * nothing, so they become one unit, named by the heading, with a closing
 * dosage paragraph (trailer, may be NULL) of at most STEPS_TRAILER words.
 * The step markers stay in the text: they are its structure. */
static void
merge_steps(ctx_t *c, size_t i, size_t l, piece_t *trailer)
{
	size_t k;

	if (l == i || c->pv.v[i].style == KB_MARK_LABEL ||
	    !heading_names_exercise(c, c->pv.v[i].section))
		return;
	for (k = i; k <= l; k++) {
		const piece_t *p = &c->pv.v[k];
		size_t he =
		    p->own + KB_NAME_HEAD_BYTES < p->e ? p->own + KB_NAME_HEAD_BYTES : p->e;

		if (words(c, p->own, p->e, STEP_MAX + 1) > STEP_MAX ||
		    has_name(c, p->own, he))
			return;
	}
	c->pv.v[i].e = c->pv.v[l].e;
	c->pv.v[i].ms = c->pv.v[i].me = c->pv.v[i].s;
	c->pv.v[i].own = c->pv.v[i].s;
	c->pv.v[i].name_sec = 1;
	for (k = i + 1; k <= l; k++)
		c->pv.v[k].dead = 1;
	if (trailer != NULL && words(c, trailer->s, trailer->e,
	                             STEPS_TRAILER + 1) <= STEPS_TRAILER) {
		c->pv.v[i].e = trailer->e;
		trailer->dead = 1;
	}
}

static void
pass_lists(ctx_t *c)
{
	const char *s = c->s;
	size_t i, j;

	compact(c);
	for (i = 0; i < c->pv.n; i = j) {
		piece_t *p = &c->pv.v[i];
		long list;

		j = i + 1;
		if (p->type != P_ITEM)
			continue;
		list = c->nlists++;
		p->list = list;
		while (j < c->pv.n && c->pv.v[j].type == P_ITEM &&
		       c->pv.v[j].style == p->style &&
		       c->pv.v[j].section == p->section) {
			c->pv.v[j].list = list;
			j++;
		}
	}
	for (i = 0; i < c->pv.n && c->err == KB_OK; i++) {
		piece_t *f = &c->pv.v[i], *q, *trailer;
		long list = f->list;
		size_t l, k;

		if (f->type != P_ITEM || (i > 0 && c->pv.v[i - 1].list == list))
			continue;
		for (l = i; l + 1 < c->pv.n && c->pv.v[l + 1].list == list; l++)
			;
		if (f->section >= 0)
			add_group(c, list, c->u->sec[f->section][0],
			          c->u->sec[f->section][1]);
		for (k = i; k <= l; k++)
			if (c->pv.v[k].de > c->pv.v[k].ds)
				add_group(c, list, c->pv.v[k].ds,
				          c->pv.v[k].de);
		/* The piece before the list: its last sentence may
		 * announce it. */
		q = i > 0 ? &c->pv.v[i - 1] : NULL;
		if (q != NULL && !q->dead && q->section == f->section) {
			size_t ls = last_sentence(c, q->own, q->e);
			int ch = snippet_line_end_char(s, ls, q->e);
			int intro = q->type == P_LABEL ||
			            (q->type == P_ITEM && ch == ':' &&
			             q->style != f->style) ||
			            (q->type == P_TEXT &&
			             (ch == ':' || ch == '?' ||
			              cue(c, KB_CUE_INTRO, ls, q->e)));

			if (intro) {
				size_t a = q->type == P_ITEM ? q->own : q->s;
				size_t b = q->e;

				if (q->type == P_TEXT &&
				    ls > snippet_skip_space(s, q->own, q->e)) {
					a = ls;
					q->e = trim_end(s, q->s, ls);
				} else {
					q->dead = 1;
				}
				attach_intro(c, i, a, b, q->section);
			}
		}
		/* The piece after it: a closing sentence about the group,
		 * or a bare dosage instruction, applies to every item. */
		q = l + 1 < c->pv.n ? &c->pv.v[l + 1] : NULL;
		trailer = NULL;
		if (q != NULL && q->type == P_TEXT &&
		    q->section == c->pv.v[l].section) {
			size_t fe =
			    snippet_next_sentence(s, q->own, q->own, q->e);
			size_t nw = words(c, q->s, q->e, 40);

			if (cue(c, KB_CUE_GROUP, q->own, fe) ||
			    snippet_dosage_sentence(s + q->own, fe - q->own)) {
				add_group(c, list, q->own,
				          nw <= 20 ? q->e : fe);
				if (nw <= TRAILER_JOIN) {
					c->pv.v[l].e = q->e;
					q->dead = 1;
				} else {
					trailer = q;
				}
			}
		}
		merge_steps(c, i, l, trailer);
	}
	compact(c);
}

/* ---- pass 6: one exercise per piece ---- */

/* Every exercise's snippet opens with the sentence's words before the
 * first exercise ("A simple routine:", "Do"), so that each reads on its
 * own.  When the sentence opens the piece, the piece's intro and marker
 * go with them if the whole is at most this many words; else the intro
 * stays a piece of its own. */
#define LEAD_SHARED 24

/* Text of piece p from offset from, when p was cut there: the rest of a
 * paragraph, or of an item (no longer the item: its name and list dosage
 * went with its opening). */
static piece_t
rest_of(const piece_t *p, size_t from)
{
	piece_t q = *p;

	q.s = q.own = q.ms = q.me = from;
	q.inl = 1;
	q.bstart = 0;
	if (q.type == P_ITEM)
		q.type = P_TEXT;
	q.list = -1;
	q.name_sec = 0;
	q.ds = q.de = 0;
	return q;
}

/* Cuts the sentences of p that list several exercises
 * (snippet_exercise_list) into one piece per exercise, into out; the text
 * before and after such a sentence stays as pieces of its own. */
static void
split_exercises(ctx_t *c, const piece_t *p, pvec_t *out)
{
	const char *s = c->s;
	size_t first = snippet_skip_space(s, p->own, p->e), i = first;
	size_t from = p->s;
	kb_exlist_t x;

	while (i < p->e && c->err == KB_OK) {
		size_t e = snippet_next_sentence(s, p->own, i, p->e), k, la, le;
		int whole;
		piece_t q;

		if (snippet_exercise_list(c->sg, s, i, trim_end(s, i, e), &x) ==
		    0) {
			i = snippet_skip_space(s, e, p->e);
			continue;
		}
		/* The lead: the sentence's opening, with the piece's intro
		 * and marker when the sentence opens the piece. */
		le = x.v[0].start;
		whole = i == first && from == p->s &&
		        words(c, p->s, le, LEAD_SHARED + 1) <= LEAD_SHARED;
		la = whole ? p->s : i;
		if (la > from && words(c, from, la, 1) > 0) {
			q = from == p->s ? *p : rest_of(p, from);
			q.e = trim_end(s, q.s, la);
			push(c, out, &q);
		}
		for (k = 0; k < x.n; k++) {
			init_piece(&q, P_ITEM, x.v[k].start, x.v[k].end,
			           p->block, p->section);
			q.inl = 1;
			q.bstart = 0;
			q.list = p->type == P_ITEM ? p->list : -1;
			q.exercise = 1;
			q.ns = x.v[k].name_start;
			q.ne = x.v[k].name_end;
			q.ts = x.tail_start;
			q.te = x.tail_end;
			q.ls = la;
			q.le = le;
			if (whole) {
				q.ms = p->ms;
				q.me = p->me;
			}
			push(c, out, &q);
		}
		from = i = snippet_skip_space(s, e, p->e);
	}
	if (from == p->s) {
		push(c, out, p);
	} else if (from < p->e && words(c, from, p->e, 1) > 0) {
		piece_t q = rest_of(p, from);

		push(c, out, &q);
	}
}

static void
pass_exercises(ctx_t *c)
{
	pvec_t out = {0};
	size_t i;

	if (c->sg->moves.n == 0)
		return;
	for (i = 0; i < c->pv.n && c->err == KB_OK; i++) {
		const piece_t *p = &c->pv.v[i];

		if ((p->type == P_TEXT || p->type == P_ITEM) && !p->name_sec)
			split_exercises(c, p, &out);
		else
			push(c, &out, p);
	}
	swap_in(c, &out);
}

/* ---- pass 7: questions, short paragraphs, windows ---- */

static void
pass_merge(ctx_t *c)
{
	size_t i, j;

	/* A question heads its answer: a one-line paragraph matching a
	 * lead cue ("...?", "Q3. ...") joins the piece after it. */
	for (i = 0; i < c->pv.n; i++) {
		piece_t *p = &c->pv.v[i], *q, *prev = NULL;

		if (i > 0 && !c->pv.v[i - 1].dead)
			prev = &c->pv.v[i - 1];
		if (p->dead || p->type != P_TEXT ||
		    words(c, p->s, p->e, 50) > 40 ||
		    count_lines(c, p->s, p->e) != 1 ||
		    !(only_questions(c, p->own, p->e) ||
		      cue(c, KB_CUE_LEAD, p->own, p->e)))
			continue;
		q = next_live(c, i, NULL);
		if (q != NULL && q->type != P_HEAD && q->type != P_LABEL &&
		    !q->exercise && q->section == p->section) {
			q->s = p->s;
			p->dead = 1;
		} else if (prev != NULL && prev->type == P_TEXT &&
		           prev->section == p->section) {
			/* Nothing to head ("So what should we do?" over a
			 * heading): it closes the paragraph before it. */
			prev->e = p->e;
			p->dead = 1;
		}
	}
	/* Short paragraphs in a row under one heading join up to a
	 * window's size. */
	for (i = 0; i < c->pv.n; i++) {
		piece_t *p = &c->pv.v[i], *q;
		size_t pw;

		if (p->dead || p->type != P_TEXT)
			continue;
		pw = words(c, p->s, p->e, KB_WIN_MAX + 1);
		while (pw < KB_WIN_MIN && (q = next_live(c, i, &j)) != NULL &&
		       q->type == P_TEXT && q->section == p->section) {
			size_t qw = words(c, q->s, q->e, KB_WIN_MAX + 1);

			if (pw + qw > KB_WIN_MAX)
				break;
			p->e = q->e;
			q->dead = 1;
			pw += qw;
		}
	}
	compact(c);
}

/* Cuts piece p into windows (snippet_windows) into out: the first keeps the
 * piece's kind and intro; the others are text. */
static void
window(ctx_t *c, const piece_t *p, pvec_t *out)
{
	kb_window_t *w = NULL;
	size_t n = 0, k;

	c->err = snippet_windows(c->sg, c->s, p->own, p->e, &w, &n);
	if (c->err == KB_OK && n == 0)
		push(c, out, p);
	for (k = 0; k < n && c->err == KB_OK; k++) {
		/* Windows after an item's first are text: no name, no
		 * list dosage. */
		piece_t q = k > 0 ? rest_of(p, w[k].start) : *p;

		q.e = w[k].end;
		push(c, out, &q);
	}
	free(w);
}

static void
pass_windows(ctx_t *c)
{
	pvec_t out = {0};
	size_t i;

	for (i = 0; i < c->pv.n && c->err == KB_OK; i++) {
		piece_t *p = &c->pv.v[i];
		size_t lim = p->type == P_ITEM ? ITEM_MAX : KB_WIN_MAX;

		if (p->type != P_HEAD && p->type != P_LABEL &&
		    words(c, p->own, p->e, lim + 1) > lim)
			window(c, p, &out);
		else
			push(c, &out, p);
	}
	swap_in(c, &out);
}

/* ---- units ---- */

static void
emit(ctx_t *c)
{
	kb_units_t *u = c->u;
	size_t i;

	for (i = 0; i < c->pv.n && c->err == KB_OK; i++) {
		const piece_t *p = &c->pv.v[i];
		kb_unit_t *t;

		if (p->type == P_HEAD || words(c, p->s, p->e, 1) == 0)
			continue;
		if (kb_array_grow((void **)&u->v, &u->cap, u->n,
				  sizeof(*u->v), 32) != KB_OK) {
			c->err = KB_ERR_NOMEM;
			return;
		}
		t = &u->v[u->n++];
		memset(t, 0, sizeof(*t));
		t->type = p->type == P_ITEM      ? KB_UNIT_ITEM
		          : p->type == P_CAUTION ? KB_UNIT_CAUTION
		                                 : KB_UNIT_TEXT;
		t->start = p->s;
		t->end = p->e;
		t->own = p->own > p->e ? p->e : p->own;
		t->mark_start = p->ms;
		t->mark_end = p->me;
		t->list = p->list;
		t->section = p->section;
		t->name_from_section = p->name_sec;
		if (p->exercise) {
			t->lead_start = p->ls;
			t->lead_end = p->le;
			t->tail_start = p->ts;
			t->tail_end = p->te;
			t->name_start = p->ns;
			t->name_end = p->ne;
		}
	}
}

kb_status_t
snippet_split_text(kb_segmenter_t *sg, const char *title, size_t tlen,
                   const char *text, size_t len, kb_units_t *u)
{
	ctx_t c;
	line_t *ln;
	size_t nl = 0;

	memset(&c, 0, sizeof(c));
	c.sg = sg;
	c.s = text;
	c.len = len;
	c.u = u;
	ln = read_lines(&c, title ? title : "", title ? tlen : 0, &nl);
	if (ln != NULL) {
		pass_lines(&c, ln, nl);
		free(ln);
	}
	if (c.err == KB_OK)
		pass_inline(&c);
	if (c.err == KB_OK)
		pass_line_lists(&c);
	if (c.err == KB_OK)
		pass_shape(&c);
	if (c.err == KB_OK)
		pass_lists(&c);
	if (c.err == KB_OK)
		pass_exercises(&c);
	if (c.err == KB_OK)
		pass_merge(&c);
	if (c.err == KB_OK)
		pass_windows(&c);
	if (c.err == KB_OK)
		emit(&c);
	free(c.pv.v);
	return c.err;
}

void
snippet_units_free(kb_units_t *u)
{
	if (u == NULL)
		return;
	free(u->v);
	free(u->sec);
	free(u->grp);
	memset(u, 0, sizeof(*u));
}
