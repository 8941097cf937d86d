/* fuzz_query.c - libFuzzer harness for question analysis and answering
 * (query/kb_query.h) over a small database: the articles of corpus/,
 * indexed once into a scratch folder at start-up, with the shipped
 * lexicon (synonyms, question types, red flags).
 *
 * The first byte chooses the options, the rest is the question:
 *
 *	bit 0	kb_engine_analyse only (else kb_engine_search)
 *	bit 1	with facets
 *	bit 2	of the kind "exercise" only
 *	bits 3-4  offset 0, 1, 10 or 995
 *	bits 5-7  limit 1 + (bits)
 *
 * Checked for every input: a question is answered or refused with
 * KB_ERR_QUERY_SYNTAX (no searchable word) or KB_ERR_ARG (exactly when
 * offset + limit passes 1000), never with another error;
 * an answer is whole (at most limit results, ranked 1, 2, ..., every
 * highlight inside its snippet, the kind asked for) and its JSON form
 * parses; an analysis names only concepts it has.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "../../indexer/kb_indexer.h"
#include "../../query/kb_query.h"
#include "fuzz.h"

static kb_engine_t *en;
static char dir[64];

static void
remove_dir(void)
{
	char cmd[128];

	kb_engine_close(en);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "fuzz_query: could not remove %s\n", dir);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	kb_index_opts_t o;
	kb_indexer_t *ix = NULL;
	char db[128], *err = NULL;

	(void)argc;
	(void)argv;
	snprintf(dir, sizeof(dir), "/tmp/relief-fuzz-query-XXXXXX");
	CHECK(mkdtemp(dir) != NULL);
	snprintf(db, sizeof(db), "%s/relief.db", dir);
	kb_index_opts_init(&o);
	o.db_path = db;
	o.stopwords = KB_SRCDIR "/stopwords/english.txt";
	o.lexicon = KB_SRCDIR "/lexicon";
	CHECK(kb_indexer_open(&o, &ix, &err) == KB_OK);
	CHECK(kb_indexer_add_path(ix, KB_SRCDIR "/corpus") == KB_OK);
	CHECK(kb_indexer_run(ix) == KB_OK);
	CHECK(kb_indexer_stats(ix)->added > 0);
	kb_indexer_close(ix);
	CHECK(kb_engine_open(db, &en, &err) == KB_OK);
	CHECK(kb_engine_load_lexicon(en, KB_SRCDIR "/lexicon", &err) == KB_OK);
	atexit(remove_dir);
	return 0;
}

static void
check_answer(const kb_answer_t *a, const kb_search_t *s)
{
	json_error_t jerr;
	json_t *j;
	char *js;
	size_t i, k;

	CHECK(a->query != NULL);
	CHECK(a->nresults <= s->limit);
	for (i = 0; i < a->nresults; i++) {
		const kb_result_t *r = &a->results[i];

		CHECK(r->rank == s->offset + i + 1);
		CHECK(r->source != NULL && r->title != NULL);
		CHECK(r->snippet != NULL && r->kind != NULL);
		CHECK(r->name != NULL && r->section != NULL);
		if (s->kind != NULL)
			CHECK(strcmp(r->kind, s->kind) == 0);
		for (k = 0; k < r->nhighlights; k++) {
			const kb_highlight_t *h = &r->highlights[k];

			CHECK(h->start <= r->snippet_len &&
			      h->len <= r->snippet_len - h->start);
			if (k > 0)
				CHECK(h->start >= r->highlights[k - 1].start);
		}
	}
	for (i = 0; i < a->nadvice; i++)
		CHECK(a->advice[i].how != NULL && a->advice[i].nsources > 0);
	for (i = 0; i < a->nwarnings; i++)
		CHECK(a->warnings[i].flag != NULL &&
		      a->warnings[i].notice != NULL);
	js = kb_answer_json(a);
	CHECK(js != NULL);
	j = json_loads(js, 0, &jerr);
	CHECK(j != NULL && json_is_object(j));
	CHECK(json_is_string(json_object_get(j, "query")));
	CHECK(json_is_array(json_object_get(j, "results")));
	json_decref(j);
	free(js);
}

static void
check_analysis(const kb_analysis_t *a)
{
	size_t i;

	CHECK(a->nterms == 0 || a->terms != NULL);
	for (i = 0; i < a->nterms; i++) {
		CHECK(a->terms[i].term != NULL && a->terms[i].term[0] != '\0');
		CHECK(a->terms[i].concept >= -1 &&
		      a->terms[i].concept < (long)a->nconcepts);
	}
	for (i = 0; i < a->nconcepts; i++)
		CHECK(a->concepts[i] != NULL);
	for (i = 0; i < a->nrelated; i++)
		CHECK(a->related[i] != NULL);
	CHECK(a->type != NULL || a->nkinds == 0);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const unsigned offsets[] = {0, 1, 10, 995};
	const char *q;
	kb_search_t s;
	unsigned opt;
	size_t len;

	if (!fuzz_input(data, size, &opt, &q, &len))
		return 0;
	if (opt & 1) {
		kb_analysis_t *a = NULL;

		CHECK(kb_engine_analyse(en, q, len, &a) == KB_OK);
		check_analysis(a);
		kb_analysis_free(a);
	} else {
		kb_answer_t *a = NULL;
		kb_status_t rc;

		memset(&s, 0, sizeof(s));
		s.facets = (opt & 2) != 0;
		s.kind = opt & 4 ? "exercise" : NULL;
		s.offset = offsets[(opt >> 3) & 3];
		s.limit = 1 + (opt >> 5);
		rc = kb_engine_search(en, q, len, &s, &a);
		/* Past result 1000 is refused, documented, and only that. */
		CHECK((rc == KB_ERR_ARG) == (s.offset + s.limit > 1000));
		if (rc == KB_ERR_QUERY_SYNTAX || rc == KB_ERR_ARG) {
			CHECK(a == NULL);
		} else {
			if (rc != KB_OK)
				fprintf(stderr, "fuzz_query: %s\n",
					kb_engine_errmsg(en));
			CHECK(rc == KB_OK && a != NULL);
			check_answer(a, &s);
			kb_answer_free(a);
		}
	}
	return 0;
}
