/* Floor standards' insides, shared by lib/std*.c and no one else. */
#ifndef KI_STD_IMPL_H
#define KI_STD_IMPL_H

#include <stdint.h>

#include "ki/cond.h"
#include "ki/std.h"

/* lib/std.c loads a standard and binds it; lib/std_judge.c judges rows. */

#define STD_Y0		1900	/* the years a rule may name */
#define STD_NYEARS	201

/* Where the rule of measure coasting, stage st and year y is in rule_of. */
#define STD_RULE_OF(s, coasting, st, y) \
	((((size_t)(coasting) * (s)->nstages + (st)) * STD_NYEARS) + \
	(size_t)((y) - STD_Y0))

struct excl {
	struct ki_cond *when;
	char *reason;
};

struct rule {
	char *id;
	int coasting;		/* measure: 0 floor, 1 coasting */
	size_t stage;		/* index into stages */
	int from, to;
	char *none;		/* n/a with this reason */
	struct excl *excl;
	size_t nexcl;
	struct ki_cond *below;
};

struct stage {
	char *name;
	char **phases;
	size_t nphases;
};

struct ki_std {
	char *file;
	char *name;
	struct stage *stages;
	size_t nstages;
	struct excl *na;
	size_t nna;
	int coast_from, coast_to, coast_years;
	struct rule *rules;
	size_t nrules;
	/* The rule of each measure, stage and year 1900-2100: its index + 1,
	 * or 0 for none; NULL until the rules are checked. */
	uint32_t *rule_of;
	long i_phase;
};

#endif
