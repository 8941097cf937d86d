/* cmd_stats.c - "relief stats": what the knowledge base holds. */
#include <getopt.h>
#include <stdlib.h>

#include "cli.h"

static void
usage(FILE *f)
{
	fprintf(f, "usage: %s stats [--db PATH] [--format text|json]\n\n"
		   "Shows the number of articles, snippets and terms in the "
		   "database and its\nsize on disk.\n",
		PROG);
}

int
cmd_stats(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "format", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *db_opt = NULL, *format = "text", *db;
	kb_db_stats_t s;
	printer_t *p;
	char *err = NULL;
	kb_status_t rc;
	int c;

	optind = 1;
	while ((c = getopt_long(argc, argv, "d:f:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'd':
			db_opt = optarg;
			break;
		case 'f':
			format = optarg;
			break;
		case 'h':
			usage(stdout);
			return EXIT_SUCCESS;
		default:
			return cli_usage_error("stats", "bad option");
		}
	}
	if (optind < argc)
		return cli_usage_error("stats", "unexpected argument '%s'",
				       argv[optind]);
	p = printer_for(format, stdout);
	if (p == NULL)
		return cli_usage_error("stats", "unknown format '%s'", format);
	db = cli_db_path(db_opt);
	rc = kb_db_stats(db, &s, &err);
	if (rc != KB_OK) {
		cli_error("stats", rc, err);
		free(err);
		return EXIT_FAILURE;
	}
	p->stats(p, db, &s);
	return EXIT_SUCCESS;
}
