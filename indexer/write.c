/* write.c - the analyse and write stages, and change detection.
 *
 * An article becomes one "article" document (identity, change-detection
 * data, title; no text terms) and one "snippet" document per advice
 * snippet: its terms at their positions, its name, the article's title and
 * its section heading as prefixed fields, kind and body parts as filters,
 * and the record as JSON in the document data.  The layout is described
 * in util/kb_schema.h.
 */
#include <inttypes.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/kb_array.h"
#include "../util/kb_schema.h"
#include "../util/kb_strset.h"
#include "indexer_internal.h"

typedef struct analyse_ctx {
	kb_doc_t *doc;
	const char *prefix;	/* "" for body terms */
	int positional;
	kb_sig_t *sig;		/* adds the words to it, when not NULL */
	indexer_docs_t *spell;	/* counts the words for the spelling
				   dictionary in it, when not NULL (the
				   title's only with the first snippet, so
				   that its words count once per
				   article) */
	struct term_hashes *hashes; /* adds the terms' rank hashes, when not
				     * NULL */
	kb_buf_t term;
	kb_status_t err;
} analyse_ctx_t;

/* The rank hashes of a snippet's terms (util/kb_schema.h), and how many
 * words it has. */
typedef struct term_hashes {
	unsigned *v;
	size_t n, cap;
	unsigned words;
} term_hashes_t;

static kb_status_t
hashes_add(term_hashes_t *h, const char *term, size_t len)
{
	if (kb_array_grow((void **)&h->v, &h->cap, h->n, sizeof(*h->v), 64) !=
	    KB_OK)
		return KB_ERR_NOMEM;
	h->v[h->n++] = kb_rank_term_hash(term, len);
	return KB_OK;
}

/* Counts one occurrence of a word for the spelling dictionary. */
static kb_status_t
count_word(indexer_docs_t *d, const char *w, size_t len)
{
	size_t id;

	if (d->words == NULL && kb_strset_new(&d->words) != KB_OK)
		return KB_ERR_NOMEM;
	if (kb_strset_put(d->words, w, len, &id) != KB_OK)
		return KB_ERR_NOMEM;
	if (id == d->nwords) {
		if (kb_array_grow((void **)&d->wcount, &d->wcap, d->nwords,
		                  sizeof(*d->wcount), 64) != KB_OK)
			return KB_ERR_NOMEM;
		d->wcount[d->nwords++] = 0;
	}
	d->wcount[id]++;
	return KB_OK;
}

/* kb_token_fn: adds one token to the document.  Stopwords are not indexed
 * (queries drop them too) but keep their positions, so phrase distances
 * stay true. */
static kb_status_t
on_token(void *ctx, const kb_token_t *tok)
{
	analyse_ctx_t *c = ctx;
	kb_status_t rc;

	if (tok->flags & KB_TOKEN_STOP)
		return KB_OK;
	if (c->sig != NULL)
		kb_sig_add(c->sig, tok->term, tok->len);
	if (c->hashes != NULL) {
		c->hashes->words++;
		if (hashes_add(c->hashes, tok->term, tok->len) != KB_OK)
			return KB_ERR_NOMEM;
	}
	/* Words, not numbers, and not the odd long string: those are what
	 * a question misspells. */
	if (c->spell != NULL && !(tok->flags & KB_TOKEN_NUMBER) &&
	    tok->folded_len >= 3 && tok->folded_len <= 32) {
		rc = count_word(c->spell, tok->folded, tok->folded_len);
		if (rc != KB_OK)
			return rc;
	}
	kb_buf_reset(&c->term);
	kb_buf_puts(&c->term, c->prefix);
	if (kb_buf_append(&c->term, tok->term, tok->len) != KB_OK)
		return c->term.err;
	if (c->positional)
		rc = kb_doc_add_posting(c->doc, c->term.data, c->term.len,
					tok->pos, 1);
	else
		rc = kb_doc_add_term(c->doc, c->term.data, c->term.len, 1);
	/* A term the store refuses (too long after prefixing) is dropped,
	 * not fatal: it cannot be searched for anyway. */
	return rc == KB_ERR_ARG ? KB_OK : rc;
}

