/* query.c - question analysis, ranking and result assembly.
 *
 * A question is analysed (question.c: words, type, concepts), turned into
 * a Xapian query over the snippets' weighted fields (build.c), and the top
 * candidates are re-ranked with features BM25 cannot see (rank.c).
 */
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../store/kb_store.h"
#include "../util/kb_schema.h"
#include "query_internal.h"

#define MAX_LIMIT 1000

struct kb_engine {
	kb_store_t *store;
	kb_text_t *tx;
	kb_qlex_t *lex;		/* NULL until a lexicon is loaded */
	kb_rank_params_t params;
	char *path;
	kb_buf_t err;
	int has_err;
};

static void
set_err(kb_engine_t *en, const char *fmt, ...)
{
	va_list ap;

	kb_buf_reset(&en->err);
	va_start(ap, fmt);
	kb_buf_vprintf(&en->err, fmt, ap);
	va_end(ap);
	en->has_err = en->err.err == KB_OK;
}

kb_status_t
kb_engine_open(const char *path, kb_engine_t **out, char **errmsg)
{
	kb_engine_t *en;
	char *meta = NULL;
	size_t mlen = 0;
	kb_status_t rc;

	*out = NULL;
	if (errmsg != NULL)
		*errmsg = NULL;
	en = calloc(1, sizeof(*en));
	if (en == NULL)
		return KB_ERR_NOMEM;
	kb_buf_init(&en->err);
	kb_rank_params_init(&en->params);
	en->path = strdup(path);
	if (en->path == NULL) {
		rc = KB_ERR_NOMEM;
		goto fail;
	}
	rc = kb_store_open(path, KB_STORE_READ, &en->store, errmsg);
	if (rc != KB_OK)
		goto fail;
	rc = kb_text_new(&en->tx);
	if (rc != KB_OK)
		goto fail;
	/* Analyse questions exactly as the documents were analysed. */
	rc = kb_store_get_metadata(en->store, KB_META_STEMMER, &meta, &mlen);
	if (rc == KB_OK || rc == KB_ERR_NOT_FOUND) {
		rc = kb_text_set_stemmer(en->tx, meta ? meta : "english");
		free(meta);
		meta = NULL;
	}
	if (rc == KB_OK) {
		rc = kb_store_get_metadata(en->store, KB_META_STOPWORDS, &meta,
					   &mlen);
		if (rc == KB_OK)
			rc = kb_text_add_stopwords(en->tx, meta, mlen);
		else if (rc == KB_ERR_NOT_FOUND)
			rc = KB_OK;
		free(meta);
	}
	if (rc != KB_OK) {
		if (errmsg != NULL) {
			const char *m = kb_store_errmsg(en->store);
			kb_buf_t b;

			kb_buf_init(&b);
			kb_buf_printf(&b, "%s: reading analysis settings: %s",
				      path, m ? m : kb_status_str(rc));
			*errmsg = kb_buf_detach(&b);
		}
		goto fail;
	}
	*out = en;
	return KB_OK;
fail:
	kb_engine_close(en);
	return rc;
}

void
kb_engine_close(kb_engine_t *en)
{
	if (en == NULL)
		return;
	kb_store_close(en->store);
	kb_text_free(en->tx);
	kb_qlex_free(en->lex);
	kb_buf_free(&en->err);
	free(en->path);
	free(en);
}

kb_status_t
kb_engine_load_lexicon(kb_engine_t *en, const char *dir, char **errmsg)
{
	kb_qlex_t *lx = NULL;
	kb_status_t rc;

	rc = kb_qlex_load(dir, en->tx, &lx, errmsg);
	if (rc != KB_OK)
		return rc;
	kb_qlex_free(en->lex);
	en->lex = lx;
	return KB_OK;
}

kb_status_t
kb_engine_set_param(kb_engine_t *en, const char *name, double value)
{
	en->has_err = 0;
	if (kb_rank_params_set(&en->params, name, value) != KB_OK) {
		set_err(en, "no ranking parameter '%s'", name);
		return KB_ERR_NOT_FOUND;
	}
	return KB_OK;
}

const char *
kb_engine_errmsg(const kb_engine_t *en)
{
	return en != NULL && en->has_err ? en->err.data : NULL;
}

void
kb_answer_free(kb_answer_t *ans)
{
	size_t i, j;

	if (ans == NULL)
		return;
	for (i = 0; i < ans->nresults; i++) {
		kb_result_t *r = &ans->results[i];

		free(r->source);
		free(r->title);
		free(r->snippet);
		free(r->kind);
		free(r->name);
		free(r->section);
		free(r->highlights);
		for (j = 0; j < r->nalso; j++)
			free(r->also[j]);
		free(r->also);
	}
	free(ans->results);
	free(ans->query);
	free(ans->type);
	free(ans);
}

