/* question.c - understanding a question before searching.
 *
 * People do not type keywords: "my lower back is stiff every morning,
 * what can I do?".  The analysis finds
 *   - the question's words, analysed like documents (stopwords such as
 *     "my", "is", "what", "can", "I", "do" drop out here);
 *   - its type (treatment, cause, symptoms, ...) from lexicon/questions.txt,
 *     and the "type words" that say what is asked rather than what it is
 *     about ("treatments" in "What are the treatments for sciatica?");
 *   - the concepts it names from lexicon/synonyms.txt, multi-word ones
 *     matched as phrases ("lower back"), each with the other members of
 *     its group for expansion.
 */
#include <stdlib.h>
#include <string.h>

#include "question_internal.h"

void
question_clear(kb_question_t *q)
{
	size_t i;

	if (q == NULL)
		return;
	for (i = 0; i < q->nwords; i++) {
		free(q->words[i].term);
		free(q->words[i].folded);
	}
	free(q->words);
	free(q->concepts);
	free(q->text);
	memset(q, 0, sizeof(*q));
}

typedef struct words_ctx {
	kb_question_t *q;
} words_ctx_t;

typedef struct drop_ctx {
	kb_question_t *q;
	char *masked;		/* a copy of q->text, or NULL */
} drop_ctx_t;

/* kb_token_fn: records one word of the question. */
static kb_status_t
on_word(void *ctx, const kb_token_t *tok)
{
	kb_question_t *q = ((words_ctx_t *)ctx)->q;
	kb_qword_t *v, *w;

	/* A question longer than this is a paste, not a question; its first
	 * words carry it.  The rest are counted, for the answer to say. */
	if (q->nwords >= KB_MAX_QWORDS) {
		q->dropped++;
		return KB_OK;
	}
	v = realloc(q->words, (q->nwords + 1) * sizeof(*v));
	if (v == NULL)
		return KB_ERR_NOMEM;
	q->words = v;
	w = &v[q->nwords];
	memset(w, 0, sizeof(*w));
	w->term = strndup(tok->term, tok->len);
	w->folded = strndup(tok->folded, tok->folded_len);
	if (w->term == NULL || w->folded == NULL)
		return KB_ERR_NOMEM;
	w->start = tok->start;
	w->end = tok->end;
	w->pos = tok->pos;
	q->nwords++;
	return KB_OK;
}

/* Length of the longest member of group g that matches the words from
 * index i on; *member gets which. */
static size_t
match_group(const kb_syngroup_t *g, const kb_question_t *q, size_t i,
	    size_t *member)
{
	size_t m, k, best = 0;

	for (m = 0; m < g->n; m++) {
		const kb_phrase_t *p = &g->members[m];

		if (p->n <= best || i + p->n > q->nwords)
			continue;
		for (k = 0; k < p->n; k++)
			if (strcmp(p->terms[k], q->words[i + k].term) != 0)
				break;
		if (k == p->n) {
			best = p->n;
			*member = m;
		}
	}
	return best;
}

/* Finds the concepts of synonym groups (related 0) or related groups
 * (related 1): at each word, the longest phrase of any such group that
 * starts there; matched words are not matched again by the same kind of
 * group. */
static kb_status_t
find_concepts(const kb_qlex_t *lx, kb_question_t *q, int related)
{
	size_t i = 0, g;

	while (i < q->nwords) {
		size_t best = 0, best_g = 0, best_m = 0;

		for (g = 0; g < lx->ngroups; g++) {
			size_t m = 0, n;

			if (lx->groups[g].related != related)
				continue;
			n = match_group(&lx->groups[g], q, i, &m);

			if (n > best) {
				best = n;
				best_g = g;
				best_m = m;
			}
		}
		if (best == 0) {
			i++;
			continue;
		}
		{
			kb_concept_t *v = realloc(q->concepts,
						  (q->nconcepts + 1) * sizeof(*v));

			if (v == NULL)
				return KB_ERR_NOMEM;
			q->concepts = v;
			v[q->nconcepts].group = best_g;
			v[q->nconcepts].member = best_m;
			v[q->nconcepts].first = i;
			v[q->nconcepts].count = best;
			q->nconcepts++;
		}
		i += best;
	}
	return KB_OK;
}

/* Boilerplate callback: drops the words inside [start, end), and blanks
 * the span in the masked text the type is read from ("I was diagnosed
 * with" is not a question about diagnosis). */
static void
drop_span(void *ctx, size_t start, size_t end)
{
	drop_ctx_t *d = ctx;
	kb_question_t *q = d->q;
	size_t i, o = 0;

	if (d->masked != NULL && end <= q->len && start < end)
		memset(d->masked + start, ' ', end - start);

	for (i = 0; i < q->nwords; i++) {
		if (q->words[i].start >= start && q->words[i].end <= end) {
			free(q->words[i].term);
			free(q->words[i].folded);
			continue;
		}
		q->words[o++] = q->words[i];
	}
	q->nwords = o;
}

kb_status_t
question_analyse(kb_qlex_t *lx, kb_text_t *tx, const char *s, size_t len,
                 kb_question_t *q)
{
	words_ctx_t c;
	kb_buf_t b;
	kb_status_t rc;
	size_t i, ts = 0, te = 0;

	memset(q, 0, sizeof(*q));
	kb_buf_init(&b);
	kb_text_repair_utf8(s, len, &b);
	q->len = b.len;
	q->text = kb_buf_detach(&b);
	if (q->text == NULL)
		return KB_ERR_NOMEM;
	c.q = q;
	rc = kb_text_tokenize(tx, KB_TEXT_QUERY, q->text, q->len, on_word, &c);
	if (rc != KB_OK)
		return rc;
	if (lx == NULL)
		return KB_OK;
	/* "is it normal that", "I have been", "my friend": words about
	 * asking, or the story around the question, not what it is about. */
	{
		drop_ctx_t d = { q, malloc(q->len + 1) };

		if (d.masked == NULL)
			return KB_ERR_NOMEM;
		memcpy(d.masked, q->text, q->len + 1);
		qlex_boilerplate(lx, q->text, q->len, drop_span, &d);
		q->type = qlex_type(lx, d.masked, q->len, &ts, &te);
		free(d.masked);
	}
	for (i = 0; q->type != NULL && i < q->nwords; i++)
		if (q->words[i].start >= ts && q->words[i].end <= te)
			q->words[i].type_word = 1;
	rc = find_concepts(lx, q, 0);
	return rc == KB_OK ? find_concepts(lx, q, 1) : rc;
}
