/*
 * What the system is: /proc/version, /proc/cpuinfo and /proc/filesystems,
 * in Linux's formats (fs/proc/version.c, arch/x86/kernel/cpu/proc.c,
 * fs/filesystems.c); /proc/mounts is fs/super.c's.
 *
 * /proc/version is Linux's banner line: "Linux version <release> (<who>)
 * (<compiler>) <uts version>". /proc/cpuinfo reads CPUID as Linux does: the
 * vendor, family/model/stepping, the brand string, the TSC's MHz, the
 * feature flags by Linux's names (the first CPUID words only: leaf 1, as
 * an i686 kernel shows most of them) and bogomips as twice the MHz (what
 * Linux's calibration gives with a TSC). /proc/filesystems lists the file
 * system types this kernel has, "nodev" before those that need no disk.
 */
#include "fs/proc/internal.h"
#include "kernel/time.h"
#include "kernel/version.h"
#include "kernel/lib/string.h"

int version_proc_show(struct seq_file *m, struct task_struct *task)
{
	(void)task;
	seq_printf(m, "Linux version %s (tidemark@tidemark) (gcc " __VERSION__ ") %s\n",
		   UTS_RELEASE, UTS_VERSION);
	return 0;
}

/* ---- cpuinfo -------------------------------------------------------------- */

static void cpuid(u32 leaf, u32 r[4])
{
	r[0] = leaf;
	r[2] = 0;
	__asm__ volatile("cpuid" : "+a"(r[0]), "=b"(r[1]), "+c"(r[2]), "=d"(r[3]));
}

/* Linux's x86_cap_flags names for CPUID 1 EDX (word 0) and ECX (word 4). */
static const char *const edx_flags[32] = {
	"fpu",	"vme",	"de",	"pse", "tsc",  "msr", "pae",   "mce", "cx8",	 "apic", NULL,
	"sep",	"mtrr", "pge",	"mca", "cmov", "pat", "pse36", "pn",  "clflush", NULL,	 "dts",
	"acpi", "mmx",	"fxsr", "sse", "sse2", "ss",  "ht",    "tm",  "ia64",	 "pbe",
};
static const char *const ecx_flags[32] = {
	"pni",	  "pclmulqdq",	"dtes64", "monitor", "ds_cpl",
	"vmx",	  "smx",	"est",	  "tm2",     "ssse3",
	"cid",	  "sdbg",	"fma",	  "cx16",    "xtpr",
	"pdcm",	  NULL,		"pcid",	  "dca",     "sse4_1",
	"sse4_2", "x2apic",	"movbe",  "popcnt",  "tsc_deadline_timer",
	"aes",	  "xsave",	NULL,	  "avx",     "f16c",
	"rdrand", "hypervisor",
};

static void show_flags(struct seq_file *m, u32 word, const char *const names[32])
{
	for (int i = 0; i < 32; i++)
		if ((word >> i & 1) && names[i])
			seq_printf(m, " %s", names[i]);
}

int cpuinfo_proc_show(struct seq_file *m, struct task_struct *task)
{
	u32 r[4], vendor[4] = { 0 }, brand[13] = { 0 }, max_ext;
	unsigned int family, model, stepping;

	(void)task;
	cpuid(0, r);
	vendor[0] = r[1];
	vendor[1] = r[3];
	vendor[2] = r[2];
	cpuid(0x80000000, brand);
	max_ext = brand[0];
	for (u32 leaf = 0x80000002; leaf <= 0x80000004 && max_ext >= 0x80000004; leaf++)
		cpuid(leaf, &brand[(leaf - 0x80000002) * 4]);
	if (max_ext < 0x80000004)
		brand[0] = 0;
	cpuid(1, r);
	family = (r[0] >> 8) & 0xf;
	model = (r[0] >> 4) & 0xf;
	stepping = r[0] & 0xf;
	if (family == 0xf)
		family += (r[0] >> 20) & 0xff;
	if (family >= 6)
		model += ((r[0] >> 16) & 0xf) << 4;
	seq_printf(m, "processor\t: 0\nvendor_id\t: %s\ncpu family\t: %u\nmodel\t\t: %u\n",
		   (const char *)vendor, family, model);
	seq_printf(m, "model name\t: %s\nstepping\t: %u\n",
		   brand[0] ? (const char *)brand : "unknown", stepping);
	seq_printf(m, "cpu MHz\t\t: %lu.%03lu\n", tsc_khz / 1000, tsc_khz % 1000);
	seq_puts(m, "fdiv_bug\t: no\nf00f_bug\t: no\ncoma_bug\t: no\nfpu\t\t: yes\n"
		    "fpu_exception\t: yes\n");
	cpuid(0, brand);
	seq_printf(m, "cpuid level\t: %u\nwp\t\t: yes\nflags\t\t:", brand[0]);
	show_flags(m, r[3], edx_flags);
	show_flags(m, r[2], ecx_flags);
	seq_printf(m, "\nbogomips\t: %lu.%02lu\n", tsc_khz * 2 / 1000, tsc_khz * 2 % 1000 / 10);
	seq_printf(m, "clflush size\t: %u\ncache_alignment\t: %u\n", ((r[1] >> 8) & 0xff) * 8,
		   ((r[1] >> 8) & 0xff) * 8);
	seq_puts(m, "address sizes\t: 32 bits physical, 32 bits virtual\npower management:\n\n");
	return 0;
}

/* ---- filesystems ---------------------------------------------------------------- */

int filesystems_proc_show(struct seq_file *m, struct task_struct *task)
{
	(void)task;
	seq_puts(m, "nodev\ttmpfs\nnodev\tramfs\nnodev\trootfs\nnodev\tproc\n\text2\n");
	return 0;
}
