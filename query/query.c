/* query.c - question analysis, ranking and result assembly.
 *
 * A question is analysed (question.c: words, type, concepts), turned into
 * a Xapian query over the snippets' weighted fields (build.c), and the top
 * candidates are re-ranked with features BM25 cannot see (rank.c).  An
 * unknown word is mended first (spell.c), and the answer carries the
 * question's red flags and its articles' cautions (cautions.c).
 */
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../store/kb_store.h"
#include "../util/kb_array.h"
#include "../util/kb_errmsg.h"
#include "../util/kb_schema.h"
#include "query_internal.h"
#include "redflag_internal.h"

#define MAX_LIMIT 1000

struct kb_engine {
	kb_store_t *store;
	kb_text_t *tx;
	kb_qlex_t *lex;		/* NULL until a lexicon is loaded */
	kb_redflags_t *flags;	/* NULL until a lexicon is loaded */
	kb_rank_params_t params;
	char *path;
	kb_errmsg_t err;	/* the last call's error */
	kb_wordlist_t dict;	/* the word list, read when first needed */
};

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
	kb_errmsg_init(&en->err);
	kb_buf_init(&en->dict.words);
	query_rank_params_init(&en->params);
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
	qlex_free(en->lex);
	redflag_free(en->flags);
	kb_errmsg_free(&en->err);
	kb_buf_free(&en->dict.words);
	free(en->path);
	free(en);
}

kb_status_t
kb_engine_load_lexicon(kb_engine_t *en, const char *dir, char **errmsg)
{
	kb_qlex_t *lx = NULL;
	kb_redflags_t *rf = NULL;
	char path[4096];
	kb_status_t rc;

	rc = qlex_load(dir, en->tx, &lx, errmsg);
	if (rc != KB_OK)
		return rc;
	/* Red flags are optional: a lexicon without them gives no
	 * warnings. */
	snprintf(path, sizeof(path), "%s/red-flags.txt", dir);
	if (access(path, F_OK) == 0) {
		rc = redflag_load(path, &rf, errmsg);
		if (rc != KB_OK) {
			qlex_free(lx);
			return rc;
		}
	}
	qlex_free(en->lex);
	redflag_free(en->flags);
	en->lex = lx;
	en->flags = rf;
	return KB_OK;
}

kb_status_t
kb_engine_set_param(kb_engine_t *en, const char *name, double value)
{
	kb_errmsg_clear(&en->err);
	if (query_rank_params_set(&en->params, name, value) != KB_OK) {
		kb_errmsg_set(&en->err, "no ranking parameter '%s'", name);
		return KB_ERR_NOT_FOUND;
	}
	return KB_OK;
}

const char *
kb_engine_errmsg(const kb_engine_t *en)
{
	return en != NULL ? kb_errmsg_get(&en->err) : NULL;
}

/* Frees result r's contents. */
static void
result_clear(kb_result_t *r)
{
	free(r->source);
	free(r->title);
	free(r->snippet);
	free(r->kind);
	free(r->name);
	free(r->section);
	free(r->highlights);
	free(r->explain);
	kb_strv_free(r->also, r->nalso);
}

