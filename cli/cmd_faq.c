/* cmd_faq.c - "relief faq": build the offline FAQ bundle, look questions
 * up in it, export it as one HTML page. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../util/kb_buf.h"
#include "../util/kb_time.h"
#include "cli.h"

static void
usage(FILE *f)
{
	fprintf(f,
	        "usage: %s faq [--bundle FILE] [--format text|json] "
	        "QUESTION...\n"
	        "       %s faq --batch [--bundle FILE] [--bm25] [--timings] "
	        "< QUESTIONS\n"
	        "       %s faq build [--db PATH] [--out FILE]\n"
	        "       %s faq export [--bundle FILE] --html OUT.html\n\n"
	        "The offline FAQ: the knowledge base as one file of questions "
	        "and answers,\nlooked up with no articles, no database and no "
	        "network.  'build' derives\nthe questions from the indexed "
	        "articles; a question is matched to the\nbundle's questions "
	        "by its focus and type, and answered with the best\nentry and "
	        "up to 3 related questions; 'export' writes every entry as one"
	        "\nself-contained HTML page that searches itself.\n\n"
	        "  --bundle FILE  the bundle (default $RELIEF_FAQ, else "
	        "./relief.faq)\n"
	        "  --out FILE     build: where to write it (default as "
	        "--bundle)\n"
	        "  --db PATH      build: the database (default $RELIEF_DB, "
	        "else ./relief.db)\n"
	        "  --html FILE    export: the page to write\n"
	        "  --format F     text (default) or json\n"
	        "  --batch        questions from standard input, JSON lines "
	        "out\n"
	        "  --bm25         plain BM25 over the entries' text, not "
	        "question matching\n"
	        "                 (the baseline of make bench)\n"
	        "  --timings      with --batch: print lookup latency "
	        "percentiles on stderr\n"
	        "  --lexicon DIR  synonyms and question types (default: the "
	        "installed lexicon)\n",
	        PROG, PROG, PROG, PROG);
}

/* The bundle path: the option, else $RELIEF_FAQ, else relief.faq. */
static const char *
bundle_path(const char *opt)
{
	const char *e = getenv("RELIEF_FAQ");

	if (opt != NULL)
		return opt;
	return e != NULL && e[0] != '\0' ? e : "relief.faq";
}

static int
run_build(const char *db, const char *lexdir, const char *out)
{
	kb_faq_stats_t st;
	char *err = NULL;
	double t = kb_now();
	kb_status_t rc = kb_faq_build(db, lexdir, out, &st, &err);

	if (rc != KB_OK) {
		fprintf(stderr, "%s: faq build: %s\n", PROG,
		        err ? err : kb_status_str(rc));
		free(err);
		return EXIT_FAILURE;
	}
	fprintf(stderr,
	        "%s: faq build: %zu articles, %zu questions, %zu entries, "
	        "%llu bytes in %s, %.2f s\n",
	        PROG, st.articles, st.questions, st.entries,
	        (unsigned long long)st.bytes, out, kb_now() - t);
	return EXIT_SUCCESS;
}

static int
run_export(kb_faq_t *f, const char *html)
{
	kb_buf_t b;
	FILE *out;
	kb_status_t rc;
	int status = EXIT_FAILURE;

	kb_buf_init(&b);
	rc = kb_faq_export_html(f, &b);
	if (rc != KB_OK) {
		cli_error("faq export", rc, kb_faq_errmsg(f));
		goto done;
	}
	out = fopen(html, "w");
	if (out == NULL) {
		fprintf(stderr, "%s: faq export: %s: %s\n", PROG, html,
		        strerror(errno));
		goto done;
	}
	fwrite(b.data, 1, b.len, out);
	if (fclose(out) != 0) {
		fprintf(stderr, "%s: faq export: %s: %s\n", PROG, html,
		        strerror(errno));
		goto done;
	}
	status = EXIT_SUCCESS;
done:
	kb_buf_free(&b);
	return status;
}

/* A batch of questions: what match_line and show_line share. */
typedef struct batch {
	kb_faq_t *f;
	printer_t *p;
	kb_faq_mode_t mode;
	kb_faq_match_t *m; /* the match of the current line */
} batch_t;

static kb_status_t
match_line(void *ctx, const char *line, size_t len)
{
	batch_t *b = ctx;

	return kb_faq_lookup(b->f, line, len, b->mode, &b->m);
}

static int
show_line(void *ctx, const char *line, kb_status_t rc)
{
	batch_t *b = ctx;

	(void)line;
	if (rc == KB_ERR_QUERY_SYNTAX)
		fputs("{\"error\":\"no searchable words\"}\n", b->p->out);
	else if (rc != KB_OK)
		return cli_error("faq", rc, kb_faq_errmsg(b->f));
	else
		b->p->match(b->p, b->m);
	kb_faq_match_free(b->m);
	b->m = NULL;
	return EXIT_SUCCESS;
}