/* The terms to highlight: the question's words and the members of the
 * synonym groups it names, so that "lumbar" lights up for "lower back". */
static kb_status_t
highlight_terms(const kb_engine_t *en, const kb_question_t *q,
		kb_strset_t **out)
{
	kb_strset_t *set;
	kb_status_t rc;
	size_t i, m, k;

	rc = kb_strset_new(&set);
	if (rc != KB_OK)
		return rc;
	for (i = 0; i < q->nwords && rc == KB_OK; i++)
		if (!q->words[i].type_word)
			rc = kb_strset_add(set, q->words[i].term,
					   strlen(q->words[i].term));
	for (i = 0; en->lex != NULL && i < q->nconcepts && rc == KB_OK; i++) {
		const kb_syngroup_t *g = &en->lex->groups[q->concepts[i].group];

		for (m = 0; m < g->n && rc == KB_OK; m++)
			for (k = 0; k < g->members[m].n && rc == KB_OK; k++)
				rc = kb_strset_add(
					set, g->members[m].terms[k],
					strlen(g->members[m].terms[k]));
	}
	if (rc != KB_OK) {
		kb_strset_free(set);
		return rc;
	}
	*out = set;
	return KB_OK;
}

/* The next NUL-ended field of the rank value at *p (before end), as a
 * copy; "" when the value is short. */
static char *
next_field(const char **p, const char *end)
{
	const char *z = memchr(*p, '\0', (size_t)(end - *p));
	size_t n = z != NULL ? (size_t)(z - *p) : 0;
	char *copy = malloc(n + 1);

	if (copy != NULL) {
		memcpy(copy, *p, n);
		copy[n] = '\0';
	}
	*p = z != NULL ? z + 1 : end;
	return copy;
}

/* Reads the hits into candidates, from their rank values. */
static kb_status_t
read_candidates(kb_hits_t *hits, kb_candidate_t *c, size_t max, size_t *n)
{
	const kb_hit_t *h;
	kb_status_t rc = KB_OK;

	*n = 0;
	while (*n < max && (rc = kb_hits_next(hits, &h)) == KB_OK) {
		kb_candidate_t *k = &c[*n];
		const char *v, *p, *end;
		size_t len = 0;

		memset(k, 0, sizeof(*k));
		(*n)++;
		k->weight = h->weight;
		k->docid = h->docid;
		rc = kb_hits_value(hits, KB_SLOT_RANK, &v, &len);
		if (rc != KB_OK)
			return rc;
		end = v + len;
		p = v;
		if (len >= KB_SIG_BYTES) {
			memcpy(k->sig, v, KB_SIG_BYTES);
			k->siglen = KB_SIG_BYTES;
			p += KB_SIG_BYTES;
		}
		k->source = next_field(&p, end);
		k->title = next_field(&p, end);
		k->kind = next_field(&p, end);
		k->section = next_field(&p, end);
		if (k->source == NULL || k->title == NULL || k->kind == NULL ||
		    k->section == NULL)
			return KB_ERR_NOMEM;
	}
	return rc == KB_DONE ? KB_OK : rc;
}

/* Fills r from candidate k, reading its record, and computes its
 * highlights. */
static kb_status_t
fill_result(kb_engine_t *en, const kb_strset_t *hl, const kb_candidate_t *k,
	    unsigned rank, kb_result_t *r)
{
	char *data = NULL;
	size_t dlen = 0, i;
	json_t *o, *text;
	const char *name;
	kb_status_t rc;

	rc = kb_store_get_data(en->store, k->docid, &data, &dlen);
	if (rc != KB_OK)
		return rc;
	o = json_loadb(data, dlen, 0, NULL);
	free(data);
	if (o == NULL) {
		set_err(en, "%s: document %u: unreadable data", en->path,
			k->docid);
		return KB_ERR_CORRUPT;
	}
	name = json_string_value(json_object_get(o, "name"));
	text = json_object_get(o, "text");
	r->rank = rank;
	r->score = k->score;
	r->source = strdup(k->source);
	r->title = strdup(k->title);
	r->kind = strdup(k->kind);
	r->name = strdup(name ? name : "");
	r->section = strdup(k->section);
	r->snippet_len = json_string_length(text);
	r->snippet = malloc(r->snippet_len + 1);
	r->agree = k->agree;
	kb_dosage_from_json(json_object_get(o, "dosage"), &r->dosage);
	if (r->source == NULL || r->title == NULL || r->snippet == NULL ||
	    r->kind == NULL || r->name == NULL || r->section == NULL) {
		json_decref(o);
		return KB_ERR_NOMEM;
	}
	if (r->snippet_len > 0)
		memcpy(r->snippet, json_string_value(text), r->snippet_len);
	r->snippet[r->snippet_len] = '\0';
	json_decref(o);
	if (k->nalso > 0) {
		r->also = calloc(k->nalso, sizeof(*r->also));
		if (r->also == NULL)
			return KB_ERR_NOMEM;
		for (i = 0; i < k->nalso; i++) {
			r->also[i] = strdup(k->also[i]);
			if (r->also[i] == NULL)
				return KB_ERR_NOMEM;
			r->nalso++;
		}
	}
	return kb_highlight_spans(en->tx, hl, r->snippet, r->snippet_len,
				  &r->highlights, &r->nhighlights);
}