static kb_status_t
analyse(kb_text_t *tx, kb_doc_t *doc, const char *prefix, int positional,
	const char *s, size_t len, kb_sig_t *sig, indexer_docs_t *spell,
	term_hashes_t *hashes)
{
	analyse_ctx_t c = { .doc = doc, .prefix = prefix,
		            .positional = positional, .sig = sig,
		            .spell = spell, .hashes = hashes, .err = KB_OK };
	kb_status_t rc;

	kb_buf_init(&c.term);
	rc = kb_text_tokenize(tx, KB_TEXT_DOCUMENT, s, len, on_token, &c);
	kb_buf_free(&c.term);
	return rc;
}

/* Serialises obj (consuming it) as the document's data. */
static kb_status_t
set_json_data(kb_doc_t *doc, json_t *obj)
{
	char *s;
	kb_status_t rc;

	if (obj == NULL)
		return KB_ERR_NOMEM;
	s = json_dumps(obj, JSON_COMPACT);
	json_decref(obj);
	if (s == NULL)
		return KB_ERR_NOMEM;
	rc = kb_doc_set_data(doc, s, strlen(s));
	free(s);
	return rc;
}

static kb_status_t
add_common_terms(kb_doc_t *doc, const char *id, const char *kind,
		 kb_buf_t *t)
{
	kb_status_t rc;

	kb_buf_reset(t);
	if (kb_schema_term(t, KB_PREFIX_ARTICLE, id, strlen(id)) != KB_OK)
		return t->err;
	rc = kb_doc_add_boolean(doc, t->data, t->len);
	if (rc != KB_OK)
		return rc;
	kb_buf_reset(t);
	if (kb_buf_printf(t, "%s%s", KB_PREFIX_KIND, kind) != KB_OK)
		return t->err;
	return kb_doc_add_boolean(doc, t->data, t->len);
}

static json_t *
article_json(const kb_article_t *a, const char *analysis, unsigned npass)
{
	const kb_file_t *f = a->file;
	char hash[17];
	json_t *o = json_object();

	if (o == NULL)
		return NULL;
	snprintf(hash, sizeof(hash), "%016llx", a->hash);
	json_object_set_new(o, "source", json_string(f->id));
	json_object_set_new(o, "title", json_string(a->title ? a->title : ""));
	json_object_set_new(o, "root",
			    f->root ? json_string(f->root) : json_null());
	json_object_set_new(o, "size", json_integer((json_int_t)f->size));
	json_object_set_new(o, "mtime_ns",
			    json_integer((json_int_t)f->mtime_ns));
	json_object_set_new(o, "hash", json_string(hash));
	json_object_set_new(o, "snippets", json_integer(npass));
	json_object_set_new(o, "analysis", json_string(analysis));
	return o;
}

/* Appends doc to d (taking it), with its unique id term, the text of t,
 * added to it.  Returns KB_OK or an error (doc freed). */
static kb_status_t
docs_push(indexer_docs_t *d, kb_doc_t *doc, const kb_buf_t *t)
{
	char *term = NULL;

	kb_status_t rc = t->err != KB_OK ? t->err
	                                 : kb_doc_add_boolean(doc, t->data, t->len);

	if (rc == KB_OK &&
	    kb_array_grow((void **)&d->doc, &d->cap, d->n, sizeof(*d->doc),
	                  8) == KB_OK &&
	    kb_array_grow((void **)&d->term, &d->tcap, d->n,
	                  sizeof(*d->term), 8) == KB_OK)
		term = strndup(t->data, t->len);
	if (term == NULL) {
		kb_doc_free(doc);
		return rc != KB_OK ? rc : KB_ERR_NOMEM;
	}
	d->doc[d->n] = doc;
	d->term[d->n] = term;
	d->n++;
	return KB_OK;
}

