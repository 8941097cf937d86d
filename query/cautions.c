/* cautions.c - what an answer warns about: the red flags a question
 * names (warnings), and the cautions of the answer's articles that
 * concern the question (cautions).
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "../store/kb_store.h"
#include "../util/kb_buf.h"
#include "../util/kb_schema.h"
#include "query_internal.h"
#include "redflag_internal.h"

/* Questions of these types ask about a condition by name ("What is
 * urinary incontinence?"), not about the asker's own signs: a red-flag
 * word in them is the topic, and a notice would be noise. */
static int
encyclopedic(const kb_question_t *q)
{
	static const char *const types[] = {
		"information", "frequency", "genetics", "inheritance",
		"research",    "stages",
	};
	size_t i;

	for (i = 0; q->type != NULL && i < sizeof(types) / sizeof(*types); i++)
		if (strcmp(q->type->name, types[i]) == 0)
			return 1;
	return 0;
}

/* The red flags of the question, as warnings. */
kb_status_t
query_warnings_find(kb_redflags_t *flags, const kb_question_t *q,
                    kb_answer_t *ans)
{
	kb_redflag_hit_t *hits = NULL;
	size_t n = 0, i;
	kb_status_t rc;

	if (flags == NULL || encyclopedic(q))
		return KB_OK;
	rc = redflag_match(flags, q->text, q->len, &hits, &n);
	if (rc != KB_OK || n == 0) {
		free(hits);
		return rc;
	}
	ans->warnings = calloc(n, sizeof(*ans->warnings));
	if (ans->warnings == NULL) {
		free(hits);
		return KB_ERR_NOMEM;
	}
	for (i = 0; i < n; i++) {
		ans->warnings[i].flag = strdup(hits[i].name);
		ans->warnings[i].notice = strdup(hits[i].notice);
		ans->nwarnings++;
		if (ans->warnings[i].flag == NULL ||
		    ans->warnings[i].notice == NULL)
			rc = KB_ERR_NOMEM;
	}
	free(hits);
	return rc;
}

/* The articles of the answer's card (else of its first three results),
 * each once, as one OR query in *out.  Returns KB_OK or KB_ERR_NOMEM. */
static kb_status_t
card_articles(const kb_answer_t *ans, kb_query_t **out)
{
	kb_query_t **arts = NULL;
	kb_buf_t t;
	size_t i, j, n = 0, max = ans->nadvice ? ans->nadvice : 3;
	kb_status_t rc = KB_OK;

	kb_buf_init(&t);
	arts = calloc(max, sizeof(*arts));
	if (arts == NULL)
		return KB_ERR_NOMEM;
	for (i = 0; i < max && i < ans->nresults && rc == KB_OK; i++) {
		const char *src = ans->nadvice ? ans->advice[i].sources[0]
					       : ans->results[i].source;

		for (j = 0; j < i; j++)
			if (strcmp(src, ans->nadvice ? ans->advice[j].sources[0]
						     : ans->results[j].source) ==
			    0)
				break;
		if (j < i)
			continue;
		kb_buf_reset(&t);
		kb_schema_term(&t, KB_PREFIX_ARTICLE, src, strlen(src));
		rc = t.err != KB_OK ? t.err
				    : kb_query_term(t.data, t.len, 1, 0, &arts[n]);
		if (rc == KB_OK)
			n++;
	}
	if (rc == KB_OK)
		rc = kb_query_combine(KB_QUERY_OR, arts, n, 0, out);
	for (i = 0; i < n; i++)
		kb_query_free(arts[i]);
	free(arts);
	kb_buf_free(&t);
	return rc;
}

/* The query for the cautions, in *out: snippets of kind caution in the
 * card's articles that match question.  Returns KB_OK or
 * KB_ERR_NOMEM. */
static kb_status_t
caution_query(const kb_answer_t *ans, const kb_query_t *question,
	      kb_query_t **out)
{
	kb_query_t *any = NULL, *kind = NULL, *both = NULL, *pair[2];
	kb_status_t rc;

	rc = card_articles(ans, &any);
	if (rc == KB_OK)
		rc = kb_query_term(KB_PREFIX_ADVICE "caution",
				   strlen(KB_PREFIX_ADVICE "caution"), 1, 0,
				   &kind);
	if (rc == KB_OK) {
		pair[0] = any;
		pair[1] = kind;
		rc = kb_query_combine(KB_QUERY_AND, pair, 2, 0, &both);
	}
	/* A caution must concern what the question names (its body part,
	 * its activity): it has to match the question, not only sit in one
	 * of the card's articles. */
	if (rc == KB_OK) {
		pair[0] = both;
		pair[1] = (kb_query_t *)question;
		rc = kb_query_combine(KB_QUERY_AND, pair, 2, 0, out);
	}
	kb_query_free(any);
	kb_query_free(kind);
	kb_query_free(both);
	return rc;
}

/* Sets ans->cautions to the first three hits that hold a text and a
 * source.  Returns KB_OK, KB_ERR_NOMEM or the store's error. */
static kb_status_t
read_cautions(kb_hits_t *hits, kb_answer_t *ans)
{
	const kb_hit_t *h;
	kb_status_t rc = KB_OK;

	ans->cautions = calloc(3, sizeof(*ans->cautions));
	if (ans->cautions == NULL)
		return KB_ERR_NOMEM;
	while (rc == KB_OK && (rc = kb_hits_next(hits, &h)) == KB_OK) {
		json_t *o = json_loadb(h->data, h->data_len, 0, NULL);
		const char *v, *text, *src;
		size_t vlen = 0;
		kb_caution_t *c = &ans->cautions[ans->ncautions];

		rc = kb_hits_value(hits, KB_SLOT_RANK, &v, &vlen);
		if (rc == KB_OK && o != NULL &&
		    kb_record_complete(o, v, vlen) == KB_ERR_NOMEM)
			rc = KB_ERR_NOMEM;
		text = json_string_value(json_object_get(o, "text"));
		src = json_string_value(json_object_get(o, "source"));
		if (rc == KB_OK && text != NULL && src != NULL &&
		    ans->ncautions < 3) {
			c->text = strdup(text);
			c->source = strdup(src);
			ans->ncautions++;
			if (c->text == NULL || c->source == NULL)
				rc = KB_ERR_NOMEM;
		}
		json_decref(o);
	}
	return rc == KB_DONE ? KB_OK : rc;
}

/* The cautions of the answer's articles that concern the question, most
 * relevant first: snippets of kind caution in those articles that match
 * the question's own query, ranked by it. */
kb_status_t
query_cautions_find(kb_store_t *store, kb_answer_t *ans,
                    const kb_query_t *question)
{
	kb_query_t *ranked = NULL;
	kb_hits_t *hits = NULL;
	kb_search_opts_t so;
	kb_status_t rc;

	if (ans->nresults == 0)
		return KB_OK;
	rc = caution_query(ans, question, &ranked);
	if (rc == KB_OK) {
		kb_search_opts_init(&so);
		so.limit = 3;
		rc = kb_store_search(store, ranked, &so, &hits);
	}
	if (rc == KB_OK)
		rc = read_cautions(hits, ans);
	kb_hits_free(hits);
	kb_query_free(ranked);
	return rc;
}
