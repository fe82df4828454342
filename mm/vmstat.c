/*
 * Memory counters for /proc/vmstat (Linux's mm/vmstat.c). One CPU: plain
 * global arrays, no per-CPU deltas to fold.
 */
#include "mm/vmstat.h"

unsigned long vm_event_states[NR_VM_EVENT_ITEMS];
long vm_zone_stat[NR_VM_ZONE_STAT_ITEMS];

#define TEXTS_FOR_ZONES(xx) xx "_dma", xx "_normal", xx "_high", xx "_movable"

const char *const vm_event_names[NR_VM_EVENT_ITEMS] = {
	"pgpgin",
	"pgpgout",
	"pswpin",
	"pswpout",
	TEXTS_FOR_ZONES("pgalloc"),
	TEXTS_FOR_ZONES("allocstall"),
	TEXTS_FOR_ZONES("pgskip"),
	"pgfree",
	"pgactivate",
	"pgdeactivate",
	"pgfault",
	"pgmajfault",
	"pgrefill",
	"pgreuse",
	"pgsteal_kswapd",
	"pgsteal_direct",
	"pgscan_kswapd",
	"pgscan_direct",
	"pgscan_anon",
	"pgscan_file",
	"pgsteal_anon",
	"pgsteal_file",
	"pginodesteal",
	"slabs_scanned",
	"pageoutrun",
	"pgrotated",
	"drop_pagecache",
	"drop_slab",
	"oom_kill",
	"kswapd_low_wmark_hit_quickly",
	"kswapd_high_wmark_hit_quickly",
	"unevictable_pgs_culled",
	"unevictable_pgs_scanned",
	"unevictable_pgs_rescued",
	"unevictable_pgs_mlocked",
	"unevictable_pgs_munlocked",
	"unevictable_pgs_cleared",
	"unevictable_pgs_stranded",
	"swap_ra",
	"swap_ra_hit",
	"zswpin",
	"zswpout",
};
