/* lookup.c - opening a FAQ bundle and matching a question to its
 * questions.
 *
 * The match is question to question, after question-entailment QA (Ben
 * Abacha & Demner-Fushman 2019): a FAQ question answers the asked one
 * when it is about the same thing and asks the same kind of thing.  So
 *   1. the asked question's focus words (its words that are not type
 *      words) and the synonym groups it names are searched, with BM25,
 *      in the FAQ questions' focus fields only (never in the answers);
 *   2. the best FAQ_CANDIDATES are re-scored by how much of the asked
 *      focus they cover (weighted by idf), how much of their own focus
 *      the asked question covers (a FAQ question about more than was
 *      asked fits less), and whether their types fit: the same type,
 *      or types answered by the same kinds of snippet (lexicon
 *      questions.txt), as a share.
 * KB_FAQ_BM25 is the plain lookup it is measured against: every word of
 * the question, searched over the entries' question and answer text.
 */
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/kb_array.h"
#include "faq_internal.h"

/* How many of BM25's best are re-scored: enough for the entry that fits
 * to be among them when many entries share the topic's words (MedQuAD
 * has a dozen per disease). */
#define FAQ_CANDIDATES 40

/* The weights of the re-scoring (see the file comment): set by hand
 * and checked on medquad-dev and consumer-dev together (make bench);
 * not yet tuned by a search.  Coverage of the asked focus counts most;
 * BM25 only breaks ties among entries that cover as much. */
#define W_BM25 0.5     /* BM25, as a share of the best candidate's */
#define W_COVER 1.0    /* asked focus idf the entry covers */
#define W_FIT 0.5      /* entry focus the asked question covers */
#define W_TYPE 0.6     /* the types fit */
#define W_CONCEPT 1.5  /* a named synonym group, in the search */
#define W_TYPEWORD 0.2 /* a type word, in the search (question field) */

kb_status_t
kb_faq_open(const char *path, const char *lexdir, kb_faq_t **out, char **errmsg)
{
	kb_faq_t *f;
	char *v = NULL;
	size_t len = 0;
	kb_status_t rc;

	*out = NULL;
	if (errmsg != NULL)
		*errmsg = NULL;
	f = calloc(1, sizeof(*f));
	if (f == NULL)
		return KB_ERR_NOMEM;
	kb_errmsg_init(&f->err);
	f->path = strdup(path);
	if (f->path == NULL) {
		kb_faq_close(f);
		return KB_ERR_NOMEM;
	}
	rc = kb_store_open(path, KB_STORE_READ, &f->store, errmsg);
	if (rc == KB_ERR_NOT_FOUND && errmsg != NULL) {
		free(*errmsg);
		*errmsg = NULL;
		{
			kb_buf_t b;

			kb_buf_init(&b);
			kb_buf_printf(&b,
			              "%s: no FAQ bundle here (build one "
			              "with relief faq build)",
			              path);
			*errmsg = kb_buf_detach(&b);
		}
	}
	if (rc == KB_OK) {
		rc = kb_store_get_metadata(f->store, FAQ_META_FORMAT, &v, &len);
		if (rc != KB_OK || strcmp(v, FAQ_FORMAT) != 0) {
			if (errmsg != NULL) {
				kb_buf_t b;

				kb_buf_init(&b);
				kb_buf_printf(&b,
				              "%s: a Xapian database, but "
				              "not a FAQ bundle of this "
				              "version",
				              path);
				*errmsg = kb_buf_detach(&b);
			}
			rc = KB_ERR_CORRUPT;
		}
		free(v);
	} else if (rc == KB_ERR_IO || rc == KB_ERR_XAPIAN) {
		/* Xapian cannot tell a foreign file from a broken one. */
		rc = KB_ERR_CORRUPT;
	}
	if (rc == KB_OK)
		rc = kb_engine_open(path, &f->en, errmsg);
	if (rc == KB_OK && lexdir != NULL)
		rc = kb_engine_load_questions(f->en, lexdir, errmsg);
	if (rc != KB_OK) {
		kb_faq_close(f);
		return rc;
	}
	*out = f;
	return KB_OK;
}

void
kb_faq_close(kb_faq_t *f)
{
	if (f == NULL)
		return;
	kb_engine_close(f->en);
	kb_store_close(f->store);
	kb_errmsg_free(&f->err);
	free(f->path);
	free(f);
}

const char *
kb_faq_errmsg(const kb_faq_t *f)
{
	return f != NULL ? kb_errmsg_get(&f->err) : NULL;
}