static int
run_batch(kb_faq_t *f, printer_t *p, kb_faq_mode_t mode, int timings)
{
	static const cli_batch_fns_t fns = {match_line, show_line};
	batch_t b = {f, p, mode, NULL};
	double *lat;
	size_t n;
	int status = cli_batch("faq", &fns, &b, &lat, &n);

	fflush(p->out);
	if (timings && status == EXIT_SUCCESS) {
		kb_sort_doubles(lat, n);
		fprintf(stderr,
		        "%s: faq batch: %zu questions, p50 %.3f ms, p99 %.3f "
		        "ms\n",
		        PROG, n, kb_percentile(lat, n, 50),
		        kb_percentile(lat, n, 99));
	}
	free(lat);
	return status;
}

int
cmd_faq(int argc, char **argv)
{
	const char *bundle_opt = NULL, *out_opt = NULL, *db_opt = NULL,
	           *html = NULL, *format = NULL, *lexicon = NULL, *lexdir;
	int batch = 0, bm25 = 0, timings = 0, nops, i, status;
	const cli_option_t opts[] = {
	    CLI_OPT_STRING("bundle", &bundle_opt),
	    CLI_OPT_STRING("out", &out_opt),
	    CLI_OPT_STRING("db", &db_opt),
	    CLI_OPT_STRING("html", &html),
	    CLI_OPT_CHOICE("format", &format, "text|json"),
	    CLI_OPT_FLAG("batch", &batch),
	    CLI_OPT_FLAG("bm25", &bm25),
	    CLI_OPT_FLAG("timings", &timings),
	    CLI_OPT_STRING("lexicon", &lexicon),
	    CLI_OPT_END,
	};
	const char *sub = NULL;
	kb_faq_t *f = NULL;
	kb_faq_match_t *m = NULL;
	printer_t *p;
	char *err = NULL;
	kb_buf_t q;
	kb_status_t rc;

	status = cli_parse("faq", opts, usage, argc, argv, &nops);
	if (status != 0)
		return status == CLI_HELP ? EXIT_SUCCESS : status;
	if (nops >= 1 &&
	    (strcmp(argv[1], "build") == 0 || strcmp(argv[1], "export") == 0))
		sub = argv[1];
	if (sub != NULL && nops > 1)
		return cli_usage_error("faq", "'%s' takes no operands", sub);
	if ((sub == NULL || strcmp(sub, "build") != 0) &&
	    (out_opt != NULL || db_opt != NULL))
		return cli_usage_error("faq", "--out and --db are options of "
		                              "'faq build'");
	if ((sub == NULL || strcmp(sub, "export") != 0) && html != NULL)
		return cli_usage_error("faq", "--html is an option of 'faq "
		                              "export'");
	if (sub != NULL && strcmp(sub, "export") == 0 && html == NULL)
		return cli_usage_error("faq", "export needs --html OUT.html");
	if (cli_find_lexicon("faq", lexicon,
	                     sub != NULL && strcmp(sub, "build") == 0,
	                     &lexdir) != EXIT_SUCCESS)
		return EXIT_FAILURE;
	if (sub != NULL && strcmp(sub, "build") == 0)
		return run_build(cli_db_path(db_opt), lexdir,
		                 out_opt ? out_opt : bundle_path(bundle_opt));

	kb_buf_init(&q);
	for (i = 1; sub == NULL && i <= nops; i++) {
		if (i > 1)
			kb_buf_putc(&q, ' ');
		kb_buf_puts(&q, argv[i]);
	}
	if (q.err != KB_OK)
		return cli_error("faq", q.err, NULL);
	if (sub == NULL && !batch &&
	    strspn(q.data ? q.data : "", " \t") == q.len) {
		kb_buf_free(&q);
		return cli_usage_error("faq", "empty question");
	}
	if (batch && nops > 0) {
		kb_buf_free(&q);
		return cli_usage_error("faq", "--batch reads questions from "
		                              "standard input, not arguments");
	}
	p = printer_for(format ? format : batch ? "json" : "text", stdout);
	status = EXIT_FAILURE;
	rc = kb_faq_open(bundle_path(bundle_opt), lexdir, &f, &err);
	if (rc != KB_OK) {
		fprintf(stderr, "%s: faq: %s\n", PROG,
		        err ? err : kb_status_str(rc));
		goto done;
	}
	if (sub != NULL) {
		status = run_export(f, html);
		goto done;
	}
	if (batch) {
		status =
		    run_batch(f, p, bm25 ? KB_FAQ_BM25 : KB_FAQ_MATCH, timings);
		goto done;
	}
	rc = kb_faq_lookup(f, q.data, q.len, bm25 ? KB_FAQ_BM25 : KB_FAQ_MATCH,
	                   &m);
	if (rc == KB_ERR_QUERY_SYNTAX) {
		fprintf(stderr, "%s: faq: '%s' has no searchable words\n", PROG,
		        q.data);
		goto done;
	}
	if (rc != KB_OK) {
		cli_error("faq", rc, kb_faq_errmsg(f));
		goto done;
	}
	p->match(p, m);
	status = EXIT_SUCCESS;
done:
	free(err);
	kb_faq_match_free(m);
	kb_faq_close(f);
	kb_buf_free(&q);
	return status;
}
