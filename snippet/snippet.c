/* snippet.c - advice snippets: the records a cleaned article is split into.
 *
 * snippet_split.c decides the runs of text (units); this file turns each
 * into a kb_snippet_t: its text with list markers dropped and blanks
 * collapsed, its name and kind (by snippet_kinds.c) and body parts by
 * the lexicon rules, its section heading, and its dosage, completed from
 * the dosage its list states once for all items (carry-over).
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "../util/kb_array.h"
#include "../util/kb_buf.h"
#include "../util/kb_limits.h"
#include "../util/kb_strset.h"
#include "snippet_internal.h"

/* Appends s[a..b) to out with blanks collapsed, lines trimmed and joined
 * by one newline, a scraped trailing " |" dropped and the bytes [ms, me)
 * (a list marker) left out.  When own lies in [a, b), *own_at gets the
 * output offset of the first byte written at or after it. */
static void
normalise(kb_buf_t *out, const char *s, size_t a, size_t b, size_t ms,
          size_t me, size_t own, size_t *own_at)
{
	int sp = 0, nl = 0, want_own = own_at != NULL;
	size_t i;

	for (i = a; i < b; i++) {
		unsigned char c = (unsigned char)s[i];

		if (i >= ms && i < me)
			continue;
		if (i >= own && want_own && !snippet_is_space(c)) {
			*own_at = out->len + ((sp || nl) && out->len > 0);
			want_own = 0;
		}
		if (c == '\n') {
			nl = 1;
			continue;
		}
		if (snippet_is_space(c)) {
			sp = 1;
			continue;
		}
		if (c == '|' && sp) {
			size_t k = i + 1;

			while (k < b &&
			       (s[k] == ' ' || s[k] == '\t' || s[k] == '\r'))
				k++;
			if (k == b || s[k] == '\n')
				continue;
		}
		if (out->len > 0 && (nl || sp))
			kb_buf_putc(out, nl ? '\n' : ' ');
		sp = nl = 0;
		kb_buf_putc(out, c);
	}
	if (want_own)
		*own_at = out->len;
}

/* Where each body part is first mentioned: one slot per body-parts.txt
 * line, (size_t)-1 when not mentioned. */
typedef struct bctx {
	size_t *pos;
} bctx_t;

static void
on_body_word(void *ctx, int rule, size_t at)
{
	bctx_t *b = ctx;

	if (b->pos[rule] == (size_t)-1)
		b->pos[rule] = at;
}

/* The body parts snippet sp mentions, in order of first mention, each
 * canonical part once (a part may take several lines). */
static kb_status_t
body_parts(kb_segmenter_t *sg, kb_snippet_t *sp)
{
	size_t i, j, n = 0, *pos;
	const char **part;
	bctx_t bc;
	kb_status_t rc;

	if (sg->body.n == 0)
		return KB_OK;
	rc = snippet_tokenise(&sg->toks, sp->text, sp->len);
	if (rc != KB_OK)
		return rc;
	pos = malloc(sg->body.n * sizeof(*pos));
	part = malloc(sg->body.n * sizeof(*part));
	if (pos == NULL || part == NULL) {
		free(pos);
		free(part);
		return KB_ERR_NOMEM;
	}
	for (i = 0; i < sg->body.n; i++)
		pos[i] = (size_t)-1;
	bc.pos = pos;
	snippet_wordmap_scan(&sg->bwords, &sg->toks, 1, on_body_word, &bc);
	/* Compact to (position, part), merging lines of one part. */
	for (i = 0; i < sg->body.n; i++) {
		if (pos[i] == (size_t)-1)
			continue;
		for (j = 0; j < n && strcmp(part[j], sg->body.v[i].value) != 0;
		     j++)
			;
		if (j < n) {
			if (pos[i] < pos[j])
				pos[j] = pos[i];
			continue;
		}
		pos[n] = pos[i];
		part[n] = sg->body.v[i].value;
		n++;
	}
	/* Order of first mention (insertion sort: a handful). */
	for (i = 1; i < n; i++)
		for (j = i; j > 0 && pos[j - 1] > pos[j]; j--) {
			size_t tp = pos[j];
			const char *tq = part[j];

			pos[j] = pos[j - 1];
			part[j] = part[j - 1];
			pos[j - 1] = tp;
			part[j - 1] = tq;
		}
	free(pos);
	if (n > 0) {
		sp->body_parts = calloc(n, sizeof(*sp->body_parts));
		if (sp->body_parts == NULL) {
			free(part);
			return KB_ERR_NOMEM;
		}
		for (i = 0; i < n; i++) {
			sp->body_parts[i] = strdup(part[i]);
			if (sp->body_parts[i] == NULL) {
				sp->nbody_parts = i;
				free(part);
				return KB_ERR_NOMEM;
			}
		}
		sp->nbody_parts = n;
	}
	free(part);
	return KB_OK;
}

