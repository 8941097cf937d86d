/* cmd_query.c - "relief query": answer questions. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../util/kb_time.h"
#include "../util/kb_buf.h"
#include "../util/kb_limits.h"
#include "cli.h"

static void
usage(FILE *f)
{
	fprintf(f,
		"usage: %s query [--db PATH] [--limit N] [--offset N] "
		"[--kind KIND]\n"
		"       [--format text|json] QUESTION...\n"
		"       %s query --batch [--db PATH] [--limit N] [--timings] "
		"< QUESTIONS\n\n"
		"Answers a symptom question with the best advice snippets of "
		"the indexed\narticles.  With --batch, reads one question per "
		"line and writes one JSON\nobject per line.\n\n"
		"  --db PATH      database (default $RELIEF_DB, else "
		"./relief.db)\n"
		"  --limit N      at most N results (1-1000, default 10)\n"
		"  --offset N     skip the first N results (offset + limit at "
		"most 1000)\n"
		"  --kind KIND    only advice of this kind (exercise, stretch, "
		"posture, ...);\n"
		"                 text output lists how many results each kind "
		"has\n"
		"  --format F     text (default) or json\n"
		"  --batch        questions from standard input, JSON lines "
		"out\n"
		"  --timings      with --batch: print query latency "
		"percentiles on stderr\n"
		"  --lexicon DIR  synonyms and question types (default: the "
		"installed lexicon)\n"
		"  --param N=V    set a ranking parameter (for experiments)\n",
		PROG, PROG);
}

/* A batch of questions: what answer_line and show_line share. */
typedef struct batch {
	kb_engine_t *en;
	printer_t *p;
	const kb_search_t *search;
	kb_answer_t *ans;	/* the answer to the current line */
	size_t line;		/* its number, from 1 */
} batch_t;

/* Warns of what was cut from an answer (util/kb_limits.h): the words of a
 * long question past those searched, and rules of the question lexicon
 * stopped at PCRE2's limits.  where names the question ("line 12 of
 * standard input"), or is NULL for the one on the command line. */
static void
warn_cuts(const kb_answer_t *ans, const char *where)
{
	const char *w = where ? where : "", *sep = where ? ": " : "";

	if (ans->dropped_words > 0)
		fprintf(stderr,
			"%s: warning: query: %s%s%zu words of the question "
			"past its first %d not searched\n",
			PROG, w, sep, ans->dropped_words,
			KB_LIMIT_QUESTION_WORDS);
	if (ans->stopped_matches > 0)
		fprintf(stderr,
			"%s: warning: query: %s%s%zu pattern matches of the "
			"question lexicon stopped at PCRE2's limits, and "
			"their rules did not match\n",
			PROG, w, sep, ans->stopped_matches);
}

static kb_status_t
answer_line(void *ctx, const char *line, size_t len)
{
	batch_t *b = ctx;

	return kb_engine_search(b->en, line, len, b->search, &b->ans);
}

static int
show_line(void *ctx, const char *line, kb_status_t rc)
{
	batch_t *b = ctx;

	b->line++;
	if (rc == KB_OK) {
		char where[64];

		snprintf(where, sizeof(where), "line %zu of standard input",
			 b->line);
		warn_cuts(b->ans, where);
		b->p->answer(b->p, b->ans);
		kb_answer_free(b->ans);
		b->ans = NULL;
	} else if (rc == KB_ERR_QUERY_SYNTAX) {
		b->p->failed(b->p, line, "no searchable words");
	} else {
		/* A database failure would fail every question. */
		return cli_error("query", rc, kb_engine_errmsg(b->en));
	}
	return EXIT_SUCCESS;
}

/* Answers one question per line of stdin.  Every line gets exactly one
 * output line, so answers align with questions; a question that fails
 * gets an object with an "error" field.  Returns an exit status. */
static int
run_batch(kb_engine_t *en, printer_t *p, const kb_search_t *search,
	  int timings)
{
	static const cli_batch_fns_t fns = { answer_line, show_line };
	batch_t b = { en, p, search, NULL, 0 };
	double *lat, t0 = kb_now();
	size_t n;
	int status = cli_batch("query", &fns, &b, &lat, &n);

	fflush(p->out);
	if (timings && status == EXIT_SUCCESS) {
		double wall = kb_now() - t0;

		kb_sort_doubles(lat, n);
		fprintf(stderr,
			"%s: batch: %zu queries, p50 %.3f ms, p95 %.3f ms, "
			"p99 %.3f ms, max %.3f ms, wall %.3f s\n",
			PROG, n, kb_percentile(lat, n, 50),
			kb_percentile(lat, n, 95), kb_percentile(lat, n, 99),
			n ? lat[n - 1] : 0.0, wall);
	}
	free(lat);
	return status;
}

