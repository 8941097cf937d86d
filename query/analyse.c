/* analyse.c - a question's analysis, handed out for matching questions to
 * questions (the offline FAQ, faq/kb_faq.h).
 *
 * kb_engine_query keeps its kb_question_t to itself; this file copies what
 * a question-to-question matcher needs into the public kb_analysis_t: the
 * words (and which only say what is asked), the type with the kinds that
 * answer it, and the synonym groups named.  It also says which type a
 * section heading answers, from the section words of questions.txt, so
 * that a heading such as "Treatment" can be turned into a question.
 */
#include <stdlib.h>
#include <string.h>

#include "../util/kb_array.h"
#include "query_internal.h"

void
kb_analysis_free(kb_analysis_t *a)
{
	size_t i;

	if (a == NULL)
		return;
	free(a->type);
	kb_strv_free(a->kinds, a->nkinds);
	for (i = 0; i < a->nterms; i++)
		free(a->terms[i].term);
	free(a->terms);
	kb_strv_free(a->concepts, a->nconcepts);
	kb_strv_free(a->related, a->nrelated);
	free(a);
}

/* Appends a copy of s to the list *v of *n strings unless it is there
 * already.  Returns KB_OK or KB_ERR_NOMEM. */
static kb_status_t
add_unique(char ***v, size_t *n, const char *s)
{
	char **nv;
	size_t i;

	for (i = 0; i < *n; i++)
		if (strcmp((*v)[i], s) == 0)
			return KB_OK;
	nv = realloc(*v, (*n + 1) * sizeof(*nv));
	if (nv == NULL)
		return KB_ERR_NOMEM;
	*v = nv;
	nv[*n] = strdup(s);
	if (nv[*n] == NULL)
		return KB_ERR_NOMEM;
	(*n)++;
	return KB_OK;
}

/* The name of group g: its first member's terms joined by spaces. */
static kb_status_t
group_name(const kb_syngroup_t *g, kb_buf_t *b)
{
	size_t k;

	kb_buf_reset(b);
	for (k = 0; g->n > 0 && k < g->members[0].n; k++) {
		if (k > 0)
			kb_buf_putc(b, ' ');
		kb_buf_puts(b, g->members[0].terms[k]);
	}
	return b->err;
}

static kb_status_t
fill(const kb_qlex_t *lx, const kb_question_t *q, kb_analysis_t *a)
{
	kb_buf_t b;
	kb_status_t rc = KB_OK;
	size_t i, m, k;

	if (q->type != NULL) {
		a->type = strdup(q->type->name);
		if (a->type == NULL)
			return KB_ERR_NOMEM;
		for (i = 0; i < q->type->nkinds && rc == KB_OK; i++)
			rc = add_unique(&a->kinds, &a->nkinds,
			                q->type->kinds[i]);
	}
	if (q->nwords > 0) {
		a->terms = calloc(q->nwords, sizeof(*a->terms));
		if (a->terms == NULL)
			return KB_ERR_NOMEM;
	}
	for (i = 0; i < q->nwords && rc == KB_OK; i++) {
		a->terms[i].term = strdup(q->words[i].term);
		a->terms[i].type_word = q->words[i].type_word;
		a->terms[i].concept = -1;
		if (a->terms[i].term == NULL)
			return KB_ERR_NOMEM;
		a->nterms++;
	}
	kb_buf_init(&b);
	for (i = 0; lx != NULL && i < q->nconcepts && rc == KB_OK; i++) {
		const kb_syngroup_t *g = &lx->groups[q->concepts[i].group];

		rc = group_name(g, &b);
		if (rc == KB_OK)
			rc = add_unique(&a->concepts, &a->nconcepts, b.data);
		for (k = 0; rc == KB_OK && k < q->concepts[i].count; k++) {
			size_t w = q->concepts[i].first + k, c;

			for (c = 0; c < a->nconcepts; c++)
				if (strcmp(a->concepts[c], b.data) == 0)
					break;
			if (w < a->nterms && a->terms[w].concept < 0)
			a->terms[w].concept = (long)c;
		}
		for (m = 1; m < g->n && rc == KB_OK; m++)
			for (k = 0; k < g->members[m].n && rc == KB_OK; k++)
				rc = add_unique(&a->related, &a->nrelated,
				                g->members[m].terms[k]);
	}
	kb_buf_free(&b);
	return rc;
}

kb_status_t
kb_engine_analyse(kb_engine_t *en, const char *q, size_t len,
                  kb_analysis_t **out)
{
	kb_question_t qq;
	kb_analysis_t *a;
	kb_status_t rc;

	*out = NULL;
	a = calloc(1, sizeof(*a));
	if (a == NULL)
		return KB_ERR_NOMEM;
	rc = question_analyse(query_engine_lex(en), query_engine_text(en), q,
	                      len, &qq);
	if (rc == KB_OK)
		rc = fill(query_engine_lex(en), &qq, a);
	question_clear(&qq);
	if (rc != KB_OK) {
		kb_analysis_free(a);
		return rc;
	}
	*out = a;
	return KB_OK;
}

kb_status_t
kb_engine_heading_type(kb_engine_t *en, const char *heading, size_t len,
                       const char **type)
{
	kb_qlex_t *lx = query_engine_lex(en);
	kb_question_t q;
	kb_status_t rc;
	size_t t, i, best = 0;

	*type = NULL;
	if (lx == NULL)
		return KB_OK;
	rc = question_analyse(lx, query_engine_text(en), heading, len, &q);
	if (rc != KB_OK) {
		question_clear(&q);
		return rc;
	}
	/* A heading phrased as a question says its type itself. */
	if (q.type != NULL && memchr(heading, '?', len) != NULL) {
		*type = q.type->name;
		question_clear(&q);
		return KB_OK;
	}
	/* Else the type whose section words cover most of the heading's
	 * words, and at least half of them: "Treatment" is "treatment",
	 * while "Stretches for bedtime and first thing in the morning"
	 * has too many other words to be about stretching only.  Ties go
	 * to the earlier rule, as the rules' order decides elsewhere. */
	for (t = 0; t < lx->ntypes; t++) {
		const kb_qtype_t *ty = &lx->types[t];
		size_t hits = 0;

		if (ty->sections == NULL)
			continue;
		for (i = 0; i < q.nwords; i++)
			if (kb_strset_has(ty->sections, q.words[i].term,
			                  strlen(q.words[i].term)))
				hits++;
		if (hits > best && 2 * hits >= q.nwords) {
			best = hits;
			*type = ty->name;
		}
	}
	question_clear(&q);
	return KB_OK;
}

kb_status_t
kb_engine_type_kinds(const kb_engine_t *en, const char *type,
                     const char *const **kinds, size_t *n)
{
	kb_qlex_t *lx = query_engine_lex(en);
	size_t t;

	*kinds = NULL;
	*n = 0;
	for (t = 0; lx != NULL && type != NULL && t < lx->ntypes; t++)
		if (strcmp(lx->types[t].name, type) == 0) {
			*kinds = (const char *const *)lx->types[t].kinds;
			*n = lx->types[t].nkinds;
			break;
		}
	return KB_OK;
}

kb_status_t
kb_engine_load_questions(kb_engine_t *en, const char *dir, char **errmsg)
{
	kb_qlex_t *lx = NULL;
	kb_status_t rc = qlex_load(dir, query_engine_text(en), &lx, errmsg);

	if (rc == KB_OK)
		query_engine_set_lex(en, lx);
	return rc;
}