kb_status_t
kb_faq_count(kb_faq_t *f, uint64_t *out)
{
	return kb_store_doc_count(f->store, out);
}

/* ---- entries ------------------------------------------------------ */

void
faq_entry_clear(kb_faq_entry_t *e)
{
	size_t i;

	free(e->question);
	free(e->type);
	free(e->topic);
	kb_strv_free(e->sources, e->nsources);
	for (i = 0; i < e->nadvice; i++) {
		free(e->advice[i].name);
		free(e->advice[i].kind);
		free(e->advice[i].how);
		free(e->advice[i].source);
	}
	free(e->advice);
	kb_strv_free(e->cautions, e->ncautions);
	memset(e, 0, sizeof(*e));
}

static char *
dup_field(json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));

	return strdup(s ? s : "");
}

/* A JSON array of strings as a malloc'd list. */
static kb_status_t
dup_list(json_t *a, char ***v, size_t *n)
{
	size_t i, m = json_array_size(a);

	*n = 0;
	*v = NULL;
	if (m == 0)
		return KB_OK;
	*v = calloc(m, sizeof(**v));
	if (*v == NULL)
		return KB_ERR_NOMEM;
	for (i = 0; i < m; i++) {
		const char *s = json_string_value(json_array_get(a, i));

		(*v)[i] = strdup(s ? s : "");
		if ((*v)[i] == NULL)
			return KB_ERR_NOMEM;
		(*n)++;
	}
	return KB_OK;
}

kb_status_t
faq_entry_parse(const char *data, size_t len, kb_faq_entry_t *e)
{
	json_t *o = json_loadb(data, len, 0, NULL), *adv;
	kb_status_t rc;
	size_t i;

	memset(e, 0, sizeof(*e));
	if (o == NULL || !json_is_object(o)) {
		json_decref(o);
		return KB_ERR_CORRUPT;
	}
	e->question = dup_field(o, "q");
	e->type = dup_field(o, "type");
	e->topic = dup_field(o, "topic");
	rc = e->question && e->type && e->topic ? KB_OK : KB_ERR_NOMEM;
	if (rc == KB_OK)
		rc = dup_list(json_object_get(o, "sources"), &e->sources,
		              &e->nsources);
	if (rc == KB_OK)
		rc = dup_list(json_object_get(o, "cautions"), &e->cautions,
		              &e->ncautions);
	adv = json_object_get(o, "advice");
	if (rc == KB_OK && json_array_size(adv) > 0) {
		e->advice = calloc(json_array_size(adv), sizeof(*e->advice));
		if (e->advice == NULL)
			rc = KB_ERR_NOMEM;
	}
	for (i = 0; rc == KB_OK && i < json_array_size(adv); i++) {
		json_t *a = json_array_get(adv, i);
		kb_faq_advice_t *x = &e->advice[i];

		e->nadvice++;
		x->name = dup_field(a, "name");
		x->kind = dup_field(a, "kind");
		x->how = dup_field(a, "how");
		x->source = dup_field(a, "source");
		kb_dosage_from_json(json_object_get(a, "dosage"), &x->dosage);
		if (!x->name || !x->kind || !x->how || !x->source)
			rc = KB_ERR_NOMEM;
	}
	json_decref(o);
	return rc;
}

kb_status_t
faq_each(kb_faq_t *f, kb_faq_each_fn fn, void *ctx)
{
	kb_strv_t ids = {NULL, 0, 0};
	kb_status_t rc;
	size_t i;

	kb_errmsg_clear(&f->err);
	/* The ids are zero-padded numbers: byte order is entry order. */
	rc = kb_store_terms(f->store, FAQ_PREFIX_ID, strlen(FAQ_PREFIX_ID),
	                    kb_strv_push_term, &ids);
	for (i = 0; rc == KB_OK && i < ids.n; i++) {
		unsigned docid;
		char *data = NULL;
		size_t len = 0;

		rc =
		    kb_store_find(f->store, ids.v[i], strlen(ids.v[i]), &docid);
		if (rc == KB_OK)
			rc = kb_store_get_data(f->store, docid, &data, &len);
		if (rc == KB_OK)
			rc = fn(ctx, docid, data, len);
		free(data);
	}
	if (rc != KB_OK && rc != KB_DONE && kb_store_errmsg(f->store))
		kb_errmsg_set(&f->err, "%s: %s", f->path,
		              kb_store_errmsg(f->store));
	kb_strv_free(ids.v, ids.n);
	return rc == KB_DONE ? KB_OK : rc;
}

/* ---- matching ----------------------------------------------------- */

