/* baseline.cc - a plain-Xapian reference indexer and searcher.
 *
 * This is what relief is measured against in `make eval`: Xapian's stock
 * TermGenerator and QueryParser with the English stemmer (STEM_SOME), OR
 * as the default operator and the default BM25 weighting, with no
 * stopwords, synonyms, prefixes or field weights of any kind.  A document
 * is a whole article, or a passage (a blank-line-separated block after
 * the title line) indexed with its article's title.  It writes answers in
 * the "relief query --batch" JSON-lines format, so `relief eval --answers`
 * scores them with exactly the code that scores relief.
 *
 *	baseline index --db DIR --level article|passage CORPUS_DIR...
 *	baseline query --db DIR [--limit N] [--timings] < QUESTIONS
 *
 * It is a benchmark tool, not part of the engine, and is not linked into
 * relief.
 */
#include <xapian.h>
#include <jansson.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;

static const char *const PROG = "baseline";

static int
usage()
{
	std::fprintf(stderr,
		     "usage: %s index --db DIR --level article|passage "
		     "CORPUS_DIR...\n"
		     "       %s query --db DIR [--limit N] [--timings] "
		     "< QUESTIONS\n",
		     PROG, PROG);
	return 2;
}

/* Every *.txt file under root, relative to it and sorted, skipping hidden
 * entries as relief does; symbolic links to directories are not
 * followed. */
static std::vector<std::string>
articles(const fs::path &root)
{
	std::vector<std::string> out;
	fs::recursive_directory_iterator it(root), end;

	for (; it != end; ++it) {
		const fs::path &p = it->path();

		if (p.filename().string()[0] == '.') {
			if (it->is_directory())
				it.disable_recursion_pending();
			continue;
		}
		if (it->is_regular_file() && p.extension() == ".txt")
			out.push_back(fs::relative(p, root).string());
	}
	std::sort(out.begin(), out.end());
	return out;
}

/* The blank-line-separated blocks of text, each without its line ends'
 * trailing CRs and without the blank lines. */
static std::vector<std::string>
blocks(const std::string &text)
{
	std::vector<std::string> out;
	std::istringstream in(text);
	std::string line, cur;

	while (std::getline(in, line)) {
		if (!line.empty() && line.back() == '\r')
			line.pop_back();
		if (line.find_first_not_of(" \t") == std::string::npos) {
			if (!cur.empty())
				out.push_back(cur);
			cur.clear();
			continue;
		}
		if (!cur.empty())
			cur += '\n';
		cur += line;
	}
	if (!cur.empty())
		out.push_back(cur);
	return out;
}

/* The document data: {"source", "title", "snippet"} as compact JSON.
 * Invalid UTF-8 would make jansson refuse the string, so such text is
 * stored empty rather than as broken JSON. */
static std::string
doc_data(const std::string &source, const std::string &title,
	 const std::string &snippet)
{
	json_t *o = json_object();
	json_t *s = json_stringn(snippet.data(), snippet.size());
	json_t *t = json_stringn(title.data(), title.size());
	char *dump;
	std::string out;

	json_object_set_new(o, "source", json_string(source.c_str()));
	json_object_set_new(o, "title", t ? t : json_string(""));
	json_object_set_new(o, "snippet", s ? s : json_string(""));
	dump = json_dumps(o, JSON_COMPACT);
	if (dump != NULL)
		out = dump;
	std::free(dump);
	json_decref(o);
	return out;
}

static int
cmd_index(const std::string &db_path, bool passages,
	  const std::vector<std::string> &roots)
{
	const fs::path parent = fs::path(db_path).parent_path();

	if (!parent.empty())
		fs::create_directories(parent);
	Xapian::WritableDatabase db(db_path, Xapian::DB_CREATE_OR_OVERWRITE);
	Xapian::TermGenerator tg;
	size_t ndocs = 0;

	tg.set_stemmer(Xapian::Stem("english"));
	tg.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
	/* Each root's articles are named relative to it, as relief names
	 * them when it indexes several folders. */
	std::vector<std::pair<fs::path, std::string>> files;
	for (const std::string &r : roots)
		for (const std::string &rel : articles(r))
			files.emplace_back(r, rel);
	for (const auto &[root, rel] : files) {
		std::ifstream f(root / rel, std::ios::binary);
		std::ostringstream ss;

		ss << f.rdbuf();
		const std::string text = ss.str();
		const std::vector<std::string> b = blocks(text);
		if (b.empty())
			continue;
		const std::string title = b[0].substr(0, b[0].find('\n'));
		/* A passage is a block after the title block; an article of
		 * one block is its own passage. */
		std::vector<std::string> units;
		if (!passages)
			units.push_back(text);
		else if (b.size() == 1)
			units.push_back(b[0]);
		else
			units.assign(b.begin() + 1, b.end());
		for (const std::string &u : units) {
			Xapian::Document doc;

			tg.set_document(doc);
			/* A passage document holds its article's title too,
			 * as any plain index of passages would: the question
			 * names the topic, which most passages never repeat.
			 * Without it S@1 on medquad-dev drops from 0.37 to
			 * 0.30, below the reference figure of issue 5. */
			if (passages && u != b[0]) {
				tg.index_text(title);
				tg.increase_termpos();
			}
			tg.index_text(u);
			doc.set_data(doc_data(rel, title, u));
			db.add_document(doc);
			ndocs++;
		}
	}
	db.commit();
	std::fprintf(stderr, "%s: index: %zu documents in %s\n", PROG, ndocs,
		     db_path.c_str());
	return 0;
}

