/*
 * The parts of ki-import's stage (lib/import*.c, lib/join*.c) as they see
 * each other; not for other stages. One run's state is one struct ki_imp.
 */
#ifndef KI_IMPORT_INT_H
#define KI_IMPORT_INT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "ki/err.h"
#include "ki/hdr.h"
#include "ki/import.h"
#include "ki/keys.h"
#include "ki/map.h"
#include "ki/preds.h"
#include "ki/rec.h"
#include "ki/rowspool.h"
#include "ki/tab.h"
#include "ki/urnset.h"
#include "ki/val.h"
#include "ki/wr.h"

#define KI_IMP_PROG "ki-import"

/* Ask which layout a header has only of this many shipped maps. */
#define KI_IMP_MAX_LAYOUTS 64

struct ki_imp_held;

/*
 * A per-school source's rows, packed (lib/join_pack.c): each column's
 * values interned, each row a number per column in 1 to 32 bits.
 */
struct ki_imp_pack {
	size_t ncols;
	long urncol;		/* the urn column: not kept, it is the key */
	struct ki_keys **dict;	/* per column: its distinct values */
	unsigned char *width;	/* per column: bits a number, 1 to 32 */
	void **ids;		/* per column: 0 blank, else value index + 1 */
	size_t nrows, cap;
	uint32_t *jrow, *jline;	/* lines: runs from row jrow[i] at jline[i] */
	size_t njump, capjump;
	int ident;		/* row r is school r: rowof is not kept */
	uint32_t *rowof;	/* school (an index of the URNs) -> row + 1 */
	size_t nrowof;
};

struct ki_imp_src {
	const char *arg;	/* as given: TAG:FILE, or FILE to detect */
	char *tag;		/* a shipped map's name as tagged, or NULL */
	int detect;		/* no tag: the header says which layout */
	int title;		/* the header is on line 2, under a title */
	char *mappath;		/* the map file, NULL for local */
	const char *path;	/* the data file */
	struct ki_map *map;	/* NULL for local */
	enum ki_map_kind kind;
	struct ki_reader *rd;
	int year;		/* fixed year of a year source, or 0 */
	long yearcol;		/* local: index of its year column, or -1 */
	size_t ncols;		/* the source's output columns */
	size_t *oidx;		/* their index in the output */
	const char **vals;	/* the values of the current row */
	char (*buf)[64];	/* local: the normalised values */
	enum ki_type *types;	/* local: canonical types to check */
	struct ki_imp_pack pack;	/* school sources: their rows */
	struct ki_tab *rows;	/* inspection and links sources: urn -> rows */
	struct ki_imp_held **order; /* inspection sources: rows in file order */
	size_t norder, caporder;
	char cover[11];		/* inspection: the last date it covers */
	char from[11];		/* inspection: a period's first date, or "" */
	int snap;		/* inspection: a latest-inspections snapshot */
	char asat[11];		/* school: the extract's date, from its name */
	struct ki_tab *back;	/* links: link_urn -> rows */
};

/* A row kept from a school or inspection source. */
struct ki_imp_held {
	char **v;		/* the source's output columns */
	char date[11];		/* inspection: when its judgement took effect */
	char prev[11];		/* inspection: the same of the one before */
	int graded;		/* has an overall grade */
	int judged;		/* has any judgement: a grade, report card, ... */
	long line;
	size_t src;		/* merged rows: the first source */
	uint64_t srcs;		/* merged rows: every source, as bits */
	struct ki_imp_held *next;  /* the next row of the same urn */
	struct ki_imp_held *bnext; /* links: the next row of the same link_urn */
};

/* A shipped map, for telling layouts apart by their header. */
struct ki_imp_layout {
	struct ki_map *map;
	char *path;
};

/* The shipped maps, loaded when first needed. */
struct ki_imp_layouts {
	struct ki_imp_layout *lay;
	size_t n;
	int loaded;
};

struct ki_imp {
	const struct ki_import_opts *opt;
	FILE *note;		/* opt->note, or stderr */
	struct ki_imp_src *src;
	size_t nsrc;
	struct ki_imp_layouts lays;
	struct ki_hdr *out;	/* output columns */
	const char **row;	/* output row */
	unsigned char *num;	/* canonical numeric columns, for NDJSON */
	long i_urn, i_year, i_succ, i_grade, i_prev, i_phase;
	long i_ourn, i_onote, i_lnote, i_pred, i_links;
	char ourn[32], onote[512], lnote[256], pred[32], succ[32], links[1024];
	char closed[11];	/* close_date from the links */
	struct ki_preds *preds;	/* URN_AC: successor -> predecessor */
	struct ki_rowspool *spool; /* rows held to the end, not merged */
	struct ki_tab *seen;	/* urn|year -> held row, or odd years seen */
	struct ki_urnset *urns;	/* schools seen, when not merging */
	uint16_t *ymask;	/* school's years seen: bit 15 none, else ybase+ */
	long ybase;		/* the first year of ymask's bits, or 0 */
	size_t ymcap, ymlen;	/* ymask's room, and its entries zeroed */
	int merge;		/* per-year sources may share urn and year */
	int any_year;		/* some source is per-year: those give the rows */
	size_t base;		/* the first source that gives rows */
	int joined_insp;	/* inspections are joined onto other rows */
	struct ki_err *err;
};

