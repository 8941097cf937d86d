/* cmd_version.c - "relief version": which relief this is. */
#include <stdlib.h>

#include "cli.h"
#include "kb_config.h"

/* The release, from the top-level VERSION file (make writes it into the
 * generated kb_config.h); a build without make says so. */
#ifndef KB_VERSION
#define KB_VERSION "unknown"
#endif

static void
usage(FILE *f)
{
	fprintf(f, "usage: %s version\n       %s --version\n\n"
		   "Prints the program's name and release, as \"%s %s\".\n",
		PROG, PROG, PROG, KB_VERSION);
}

int
cmd_version(int argc, char **argv)
{
	const cli_option_t opts[] = {
		CLI_OPT_END,
	};
	int st;

	st = cli_parse_no_operands("version", opts, usage, argc, argv);
	if (st != 0)
		return st == CLI_HELP ? EXIT_SUCCESS : st;
	printf("%s %s\n", PROG, KB_VERSION);
	return EXIT_SUCCESS;
}
