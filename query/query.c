/* query.c - question analysis, ranking and result assembly.
 *
 * For now a question is the bag of its analysed words: each distinct term
 * is searched in the snippet's text, name, article title and section
 * heading, weighted per field, and BM25 ranks the snippets.  The
 * answer-ranking issue replaces this with question understanding; the
 * interface stays.
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
	kb_buf_free(&en->err);
	free(en->path);
	free(en);
}

const char *
kb_engine_errmsg(const kb_engine_t *en)
{
	return en != NULL && en->has_err ? en->err.data : NULL;
}

void
kb_answer_free(kb_answer_t *ans)
{
	size_t i;

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
	}
	free(ans->results);
	free(ans->query);
	free(ans);
}

/* The analysed question: distinct terms in order of first appearance. */
typedef struct qterms {
	kb_strset_t *set;
	char **v;
	unsigned *wqf;
	unsigned *pos;
	size_t n, cap;
} qterms_t;

static void
qterms_free(qterms_t *q)
{
	size_t i;

	kb_strset_free(q->set);
	for (i = 0; i < q->n; i++)
		free(q->v[i]);
	free(q->v);
	free(q->wqf);
	free(q->pos);
}

/* kb_token_fn: collects the question's terms, counting repeats. */
static kb_status_t
on_query_token(void *ctx, const kb_token_t *tok)
{
	qterms_t *q = ctx;
	size_t i;

	if (kb_strset_has(q->set, tok->term, tok->len)) {
		for (i = 0; i < q->n; i++)
			if (strcmp(q->v[i], tok->term) == 0)
				q->wqf[i]++;
		return KB_OK;
	}
	if (q->n == q->cap) {
		size_t cap = q->cap ? q->cap * 2 : 8;
		char **v = realloc(q->v, cap * sizeof(*v));
		unsigned *w, *p;

		if (v == NULL)
			return KB_ERR_NOMEM;
		q->v = v;
		w = realloc(q->wqf, cap * sizeof(*w));
		if (w == NULL)
			return KB_ERR_NOMEM;
		q->wqf = w;
		p = realloc(q->pos, cap * sizeof(*p));
		if (p == NULL)
			return KB_ERR_NOMEM;
		q->pos = p;
		q->cap = cap;
	}
	q->v[q->n] = strndup(tok->term, tok->len);
	if (q->v[q->n] == NULL)
		return KB_ERR_NOMEM;
	q->wqf[q->n] = 1;
	q->pos[q->n] = tok->pos;
	q->n++;
	return kb_strset_add(q->set, tok->term, tok->len);
}

/* Frees an array of n queries. */
static void
free_queries(kb_query_t **v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		kb_query_free(v[i]);
	free(v);
}

/* The fields a question's words are searched in, and their weights.
 * Title words appear in every snippet of an article, so at full weight
 * the title would lift all of an article's snippets alike and drown each
 * snippet's own words; at half weight it still breaks ties towards the
 * article that is about the question.  A section heading ("Treatment",
 * "Why it happens") says what a snippet is about in the same way.  A
 * snippet's name ("arch bridge") is what a person asks for by name, so
 * it counts like the text. */
static const struct field {
	const char *prefix;
	double weight;
} fields[] = {
	{ "", 1.0 },
	{ KB_PREFIX_NAME, 1.0 },
	{ KB_PREFIX_TITLE, 0.5 },
	{ KB_PREFIX_SECTION, 0.5 },
};

#define NFIELDS (sizeof(fields) / sizeof(fields[0]))

/* Builds the OR over every field of every question term, each field
 * scaled by its weight. */
static kb_status_t
build_query(const qterms_t *qt, kb_query_t **out)
{
	kb_query_t **parts = NULL, *plain = NULL;
	kb_buf_t t;
	kb_status_t rc = KB_OK;
	size_t i, f, n = 0;

	*out = NULL;
	kb_buf_init(&t);
	parts = calloc(qt->n * NFIELDS, sizeof(*parts));
	if (parts == NULL)
		return KB_ERR_NOMEM;
	for (i = 0; i < qt->n && rc == KB_OK; i++) {
		for (f = 0; f < NFIELDS && rc == KB_OK; f++) {
			kb_buf_reset(&t);
			kb_buf_printf(&t, "%s%s", fields[f].prefix, qt->v[i]);
			if (t.err != KB_OK) {
				rc = t.err;
				break;
			}
			rc = kb_query_term(t.data, t.len, qt->wqf[i],
					   qt->pos[i], &plain);
			if (rc == KB_ERR_ARG) {
				rc = KB_OK;	/* too long with a prefix */
				continue;
			}
			if (rc == KB_OK && fields[f].weight != 1.0) {
				rc = kb_query_scale(plain, fields[f].weight,
						    &parts[n]);
				kb_query_free(plain);
			} else if (rc == KB_OK) {
				parts[n] = plain;
			}
			plain = NULL;
			if (rc == KB_OK)
				n++;
		}
	}
	if (rc == KB_OK)
		rc = kb_query_combine(KB_QUERY_OR, parts, n, 0, out);
	free_queries(parts, n);
	kb_buf_free(&t);
	return rc;
}