void
kb_faq_match_free(kb_faq_match_t *m)
{
	size_t i;

	if (m == NULL)
		return;
	for (i = 0; i < m->nentries; i++)
		faq_entry_clear(&m->entries[i]);
	free(m->entries);
	free(m->query);
	free(m->type);
	free(m);
}

typedef struct cand {
	unsigned docid;
	double weight;
	double score;
	char *data;
	size_t len;
} cand_t;

static int
cmp_cand(const void *a, const void *b)
{
	const cand_t *x = a, *y = b;

	if (x->score != y->score)
		return x->score < y->score ? 1 : -1;
	return (x->docid > y->docid) - (x->docid < y->docid);
}

/* Adds the query for prefix + term (scaled by w) to the list v. */
static kb_status_t
push_term(kb_query_t ***v, size_t *n, size_t *cap, const char *prefix,
          const char *term, double w)
{
	kb_query_t *q = NULL, *s = NULL;
	kb_buf_t t;
	kb_status_t rc;

	kb_buf_init(&t);
	kb_buf_puts(&t, prefix);
	kb_buf_puts(&t, term);
	if (t.err != KB_OK || t.len > 200) {
		rc = t.err;
		kb_buf_free(&t);
		return rc;
	}
	if (kb_array_grow((void **)v, cap, *n, sizeof(**v), 16) != KB_OK) {
		kb_buf_free(&t);
		return KB_ERR_NOMEM;
	}
	rc = kb_query_term(t.data, t.len, 1, 0, &q);
	kb_buf_free(&t);
	if (rc == KB_OK && w != 1.0) {
		rc = kb_query_scale(q, w, &s);
		kb_query_free(q);
		q = s;
	}
	if (rc == KB_OK)
		(*v)[(*n)++] = q;
	return rc;
}

/* The search of step 1 (or the plain BM25 one). */
static kb_status_t
make_query(const kb_analysis_t *a, kb_faq_mode_t mode, kb_query_t **out)
{
	kb_query_t **v = NULL;
	size_t n = 0, cap = 0, i;
	kb_status_t rc = KB_OK;

	*out = NULL;
	for (i = 0; rc == KB_OK && i < a->nterms; i++) {
		if (mode == KB_FAQ_BM25)
			rc = push_term(&v, &n, &cap, "", a->terms[i].term, 1);
		else if (!a->terms[i].type_word)
			rc = push_term(&v, &n, &cap, FAQ_PREFIX_FOCUS,
			               a->terms[i].term, 1);
		else
			rc = push_term(&v, &n, &cap, FAQ_PREFIX_QUESTION,
			               a->terms[i].term, W_TYPEWORD);
	}
	for (i = 0; mode == KB_FAQ_MATCH && rc == KB_OK && i < a->nconcepts;
	     i++)
		rc = push_term(&v, &n, &cap, FAQ_PREFIX_CONCEPT, a->concepts[i],
		               W_CONCEPT);
	if (rc == KB_OK && n == 0)
		rc = KB_ERR_QUERY_SYNTAX;
	if (rc == KB_OK)
		rc = kb_query_combine(KB_QUERY_OR, v, n, 0, out);
	for (i = 0; i < n; i++)
		kb_query_free(v[i]);
	free(v);
	return rc;
}

/* True when the JSON array a holds the string s. */
static int
has_string(json_t *a, const char *s)
{
	size_t i;

	for (i = 0; i < json_array_size(a); i++)
		if (strcmp(json_string_value(json_array_get(a, i))
		               ? json_string_value(json_array_get(a, i))
		               : "",
		           s) == 0)
			return 1;
	return 0;
}

/* How well the types fit, 0 to 1: the same type 1; different types the
 * share of the kinds that answer them they have in common (Jaccard); a
 * question without a type fits anything halfway. */
static double
type_fit(const kb_analysis_t *a, json_t *o)
{
	const char *t = json_string_value(json_object_get(o, "type"));
	json_t *kinds = json_object_get(o, "kinds");
	size_t i, common = 0, nk = json_array_size(kinds);

	if (a->type == NULL || t == NULL || t[0] == '\0')
		return 0.5;
	if (strcmp(a->type, t) == 0)
		return 1.0;
	for (i = 0; i < a->nkinds; i++)
		if (has_string(kinds, a->kinds[i]))
			common++;
	if (a->nkinds + nk == common)
		return 0.0;
	return 0.8 * (double)common / (double)(a->nkinds + nk - common);
}

