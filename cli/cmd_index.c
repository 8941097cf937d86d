/* cmd_index.c - "relief index": add or update articles. */
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../util/kb_time.h"
#include "cli.h"

/* Set by SIGINT/SIGTERM: the run stops after the current file and commits
 * what it has done. */
static volatile sig_atomic_t interrupted;

static void
on_signal(int sig)
{
	(void)sig;
	interrupted = 1;
}

typedef struct progress {
	int tty;		/* draw a progress bar on stderr */
	int bar_shown;		/* a bar is on the current line */
	double start;		/* seconds, monotonic */
	double last_draw;
} progress_t;

static void
clear_bar(progress_t *pr)
{
	if (pr->bar_shown) {
		fputs("\r\033[K", stderr);
		pr->bar_shown = 0;
	}
}

/* kb_warn_fn: one line per warning, above the bar. */
static void
on_warn(void *ctx, const char *msg)
{
	progress_t *pr = ctx;

	clear_bar(pr);
	fprintf(stderr, "%s: warning: %s\n", PROG, msg);
}

/* kb_progress_fn: redraws the bar at most ten times a second. */
static kb_status_t
on_progress(void *ctx, const kb_index_stats_t *s)
{
	progress_t *pr = ctx;
	double t = kb_now(), elapsed, rate, eta;
	int width = 24, filled;

	if (interrupted)
		return KB_DONE;
	if (!pr->tty || (t - pr->last_draw < 0.1 && s->done < s->files))
		return KB_OK;
	pr->last_draw = t;
	elapsed = t - pr->start;
	rate = elapsed > 0 ? (double)s->bytes_done / 1e6 / elapsed : 0;
	eta = rate > 0 ? (double)(s->bytes_total - s->bytes_done) / 1e6 / rate
		       : 0;
	filled = s->bytes_total ? (int)((double)width * (double)s->bytes_done /
					(double)s->bytes_total)
				: width;
	fprintf(stderr, "\r\033[K[%.*s%*s] %u/%u files  %.1f/%.1f MB  "
			"%.1f MB/s  ETA %.0fs",
		filled, "########################", width - filled, "", s->done,
		s->files, (double)s->bytes_done / 1e6,
		(double)s->bytes_total / 1e6, rate, eta);
	pr->bar_shown = 1;
	return KB_OK;
}

static void
usage(FILE *f)
{
	fprintf(f,
		"usage: %s index [--db PATH] [--shards N] [--jobs N] [--prune]\n"
		"                    [--stopwords FILE] [--lexicon DIR] "
		"[--quiet] PATH...\n\n"
		"Indexes the article files (*.txt, *.html) under each "
		"directory PATH, and each\nfile PATH.  An article is identified by its path "
		"relative to the directory given\n(a file given directly: by "
		"its name).  Unchanged files are skipped, changed\nones "
		"replaced.\n\n"
		"  --db PATH         database (default $RELIEF_DB, else "
		"./relief.db)\n"
		"  --shards N        a new database: N shards and a stub file "
		"naming them at\n"
		"                    PATH (default 1: one database)\n"
		"  --jobs N          threads that read, clean and analyse "
		"files (default: one\n"
		"                    per core); the database is the same "
		"whatever N is\n"
		"  --prune           remove articles of these directories whose "
		"files are gone\n"
		"  --stopwords FILE  stopword list (default: the installed "
		"english.txt)\n"
		"  --lexicon DIR     rules for snippet kinds, names and body "
		"parts (default: the\n"
		"                    installed lexicon)\n"
		"  --quiet           no progress bar\n",
		PROG);
}

int
cmd_index(int argc, char **argv)
{
	const char *db_opt = NULL, *stop_opt = NULL, *lex_opt = NULL;
	kb_index_opts_t o;
	int quiet = 0, nf, i, status;
	const cli_option_t opts[] = {
		CLI_OPT_STRING("db", &db_opt),
		CLI_OPT_UINT("shards", &o.shards, 1, 256),
		CLI_OPT_UINT("jobs", &o.jobs, 1, KB_INDEX_MAX_JOBS),
		CLI_OPT_FLAG("prune", &o.prune),
		CLI_OPT_STRING("stopwords", &stop_opt),
		CLI_OPT_STRING("lexicon", &lex_opt),
		CLI_OPT_FLAG("quiet", &quiet),
		CLI_OPT_END,
	};
	kb_indexer_t *ix = NULL;
	const kb_index_stats_t *s;
	progress_t pr = { 0, 0, 0, 0 };
	char *err = NULL;
	kb_status_t rc;

	kb_index_opts_init(&o);
	status = cli_parse("index", opts, usage, argc, argv, &nf);
	if (status != 0)
		return status == CLI_HELP ? EXIT_SUCCESS : status;
	status = EXIT_FAILURE;
	if (nf == 0)
		return cli_usage_error("index", "no file or directory given");
	o.db_path = cli_db_path(db_opt);
	if (cli_find_stopwords("index", stop_opt, &o.stopwords) !=
		    EXIT_SUCCESS ||
	    cli_find_lexicon("index", lex_opt, 1, &o.lexicon) != EXIT_SUCCESS)
		return EXIT_FAILURE;
	if (o.stopwords == NULL)
		fprintf(stderr, "%s: warning: no stopword list found; indexing "
				"every word (set --stopwords)\n",
			PROG);
	o.warn = on_warn;
	o.warn_ctx = &pr;
	o.progress = on_progress;
	o.progress_ctx = &pr;
	pr.tty = !quiet && isatty(STDERR_FILENO);
	pr.start = kb_now();

	rc = kb_indexer_open(&o, &ix, &err);
	if (rc != KB_OK) {
		cli_error("index", rc, err);
		free(err);
		return EXIT_FAILURE;
	}
	for (i = 1; i <= nf; i++) {
		rc = kb_indexer_add_path(ix, argv[i]);
		if (rc != KB_OK) {
			cli_error("index", rc, kb_indexer_errmsg(ix));
			goto done;
		}
	}
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	rc = kb_indexer_run(ix);
	clear_bar(&pr);
	s = kb_indexer_stats(ix);
	if (rc != KB_OK) {
		cli_error("index", rc, kb_indexer_errmsg(ix));
	} else if (interrupted) {
		fprintf(stderr, "%s: index: interrupted; %u of %u files done "
				"and committed\n",
			PROG, s->done, s->files);
	} else {
		status = s->errors > 0 ? EXIT_FAILURE : EXIT_SUCCESS;
	}
	fprintf(stderr,
		"%s: index: %u added, %u updated, %u skipped, %u removed, "
		"%u warning%s, %.2f s\n",
		PROG, s->added, s->updated, s->skipped, s->removed,
		s->warnings, s->warnings == 1 ? "" : "s", kb_now() - pr.start);
done:
	kb_indexer_close(ix);
	return status;
}
