/*
 * The ktest runner: picks the suites named by ktest=, runs each case,
 * prints KTAP version 1 exactly as KUnit lays it out, and ends the boot by
 * the exit protocol. Output for one failing case looks like:
 *
 *   KTAP version 1
 *   1..1
 *       KTAP version 1
 *       # Subtest: lib
 *       1..2
 *       ok 1 kstrtoul_rejects_garbage
 *       # memparse_suffixes: EXPECTATION FAILED at kernel/lib/...:42
 *       Expected v == 1024, but
 *       ...
 *       not ok 2 memparse_suffixes
 *   # lib: pass:1 fail:1 skip:0 total:2
 *   not ok 1 lib
 *   # Totals: pass:1 fail:1 skip:0 total:2
 */
#include "kernel/ktest.h"
#include "kernel/params.h"
#include "kernel/reboot.h"
#include "kernel/lib/string.h"

extern const struct ktest_suite __ktest_suites_start[], __ktest_suites_end[];

static char ktest_param_buf[128];
static const char *ktest_param; /* NULL: no tests asked for */

static int ktest_setup(char *val)
{
	strlcpy(ktest_param_buf, val, sizeof(ktest_param_buf));
	ktest_param = ktest_param_buf;
	return 0;
}
__setup("ktest=", ktest_setup);

void ktest_fail(struct ktest *t, const char *file, int line, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	t->failed = true;
	printk(KERN_ERR "    # %s: EXPECTATION FAILED at %s:%d\n", t->name, file, line);
	printk(KERN_ERR "    %s\n", msg);
}

/* Is suite `name` in the comma-separated list (or is the list "all")? */
static bool suite_requested(const struct ktest_suite *s)
{
	const char *p = ktest_param;
	size_t n = strlen(s->name);

	if (!strcmp(p, "all"))
		return !s->explicit_only;
	while (*p) {
		if (!strncmp(p, s->name, n) && (p[n] == ',' || p[n] == '\0'))
			return true;
		p = strchr(p, ',');
		if (!p)
			break;
		p++;
	}
	return false;
}

struct ktest_totals {
	int pass, fail, skip;
};

static bool run_suite(const struct ktest_suite *s, struct ktest_totals *all)
{
	struct ktest_totals st = { 0, 0, 0 };
	const struct ktest_case *c;
	int n = 0;

	for (c = s->cases; c->run; c++)
		n++;
	printk(KERN_INFO "    KTAP version 1\n");
	printk(KERN_INFO "    # Subtest: %s\n", s->name);
	printk(KERN_INFO "    1..%d\n", n);
	n = 0;
	for (c = s->cases; c->run; c++) {
		struct ktest t = { c->name, false, NULL };

		c->run(&t);
		n++;
		if (t.failed) {
			st.fail++;
			printk(KERN_INFO "    not ok %d %s\n", n, c->name);
		} else if (t.skip_reason) {
			st.skip++;
			printk(KERN_INFO "    ok %d %s # SKIP %s\n", n, c->name, t.skip_reason);
		} else {
			st.pass++;
			printk(KERN_INFO "    ok %d %s\n", n, c->name);
		}
	}
	printk(KERN_INFO "# %s: pass:%d fail:%d skip:%d total:%d\n", s->name, st.pass, st.fail,
	       st.skip, st.pass + st.fail + st.skip);
	all->pass += st.pass;
	all->fail += st.fail;
	all->skip += st.skip;
	return st.fail == 0;
}

void ktest_run_requested(void)
{
	const struct ktest_suite *s;
	struct ktest_totals all = { 0, 0, 0 };
	int nr = 0, index = 0;
	bool ok = true;

	if (!ktest_param)
		return;
	for (s = __ktest_suites_start; s < __ktest_suites_end; s++)
		nr += suite_requested(s);
	printk(KERN_INFO "KTAP version 1\n");
	printk(KERN_INFO "1..%d\n", nr);
	if (nr == 0) {
		pr_err("# ktest: no suite matches \"%s\"\n", ktest_param);
		ok = false;
	}
	for (s = __ktest_suites_start; s < __ktest_suites_end; s++) {
		bool passed;

		if (!suite_requested(s))
			continue;
		passed = run_suite(s, &all);
		printk(KERN_INFO "%s %d %s\n", passed ? "ok" : "not ok", ++index, s->name);
		ok &= passed;
	}
	printk(KERN_INFO "# Totals: pass:%d fail:%d skip:%d total:%d\n", all.pass, all.fail,
	       all.skip, all.pass + all.fail + all.skip);
	pr_notice("ktest: %s\n", ok ? "all tests passed" : "FAILED");
	machine_halt_with(DEBUG_EXIT_STATUS_BASE + (ok ? 0 : 1));
}
