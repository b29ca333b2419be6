/* Advisers and the assignment of schools to them. */
#ifndef KI_ASSIGN_H
#define KI_ASSIGN_H

#include <stddef.h>
#include <stdint.h>

#include "ki/err.h"
#include "ki/tab.h"

struct ki_adviser {
	char *id;
	char *name;
	char **districts;	/* NULL-terminated; empty means any */
	char **phases;		/* NULL-terminated; empty means any */
	int64_t capacity;	/* hundredths of a day */
	int64_t load;		/* assigned so far */
};

struct ki_advisers {
	struct ki_adviser *a;	/* sorted by id */
	size_t n;
};

/* A school to place. */
struct ki_job {
	const char *urn;
	const char *district;
	const char *phase;
	int64_t days;		/* hundredths */
	long adviser;		/* index into advisers, or -1 */
	int near;		/* placed with an adviser of its district, not its phase */
	char why[160];		/* why not placed */
};

/*
 * Read the adviser CSV (or NDJSON) at path: columns id, name, districts,
 * phases (each a list split on ';'), capacity (days, up to two decimals).
 * Rejects a duplicate id, a negative or non-numeric capacity, a blank id,
 * and, when districts is not NULL, a district no school has (a typo).
 * Returns 0, or -1 with err at the file and line.
 */
int ki_advisers_load(struct ki_advisers *adv, const char *path,
    const struct ki_tab *districts, struct ki_err *err);

/* Free what ki_advisers_load allocated. */
void ki_advisers_free(struct ki_advisers *adv);

/*
 * Place each job with an adviser: one covering its district and phase with
 * room for its days, the least loaded first; else one covering its
 * district. Never over capacity. Then moves schools while a move to a less
 * loaded adviser of their district and phase makes the loads more even.
 * The result does not depend on the order of jobs or advisers. A job with
 * no days (0) is not placed. Sets each job's adviser (or why), and each
 * adviser's load. Returns 0, or -1 on allocation failure.
 */
int ki_assign(struct ki_advisers *adv, struct ki_job *jobs, size_t n);

#endif
