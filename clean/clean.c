/* clean.c - the cleaner: a scraped page in, a title and the article's own
 * lines out, with the reason for every decision.
 *
 * The steps, over one clean_line_t per input line:
 *
 *   1. lines      split at '\n' (a '\r' before it is dropped), trim white
 *                 space, apply the inline clean-ups (trailing " |", a
 *                 glued "Read more", filler sentences)
 *   2. rules      the named pattern rules of clean_rules.c; a line ending
 *                 in "..." is a teaser; features for scoring; boilerplate
 *                 learned across documents
 *   3. classify   the context-free jusText class of every open line
 *   4. zones      tables of contents, menus, meta descriptions, the title
 *                 and the furniture above it, the tail
 *   5. smooth     short lines take their neighbours' class
 *   6. result     kept lines in order, the title apart
 *
 * Every step is linear in the page, or bounded per line, so that any
 * input (a 10 MB line, binary junk, a million blank lines) is cleaned in
 * time proportional to its size.
 *
 * The title and the text.  kb_cleaned_t.title is the title; when it is a
 * whole line of the page (its own line, a repeated title, or the last part
 * of a site header) that line is NOT in kb_cleaned_t.text, so that
 * printing "title, blank line, text" shows every kept line once.  When the
 * page has no title line, the title is the first sentence of the first
 * content paragraph, and that paragraph stays in the text (the line has
 * is_title set and rule "content").
 */
#include <stdlib.h>
#include <string.h>

#include "clean_internal.h"

/* A page whose words are less than this share stopwords is not in the
 * stopword list's language (or has no prose): stopword density says
 * nothing about its lines, and scoring falls back to length and
 * punctuation. */
#define MIN_PAGE_STOP_SHARE 0.08

/* A line ending in an ellipsis with at most this many words is a teaser:
 * the cut-off start of another article. */
#define TEASER_WORDS 30

/* ---- the cleaner ---- */

/* Reads the stopword list (one word per line, '#' comments) into the
 * cleaner's Bloom filter, and notes whether it lists any word.  A list
 * with a word outside ASCII turns the filter off: kb_text folds such
 * words in ways a byte hash cannot follow. */