/* Analyses the article document itself into d. */
static kb_status_t
article_doc(indexer_docs_t *d, const kb_article_t *a, const char *analysis,
            unsigned npass, kb_buf_t *t)
{
	const char *id = a->file->id;
	kb_doc_t *doc = NULL;
	kb_status_t rc;

	rc = kb_doc_new(&doc);
	if (rc != KB_OK)
		return rc;
	rc = add_common_terms(doc, id, KB_KIND_ARTICLE, t);
	if (rc == KB_OK)
		rc = set_json_data(doc, article_json(a, analysis, npass));
	if (rc == KB_OK) {
		kb_buf_reset(t);
		kb_schema_term(t, KB_PREFIX_ID_ARTICLE, id, strlen(id));
		return docs_push(d, doc, t);
	}
	kb_doc_free(doc);
	return rc;
}

/* Adds a boolean term prefix + word, the word as stored (a kind or a
 * body part is already canonical). */
static kb_status_t
add_filter(kb_doc_t *doc, const char *prefix, const char *word, kb_buf_t *t)
{
	kb_buf_reset(t);
	kb_buf_printf(t, "%s%s", prefix, word);
	if (t->err != KB_OK)
		return t->err;
	return kb_doc_add_boolean(doc, t->data, t->len);
}

/* The snippet record stored as the document's data: what a result shows
 * and the rank value does not hold (kb_record_complete puts the two
 * together), so a search never has to read the article back. */
static json_t *
snippet_json(const kb_snippet_t *sn)
{
	json_t *o = json_object(), *parts = json_array();
	size_t i;

	if (o == NULL || parts == NULL) {
		json_decref(o);
		json_decref(parts);
		return NULL;
	}
	for (i = 0; i < sn->nbody_parts; i++)
		json_array_append_new(parts, json_string(sn->body_parts[i]));
	json_object_set_new(o, "ordinal", json_integer(sn->ordinal));
	json_object_set_new(o, "body_parts", parts);
	json_object_set_new(o, "dosage", kb_dosage_to_json(&sn->dosage));
	json_object_set_new(o, "text", json_stringn(sn->text, sn->len));
	return o;
}

/* A hash of the dosage the snippet states, 0 when it states none: two
 * pieces of advice with different dosages are never collapsed into one
 * (the hash covers every field kb_dosage_to_json writes). */
static kb_status_t
dosage_key(const kb_dosage_t *d, uint32_t *out)
{
	json_t *o = kb_dosage_to_json(d);
	char *s;

	*out = 0;
	if (o == NULL)
		return KB_ERR_NOMEM;
	s = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(o);
	if (s == NULL)
		return KB_ERR_NOMEM;
	if (strcmp(s, "{}") != 0) {
		*out = (uint32_t)kb_hash64(s, strlen(s));
		if (*out == 0)
			*out = 1;
	}
	free(s);
	return KB_OK;
}

/* Analyses one snippet into d.  Only its text is indexed with positions, for the
 * lexicon's phrases (query/build.c); its name, the article's title and the
 * section heading without, since nothing searches them as phrases (the
 * ranking compares them with the question from the rank value).  Each
 * field has its own prefix so that a query can weight it; kind and body
 * parts are filters that never change a weight. */