/* Completes d with the fields it lacks from g, the dosage its list states
 * once: "the above actions are one group, do three groups, twice a day".
 * Per side goes with the reps or hold it qualifies. */
static void
carry(kb_dosage_t *d, const kb_dosage_t *g)
{
	int took = 0;

	if (d->hold_min == 0 && g->hold_min > 0) {
		d->hold_min = g->hold_min;
		d->hold_max = g->hold_max;
		took = 1;
	}
	if (d->reps_min == 0 && g->reps_min > 0) {
		d->reps_min = g->reps_min;
		d->reps_max = g->reps_max;
		took = 1;
	}
	if (d->sets_min == 0 && g->sets_min > 0) {
		d->sets_min = g->sets_min;
		d->sets_max = g->sets_max;
	}
	if (d->per_week_min == 0 && g->per_week_min > 0) {
		d->per_week_min = g->per_week_min;
		d->per_week_max = g->per_week_max;
	}
	if (d->per_day_min == 0 && g->per_day_min > 0) {
		d->per_day_min = g->per_day_min;
		d->per_day_max = g->per_day_max;
	}
	if (took && g->per_side)
		d->per_side = 1;
}

static void
snippet_clear(kb_snippet_t *sp)
{
	free(sp->name);
	free(sp->text);
	free(sp->section);
	free(sp->context);
	kb_strv_free(sp->body_parts, sp->nbody_parts);
	memset(sp, 0, sizeof(*sp));
}

void
kb_snippets_free(kb_snippet_t *v, size_t n)
{
	size_t i;

	if (v == NULL)
		return;
	for (i = 0; i < n; i++)
		snippet_clear(&v[i]);
	free(v);
}

/* Writes the text of unit t of s into out, *own_at getting the offset of
 * its own words.  One exercise of a sentence listing several (a unit with
 * a name range) reads on its own: the sentence's shared lead, its clause,
 * then the shared closing frequency or a stop -- "A simple routine: bird
 * dog 10 each side, 3 times a week." */
static void
text_of(kb_buf_t *out, const char *s, const kb_unit_t *t, size_t *own_at)
{
	size_t lead = 0;

	if (t->lead_end > t->lead_start) {
		normalise(out, s, t->lead_start, t->lead_end, t->mark_start,
		          t->mark_end, t->lead_end, NULL);
		lead = out->len;
		if (lead > 0)
			kb_buf_putc(out, ' ');
	}
	normalise(out, s, t->start, t->end, t->mark_start, t->mark_end, t->own,
	          own_at);
	if (t->name_end <= t->name_start)
		return;
	if (t->tail_end > t->tail_start) {
		kb_buf_puts(out, ", ");
		normalise(out, s, t->tail_start, t->tail_end, t->tail_start,
		          t->tail_start, t->tail_end, NULL);
	} else if (out->len > 0 &&
	           strchr(".!?", out->data[out->len - 1]) == NULL) {
		kb_buf_putc(out, '.');
	}
}

/* True when the text at s[at] continues a sentence begun before it: the
 * last character before it on its line is a letter, a digit or a mark
 * that does not end a sentence (a comma, a semicolon, a dash between
 * words, a percent sign).  A line start, a list marker, a stop, a colon
 * or a bracket is not inside. */
static int
starts_inside_sentence(const char *s, size_t at)
{
	unsigned char c;

	while (at > 0 && (s[at - 1] == ' ' || s[at - 1] == '\t'))
		at--;
	if (at == 0)
		return 0;
	c = (unsigned char)s[at - 1];
	if (c == '-') {
		/* "- Start gentle exercises": a list marker opens a line. */
		at--;
		while (at > 0 && (s[at - 1] == ' ' || s[at - 1] == '\t'))
			at--;
		return at > 0 && s[at - 1] != '\n';
	}
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == ',' || c == ';' || c == '%';
}

/* Fills sp from unit t of text s.  Returns KB_OK, KB_DONE when the unit
 * has no text, or KB_ERR_NOMEM (sp then holds what was allocated). */