static void
bloom_stopwords(kb_cleaner_t *cl, const char *s, size_t len)
{
	size_t i = 0;
	char w[64];

	cl->use_bloom = 1;
	while (i < len) {
		size_t n = 0;
		int ascii = 1;

		while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r'))
			i++;
		while (i < len && s[i] != '\n' && s[i] != '#' && s[i] != ' ' &&
		       s[i] != '\t' && s[i] != '\r') {
			unsigned char c = (unsigned char)s[i++];

			ascii &= c < 0x80;
			if (n < sizeof(w))
				w[n++] =
				    (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
		}
		while (i < len && s[i] != '\n')
			i++;
		i++;
		if (n == 0)
			continue;
		cl->have_stops = 1;
		if (!ascii || n == sizeof(w))
			cl->use_bloom = 0;
		else {
			uint32_t h = clean_bloom_hash(w, n);

			cl->stop_bloom[h / 64] |= (uint64_t)1 << (h % 64);
		}
	}
}

kb_status_t
kb_cleaner_new(const char *stopwords, size_t len, kb_cleaner_t **out,
               char **errmsg)
{
	kb_cleaner_t *cl;
	kb_status_t rc;

	*out = NULL;
	if (errmsg != NULL)
		*errmsg = NULL;
	cl = calloc(1, sizeof(*cl));
	if (cl == NULL)
		return KB_ERR_NOMEM;
	kb_buf_init(&cl->work);
	kb_buf_init(&cl->tmp);
	rc = kb_text_new(&cl->tx);
	if (rc == KB_OK && stopwords != NULL && len > 0) {
		rc = kb_text_add_stopwords(cl->tx, stopwords, len);
		if (rc == KB_OK)
			bloom_stopwords(cl, stopwords, len);
	}
	if (rc == KB_OK)
		rc = clean_rules_new(&cl->rules, errmsg);
	if (rc == KB_OK)
		rc = clean_learn_new(&cl->learn);
	if (rc != KB_OK) {
		if (errmsg != NULL && *errmsg == NULL)
			*errmsg = strdup(rc == KB_ERR_NOMEM
			                     ? "cleaner: out of memory"
			                     : "cleaner: cannot set up");
		kb_cleaner_free(cl);
		return rc;
	}
	*out = cl;
	return KB_OK;
}

void
kb_cleaner_free(kb_cleaner_t *cl)
{
	if (cl == NULL)
		return;
	kb_text_free(cl->tx);
	clean_rules_free(cl->rules);
	if (!cl->learn_borrowed)
		clean_learn_free(cl->learn);
	free(cl->lines);
	free(cl->wset);
	kb_buf_free(&cl->work);
	kb_buf_free(&cl->tmp);
	free(cl);
}

kb_status_t
kb_cleaner_learn(kb_cleaner_t *cl, const char *s, size_t len)
{
	if (cl == NULL || (s == NULL && len > 0) || cl->learn_borrowed)
		return KB_ERR_ARG;
	return clean_learn_add(cl->learn, s, len);
}

kb_status_t
kb_cleaner_share_learning(kb_cleaner_t *cl, const kb_cleaner_t *from)
{
	if (cl == NULL || from == NULL || cl == from)
		return KB_ERR_ARG;
	if (!cl->learn_borrowed)
		clean_learn_free(cl->learn);
	cl->learn = from->learn;
	cl->learn_borrowed = 1;
	return KB_OK;
}

kb_status_t
kb_cleaner_clean(kb_cleaner_t *cl, const char *s, size_t len,
                 kb_cleaned_t **out)
{
	return clean_core(cl, s, len, NULL, 0, out);
}

void
kb_cleaned_free(kb_cleaned_t *c)
{
	if (c == NULL)
		return;
	free(c->title);
	free(c->text);
	free(c->lines); /* the line strings live in the same block */
	free(c);
}

/* ---- step 1: lines ---- */

/* Length of the white space character at s[0..len), or 0: ASCII space
 * and controls, NBSP, the U+2000 spaces, ideographic space, BOM. */
static size_t
space_len(const unsigned char *s, size_t len)
{
	if (s[0] == ' ' || s[0] == '\t' || s[0] == '\r' || s[0] == '\f' ||
	    s[0] == '\v' || s[0] == '\0')
		return 1;
	if (len >= 2 && s[0] == 0xC2 && s[1] == 0xA0)
		return 2;
	if (len >= 3 && s[0] == 0xE2 && s[1] == 0x80 && s[2] <= 0x8D)
		return 3;
	if (len >= 3 && s[0] == 0xE3 && s[1] == 0x80 && s[2] == 0x80)
		return 3;
	if (len >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF)
		return 3;
	return 0;
}

/* Length of the white space character that ends s[0..len), or 0. */
static size_t
space_len_back(const unsigned char *s, size_t len)
{
	if (len >= 1 && space_len(s + len - 1, 1) == 1)
		return 1;
	if (len >= 2 && space_len(s + len - 2, 2) == 2)
		return 2;
	if (len >= 3 && space_len(s + len - 3, 3) == 3)
		return 3;
	return 0;
}

static void
trim(const char *s, size_t *start, size_t *end)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t k;

	while (*start < *end && (k = space_len(u + *start, *end - *start)) > 0)
		*start += k;
	while (*end > *start &&
	       (k = space_len_back(u + *start, *end - *start)) > 0)
		*end -= k;
}

static int
grow_lines(kb_cleaner_t *cl, size_t n)
{
	clean_line_t *p;
	size_t cap = cl->cap ? cl->cap : 64;

	if (n <= cl->cap)
		return 1;
	while (cap < n)
		cap *= 2;
	p = realloc(cl->lines, cap * sizeof(*p));
	if (p == NULL)
		return 0;
	cl->lines = p;
	cl->cap = cap;
	return 1;
}

/* Appends s to b with every Unicode space character (NBSP, the U+2000
 * spaces, ideographic space) written as an ASCII space: the rules and
 * the scoring see one kind of space.  Returns b->err. */
static kb_status_t
append_spaced(kb_buf_t *b, const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, from = 0, k;

	while (i < len) {
		if (u[i] < 0x80 || (k = space_len(u + i, len - i)) == 0 ||
		    u[i] == 0xEF) {
			i++;
			continue;
		}
		kb_buf_append(b, s + from, i - from);
		kb_buf_putc(b, ' ');
		i += k;
		from = i;
	}
	return kb_buf_append(b, s + from, len - from);
}

/* True when the inline clean-ups changed line l (its text in work) from
 * the spaced copy of the line in tmp. */
static int
inline_changed(const kb_cleaner_t *cl, const clean_line_t *l)
{
	return l->len != cl->tmp.len ||
	       memcmp(cl->work.data + l->off, cl->tmp.data, l->len) != 0;
}

/* Matches the rules against the line's current text in work. */
static void
match_rules(kb_cleaner_t *cl, clean_line_t *l)
{
	l->rule = clean_rules_match(cl->rules, cl->work.data + l->off, l->len,
	                            &l->rflags);
	l->why = l->rule >= 0 ? clean_rules_name(cl->rules, l->rule) : NULL;
}