static kb_status_t
snippet_doc(indexer_docs_t *d, kb_text_t *tx, const kb_article_t *a,
            const kb_snippet_t *sn, kb_buf_t *t)
{
	const char *id = a->file->id;
	kb_doc_t *doc = NULL;
	kb_sig_t sig;
	unsigned char sigbytes[KB_SIG_BYTES];
	term_hashes_t th = { NULL, 0, 0, 0 };
	uint32_t dkey;
	kb_status_t rc;
	size_t i;

	kb_sig_init(&sig);
	rc = kb_doc_new(&doc);
	if (rc != KB_OK)
		return rc;
	rc = add_common_terms(doc, id, KB_KIND_SNIPPET, t);
	if (rc == KB_OK)
		rc = analyse(tx, doc, "", 1, sn->text, sn->len, &sig, d,
			     &th);
	if (rc == KB_OK) {
		unsigned words = th.words;

		rc = analyse(tx, doc, KB_PREFIX_NAME, 0, sn->name,
			     strlen(sn->name), NULL, NULL, &th);
		/* The exercises it speaks of without naming them count as
		 * its name ("reduce the holding time": of the plank). */
		if (rc == KB_OK && sn->context != NULL)
			rc = analyse(tx, doc, KB_PREFIX_NAME, 0, sn->context,
				     strlen(sn->context), NULL, NULL, &th);
		th.words = words;
	}
	if (rc == KB_OK)
		rc = analyse(tx, doc, KB_PREFIX_TITLE, 0, a->title,
			     strlen(a->title), NULL,
			     sn->ordinal == 1 ? d : NULL, NULL);
	if (rc == KB_OK)
		rc = analyse(tx, doc, KB_PREFIX_SECTION, 0, sn->section,
			     strlen(sn->section), NULL, NULL, NULL);
	if (rc == KB_OK)
		rc = dosage_key(&sn->dosage, &dkey);
	if (rc == KB_OK) {
		/* The value the ranking reads (util/kb_schema.h). */
		kb_sig_encode(&sig, sigbytes);
		kb_buf_reset(t);
		rc = kb_rank_encode(t, sigbytes, dkey ? KB_RANK_DOSAGE : 0,
				    dkey, th.words, th.v, th.n, id, a->title,
				    sn->kind, sn->section, sn->name);
		if (rc == KB_OK)
			rc = kb_doc_set_value(doc, KB_SLOT_RANK, t->data,
					      t->len);
	}
	free(th.v);
	if (rc == KB_OK)
		rc = add_filter(doc, KB_PREFIX_ADVICE, sn->kind, t);
	for (i = 0; rc == KB_OK && i < sn->nbody_parts; i++)
		rc = add_filter(doc, KB_PREFIX_BODY, sn->body_parts[i], t);
	if (rc == KB_OK)
		rc = kb_doc_set_value(doc, KB_SLOT_ADVICE, sn->kind,
				      strlen(sn->kind));
	if (rc == KB_OK)
		rc = set_json_data(doc, snippet_json(sn));
	if (rc == KB_OK) {
		kb_buf_reset(t);
		kb_schema_term(t, KB_PREFIX_ID_SNIPPET, id, strlen(id));
		kb_buf_printf(t, "#%u", sn->ordinal);
		return docs_push(d, doc, t);
	}
	kb_doc_free(doc);
	return rc;
}

void
indexer_docs_init(indexer_docs_t *d)
{
	memset(d, 0, sizeof(*d));
}

void
indexer_docs_clear(indexer_docs_t *d)
{
	size_t i;

	if (d == NULL)
		return;
	for (i = 0; i < d->n; i++) {
		kb_doc_free(d->doc[i]);
		free(d->term[i]);
	}
	free(d->doc);
	free(d->term);
	kb_strset_free(d->words);
	free(d->wcount);
	indexer_docs_init(d);
}

kb_status_t
indexer_analyse_stage(kb_text_t *tx, const kb_article_t *a,
                      const char *analysis, indexer_docs_t *d)
{
	kb_buf_t t;
	kb_status_t rc;
	size_t i;

	kb_buf_init(&t);
	rc = article_doc(d, a, analysis, (unsigned)a->nsnippets, &t);
	for (i = 0; rc == KB_OK && i < a->nsnippets; i++)
		rc = snippet_doc(d, tx, a, &a->snippets[i], &t);
	kb_buf_free(&t);
	return rc;
}

/* Adds the words d counted to the store's spelling dictionary, in the
 * order they first came. */
static kb_status_t
add_spelling(kb_store_t *store, const indexer_docs_t *d)
{
	size_t i;

	for (i = 0; i < d->nwords; i++) {
		size_t len;
		const char *w = kb_strset_get(d->words, i, &len);
		kb_status_t rc = kb_store_add_spelling(store, w, len,
		                                       d->wcount[i]);

		if (rc != KB_OK && rc != KB_ERR_ARG)
			return rc;
	}
	return KB_OK;
}