/* The number of entries with prefix + t. */
static uint64_t
freq(kb_faq_t *f, const char *prefix, const char *t)
{
	uint64_t tf = 0;
	kb_buf_t b;

	kb_buf_init(&b);
	kb_buf_puts(&b, prefix);
	kb_buf_puts(&b, t);
	if (b.err == KB_OK && b.len <= 200)
		kb_store_term_freq(f->store, b.data, b.len, &tf);
	kb_buf_free(&b);
	return tf;
}

/* The idf of asked focus word i: of the entries that have it or name its
 * synonym group, as either counts as covering it.  A word no entry has
 * weighs as much as the rarest, so that it still counts when a synonym
 * covers it. */
static double
idf(kb_faq_t *f, const kb_analysis_t *a, size_t i, double ndocs)
{
	uint64_t tf = freq(f, FAQ_PREFIX_FOCUS, a->terms[i].term);

	if (a->terms[i].concept >= 0)
		tf += freq(f, FAQ_PREFIX_CONCEPT,
		           a->concepts[a->terms[i].concept]);
	return log(1.0 + ndocs / (double)(tf ? tf : 1));
}

/* Step 2: the score of a candidate whose record is o. */
static double
rescore(const kb_analysis_t *a, const double *idfs, json_t *o, double bm25)
{
	json_t *focus = json_object_get(o, "focus");
	json_t *concepts = json_object_get(o, "concepts");
	double have = 0, all = 0, fit = 0;
	size_t i, nf = json_array_size(focus), covered = 0;

	/* An asked focus word is covered when the entry has it, or names
	 * the synonym group it is part of. */
	for (i = 0; i < a->nterms; i++) {
		long c = a->terms[i].concept;

		if (a->terms[i].type_word)
			continue;
		all += idfs[i];
		if (has_string(focus, a->terms[i].term) ||
		    (c >= 0 && has_string(concepts, a->concepts[c])))
			have += idfs[i];
	}
	/* The entry's focus words the question names, itself or through a
	 * synonym group it names. */
	for (i = 0; i < nf; i++) {
		const char *w = json_string_value(json_array_get(focus, i));
		size_t k;
		int hit = 0;

		for (k = 0; w != NULL && !hit && k < a->nterms; k++)
			hit = strcmp(a->terms[k].term, w) == 0;
		for (k = 0; w != NULL && !hit && k < a->nrelated; k++)
			hit = strcmp(a->related[k], w) == 0;
		covered += hit;
	}
	if (nf > 0)
		fit = (double)covered / (double)nf;
	return W_BM25 * bm25 + W_COVER * (all > 0 ? fmin(1.0, have / all) : 0) +
	       W_FIT * fit + W_TYPE * type_fit(a, o);
}

