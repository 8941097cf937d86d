/* answer_json.c - an answer as JSON: the shape `relief query --format
 * json` prints and relief.cgi's format=json returns, byte for byte.
 *
 * The shape is a documented interface (README.md, "JSON output"): change
 * it only by adding fields.
 */
#include <jansson.h>
#include <stdlib.h>

#include "kb_query.h"

/* Scores are BM25 weights; six significant digits are plenty and keep the
 * output readable. */
#define KB_ANSWER_JSON_FLAGS (JSON_COMPACT | JSON_REAL_PRECISION(6))

static json_t *
result_json(const kb_result_t *r)
{
	json_t *o = json_object(), *hl = json_array();
	size_t i;

	for (i = 0; hl != NULL && i < r->nhighlights; i++)
		json_array_append_new(
			hl, json_pack("[II]", (json_int_t)r->highlights[i].start,
				      (json_int_t)r->highlights[i].len));
	json_object_set_new(o, "rank", json_integer(r->rank));
	json_object_set_new(o, "score", json_real(r->score));
	json_object_set_new(o, "source", json_string(r->source));
	json_object_set_new(o, "title", json_string(r->title));
	json_object_set_new(o, "snippet",
			    json_stringn(r->snippet, r->snippet_len));
	json_object_set_new(o, "highlights", hl);
	json_object_set_new(o, "kind", json_string(r->kind));
	json_object_set_new(o, "name", json_string(r->name));
	json_object_set_new(o, "section", json_string(r->section));
	json_object_set_new(o, "dosage", kb_dosage_to_json(&r->dosage));
	json_object_set_new(o, "agree", json_integer(r->agree));
	json_object_set_new(o, "also", kb_strings_to_json(r->also, r->nalso));
	return o;
}

static json_t *
warnings_json(const kb_answer_t *ans)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < ans->nwarnings; i++)
		json_array_append_new(a, json_pack("{s:s, s:s}", "flag",
						   ans->warnings[i].flag, "notice",
						   ans->warnings[i].notice));
	return a;
}

/* The answer card: its pieces of advice, then the cautions. */
static json_t *
card_json(const kb_answer_t *ans)
{
	json_t *o = json_object(), *adv = json_array(), *cau = json_array();
	size_t i;

	for (i = 0; i < ans->nadvice; i++) {
		const kb_advice_t *r = &ans->advice[i];
		json_t *a = json_object();

		json_object_set_new(a, "rank", json_integer(r->rank));
		json_object_set_new(a, "name", json_string(r->name));
		json_object_set_new(a, "kind", json_string(r->kind));
		json_object_set_new(a, "how", json_string(r->how));
		json_object_set_new(a, "dosage", kb_dosage_to_json(&r->dosage));
		json_object_set_new(a, "sources",
				    kb_strings_to_json(r->sources, r->nsources));
		json_array_append_new(adv, a);
	}
	for (i = 0; i < ans->ncautions; i++)
		json_array_append_new(cau, json_pack("{s:s, s:s}", "text",
						     ans->cautions[i].text,
						     "source",
						     ans->cautions[i].source));
	json_object_set_new(o, "advice", adv);
	json_object_set_new(o, "cautions", cau);
	return o;
}

char *
kb_answer_json(const kb_answer_t *ans)
{
	char *s;
	json_t *o = json_object(), *res = json_array();
	size_t i;

	for (i = 0; i < ans->nresults; i++)
		json_array_append_new(res, result_json(&ans->results[i]));
	json_object_set_new(o, "query", json_string(ans->query));
	json_object_set_new(o, "total", json_integer((json_int_t)ans->total));
	json_object_set_new(o, "results", res);
	json_object_set_new(o, "type", ans->type ? json_string(ans->type)
						 : json_null());
	json_object_set_new(o, "warnings", warnings_json(ans));
	json_object_set_new(o, "answer", card_json(ans));
	json_object_set_new(o, "suggestion",
			    ans->suggestion ? json_string(ans->suggestion)
					    : json_null());
	json_object_set_new(o, "corrected", json_boolean(ans->corrected));
	json_object_set_new(o, "dropped_words",
			    json_integer((json_int_t)ans->dropped_words));
	s = json_dumps(o, KB_ANSWER_JSON_FLAGS);
	json_decref(o);
	return s;
}