static kb_status_t
build(kb_segmenter_t *sg, const char *s, const kb_units_t *u,
      const kb_unit_t *t, kb_snippet_t *sp)
{
	kb_buf_t b;
	size_t own_at = 0, head_end, i;
	char name[NAME_MAX_BYTES + 8];
	size_t nlen, hlen;
	int kind;
	kb_status_t rc;

	kb_buf_init(&b);
	text_of(&b, s, t, &own_at);
	if (b.err != KB_OK)
		return KB_ERR_NOMEM;
	if (b.len == 0) {
		kb_buf_free(&b);
		return KB_DONE;
	}
	sp->len = b.len;
	sp->text = kb_buf_detach(&b);
	kb_buf_free(&b);
	if (sp->text == NULL)
		return KB_ERR_NOMEM;
	sp->start = t->start;
	sp->span = t->end - t->start;
	if (own_at > sp->len)
		own_at = sp->len;

	/* The section heading, without a closing colon or stop. */
	kb_buf_init(&b);
	if (t->section >= 0) {
		size_t a = u->sec[t->section][0], e = u->sec[t->section][1];

		normalise(&b, s, a, e, a, a, e, NULL);
		while (b.len > 0 &&
		       (b.data[b.len - 1] == ':' || b.data[b.len - 1] == '.' ||
		        b.data[b.len - 1] == ' '))
			b.data[--b.len] = '\0';
	}
	kb_buf_puts(&b, "");
	sp->section = kb_buf_detach(&b);
	kb_buf_free(&b);
	if (sp->section == NULL)
		return KB_ERR_NOMEM;

	/* The name, from the opening of the unit's own words, or for the
	 * merged steps of one exercise from the heading above them (as a
	 * title line, the way names.txt sees one). */
	if (t->name_end > t->name_start) {
		/* One exercise of a list: the movement names it. */
		nlen = snippet_tidy_name(s + t->name_start,
		                         t->name_end - t->name_start, name,
		                         sizeof(name));
		if (nlen > NAME_MAX_BYTES ||
		    snippet_name_vetoed(sg, name, nlen))
			nlen = 0;
	} else if (t->name_from_section && t->section >= 0) {
		size_t a = u->sec[t->section][0], e = u->sec[t->section][1];
		char head[128];

		hlen = e - a < sizeof(head) - 1 ? e - a : sizeof(head) - 2;
		memcpy(head, s + a, hlen);
		head[hlen++] = '\n';
		nlen = snippet_find_name(sg, head, hlen, name, sizeof(name));
	} else if (starts_inside_sentence(s, t->start)) {
		/* A window cut out of an overlong sentence ("... Wide nasal
		 * | bridge - The Human Phenotype Ontology ...") opens with
		 * the sentence's middle, not with a label. */
		nlen = 0;
	} else {
		hlen = sp->len - own_at;
		if (hlen > KB_NAME_HEAD_BYTES) {
			hlen = KB_NAME_HEAD_BYTES;
			while (hlen > 0 &&
			       ((unsigned char)sp->text[own_at + hlen] &
			        0xC0) == 0x80)
				hlen--;
		}
		nlen = snippet_find_name(sg, sp->text + own_at, hlen, name,
		                         sizeof(name));
	}
	sp->name = strndup(name, nlen);
	if (sp->name == NULL)
		return KB_ERR_NOMEM;

	/* The opening sentence, where kind words count double. */
	head_end = own_at;
	for (i = own_at; i < sp->len; i++) {
		size_t e = snippet_sentence_end(sp->text, own_at, i, sp->len);

		if (e > 0) {
			head_end = e;
			break;
		}
	}
	if (i == sp->len)
		head_end = sp->len;
	if (t->type == KB_UNIT_CAUTION) {
		kind = KB_KIND_CAUTION;
	} else {
		rc = snippet_classify(sg, sp->text, sp->len, own_at, head_end,
		                      sp->name, sp->section, &kind);
		if (rc != KB_OK)
			return rc;
	}
	sp->kind = snippet_kind_name(kind);
	snippet_dosage_scan(sp->text, sp->len, &sp->dosage);
	return body_parts(sg, sp);
}

/* How many names a context holds at most, and how much of a snippet is
 * read for a back-reference. */
#define CONTEXT_NAMES 8
#define BACKREF_BYTES 1000

/* Sets the context of each of the n snippets of v: "People who are
 * starting can reduce the holding time to 5 seconds" after a list of
 * named exercises speaks of them, and a question that names one of them
 * ("how long should I hold a plank") should find it.  The first
 * CONTEXT_NAMES distinct names are kept as the article goes, so the work
 * is linear in n. */
