/*
 * libcsv-count: the floor under any CSV tool built on libcsv: parse FILE (or
 * standard input) with libcsv and count its records and fields, doing
 * nothing else with them. make bench times it beside ki-import | ki-floor.
 *
 * build: cc -O2 -o libcsv-count bench/libcsv-count.c -lcsv
 * usage: libcsv-count [FILE]
 */
#include <csv.h>
#include <stdio.h>
#include <stdlib.h>

struct count {
	unsigned long long fields, records;
};

static void
field(void *s, size_t len, void *data)
{
	(void)s;
	(void)len;
	((struct count *)data)->fields++;
}

static void
record(int c, void *data)
{
	(void)c;
	((struct count *)data)->records++;
}

int
main(int argc, char **argv)
{
	static char buf[1 << 16];
	struct csv_parser p;
	struct count n = { 0, 0 };
	FILE *f = stdin;
	size_t len;

	if (argc > 2) {
		fprintf(stderr, "usage: libcsv-count [FILE]\n");
		return 2;
	}
	if (argc == 2 && (f = fopen(argv[1], "rb")) == NULL) {
		perror(argv[1]);
		return 1;
	}
	if (csv_init(&p, 0) != 0)
		return 1;
	while ((len = fread(buf, 1, sizeof(buf), f)) > 0)
		if (csv_parse(&p, buf, len, field, record, &n) != len) {
			fprintf(stderr, "libcsv-count: %s\n",
			    csv_strerror(csv_error(&p)));
			return 1;
		}
	if (ferror(f) || csv_fini(&p, field, record, &n) != 0) {
		fprintf(stderr, "libcsv-count: read error\n");
		return 1;
	}
	csv_free(&p);
	printf("%llu records, %llu fields\n", n.records, n.fields);
	return 0;
}