/* Checks --offset with --limit, and --kind, and sets them in s.
 * Returns an exit status. */
static int
set_search(kb_search_t *s, unsigned offset, unsigned limit, const char *kind)
{
	if (offset + limit > 1000)
		return cli_usage_error("query", "--offset %u with --limit %u "
						"passes result 1000",
				       offset, limit);
	if (kind != NULL && (kind[0] == '\0' ||
			     strspn(kind, "abcdefghijklmnopqrstuvwxyz-") !=
				     strlen(kind)))
		return cli_usage_error("query", "--kind '%s': a kind is a "
						"lower-case word such as "
						"exercise",
				       kind);
	s->offset = offset;
	s->limit = limit;
	s->kind = kind;
	return EXIT_SUCCESS;
}

/* Joins the n words of argv with spaces into q (sticky error). */
static void
join_words(kb_buf_t *q, char **argv, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		if (i > 0)
			kb_buf_putc(q, ' ');
		kb_buf_puts(q, argv[i]);
	}
}

/* True when s (len bytes) holds nothing but spaces and tabs. */
static int
blank(const char *s, size_t len)
{
	size_t k;

	for (k = 0; k < len; k++)
		if (s[k] != ' ' && s[k] != '\t')
			return 0;
	return 1;
}

/* Answers the question q and prints the answer.  Returns an exit
 * status. */
static int
answer_one(kb_engine_t *en, printer_t *p, const kb_buf_t *q,
	   const kb_search_t *search)
{
	kb_answer_t *ans = NULL;
	kb_status_t rc;
	int status = EXIT_FAILURE;

	rc = kb_engine_search(en, q->data, q->len, search, &ans);
	if (rc == KB_ERR_QUERY_SYNTAX) {
		fprintf(stderr, "%s: query: '%s' has no searchable words\n",
			PROG, q->data);
	} else if (rc != KB_OK) {
		cli_error("query", rc, kb_engine_errmsg(en));
	} else {
		warn_cuts(ans, NULL);
		p->answer(p, ans);
		status = EXIT_SUCCESS;
	}
	kb_answer_free(ans);
	return status;
}

int
cmd_query(int argc, char **argv)
{
	const char *db_opt = NULL, *format = NULL, *kind = NULL;
	engine_opts_t eo;
	unsigned limit = 10, offset = 0;
	kb_search_t search;
	int batch = 0, timings = 0, nq, status = EXIT_FAILURE;
	const cli_option_t opts[] = {
		CLI_OPT_STRING("db", &db_opt),
		CLI_OPT_UINT("limit", &limit, 1, 1000),
		CLI_OPT_UINT("offset", &offset, 0, 999),
		CLI_OPT_STRING("kind", &kind),
		CLI_OPT_CHOICE("format", &format, "text|json"),
		CLI_OPT_FLAG("batch", &batch),
		CLI_OPT_FLAG("timings", &timings),
		CLI_ENGINE_OPTIONS(eo),
		CLI_OPT_END,
	};
	kb_engine_t *en = NULL;
	kb_buf_t q;
	printer_t *p;

	memset(&eo, 0, sizeof(eo));
	status = cli_parse("query", opts, usage, argc, argv, &nq);
	if (status != 0)
		return status == CLI_HELP ? EXIT_SUCCESS : status;
	if (format == NULL)
		format = batch ? "json" : "text";
	p = printer_for(format, stdout);
	status = set_search(&search, offset, limit, kind);
	if (status != EXIT_SUCCESS)
		return status;
	/* Counting the kinds costs a second search: only for people. */
	search.facets = !batch && strcmp(format, "text") == 0;
	if (batch && nq > 0)
		return cli_usage_error("query", "--batch reads questions from "
						"standard input, not "
						"arguments");
	/* The question is the arguments joined by spaces. */
	kb_buf_init(&q);
	join_words(&q, argv + 1, nq);
	if (q.err != KB_OK)
		return cli_error("query", q.err, NULL);
	if (!batch && blank(q.data, q.len)) {
		kb_buf_free(&q);
		return cli_usage_error("query", "empty question");
	}
	p->color = !batch && strcmp(format, "text") == 0 &&
		   isatty(STDOUT_FILENO) && getenv("NO_COLOR") == NULL;

	status = EXIT_FAILURE;
	if (cli_open_engine("query", cli_db_path(db_opt), &eo, &en) ==
	    EXIT_SUCCESS)
		status = batch ? run_batch(en, p, &search, timings)
			       : answer_one(en, p, &q, &search);
	kb_engine_close(en);
	kb_buf_free(&q);
	return status;
}
