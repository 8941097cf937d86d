/* eval_answers.c - reading answers in the "relief query --batch"
 * JSON-lines format, so any system's answers can be judged. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include <jansson.h>

#include "eval_internal.h"
#include "kb_eval.h"

struct kb_eval_answers {
	FILE *f;
	char *path;
	char *line;
	size_t line_cap;
	size_t lineno;
	kb_answer_t ans;	/* the current answer; owned */
	char *errmsg;
};

/* Frees what the reader allocated for its current answer. */
static void
clear_answer(kb_answer_t *a)
{
	size_t i;

	for (i = 0; i < a->nresults; i++) {
		free(a->results[i].source);
		free(a->results[i].title);
		free(a->results[i].snippet);
	}
	free(a->results);
	free(a->query);
	memset(a, 0, sizeof(*a));
}

/* A malloc'd copy of the JSON string j (which may hold NUL bytes), its
 * length in *len; NULL when j is not a string or memory runs out. */
static char *
copy_string(const json_t *j, size_t *len)
{
	size_t n;
	char *s;

	if (!json_is_string(j))
		return NULL;
	n = json_string_length(j);
	s = malloc(n + 1);
	if (s == NULL)
		return NULL;
	memcpy(s, json_string_value(j), n);
	s[n] = '\0';
	if (len != NULL)
		*len = n;
	return s;
}

/* Sets *out to a copy of o's member key (its length in *len, which may be
 * NULL), or to NULL when that member is missing or not a string: the
 * member is optional.  Returns KB_OK, or KB_ERR_NOMEM. */
static kb_status_t
copy_optional(const json_t *o, const char *key, char **out, size_t *len)
{
	const json_t *j = json_object_get(o, key);

	*out = copy_string(j, len);
	return json_is_string(j) && *out == NULL ? KB_ERR_NOMEM : KB_OK;
}

kb_status_t
kb_eval_answers_open(const char *path, kb_eval_answers_t **out,
		     char **errmsg)
{
	kb_eval_answers_t *rd;
	char *err = NULL;
	kb_status_t rc = KB_OK;

	*out = NULL;
	rd = calloc(1, sizeof(*rd));
	if (rd == NULL || (rd->path = strdup(path)) == NULL) {
		rc = eval_err(&err, KB_ERR_NOMEM, "%s: out of memory", path);
		goto done;
	}
	rd->f = fopen(path, "rb");
	if (rd->f == NULL)
		rc = eval_err(&err,
		              errno == ENOENT ? KB_ERR_NOT_FOUND : KB_ERR_IO,
		              "%s: %s", path, strerror(errno));
done:
	if (rc != KB_OK) {
		kb_eval_answers_close(rd);
		rd = NULL;
	}
	eval_hand_err(err, errmsg);
	*out = rd;
	return rc;
}

/* Fills rd->ans from the JSON object o. */
static kb_status_t
fill_answer(kb_eval_answers_t *rd, json_t *o)
{
	kb_answer_t *a = &rd->ans;
	json_t *res = json_object_get(o, "results"), *j;
	size_t i;

	if (copy_optional(o, "query", &a->query, NULL) != KB_OK)
		return KB_ERR_NOMEM;
	j = json_object_get(o, "total");
	if (json_is_integer(j) && json_integer_value(j) > 0)
		a->total = (uint64_t)json_integer_value(j);
	if (res == NULL)
		return KB_OK;
	if (!json_is_array(res))
		return eval_err(&rd->errmsg, KB_ERR_CORRUPT,
		                "%s:%zu: \"results\" is not an array", rd->path,
		                rd->lineno);
	if (json_array_size(res) == 0)
		return KB_OK;
	a->results = calloc(json_array_size(res), sizeof(*a->results));
	if (a->results == NULL)
		return KB_ERR_NOMEM;
	json_array_foreach (res, i, j) {
		kb_result_t *r = &a->results[i];
		json_t *v;

		if (!json_is_string(json_object_get(j, "source")))
			return eval_err(&rd->errmsg, KB_ERR_CORRUPT,
			                "%s:%zu: result %zu has no "
			                "\"source\"",
			                rd->path, rd->lineno, i + 1);
		a->nresults = i + 1;
		v = json_object_get(j, "rank");
		r->rank = json_is_integer(v) ? (unsigned)json_integer_value(v)
					     : (unsigned)i + 1;
		v = json_object_get(j, "score");
		r->score = json_is_number(v) ? json_number_value(v) : 0.0;
		r->source = copy_string(json_object_get(j, "source"), NULL);
		if (r->source == NULL)
			return KB_ERR_NOMEM;
		/* Title and snippet are optional: a missing one is NULL. */
		if (copy_optional(j, "title", &r->title, NULL) != KB_OK ||
		    copy_optional(j, "snippet", &r->snippet,
		                  &r->snippet_len) != KB_OK)
			return KB_ERR_NOMEM;
	}
	return KB_OK;
}

kb_status_t
kb_eval_answers_next(kb_eval_answers_t *rd, const kb_answer_t **ans)
{
	json_error_t jerr;
	json_t *o;
	ssize_t len;
	kb_status_t rc;

	*ans = NULL;
	clear_answer(&rd->ans);
	errno = 0;
	len = getline(&rd->line, &rd->line_cap, rd->f);
	if (len < 0) {
		if (ferror(rd->f))
			return eval_err(&rd->errmsg, KB_ERR_IO,
			                "%s: read error after line %zu",
			                rd->path, rd->lineno);
		return KB_DONE;
	}
	rd->lineno++;
	o = json_loadb(rd->line, (size_t)len, 0, &jerr);
	if (o == NULL)
		return eval_err(&rd->errmsg, KB_ERR_CORRUPT, "%s:%zu: %s",
		                rd->path, rd->lineno, jerr.text);
	if (!json_is_object(o)) {
		json_decref(o);
		return eval_err(&rd->errmsg, KB_ERR_CORRUPT,
		                "%s:%zu: not a JSON object", rd->path,
		                rd->lineno);
	}
	rc = fill_answer(rd, o);
	json_decref(o);
	if (rc == KB_ERR_NOMEM)
		eval_err(&rd->errmsg, rc, "%s:%zu: out of memory", rd->path,
		         rd->lineno);
	if (rc != KB_OK) {
		clear_answer(&rd->ans);
		return rc;
	}
	*ans = &rd->ans;
	return KB_OK;
}

const char *
kb_eval_answers_errmsg(const kb_eval_answers_t *rd)
{
	return rd ? rd->errmsg : NULL;
}

void
kb_eval_answers_close(kb_eval_answers_t *rd)
{
	if (rd == NULL)
		return;
	clear_answer(&rd->ans);
	if (rd->f != NULL)
		fclose(rd->f);
	free(rd->line);
	free(rd->path);
	free(rd->errmsg);
	free(rd);
}