kb_status_t
kb_faq_lookup(kb_faq_t *f, const char *q, size_t len, kb_faq_mode_t mode,
              kb_faq_match_t **out)
{
	kb_analysis_t *a = NULL;
	kb_query_t *query = NULL;
	kb_hits_t *hits = NULL;
	kb_search_opts_t opts;
	const kb_hit_t *h;
	cand_t c[FAQ_CANDIDATES];
	size_t n = 0, i, k;
	double *idfs = NULL, best = 0;
	uint64_t ndocs = 0;
	kb_faq_match_t *m = NULL;
	kb_status_t rc;

	*out = NULL;
	kb_errmsg_clear(&f->err);
	memset(c, 0, sizeof(c));
	rc = kb_engine_analyse(f->en, q, len, &a);
	if (rc == KB_OK)
		rc = make_query(a, mode, &query);
	if (rc != KB_OK)
		goto done;
	kb_search_opts_init(&opts);
	opts.limit = mode == KB_FAQ_MATCH ? FAQ_CANDIDATES : 1 + KB_FAQ_RELATED;
	rc = kb_store_search(f->store, query, &opts, &hits);
	while (rc == KB_OK && n < FAQ_CANDIDATES &&
	       (rc = kb_hits_next(hits, &h)) == KB_OK) {
		c[n].docid = h->docid;
		c[n].weight = h->weight;
		c[n].score = h->weight;
		c[n].data = malloc(h->data_len + 1);
		if (c[n].data == NULL) {
			rc = KB_ERR_NOMEM;
			break;
		}
		memcpy(c[n].data, h->data, h->data_len + 1);
		c[n].len = h->data_len;
		if (h->weight > best)
			best = h->weight;
		n++;
	}
	if (rc == KB_DONE)
		rc = KB_OK;
	if (rc != KB_OK) {
		if (kb_store_errmsg(f->store))
			kb_errmsg_set(&f->err, "%s: %s", f->path,
			              kb_store_errmsg(f->store));
		goto done;
	}
	if (mode == KB_FAQ_MATCH && n > 0) {
		idfs = calloc(a->nterms + 1, sizeof(*idfs));
		if (idfs == NULL) {
			rc = KB_ERR_NOMEM;
			goto done;
		}
		kb_store_doc_count(f->store, &ndocs);
		for (i = 0; i < a->nterms; i++)
			if (!a->terms[i].type_word)
				idfs[i] = idf(f, a, i, (double)ndocs);
		for (i = 0; i < n; i++) {
			json_t *o = json_loadb(c[i].data, c[i].len, 0, NULL);

			if (o == NULL) {
				kb_errmsg_set(&f->err,
				              "%s: document %u: unreadable "
				              "entry",
				              f->path, c[i].docid);
				rc = KB_ERR_CORRUPT;
				goto done;
			}
			c[i].score = rescore(a, idfs, o,
			                     best > 0 ? c[i].weight / best : 0);
			json_decref(o);
		}
		qsort(c, n, sizeof(*c), cmp_cand);
	}
	m = calloc(1, sizeof(*m));
	if (m == NULL) {
		rc = KB_ERR_NOMEM;
		goto done;
	}
	m->query = strndup(q, len);
	m->type = a->type ? strdup(a->type) : NULL;
	if (m->query == NULL || (a->type && m->type == NULL)) {
		rc = KB_ERR_NOMEM;
		goto done;
	}
	if (n > 0) {
		m->entries = calloc(1 + KB_FAQ_RELATED, sizeof(*m->entries));
		if (m->entries == NULL) {
			rc = KB_ERR_NOMEM;
			goto done;
		}
	}
	/* The match, then related questions: each question once. */
	for (i = 0; i < n && m->nentries < 1 + KB_FAQ_RELATED; i++) {
		kb_faq_entry_t *e = &m->entries[m->nentries];

		rc = faq_entry_parse(c[i].data, c[i].len, e);
		if (rc != KB_OK) {
			faq_entry_clear(e);
			kb_errmsg_set(&f->err,
			              "%s: document %u: unreadable entry",
			              f->path, c[i].docid);
			goto done;
		}
		for (k = 0; k < m->nentries; k++)
			if (strcmp(m->entries[k].question, e->question) == 0)
				break;
		if (k < m->nentries) {
			faq_entry_clear(e);
			continue;
		}
		e->score = c[i].score;
		m->nentries++;
	}
	*out = m;
	m = NULL;
done:
	for (i = 0; i < n; i++)
		free(c[i].data);
	free(idfs);
	kb_faq_match_free(m);
	kb_hits_free(hits);
	kb_query_free(query);
	kb_analysis_free(a);
	return rc;
}

/* ---- JSON --------------------------------------------------------- */

static json_t *
entry_json(const kb_faq_entry_t *e, int with_answer)
{
	json_t *o = json_object();
	size_t i;

	json_object_set_new(o, "question", json_string(e->question));
	json_object_set_new(o, "type", json_string(e->type));
	json_object_set_new(o, "topic", json_string(e->topic));
	json_object_set_new(o, "score", json_real(e->score));
	json_object_set_new(o, "sources",
	                    kb_strings_to_json(e->sources, e->nsources));
	if (with_answer) {
		json_t *adv = json_array();

		for (i = 0; i < e->nadvice; i++)
			json_array_append_new(
			    adv,
			    json_pack("{s:s, s:s, s:s, s:o, s:s}", "name",
			              e->advice[i].name, "kind",
			              e->advice[i].kind, "how",
			              e->advice[i].how, "dosage",
			              kb_dosage_to_json(&e->advice[i].dosage),
			              "source", e->advice[i].source));
		json_object_set_new(o, "answer", adv);
		json_object_set_new(o, "cautions",
		                    kb_strings_to_json(e->cautions,
		                                       e->ncautions));
	}
	return o;
}

char *
kb_faq_match_json(const kb_faq_match_t *m)
{
	json_t *o = json_object(), *rel = json_array();
	char *s;
	size_t i;

	if (o == NULL || rel == NULL) {
		json_decref(o);
		json_decref(rel);
		return NULL;
	}
	json_object_set_new(o, "query", json_string(m->query));
	json_object_set_new(o, "type",
	                    m->type ? json_string(m->type) : json_null());
	json_object_set_new(o, "match",
	                    m->nentries > 0 ? entry_json(&m->entries[0], 1)
	                                    : json_null());
	for (i = 1; i < m->nentries; i++)
		json_array_append_new(rel, entry_json(&m->entries[i], 0));
	json_object_set_new(o, "related", rel);
	s = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(o);
	return s;
}