/* Splits s into lines, trims them and applies the inline clean-ups and
 * the rules.  Returns KB_OK or KB_ERR_NOMEM. */
static kb_status_t
make_lines(clean_page_t *pg, const char *s, size_t len, const float *ld,
           size_t nld)
{
	kb_cleaner_t *cl = pg->cl;
	size_t i = 0, n = 0, count = 0;

	for (i = 0; i < len; i++)
		count += s[i] == '\n';
	if (len > 0 && s[len - 1] != '\n')
		count++;
	if (!grow_lines(cl, count))
		return KB_ERR_NOMEM;
	kb_buf_reset(&cl->work);
	i = 0;
	while (i < len) {
		const char *nl = memchr(s + i, '\n', len - i);
		size_t end = nl ? (size_t)(nl - s) : len, a = i, b;
		clean_line_t *l = &cl->lines[n];

		memset(l, 0, sizeof(*l));
		l->rule = -1;
		l->score = -1;
		l->raw_off = i;
		l->raw_len = end - i;
		if (l->raw_len > 0 && s[end - 1] == '\r')
			l->raw_len--;
		b = i + l->raw_len;
		trim(s, &a, &b);
		if (n < nld && ld != NULL && ld[n] > 0 && ld[n] <= 1)
			l->ld = ld[n];
		l->off = cl->work.len;
		if (a == b) {
			l->blank = 1;
		} else {
			/* The rules see the line as it is first: a line that
			 * is wholly filler or "Read more" must not be taken
			 * apart by the inline clean-ups. */
			append_spaced(&cl->work, s + a, b - a);
			l->len = cl->work.len - l->off;
			match_rules(cl, l);
			if (l->rule < 0) {
				/* The clean-ups run on the spaced copy, in
				 * tmp, and write their result to work. */
				kb_buf_reset(&cl->tmp);
				kb_buf_append(&cl->tmp, cl->work.data + l->off,
				              l->len);
				cl->work.len = l->off;
				clean_rules_inline(cl->rules, cl->tmp.data,
				                   cl->tmp.len, &cl->work);
				l->len = cl->work.len - l->off;
				if (l->len == 0) {
					append_spaced(&cl->work, s + a, b - a);
					l->len = cl->work.len - l->off;
				} else if (inline_changed(cl, l)) {
					/* "Share this |" is a widget too. */
					match_rules(cl, l);
				}
			}
		}
		kb_buf_putc(&cl->work, '\0');
		if (cl->work.err != KB_OK)
			return KB_ERR_NOMEM;
		n++;
		i = end + 1;
	}
	pg->lines = cl->lines;
	pg->n = n;
	pg->work = cl->work.data ? cl->work.data : "";
	return KB_OK;
}

/* ---- step 2: features ---- */

static void
features(clean_page_t *pg)
{
	kb_cleaner_t *cl = pg->cl;
	size_t i, words = 0, stops = 0;

	/* Count stopwords everywhere first: whether the page is in the
	 * list's language decides how lines are scored. */
	pg->stop_ok = cl->have_stops;
	for (i = 0; i < pg->n; i++) {
		clean_line_t *l = &pg->lines[i];

		if (l->blank)
			continue;
		clean_score_features(pg, l);
		words += l->words;
		stops += l->stops;
	}
	pg->stop_ok = cl->have_stops && words > 0 &&
	              (double)stops / words >= MIN_PAGE_STOP_SHARE;
	for (i = 0; i < pg->n; i++) {
		clean_line_t *l = &pg->lines[i];
		const char *t = cline_text(pg, l);

		if (l->blank)
			continue;
		if (l->rule < 0 && l->ellipsis && l->words <= TEASER_WORDS)
			l->why = "teaser";
		if (l->why == NULL && l->words <= 4 && l->len <= 60)
			l->navword =
			    (unsigned)clean_rules_navword(cl->rules, t, l->len);
		if (l->len <= KB_CLEAN_LEARN_BYTES &&
		    l->words <= KB_CLEAN_LEARN_WORDS)
			l->learned = (unsigned)clean_learn_is_boiler(cl->learn,
			                                             t, l->len);
	}
}

/* ---- step 6: the result ---- */