void
kb_answer_free(kb_answer_t *ans)
{
	size_t i;

	if (ans == NULL)
		return;
	for (i = 0; i < ans->nresults; i++)
		result_clear(&ans->results[i]);
	for (i = 0; i < ans->nwarnings; i++) {
		free(ans->warnings[i].flag);
		free(ans->warnings[i].notice);
	}
	free(ans->warnings);
	for (i = 0; i < ans->nadvice; i++)
		query_advice_clear(&ans->advice[i]);
	free(ans->advice);
	for (i = 0; i < ans->ncautions; i++) {
		free(ans->cautions[i].text);
		free(ans->cautions[i].source);
	}
	free(ans->cautions);
	for (i = 0; i < ans->nfacets; i++)
		free(ans->facets[i].kind);
	free(ans->facets);
	free(ans->suggestion);
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

/* Reads the hits into candidates, from their rank values. */
static kb_status_t
read_candidates(kb_hits_t *hits, kb_candidate_t *c, size_t max, size_t *n)
{
	const kb_hit_t *h;
	kb_status_t rc = KB_OK;

	*n = 0;
	while (*n < max && (rc = kb_hits_next(hits, &h)) == KB_OK) {
		kb_candidate_t *k = &c[*n];
		kb_rank_value_t rv;
		const char *v;
		size_t len = 0;

		memset(k, 0, sizeof(*k));
		(*n)++;
		k->weight = h->weight;
		k->docid = h->docid;
		rc = kb_hits_value(hits, KB_SLOT_RANK, &v, &len);
		if (rc != KB_OK)
			return rc;
		if (kb_rank_decode(v, len, &rv) != KB_OK)
			return KB_ERR_CORRUPT;
		memcpy(k->sig, rv.sig, KB_SIG_BYTES);
		k->siglen = KB_SIG_BYTES;
		k->flags = rv.flags;
		k->dosage_key = rv.dosage_key;
		k->nwords = rv.nwords;
		k->nterms = rv.nterms;
		k->terms = malloc(2 * rv.nterms + 1);
		k->source = strdup(rv.source);
		k->title = strdup(rv.title);
		k->kind = strdup(rv.kind);
		k->section = strdup(rv.section);
		k->name = strdup(rv.name);
		if (k->terms == NULL || k->source == NULL || k->title == NULL ||
		    k->kind == NULL || k->section == NULL || k->name == NULL)
			return KB_ERR_NOMEM;
		memcpy(k->terms, rv.terms, 2 * rv.nterms);
	}
	return rc == KB_DONE ? KB_OK : rc;
}

/* How candidate k's score was made, for people (`relief eval --explain`):
 * a new string, or NULL when out of memory. */
static char *
explain_of(const kb_engine_t *en, const kb_candidate_t *k)
{
	kb_buf_t b;
	const kb_rank_params_t *p = &en->params;

	kb_buf_init(&b);
	kb_buf_printf(&b,
		      "bm25 %.3f (%.2f of best)*%.2f + cover %.2f*%.2f "
		      "+ ccover %.2f*%.2f "
		      "+ [title %.2f*%.2f + tcover %.2f*%.2f + article "
		      "%.2f*%.2f] gated %.2f + section %.0f*%.2f + kind "
		      "%.1f*%.2f + dose %.0f*%.2f + name %.0f*%.2f = "
		      "%.3f",
		      k->weight, k->bm25, p->r_bm25, k->f_cover,
		      p->r_cover, k->f_ccover, p->r_ccover, k->f_title, p->r_title, k->f_tcover,
		      p->r_tcover, k->f_article, p->r_article,
		      p->r_gate, k->f_section, p->r_section, k->f_kind,
		      p->r_kind, k->f_dose, p->r_dose, k->f_name,
		      p->r_name, k->score + k->lowered);
	if (k->lowered > 0)
		kb_buf_printf(&b, "; less %.3f for its article's results "
				  "above: %.3f", k->lowered, k->score);
	if (k->agree > 0)
		kb_buf_printf(&b, "; %u near-identical collapsed",
			      k->agree);
	return kb_buf_detach(&b);
}

/* Fills r from candidate k, reading its record; with explain, says how
 * its score was made. */
static kb_status_t
fill_result(kb_engine_t *en, const kb_candidate_t *k, unsigned rank,
	    int explain, kb_result_t *r)
{
	char *data = NULL;
	size_t dlen = 0, i;
	json_t *o, *text;
	kb_status_t rc;

	rc = kb_store_get_data(en->store, k->docid, &data, &dlen);
	if (rc != KB_OK)
		return rc;
	o = json_loadb(data, dlen, 0, NULL);
	free(data);
	if (o == NULL) {
		kb_errmsg_set(&en->err, "%s: document %u: unreadable data",
			      en->path, k->docid);
		return KB_ERR_CORRUPT;
	}
	text = json_object_get(o, "text");
	r->rank = rank;
	r->score = k->score;
	r->source = strdup(k->source);
	r->title = strdup(k->title);
	r->kind = strdup(k->kind);
	r->name = strdup(k->name);
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
	if (explain && (r->explain = explain_of(en, k)) == NULL)
		return KB_ERR_NOMEM;
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
	return KB_OK;
}

/* Sets the idf of every word of q, from the index: how rare the word is
 * among snippets says how much finding it tells (the BM25 idf, with its
 * 0.5 smoothing; 0 for a word no snippet has). */
static kb_status_t
set_idf(kb_engine_t *en, kb_question_t *q)
{
	uint64_t ndocs = 0, tf;
	kb_status_t rc;
	size_t i;

	rc = kb_store_doc_count(en->store, &ndocs);
	for (i = 0; rc == KB_OK && i < q->nwords; i++) {
		tf = 0;
		rc = kb_store_term_freq(en->store, q->words[i].term,
					strlen(q->words[i].term), &tf);
		q->words[i].idf =
			tf == 0 ? 0
				: log(1 + ((double)ndocs - (double)tf + 0.5) /
						  ((double)tf + 0.5));
	}
	return rc;
}

/* Searches with the Xapian query, once more at the new revision when a
 * writer committed underneath. */
static kb_status_t
search(kb_engine_t *en, const kb_query_t *query, unsigned limit,
       int facet_slot, kb_hits_t **hits)
{
	kb_search_opts_t so;
	kb_bm25_t bm25;
	kb_status_t rc;

	kb_search_opts_init(&so);
	kb_bm25_defaults(&bm25);
	bm25.k1 = en->params.k1;
	bm25.b = en->params.b;
	so.bm25 = &bm25;
	so.limit = limit;
	so.skip_data = 1;
	so.facet_slot = facet_slot;
	rc = kb_store_search(en->store, query, &so, hits);
	if (rc == KB_ERR_RETRY) {
		rc = kb_store_reopen(en->store);
		if (rc == KB_OK)
			rc = kb_store_search(en->store, query, &so, hits);
	}
	return rc;
}

/* Runs the analysed question: search, re-rank, results.  *query gets the
 * Xapian query (for the cautions search).
 *
 * The order of results is a property of the question and the index, not
 * of how many are asked for: the first `candidates` hits are re-ranked
 * (always that many, so that normalising and the article feature see the
 * same set), and the hits after them follow in BM25 order, never above a
 * re-ranked one.  A page therefore continues the one before it. */
/* With kind (not NULL or ""), only snippets of that kind are searched;
 * *query stays the question's own. */
static kb_status_t
kind_filter(const kb_query_t *query, const char *kind, kb_query_t **out)
{
	kb_query_t *term = NULL, *pair[2];
	kb_buf_t t;
	kb_status_t rc;

	kb_buf_init(&t);
	kb_buf_puts(&t, KB_PREFIX_ADVICE);
	kb_buf_puts(&t, kind);
	rc = t.err != KB_OK ? t.err : kb_query_term(t.data, t.len, 1, 0, &term);
	if (rc == KB_OK) {
		pair[0] = (kb_query_t *)query;
		pair[1] = term;
		rc = kb_query_combine(KB_QUERY_FILTER, pair, 2, 0, out);
	}
	kb_query_free(term);
	kb_buf_free(&t);
	return rc;
}

static kb_status_t
run(kb_engine_t *en, kb_question_t *qn, unsigned limit, const kb_search_t *s,
    kb_answer_t *ans, kb_query_t **query)
{
	kb_query_t *filtered = NULL;
	kb_hits_t *hits = NULL;
	kb_candidate_t *cand = NULL;
	size_t ncand = 0, head, want, i;
	kb_status_t rc;

	rc = query_build_query(qn, en->lex, &en->params, query);
	if (rc == KB_ERR_QUERY_SYNTAX)
		kb_errmsg_set(&en->err, "query '%s': no searchable words",
			      ans->query);
	if (rc == KB_OK)
		rc = set_idf(en, qn);
	if (rc != KB_OK)
		return rc;
	head = en->params.candidates >= 1 ? (size_t)en->params.candidates : 1;
	/* Collapsing drops at most KB_COLLAPSE_HEAD - 1 of them. */
	want = head > limit + KB_COLLAPSE_HEAD ? head
					       : limit + KB_COLLAPSE_HEAD;
	if (s->kind != NULL && s->kind[0] != '\0')
		rc = kind_filter(*query, s->kind, &filtered);
	if (rc == KB_OK)
		rc = search(en, filtered ? filtered : *query, (unsigned)want,
			    -1, &hits);
	kb_query_free(filtered);
	if (rc == KB_OK) {
		ans->total = kb_hits_estimate(hits);
		cand = calloc(want, sizeof(*cand));
		if (cand == NULL)
			rc = KB_ERR_NOMEM;
	}
	if (rc == KB_OK)
		rc = read_candidates(hits, cand, want, &ncand);
	if (head > ncand)
		head = ncand;
	if (rc == KB_OK)
		rc = query_rerank(en->tx, en->lex, qn, &en->params, cand, head);
	/* The tail keeps BM25's order and scores below the head's last. */
	for (i = head; rc == KB_OK && i < ncand; i++) {
		double floor = head > 0 ? cand[head - 1].score : 1;

		cand[i].bm25 = cand[0].weight > 0 ? cand[i].weight /
							    cand[0].weight
						  : 0;
		cand[i].score = cand[i].bm25 < floor ? cand[i].bm25 : floor;
	}
	if (rc == KB_OK) {
		ans->results = calloc(limit, sizeof(*ans->results));
		if (ans->results == NULL)
			rc = KB_ERR_NOMEM;
	}
	for (i = 0; rc == KB_OK && i < ncand && ans->nresults < limit; i++) {
		if (cand[i].dropped)
			continue;
		/* Past the results shown, the rest are read only for the
		 * card, which takes none under its floor: scores fall, so
		 * none after the first under it either. */
		if (ans->nresults >= s->offset + s->limit &&
		    !query_card_may_take(ans->results[0].score, cand[i].score))
			break;
		rc = fill_result(en, &cand[i], (unsigned)ans->nresults + 1,
				 s->explain, &ans->results[ans->nresults]);
		ans->nresults++;
	}
	query_candidates_clear(cand, ncand);
	free(cand);
	kb_hits_free(hits);
	return rc;
}

/* Marks the words of question q in each result that is shown: only
 * those, not the whole pool the card was picked from. */
static kb_status_t
highlight_results(const kb_engine_t *en, const kb_question_t *q,
		  kb_answer_t *ans)
{
	kb_strset_t *hl = NULL;
	kb_status_t rc;
	size_t i;

	if (ans->nresults == 0)
		return KB_OK;
	rc = highlight_terms(en, q, &hl);
	for (i = 0; rc == KB_OK && i < ans->nresults; i++) {
		kb_result_t *r = &ans->results[i];

		rc = query_highlight_spans(en->tx, hl, r->snippet,
					   r->snippet_len, &r->highlights,
					   &r->nhighlights);
	}
	kb_strset_free(hl);
	return rc;
}

/* Keeps the first limit results. */
static void
trim_results(kb_answer_t *ans, unsigned limit)
{
	while (ans->nresults > limit)
		result_clear(&ans->results[--ans->nresults]);
}

/* Counts the kinds of all the snippets the question matches (Xapian's
 * ValueCountMatchSpy over the kind slot), most first, and makes the total
 * exact: all of them, or those of kind. */
static kb_status_t
count_kinds(kb_engine_t *en, const kb_query_t *query, const char *kind,
	    kb_answer_t *ans)
{
	kb_hits_t *hits = NULL;
	const char *v;
	size_t len, i, n = 0;
	uint64_t count, all = 0, of_kind = 0;
	kb_status_t rc;

	rc = search(en, query, 1, KB_SLOT_ADVICE, &hits);
	while (rc == KB_OK && kb_hits_facet(hits, n, &v, &len, &count) == KB_OK)
		n++;
	if (rc == KB_OK && n > 0 &&
	    (ans->facets = calloc(n, sizeof(*ans->facets))) == NULL)
		rc = KB_ERR_NOMEM;
	for (i = 0; rc == KB_OK && i < n; i++) {
		kb_facet_t *f = &ans->facets[ans->nfacets];
		size_t j;

		kb_hits_facet(hits, i, &v, &len, &count);
		if (len == 0)
			continue;
		if ((f->kind = strndup(v, len)) == NULL) {
			rc = KB_ERR_NOMEM;
			break;
		}
		f->count = count;
		all += count;
		if (kind != NULL && strcmp(f->kind, kind) == 0)
			of_kind = count;
		/* Most first, then by name: insertion into the sorted head. */
		for (j = ans->nfacets; j > 0 &&
		     (ans->facets[j - 1].count < ans->facets[j].count ||
		      (ans->facets[j - 1].count == ans->facets[j].count &&
		       strcmp(ans->facets[j - 1].kind,
			      ans->facets[j].kind) > 0));
		     j--) {
			kb_facet_t t = ans->facets[j - 1];

			ans->facets[j - 1] = ans->facets[j];
			ans->facets[j] = t;
		}
		ans->nfacets++;
	}
	if (rc == KB_OK)
		ans->total = kind != NULL && kind[0] != '\0' ? of_kind : all;
	kb_hits_free(hits);
	return rc;
}

/* Drops the first n results. */
static void
skip_results(kb_answer_t *ans, size_t n)
{
	size_t i;

	if (n > ans->nresults)
		n = ans->nresults;
	for (i = 0; i < n; i++)
		result_clear(&ans->results[i]);
	memmove(ans->results, ans->results + n,
		(ans->nresults - n) * sizeof(*ans->results));
	ans->nresults -= n;
}

kb_status_t
kb_engine_query(kb_engine_t *en, const char *q, size_t len, unsigned limit,
		kb_answer_t **out)
{
	kb_search_t s = {.limit = limit};

	return kb_engine_search(en, q, len, &s, out);
}

/* One answer to the question, at the newest revision. */
static kb_status_t
search_once(kb_engine_t *en, const char *q, size_t len,
	    const kb_search_t *s, kb_answer_t **out)
{
	unsigned limit = s->offset + s->limit;
	kb_question_t qn, fixed;
	kb_query_t *query = NULL;
	kb_answer_t *ans = NULL;
	unsigned pool;
	kb_status_t rc;

	*out = NULL;
	kb_errmsg_clear(&en->err);
	memset(&qn, 0, sizeof(qn));
	memset(&fixed, 0, sizeof(fixed));
	if (s->limit == 0 || s->limit > MAX_LIMIT ||
	    s->offset > MAX_LIMIT - s->limit) {
		kb_errmsg_set(&en->err,
			      "offset %u + limit %u: the limit must be "
			      "between 1 and %u, and both together at most %u",
			      s->offset, s->limit, MAX_LIMIT, MAX_LIMIT);
		return KB_ERR_ARG;
	}
	/* A long-running reader (query --batch) answers from the newest
	 * commit: reopening costs nothing when there is none. */
	rc = kb_store_reopen(en->store);
	if (rc != KB_OK) {
		const char *m = kb_store_errmsg(en->store);

		kb_errmsg_set(&en->err, "%s: %s", en->path,
			      m ? m : kb_status_str(rc));
		return rc;
	}
	(void)qlex_take_stopped(en->lex);
	(void)redflag_take_stopped(en->flags);
	rc = question_analyse(en->lex, en->tx, q, len, &qn);
	if (rc != KB_OK)
		goto done;
	ans = calloc(1, sizeof(*ans));
	if (ans == NULL || (ans->query = strdup(qn.text)) == NULL) {
		rc = KB_ERR_NOMEM;
		goto done;
	}
	ans->dropped_words = qn.dropped;
	if (qn.type != NULL && (ans->type = strdup(qn.type->name)) == NULL) {
		rc = KB_ERR_NOMEM;
		goto done;
	}
	/* The card is picked from the first KB_CARD_POOL results however
	 * many are shown, so that it does not change with the limit. */
	pool = limit < KB_CARD_POOL ? KB_CARD_POOL : limit;
	rc = query_spell_suggest(en->store, en->lex, &en->dict, &qn,
	                         &ans->suggestion);
	if (rc == KB_OK)
		rc = run(en, &qn, pool, s, ans, &query);
	/* A word the index does not know finds nothing: answer the question
	 * as the index spells it, and say so ("Showing answers for"). */
	if ((rc == KB_OK || rc == KB_ERR_QUERY_SYNTAX) &&
	    ans->suggestion != NULL) {
		kb_query_free(query);
		query = NULL;
		trim_results(ans, 0);
		free(ans->results);
		ans->results = NULL;
		rc = question_analyse(en->lex, en->tx, ans->suggestion,
		                      strlen(ans->suggestion), &fixed);
		if (rc == KB_OK)
			rc = run(en, &fixed, pool, s, ans, &query);
		ans->corrected = rc == KB_OK;
		/* The type is the mended question's: "excercises to avoid"
		 * asks what "exercises to avoid" asks. */
		if (ans->corrected) {
			free(ans->type);
			ans->type = NULL;
			if (fixed.type != NULL &&
			    (ans->type = strdup(fixed.type->name)) == NULL)
				rc = KB_ERR_NOMEM;
		}
	}
	/* Warning signs are read in the question answered: "Familial
	 * Mediterean Fever" mended is the name of a disease, not a fever,
	 * and "numbnes" mended is numbness. */
	if (rc == KB_OK)
		rc = query_warnings_find(en->flags,
					 ans->corrected ? &fixed : &qn, ans);
	if (rc == KB_OK)
		rc = query_answer_pick(ans->corrected ? &fixed : &qn, en->lex,
		                       ans);
	if (rc == KB_OK)
		rc = query_cautions_find(en->store, ans, query);
	if (rc == KB_OK && s->facets)
		rc = count_kinds(en, query, s->kind, ans);
	if (rc == KB_OK) {
		trim_results(ans, limit);
		skip_results(ans, s->offset);
		rc = highlight_results(en, ans->corrected ? &fixed : &qn, ans);
		ans->stopped_matches = qlex_take_stopped(en->lex) +
				       redflag_take_stopped(en->flags);
	}
	if (rc != KB_OK && kb_errmsg_get(&en->err) == NULL) {
		const char *m = kb_store_errmsg(en->store);

		kb_errmsg_set(&en->err, "%s: query '%s': %s", en->path,
			      ans && ans->query ? ans->query : "",
			      m ? m : kb_status_str(rc));
	}
done:
	kb_query_free(query);
	question_clear(&qn);
	question_clear(&fixed);
	if (rc == KB_OK)
		*out = ans;
	else
		kb_answer_free(ans);
	return rc;
}

/* How many times a question runs again when a writer's commits discarded
 * the revision its hits were being read from. */
#define ENGINE_RETRIES 5

kb_status_t
kb_engine_search(kb_engine_t *en, const char *q, size_t len,
		 const kb_search_t *s, kb_answer_t **out)
{
	kb_status_t rc;
	int tries;

	/* The store retries each call at the newest revision, but the hits
	 * of a search belong to the revision it ran on: when commits
	 * discard that revision while they are read (a value, the data),
	 * only running the whole question again helps.  Nothing the first
	 * run did stays. */
	for (tries = 0;; tries++) {
		rc = search_once(en, q, len, s, out);
		if (rc != KB_ERR_RETRY || tries == ENGINE_RETRIES)
			return rc;
	}
}

kb_text_t *
query_engine_text(const kb_engine_t *en)
{
	return en->tx;
}

kb_qlex_t *
query_engine_lex(const kb_engine_t *en)
{
	return en->lex;
}

void
query_engine_set_lex(kb_engine_t *en, kb_qlex_t *lx)
{
	qlex_free(en->lex);
	en->lex = lx;
}
