/* main.c - "relief": index scraped health articles, answer symptom
 * questions from them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const command_t commands[] = {
    {"index", cmd_index, "add or update articles in the knowledge base"},
    {"query", cmd_query, "answer a question from the knowledge base"},
    {"stats", cmd_stats, "show what the knowledge base holds"},
    {"clean", cmd_clean, "show what the cleaner keeps of scraped pages"},
    {"snippets", cmd_snippets, "show the advice snippets of articles"},
    {"eval", cmd_eval, "measure answer quality on known questions"},
    {"faq", cmd_faq, "build, ask or export the offline FAQ bundle"},
    {"version", cmd_version, "print the program's release"},
};

#define NCOMMANDS (sizeof(commands) / sizeof(commands[0]))

static void
usage(FILE *f)
{
	size_t i;

	fprintf(f,
		"usage: %s COMMAND [OPTIONS] [ARGS]\n\n"
		"Search scraped health articles for advice that answers a "
		"symptom question.\n\ncommands:\n",
		PROG);
	for (i = 0; i < NCOMMANDS; i++)
		fprintf(f, "  %-8s %s\n", commands[i].name,
			commands[i].summary);
	fprintf(f,
		"\n'%s COMMAND --help' describes a command.  The database is "
		"--db PATH,\nelse $RELIEF_DB, else ./relief.db.\n",
		PROG);
}

/* One line for a mistyped command, naming the one probably meant. */
static int
unknown_command(const char *word)
{
	const char *names[NCOMMANDS];
	const char *near;
	size_t i;

	for (i = 0; i < NCOMMANDS; i++)
		names[i] = commands[i].name;
	near = cli_nearest(word, names, NCOMMANDS);
	if (near != NULL)
		fprintf(stderr, "%s: unknown command '%s' (did you mean "
				"'%s'?)\n",
			PROG, word, near);
	else
		fprintf(stderr, "%s: unknown command '%s' (try '%s --help')\n",
			PROG, word, PROG);
	return EXIT_USAGE;
}

int
main(int argc, char **argv)
{
	size_t i;

	if (argc < 2) {
		usage(stderr);
		return EXIT_USAGE;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "help") == 0) {
		usage(stdout);
		return EXIT_SUCCESS;
	}
	/* "--version" is "version", as GNU programs spell it. */
	if (strcmp(argv[1], "--version") == 0)
		return cmd_version(1, argv + 1);
	for (i = 0; i < NCOMMANDS; i++)
		if (strcmp(argv[1], commands[i].name) == 0)
			return commands[i].fn(argc - 1, argv + 1);
	return unknown_command(argv[1]);
}