static kb_status_t
result(clean_page_t *pg, const char *src, kb_cleaned_t **out)
{
	clean_line_t *L = pg->lines;
	size_t n = pg->n, i, bytes = 0;
	kb_cleaned_t *c;
	kb_buf_t text;
	char *arena;
	int gap = 0, any = 0;

	c = calloc(1, sizeof(*c));
	if (c == NULL)
		return KB_ERR_NOMEM;
	/* Decide. */
	for (i = 0; i < n; i++) {
		clean_line_t *l = &L[i];

		if (l->blank) {
			l->keep = 0;
		} else if (i == pg->title && !pg->title_in_text) {
			/* A title line is kept; a site header that gave
			 * the title is not. */
			l->keep = l->why == NULL;
		} else if (l->why != NULL) {
			l->keep = 0;
		} else {
			l->keep = l->cls == KB_CC_GOOD;
		}
		bytes += l->raw_len + 1 + (l->keep ? l->len + 1 : 0);
	}
	c->lines = malloc(n * sizeof(*c->lines) + bytes + 1);
	if (c->lines == NULL) {
		free(c);
		return KB_ERR_NOMEM;
	}
	arena = (char *)(c->lines + n);
	c->nlines = n;
	kb_buf_init(&text);
	for (i = 0; i < n; i++) {
		clean_line_t *l = &L[i];
		kb_clean_line_t *o = &c->lines[i];
		int title_line = i == pg->title && !pg->title_in_text;

		memset(o, 0, sizeof(*o));
		o->raw = arena;
		o->raw_len = l->raw_len;
		memcpy(arena, src + l->raw_off, l->raw_len);
		arena[l->raw_len] = '\0';
		arena += l->raw_len + 1;
		o->keep = l->keep;
		o->is_title = i == pg->title;
		o->score = l->why != NULL ? -1 : l->score;
		if (l->keep) {
			o->text = arena;
			o->text_len = l->len;
			memcpy(arena, cline_text(pg, l), l->len);
			arena[l->len] = '\0';
			arena += l->len + 1;
		}
		if (l->blank) {
			o->rule = "blank";
			o->score = -1;
			gap = any;
			continue;
		}
		if (title_line)
			o->rule = l->why != NULL ? l->why : "title";
		else if (l->why != NULL)
			o->rule = l->why;
		else if (l->keep)
			o->rule = "content";
		else
			o->rule = l->learned ? "boilerplate" : "score";
		if (!l->keep || title_line)
			continue;
		if (gap) {
			kb_buf_putc(&text, '\n');
			/* The blank line that stands for the gap is kept,
			 * and a kept line has text: "" (its raw's NUL). */
			if (i > 0 && L[i - 1].blank) {
				kb_clean_line_t *b = &c->lines[i - 1];

				b->keep = 1;
				b->text = b->raw + b->raw_len;
				b->text_len = 0;
			}
		}
		kb_buf_append(&text, cline_text(pg, l), l->len);
		kb_buf_putc(&text, '\n');
		gap = 0;
		any = 1;
	}
	c->len = text.len;
	c->text = text.len ? kb_buf_detach(&text) : strdup("");
	kb_buf_free(&text);
	if (pg->title < n)
		c->title = strndup(pg->work + pg->title_off, pg->title_len);
	else
		c->title = strdup("");
	if (c->text == NULL || c->title == NULL) {
		kb_cleaned_free(c);
		return KB_ERR_NOMEM;
	}
	*out = c;
	return KB_OK;
}

kb_status_t
clean_core(kb_cleaner_t *cl, const char *s, size_t len,
           const float *link_density, size_t nld, kb_cleaned_t **out)
{
	clean_page_t pg;
	kb_status_t rc;
	size_t i;

	*out = NULL;
	if (cl == NULL || (s == NULL && len > 0))
		return KB_ERR_ARG;
	if (s == NULL)
		s = "";
	memset(&pg, 0, sizeof(pg));
	pg.cl = cl;
	rc = make_lines(&pg, s, len, link_density, nld);
	if (rc != KB_OK)
		return rc;
	pg.title = pg.n;
	features(&pg);
	clean_score_classify(&pg);
	/* The body starts at the first line of prose: good, or near-good
	 * and a finished sentence of some length (a title can be
	 * near-good, but is rarely a sentence ending in a full stop). */
	for (pg.body = 0; pg.body < pg.n; pg.body++) {
		const clean_line_t *l = &pg.lines[pg.body];
		const char *t = cline_text(&pg, l);

		if (l->blank || l->why != NULL)
			continue;
		if (l->cf == KB_CC_GOOD ||
		    (l->cf == KB_CC_NEARGOOD && l->words >= 12 && l->term &&
		     t[l->len - 1] != '?'))
			break;
	}
	clean_zones_lists(&pg);
	rc = clean_zones_head(&pg);
	if (rc != KB_OK)
		return rc;
	clean_zones_tail(&pg);
	for (i = 0; i < pg.n; i++)
		if (pg.lines[i].why != NULL)
			pg.lines[i].cf = KB_CC_BAD;
	clean_score_smooth(&pg);
	return result(&pg, s, out);
}
