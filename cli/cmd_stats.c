/* cmd_stats.c - "relief stats": what the knowledge base holds. */
#include <stdlib.h>

#include "cli.h"

static void
usage(FILE *f)
{
	fprintf(f, "usage: %s stats [--db PATH] [--format text|json]\n\n"
		   "Shows the number of articles, snippets and terms in the "
		   "database and its\nsize on disk.\n\n"
		   "  --db PATH   database (default $RELIEF_DB, else "
		   "./relief.db)\n"
		   "  --format F  text (default) or json\n",
		PROG);
}

int
cmd_stats(int argc, char **argv)
{
	const char *db_opt = NULL, *format = "text", *db;
	const cli_option_t opts[] = {
		CLI_OPT_STRING("db", &db_opt),
		CLI_OPT_CHOICE("format", &format, "text|json"),
		CLI_OPT_END,
	};
	kb_db_stats_t s;
	printer_t *p;
	char *err = NULL;
	kb_status_t rc;
	int st;

	st = cli_parse_no_operands("stats", opts, usage, argc, argv);
	if (st != 0)
		return st == CLI_HELP ? EXIT_SUCCESS : st;
	p = printer_for(format, stdout);
	db = cli_db_path(db_opt);
	rc = kb_db_stats(db, &s, &err);
	if (rc != KB_OK)
		return cli_error_free("stats", rc, err);
	p->stats(p, db, &s);
	return EXIT_SUCCESS;
}