/* Fills r from one hit's JSON data and computes its highlights. */
static kb_status_t
fill_result(kb_engine_t *en, const qterms_t *qt, const kb_hit_t *h,
	    kb_result_t *r)
{
	json_t *o = json_loadb(h->data, h->data_len, 0, NULL);
	const char *source, *title, *text, *kind, *name, *section;
	kb_status_t rc;

	if (o == NULL) {
		set_err(en, "%s: document %u: unreadable data", en->path,
			h->docid);
		return KB_ERR_CORRUPT;
	}
	source = json_string_value(json_object_get(o, "source"));
	title = json_string_value(json_object_get(o, "title"));
	text = json_string_value(json_object_get(o, "text"));
	kind = json_string_value(json_object_get(o, "kind"));
	name = json_string_value(json_object_get(o, "name"));
	section = json_string_value(json_object_get(o, "section"));
	kb_dosage_from_json(json_object_get(o, "dosage"), &r->dosage);
	r->rank = h->rank + 1;
	r->score = h->weight;
	r->source = strdup(source ? source : "");
	r->title = strdup(title ? title : "");
	r->kind = strdup(kind ? kind : "");
	r->name = strdup(name ? name : "");
	r->section = strdup(section ? section : "");
	r->snippet_len = text ? json_string_length(json_object_get(o, "text"))
			      : 0;
	r->snippet = malloc(r->snippet_len + 1);
	if (r->source == NULL || r->title == NULL || r->snippet == NULL ||
	    r->kind == NULL || r->name == NULL || r->section == NULL) {
		json_decref(o);
		return KB_ERR_NOMEM;
	}
	if (text != NULL)
		memcpy(r->snippet, text, r->snippet_len);
	r->snippet[r->snippet_len] = '\0';
	json_decref(o);
	rc = kb_highlight_spans(en->tx, qt->set, r->snippet, r->snippet_len,
				&r->highlights, &r->nhighlights);
	return rc;
}

kb_status_t
kb_engine_query(kb_engine_t *en, const char *q, size_t len, unsigned limit,
		kb_answer_t **out)
{
	qterms_t qt;
	kb_query_t *query = NULL;
	kb_hits_t *hits = NULL;
	kb_answer_t *ans = NULL;
	kb_search_opts_t so;
	const kb_hit_t *h;
	kb_status_t rc;

	*out = NULL;
	en->has_err = 0;
	memset(&qt, 0, sizeof(qt));
	if (limit == 0 || limit > MAX_LIMIT) {
		set_err(en, "limit %u: must be between 1 and %u", limit,
			MAX_LIMIT);
		return KB_ERR_ARG;
	}
	rc = kb_strset_new(&qt.set);
	if (rc != KB_OK)
		goto done;
	rc = kb_text_tokenize(en->tx, KB_TEXT_QUERY, q, len, on_query_token,
			      &qt);
	if (rc != KB_OK)
		goto done;
	ans = calloc(1, sizeof(*ans));
	if (ans == NULL) {
		rc = KB_ERR_NOMEM;
		goto done;
	}
	{
		kb_buf_t b;

		kb_buf_init(&b);
		kb_text_repair_utf8(q, len, &b);
		ans->query = kb_buf_detach(&b);
		if (ans->query == NULL) {
			rc = KB_ERR_NOMEM;
			goto done;
		}
	}
	if (qt.n == 0) {
		set_err(en, "query '%s': no searchable words", ans->query);
		rc = KB_ERR_QUERY_SYNTAX;
		goto done;
	}
	rc = build_query(&qt, &query);
	if (rc != KB_OK)
		goto done;
	kb_search_opts_init(&so);
	so.limit = limit;
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
	ans->results = calloc(limit, sizeof(*ans->results));
	if (ans->results == NULL) {
		rc = KB_ERR_NOMEM;
		goto done;
	}
	while ((rc = kb_hits_next(hits, &h)) == KB_OK &&
	       ans->nresults < limit) {
		rc = fill_result(en, &qt, h, &ans->results[ans->nresults++]);
		if (rc != KB_OK)
			break;
	}
	if (rc == KB_DONE)
		rc = KB_OK;
	else if (rc != KB_OK && !en->has_err) {
		const char *m = kb_store_errmsg(en->store);

		set_err(en, "%s: query '%s': %s", en->path, ans->query,
			m ? m : kb_status_str(rc));
	}
done:
	kb_hits_free(hits);
	kb_query_free(query);
	qterms_free(&qt);
	if (rc == KB_OK)
		*out = ans;
	else
		kb_answer_free(ans);
	return rc;
}