/* import_names.c: facts written in file names and headers. */
int ki_imp_year_from_name(const char *path);
int ki_imp_year_from_suffix(const struct ki_hdr *h);
int ki_imp_name_date(const char *p, int month_end, char *out);
int ki_imp_cover_from_name(const char *path, char *out);
int ki_imp_extract_date(const char *path, char *out);

/* import_detect.c: which shipped layout a header is. */
int ki_imp_layouts_load(struct ki_imp_layouts *l, struct ki_err *err);
void ki_imp_layouts_free(struct ki_imp_layouts *l);
size_t ki_imp_fitting(const struct ki_imp_layouts *l, const struct ki_hdr *h,
    const char *tag, int year, struct ki_imp_layout **best, size_t *ties);
void ki_imp_nearest(const struct ki_imp_layouts *l, const struct ki_hdr *h,
    char *out, size_t len);
int ki_imp_choose_layout(struct ki_imp *c, struct ki_imp_src *s);
int ki_imp_check_layout(struct ki_imp *c, struct ki_imp_src *s,
    const struct ki_hdr *h);

/* import_source.c: a source opened, its columns and its rows' values. */
int ki_imp_parse_source(struct ki_imp_src *s, const char *mapfile,
    struct ki_err *err);
int ki_imp_open_source(struct ki_imp *c, struct ki_imp_src *s);
void ki_imp_close_source(struct ki_imp_src *s);
long ki_imp_out_col(struct ki_imp *c, const char *name);
int ki_imp_add_columns(struct ki_imp *c, struct ki_imp_src *s);
int ki_imp_source_row(struct ki_imp *c, struct ki_imp_src *s,
    const struct ki_rec *rec);
const char *ki_imp_col_of(const struct ki_imp_src *s, const char *name);
long ki_imp_src_index(const struct ki_imp_src *s, const char *name);
const char *ki_imp_hval(const struct ki_imp_src *s,
    const struct ki_imp_held *h, const char *name);

/* import_load.c: the per-school and inspection sources, kept by urn. */
int ki_imp_load(struct ki_imp *c, struct ki_imp_src *s);
void ki_imp_free_held(void *p);

/* import_ofsted.c: the inspection in force; GIAS's latest rating. */
void ki_imp_set_cover(struct ki_imp *c, struct ki_imp_src *s, int say);
size_t ki_imp_nsrc_insp(const struct ki_imp *c);
void ki_imp_join_inspections(struct ki_imp *c, size_t base);
void ki_imp_latest_rating(struct ki_imp *c, const struct ki_imp_src *s,
    const char *year);

/* import_links.c: predecessors and successors. */
void ki_imp_linked(const struct ki_imp *c, const char *urn, int dir,
    char *out, size_t len);
void ki_imp_other_links(const struct ki_imp *c, const char *urn,
    const char *pred, const char *succ, char *out, size_t len);
void ki_imp_closed_by_links(const struct ki_imp *c, const char *urn,
    char *out);

/* join.c: the per-school sources joined onto the current row. */
void ki_imp_join(struct ki_imp *c, size_t base);
void ki_imp_fill(struct ki_imp *c, const struct ki_imp_src *s,
    const char *const *v);

/* join_pack.c: a per-school source's rows, packed. */

/* Empty, for rows of ncols columns, urncol the urn's. 0, or -1 (no memory). */
int ki_imp_pack_init(struct ki_imp_pack *p, size_t ncols, long urncol);
void ki_imp_pack_free(struct ki_imp_pack *p);

/*
 * Add the row v (ncols values, NULL blank) of school urn, from line, its
 * URN interned in urns. Returns 0; 1 if urn has a row already (its line
 * in *first, nothing added); -1 on allocation failure.
 */
int ki_imp_pack_add(struct ki_imp_pack *p, struct ki_urnset *urns,
    const char *urn, const char *const *v, long line, long *first);

/* The row of school urn, or -1. */
long ki_imp_pack_find(const struct ki_imp_pack *p,
    const struct ki_urnset *urns, const char *urn);

/*
 * Row row's values into v (ncols): each valid while p lives; the urn
 * column's is urn itself.
 */
void ki_imp_pack_row(const struct ki_imp_pack *p, long row, const char *urn,
    const char **v);

/* join_merge.c: per-year sources that share a school and year. */
int ki_imp_see(struct ki_imp *c, const char *key, const char *y);
int ki_imp_hold(struct ki_imp *c, const char *key, size_t k, long line);
int ki_imp_flush_merged(struct ki_imp *c, struct ki_writer *w);
void ki_imp_free_merged(void *p);
int ki_imp_spool_row(struct ki_imp *c, long line);
int ki_imp_flush_spool(struct ki_imp *c, struct ki_writer *w);

/* import.c */
int ki_imp_written(struct ki_imp *c, const struct ki_writer *w);

#endif
