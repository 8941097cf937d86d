/* cmd_index.c - "relief index": add or update articles. */
#include <getopt.h>
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
		"usage: %s index [--db PATH] [--prune] [--stopwords FILE] "
		"[--lexicon DIR]\n"
		"                    [--quiet] PATH...\n\n"
		"Indexes the article files (*.txt, *.html) under each "
		"directory PATH, and each\nfile PATH.  An article is identified by its path "
		"relative to the directory given\n(a file given directly: by "
		"its name).  Unchanged files are skipped, changed\nones "
		"replaced.\n\n"
		"  --db PATH         database (default $RELIEF_DB, else "
		"./relief.db)\n"
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
	static const struct option longopts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "prune", no_argument, NULL, 'p' },
		{ "stopwords", required_argument, NULL, 's' },
		{ "lexicon", required_argument, NULL, 'l' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *db_opt = NULL, *stop_opt = NULL, *lex_opt = NULL;
	kb_index_opts_t o;
	kb_indexer_t *ix = NULL;
	const kb_index_stats_t *s;
	progress_t pr = { 0, 0, 0, 0 };
	char *err = NULL;
	int quiet = 0, c, i, status = EXIT_FAILURE;
	kb_status_t rc;

	optind = 1;
	kb_index_opts_init(&o);
	while ((c = getopt_long(argc, argv, "d:ps:l:qh", longopts, NULL)) !=
	       -1) {
		switch (c) {
		case 'd':
			db_opt = optarg;
			break;
		case 'p':
			o.prune = 1;
			break;
		case 's':
			stop_opt = optarg;
			break;
		case 'l':
			lex_opt = optarg;
			break;
		case 'q':
			quiet = 1;
			break;
		case 'h':
			usage(stdout);
			return EXIT_SUCCESS;
		default:
			return cli_usage_error("index", "bad option");
		}
	}
	if (optind >= argc)
		return cli_usage_error("index", "no file or directory given");
	o.db_path = cli_db_path(db_opt);
	o.stopwords = cli_stopwords_path(stop_opt);
	if (o.stopwords == NULL)
		fprintf(stderr, "%s: warning: no stopword list found; indexing "
				"every word (set --stopwords)\n",
			PROG);
	o.lexicon = cli_lexicon_path(lex_opt);
	if (o.lexicon == NULL)
		return cli_error("index", KB_ERR_NOT_FOUND,
				 "no lexicon folder found (set --lexicon)");
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
	for (i = optind; i < argc; i++) {
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