kb_status_t
kb_engine_query(kb_engine_t *en, const char *q, size_t len, unsigned limit,
		kb_answer_t **out)
{
	kb_question_t qn;
	kb_query_t *query = NULL;
	kb_hits_t *hits = NULL;
	kb_answer_t *ans = NULL;
	kb_candidate_t *cand = NULL;
	kb_strset_t *hl = NULL;
	kb_search_opts_t so;
	kb_bm25_t bm25;
	size_t ncand = 0, want, i;
	kb_status_t rc;

	*out = NULL;
	en->has_err = 0;
	memset(&qn, 0, sizeof(qn));
	if (limit == 0 || limit > MAX_LIMIT) {
		set_err(en, "limit %u: must be between 1 and %u", limit,
			MAX_LIMIT);
		return KB_ERR_ARG;
	}
	rc = kb_question_analyse(en->lex, en->tx, q, len, &qn);
	if (rc != KB_OK)
		goto done;
	ans = calloc(1, sizeof(*ans));
	if (ans == NULL || (ans->query = strdup(qn.text)) == NULL) {
		rc = KB_ERR_NOMEM;
		goto done;
	}
	if (qn.type != NULL && (ans->type = strdup(qn.type->name)) == NULL) {
		rc = KB_ERR_NOMEM;
		goto done;
	}
	rc = kb_build_query(&qn, en->lex, &en->params, &query);
	if (rc == KB_ERR_QUERY_SYNTAX) {
		set_err(en, "query '%s': no searchable words", ans->query);
		goto done;
	}
	if (rc != KB_OK)
		goto done;
	/* Re-rank more candidates than asked for: the features move good
	 * snippets up from below the first page. */
	want = (size_t)en->params.candidates;
	if (want < limit)
		want = limit;
	kb_search_opts_init(&so);
	kb_bm25_defaults(&bm25);
	bm25.k1 = en->params.k1;
	bm25.b = en->params.b;
	so.bm25 = &bm25;
	so.limit = (unsigned)want;
	so.skip_data = 1;
	rc = kb_store_search(en->store, query, &so, &hits);
	if (rc == KB_ERR_RETRY) {
		/* A writer committed underneath us: look again at the new
		 * revision, once. */
		rc = kb_store_reopen(en->store);
		if (rc == KB_OK)
			rc = kb_store_search(en->store, query, &so, &hits);
	}
	if (rc != KB_OK) {
		const char *m = kb_store_errmsg(en->store);

		set_err(en, "%s: query '%s': %s", en->path, ans->query,
			m ? m : kb_status_str(rc));
		goto done;
	}
	ans->total = kb_hits_estimate(hits);
	cand = calloc(want, sizeof(*cand));
	if (cand == NULL) {
		rc = KB_ERR_NOMEM;
		goto done;
	}
	rc = read_candidates(hits, cand, want, &ncand);
	if (rc == KB_OK)
		rc = kb_rerank(en->tx, &qn, &en->params, cand, ncand);
	if (rc == KB_OK)
		rc = highlight_terms(en, &qn, &hl);
	if (rc == KB_OK) {
		ans->results = calloc(limit, sizeof(*ans->results));
		if (ans->results == NULL)
			rc = KB_ERR_NOMEM;
	}
	for (i = 0; rc == KB_OK && i < ncand && ans->nresults < limit; i++) {
		if (cand[i].dropped)
			continue;
		rc = fill_result(en, hl, &cand[i], (unsigned)ans->nresults + 1,
				 &ans->results[ans->nresults]);
		ans->nresults++;
	}
	if (rc != KB_OK && !en->has_err) {
		const char *m = kb_store_errmsg(en->store);

		set_err(en, "%s: query '%s': %s", en->path,
			ans && ans->query ? ans->query : "",
			m ? m : kb_status_str(rc));
	}
done:
	kb_strset_free(hl);
	kb_candidates_clear(cand, ncand);
	free(cand);
	kb_hits_free(hits);
	kb_query_free(query);
	kb_question_clear(&qn);
	if (rc == KB_OK)
		*out = ans;
	else
		kb_answer_free(ans);
	return rc;
}