static double
now()
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Nearest-rank percentile of sorted v, as relief computes it. */
static double
percentile(const std::vector<double> &v, double pct)
{
	size_t k;

	if (v.empty())
		return 0;
	k = (size_t)(pct / 100.0 * (double)v.size() + 0.999999);
	k = std::max<size_t>(1, std::min(k, v.size()));
	return v[k - 1];
}

/* One answer as a JSON object, the shape of "relief query --batch". */
static json_t *
answer(Xapian::Enquire &enq, Xapian::QueryParser &qp, const std::string &q,
       unsigned limit)
{
	json_t *o = json_object(), *res = json_array();
	json_t *qs = json_stringn(q.data(), q.size());
	Xapian::Query query;

	try {
		query = qp.parse_query(q, Xapian::QueryParser::FLAG_DEFAULT);
	} catch (const Xapian::QueryParserError &) {
		/* Unbalanced quotes or brackets: read it as plain words. */
		query = qp.parse_query(q, 0);
	}
	enq.set_query(query);
	Xapian::MSet mset = enq.get_mset(0, limit);
	for (Xapian::MSetIterator m = mset.begin(); m != mset.end(); ++m) {
		const std::string data = m.get_document().get_data();
		json_t *d = json_loadb(data.data(), data.size(), 0, NULL);
		json_t *r = json_object();

		json_object_set_new(r, "rank", json_integer(m.get_rank() + 1));
		json_object_set_new(r, "score", json_real(m.get_weight()));
		for (const char *k : { "source", "title", "snippet" }) {
			json_t *v = d ? json_object_get(d, k) : NULL;

			json_object_set_new(r, k, v ? json_incref(v)
						    : json_string(""));
		}
		json_decref(d);
		json_array_append_new(res, r);
	}
	json_object_set_new(o, "query", qs ? qs : json_string(""));
	json_object_set_new(o, "total",
			    json_integer(mset.get_matches_estimated()));
	json_object_set_new(o, "results", res);
	if (qs == NULL)
		json_object_set_new(o, "error", json_string("invalid UTF-8"));
	return o;
}

static int
cmd_query(const std::string &db_path, unsigned limit, bool timings)
{
	Xapian::Database db(db_path);
	Xapian::Enquire enq(db);
	Xapian::QueryParser qp;
	std::vector<double> lat;
	std::string line;
	double t0 = now();

	qp.set_database(db);
	qp.set_stemmer(Xapian::Stem("english"));
	qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
	qp.set_default_op(Xapian::Query::OP_OR);
	while (std::getline(std::cin, line)) {
		if (!line.empty() && line.back() == '\r')
			line.pop_back();
		/* Timed like relief: parse, search and result assembly, not
		 * the printing. */
		double t = now();
		json_t *o = answer(enq, qp, line, limit);
		lat.push_back((now() - t) * 1e3);
		json_dumpf(o, stdout, JSON_COMPACT | JSON_REAL_PRECISION(6));
		std::fputc('\n', stdout);
		json_decref(o);
	}
	std::fflush(stdout);
	if (timings) {
		double wall = now() - t0;

		std::sort(lat.begin(), lat.end());
		std::fprintf(stderr,
			     "%s: batch: %zu queries, p50 %.3f ms, p95 %.3f "
			     "ms, p99 %.3f ms, max %.3f ms, wall %.3f s\n",
			     PROG, lat.size(), percentile(lat, 50),
			     percentile(lat, 95), percentile(lat, 99),
			     lat.empty() ? 0.0 : lat.back(), wall);
	}
	return 0;
}

int
main(int argc, char **argv)
{
	std::string db, level;
	std::vector<std::string> args;
	unsigned long limit = 10;
	bool timings = false;

	if (argc < 2)
		return usage();
	const std::string cmd = argv[1];
	for (int i = 2; i < argc; i++) {
		const std::string a = argv[i];
		const bool more = i + 1 < argc;

		if (a == "--db" && more)
			db = argv[++i];
		else if (a == "--level" && more)
			level = argv[++i];
		else if (a == "--limit" && more)
			limit = std::strtoul(argv[++i], NULL, 10);
		else if (a == "--timings")
			timings = true;
		else if (a.rfind("--", 0) == 0)
			return usage();
		else
			args.push_back(a);
	}
	if (db.empty() || limit < 1 || limit > 1000)
		return usage();
	try {
		if (cmd == "index" && !args.empty() &&
		    (level == "article" || level == "passage")) {
			for (const std::string &a : args)
				if (!fs::is_directory(a)) {
					std::fprintf(stderr, "%s: %s: not a "
							     "directory\n",
						     PROG, a.c_str());
					return 1;
				}
			return cmd_index(db, level == "passage", args);
		}
		if (cmd == "query" && args.empty())
			return cmd_query(db, (unsigned)limit, timings);
	} catch (const Xapian::Error &e) {
		std::fprintf(stderr, "%s: %s: %s\n", PROG, db.c_str(),
			     e.get_description().c_str());
		return 1;
	} catch (const std::exception &e) {
		std::fprintf(stderr, "%s: %s\n", PROG, e.what());
		return 1;
	}
	return usage();
}