kb_status_t
indexer_write_stage(kb_store_t *store, const kb_article_t *a,
                    const indexer_docs_t *d)
{
	const char *id = a->file->id;
	kb_buf_t t;
	kb_status_t rc;
	size_t i;

	kb_buf_init(&t);
	/* Remove the old version, snippets and all, then write anew: a
	 * changed article may have fewer snippets than before. */
	if (kb_schema_term(&t, KB_PREFIX_ARTICLE, id, strlen(id)) != KB_OK) {
		rc = t.err;
		goto done;
	}
	rc = kb_store_delete(store, t.data, t.len);
	/* Every document of the article carries its article term, so none
	 * is left to replace: each is added as it is, uncopied. */
	for (i = 0; rc == KB_OK && i < d->n; i++)
		rc = kb_store_add(store, d->doc[i], NULL);
	if (rc == KB_OK)
		rc = add_spelling(store, d);
done:
	kb_buf_free(&t);
	return rc;
}

kb_status_t
indexer_write_touch(kb_store_t *store, const kb_article_t *a,
                    const char *analysis, unsigned nsnippets)
{
	indexer_docs_t d;
	kb_buf_t t;
	kb_status_t rc;

	indexer_docs_init(&d);
	kb_buf_init(&t);
	rc = article_doc(&d, a, analysis, nsnippets, &t);
	if (rc == KB_OK)
		rc = kb_store_replace(store, d.term[0], strlen(d.term[0]),
		                      d.doc[0], NULL);
	indexer_docs_clear(&d);
	kb_buf_free(&t);
	return rc;
}

void
indexer_known_clear(kb_known_t *k)
{
	if (k == NULL)
		return;
	free(k->analysis);
	free(k->root);
	free(k->source);
	free(k->title);
	memset(k, 0, sizeof(*k));
}

kb_status_t
indexer_known_lookup(kb_store_t *store, const char *term, size_t len,
                     kb_known_t *k)
{
	unsigned docid;
	char *data = NULL;
	size_t dlen;
	json_t *o;
	kb_status_t rc;

	memset(k, 0, sizeof(*k));
	rc = kb_store_find(store, term, len, &docid);
	if (rc == KB_ERR_NOT_FOUND)
		return KB_OK;
	if (rc != KB_OK)
		return rc;
	rc = kb_store_get_data(store, docid, &data, &dlen);
	if (rc != KB_OK)
		return rc;
	o = json_loadb(data, dlen, 0, NULL);
	free(data);
	/* Unparsable data means a damaged record: treat the article as
	 * unknown so it is simply written again. */
	if (o == NULL)
		return KB_OK;
	{
		const char *hash = json_string_value(json_object_get(o, "hash"));
		const char *an =
			json_string_value(json_object_get(o, "analysis"));
		const char *root = json_string_value(json_object_get(o, "root"));
		const char *src = json_string_value(json_object_get(o, "source"));
		const char *title =
			json_string_value(json_object_get(o, "title"));

		k->found = 1;
		k->size = (uint64_t)json_integer_value(json_object_get(o, "size"));
		k->mtime_ns = (int64_t)json_integer_value(
			json_object_get(o, "mtime_ns"));
		k->nsnippets = (unsigned)json_integer_value(
			json_object_get(o, "snippets"));
		k->hash = hash ? strtoull(hash, NULL, 16) : 0;
		k->analysis = strdup(an ? an : "");
		k->root = root ? strdup(root) : NULL;
		k->source = strdup(src ? src : "");
		k->title = strdup(title ? title : "");
		if (k->analysis == NULL || k->source == NULL ||
		    k->title == NULL ||
		    (root != NULL && k->root == NULL))
			rc = KB_ERR_NOMEM;
	}
	json_decref(o);
	return rc;
}

kb_status_t
indexer_known_get(kb_store_t *store, const char *id, kb_known_t *k)
{
	kb_buf_t t;
	kb_status_t rc;

	memset(k, 0, sizeof(*k));
	kb_buf_init(&t);
	if (kb_schema_term(&t, KB_PREFIX_ID_ARTICLE, id, strlen(id)) != KB_OK)
		rc = t.err;
	else
		rc = indexer_known_lookup(store, t.data, t.len, k);
	kb_buf_free(&t);
	return rc;
}