static kb_status_t
set_contexts(kb_segmenter_t *sg, kb_snippet_t *v, size_t n)
{
	const char *names[CONTEXT_NAMES];
	size_t nnames = 0, i, k;
	kb_buf_t b;

	kb_buf_init(&b);
	for (i = 0; i < n; i++) {
		if (v[i].name[0] == '\0' && nnames > 0 &&
		    snippet_cue(sg, KB_CUE_BACKREF, v[i].text,
				v[i].len < BACKREF_BYTES ? v[i].len
							 : BACKREF_BYTES)) {
			kb_buf_reset(&b);
			for (k = 0; k < nnames; k++) {
				if (k > 0)
					kb_buf_puts(&b, ", ");
				kb_buf_puts(&b, names[k]);
			}
			if (b.err != KB_OK ||
			    (v[i].context = strndup(b.data, b.len)) == NULL)
				break;
		}
		/* Its own name counts for the snippets after it. */
		for (k = 0; k < nnames && v[i].name[0] != '\0'; k++)
			if (strcmp(names[k], v[i].name) == 0)
				break;
		if (v[i].name[0] != '\0' && k == nnames &&
		    nnames < CONTEXT_NAMES)
			names[nnames++] = v[i].name;
	}
	kb_buf_free(&b);
	return i == n ? KB_OK : KB_ERR_NOMEM;
}

kb_status_t
kb_segment(kb_segmenter_t *sg, const char *title, size_t tlen, const char *text,
           size_t len, kb_snippet_t **out, size_t *n)
{
	kb_units_t u;
	kb_snippet_t *v = NULL;
	kb_strset_t *seen = NULL;
	kb_status_t rc;
	size_t i, k = 0, g, gi = 0;

	assert(sg != NULL && out != NULL && n != NULL);
	*out = NULL;
	*n = 0;
	if (text == NULL)
		len = 0;
	memset(&u, 0, sizeof(u));
	rc = kb_strset_new(&seen);
	if (rc == KB_OK)
		rc = snippet_split_text(sg, title, title != NULL ? tlen : 0,
		                        text, len, &u);
	if (rc == KB_OK && u.n > 0) {
		v = calloc(u.n, sizeof(*v));
		if (v == NULL)
			rc = KB_ERR_NOMEM;
	}
	sg->dropped = 0;
	sg->stopped = 0;
	sg->stopped_rule = NULL;
	for (i = 0; i < u.n && rc == KB_OK; i++) {
		kb_status_t r;

		/* An article of more is a dump (util/kb_limits.h): the rest
		 * is counted, for the caller to warn, not built. */
		if (k == KB_LIMIT_SNIPPETS) {
			sg->dropped = u.n - i;
			break;
		}
		r = build(sg, text, &u, &u.v[i], &v[k]);

		if (r == KB_OK && kb_strset_has(seen, v[k].text, v[k].len))
			r = KB_DONE;	/* the same text again: one is enough */
		else if (r == KB_OK)
			r = kb_strset_add(seen, v[k].text, v[k].len);
		if (r == KB_DONE) {
			snippet_clear(&v[k]);
			continue;
		}
		if (r != KB_OK) {
			k++;
			rc = r;
			break;
		}
		/* Items take what their list states for all of them.  The
		 * sources come in list order, as the units do. */
		while (gi < u.ngrp && u.grp[gi].list < u.v[i].list)
			gi++;
		for (g = gi; g < u.ngrp && u.grp[g].list == u.v[i].list &&
		             u.v[i].list >= 0;
		     g++) {
			kb_dosage_t gd;

			snippet_dosage_scan(text + u.grp[g].start,
			                    u.grp[g].end - u.grp[g].start, &gd);
			carry(&v[k].dosage, &gd);
		}
		v[k].ordinal = (unsigned)(k + 1);
		k++;
	}
	snippet_units_free(&u);
	kb_strset_free(seen);
	if (rc == KB_OK)
		rc = set_contexts(sg, v, k);
	if (rc != KB_OK) {
		kb_snippets_free(v, k);
		return rc;
	}
	if (k == 0) {
		free(v);
		v = NULL;
	}
	*out = v;
	*n = k;
	return KB_OK;
}

size_t
kb_segmenter_dropped(const kb_segmenter_t *sg)
{
	return sg != NULL ? sg->dropped : 0;
}
