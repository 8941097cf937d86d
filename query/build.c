/* build.c - from an analysed question to a Xapian query.
 *
 * Each word of the question is searched in every field of a snippet (its
 * text, its name, the article's title, the section heading), each field
 * weighted.  Words that only say what kind of answer is wanted
 * ("treatments", "symptoms") count for less.  A concept the question names
 * from the synonym lexicon is also searched through its whole group, as
 * one Xapian OP_SYNONYM at a lower weight than the person's own words,
 * and a multi-word concept found as a phrase scores extra.  Heading words
 * that answer the question's type ("Treatment" for "how is it treated")
 * lift matching snippets without matching anything on their own.
 */
#include <stdlib.h>
#include <string.h>

#include "../util/kb_array.h"
#include "../util/kb_schema.h"
#include "query_internal.h"

typedef struct qv {
	kb_query_t **v;
	size_t n, cap;
	kb_status_t err;
} qv_t;

/* Adds q (taking it over); a NULL q records an error already set. */
static void
push(qv_t *qv, kb_query_t *q)
{
	if (q == NULL) {
		if (qv->err == KB_OK)
			qv->err = KB_ERR_NOMEM;
		return;
	}
	if (kb_array_grow((void **)&qv->v, &qv->cap, qv->n,
			  sizeof(*qv->v), 16) != KB_OK) {
		kb_query_free(q);
		qv->err = KB_ERR_NOMEM;
		return;
	}
	qv->v[qv->n++] = q;
}

static void
qv_free(qv_t *qv)
{
	size_t i;

	for (i = 0; i < qv->n; i++)
		kb_query_free(qv->v[i]);
	free(qv->v);
	memset(qv, 0, sizeof(*qv));
}

/* prefix + term, with query position pos; NULL when the store refuses it
 * (too long) or on error (*rc set). */
static kb_query_t *
term(const char *prefix, const char *t, unsigned wqf, unsigned pos,
     kb_status_t *rc)
{
	kb_buf_t b;
	kb_query_t *q = NULL;
	kb_status_t st;

	kb_buf_init(&b);
	kb_buf_printf(&b, "%s%s", prefix, t);
	if (b.err != KB_OK) {
		*rc = b.err;
		return NULL;
	}
	st = kb_query_term(b.data, b.len, wqf, pos, &q);
	kb_buf_free(&b);
	if (st != KB_OK && st != KB_ERR_ARG)
		*rc = st;
	return st == KB_OK ? q : NULL;
}

/* q scaled by w, consuming q. */
static kb_query_t *
scaled(kb_query_t *q, double w, kb_status_t *rc)
{
	kb_query_t *s = NULL;
	kb_status_t st;

	if (q == NULL || w == 1.0)
		return q;
	st = kb_query_scale(q, w, &s);
	kb_query_free(q);
	if (st != KB_OK)
		*rc = st;
	return s;
}

/* Combines and frees the queries of qv. */
static kb_query_t *
combine(kb_query_op_t op, qv_t *qv, unsigned window, kb_status_t *rc)
{
	kb_query_t *q = NULL;
	kb_status_t st;

	if (qv->err != KB_OK) {
		*rc = qv->err;
		qv_free(qv);
		return NULL;
	}
	st = kb_query_combine(op, qv->v, qv->n, window, &q);
	qv_free(qv);
	if (st != KB_OK)
		*rc = st;
	return q;
}

/* A phrase of the lexicon in the text field: one term, or a PHRASE. */
static kb_query_t *
phrase_query(const kb_phrase_t *p, kb_status_t *rc)
{
	qv_t qv = { NULL, 0, 0, KB_OK };
	size_t i;

	if (p->n == 1)
		return term("", p->terms[0], 1, 0, rc);
	for (i = 0; i < p->n; i++) {
		kb_query_t *t = term("", p->terms[i], 1, (unsigned)i + 1, rc);

		if (t == NULL) {
			qv_free(&qv);
			return NULL;
		}
		push(&qv, t);
	}
	return combine(KB_QUERY_PHRASE, &qv, (unsigned)p->n, rc);
}

/* The question's words, each in every field. */
static kb_status_t
add_words(const kb_question_t *q, const kb_rank_params_t *p, qv_t *out)
{
	const struct {
		const char *prefix;
		double w;
	} fields[] = {
		{ "", 1.0 },
		{ KB_PREFIX_NAME, p->w_name },
		{ KB_PREFIX_TITLE, p->w_title },
		{ KB_PREFIX_SECTION, p->w_section },
	};
	kb_status_t rc = KB_OK;
	size_t i, f, j;

	for (i = 0; i < q->nwords && rc == KB_OK; i++) {
		const kb_qword_t *w = &q->words[i];
		/* A dosage question's type words ("reps", "seconds") say
		 * how much, and match nothing worth finding ("REP-1"). */
		double scale = !w->type_word ? 1.0
			       : q->type != NULL && q->type->wants_dosage
				       ? 0
				       : p->w_typeword;
		unsigned wqf = 0;
		int seen = 0;

		/* A repeated word counts once, with its count as wqf. */
		for (j = 0; j < q->nwords; j++)
			if (strcmp(q->words[j].term, w->term) == 0) {
				wqf++;
				if (j < i)
					seen = 1;
			}
		if (seen || scale <= 0)
			continue;
		for (f = 0; f < sizeof(fields) / sizeof(fields[0]); f++) {
			kb_query_t *t;

			if (fields[f].w <= 0)
				continue;
			t = term(fields[f].prefix, w->term, wqf, w->pos, &rc);
			if (t != NULL)
				push(out, scaled(t, fields[f].w * scale, &rc));
		}
	}
	return rc != KB_OK ? rc : out->err;
}

/* Each concept's synonyms, and the concept itself as a phrase. */
static kb_status_t
add_concepts(const kb_question_t *q, const kb_qlex_t *lx,
	     const kb_rank_params_t *p, qv_t *out)
{
	kb_status_t rc = KB_OK;
	size_t c, m;

	for (c = 0; lx != NULL && c < q->nconcepts && rc == KB_OK; c++) {
		const kb_concept_t *cn = &q->concepts[c];
		const kb_syngroup_t *g = &lx->groups[cn->group];
		qv_t syn = { NULL, 0, 0, KB_OK };

		double w = g->related ? p->w_related : p->w_synonym;

		if (!g->related && p->w_phrase > 0 &&
		    g->members[cn->member].n > 1)
			push(out, scaled(phrase_query(&g->members[cn->member],
						      &rc),
					 p->w_phrase, &rc));
		if (w <= 0)
			continue;
		/* The whole group, the question's own member included, so
		 * that OP_SYNONYM weighs them as one term. */
		for (m = 0; m < g->n && rc == KB_OK; m++) {
			kb_query_t *pq = phrase_query(&g->members[m], &rc);

			if (pq != NULL)
				push(&syn, pq);
		}
		if (rc == KB_OK && syn.n > 1)
			push(out, scaled(combine(KB_QUERY_SYNONYM, &syn, 0, &rc),
					 w, &rc));
		else
			qv_free(&syn);
	}
	return rc != KB_OK ? rc : out->err;
}

kb_status_t
query_build_query(const kb_question_t *q, const kb_qlex_t *lx,
                  const kb_rank_params_t *p, kb_query_t **out)
{
	qv_t main_q = { NULL, 0, 0, KB_OK }, sec = { NULL, 0, 0, KB_OK };
	kb_query_t *body = NULL, *boost = NULL, *pair[2];
	kb_status_t rc;

	*out = NULL;
	if (q->nwords == 0)
		return KB_ERR_QUERY_SYNTAX;
	rc = add_words(q, p, &main_q);
	if (rc == KB_OK)
		rc = add_concepts(q, lx, p, &main_q);
	if (rc == KB_OK && main_q.n == 0)
		rc = KB_ERR_QUERY_SYNTAX;	/* only words that say how much */
	if (rc != KB_OK) {
		qv_free(&main_q);
		return rc;
	}
	body = combine(KB_QUERY_OR, &main_q, 0, &rc);
	if (body == NULL)
		return rc != KB_OK ? rc : KB_ERR_NOMEM;
	if (q->type != NULL && p->w_typesection > 0) {
		size_t i;

		/* The type's heading words only add weight: they sit on the
		 * right of an AND_MAYBE and never match on their own. */
		for (i = 0; i < q->type->nsection_terms && rc == KB_OK; i++) {
			kb_query_t *t = term(KB_PREFIX_SECTION,
					     q->type->section_terms[i], 1, 0,
					     &rc);

			if (t != NULL)
				push(&sec, scaled(t, p->w_typesection, &rc));
		}
		if (rc == KB_OK && sec.n > 0)
			boost = combine(KB_QUERY_OR, &sec, 0, &rc);
		else
			qv_free(&sec);
	}
	if (rc == KB_OK && boost != NULL) {
		pair[0] = body;
		pair[1] = boost;
		rc = kb_query_combine(KB_QUERY_AND_MAYBE, pair, 2, 0, out);
	} else if (rc == KB_OK) {
		*out = body;
		body = NULL;
	}
	if (*out != body)
		kb_query_free(body);
	kb_query_free(boost);
	return rc;
}
