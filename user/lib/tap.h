/*
 * TAP output for the user test programs that also run on Linux under
 * qemu-i386 (vfstest, nametest, ulibtest, linktest): each check prints
 *
 *   ok N - what            or            not ok N - what
 *
 * and tap_done() ends with "1..N" and "# PROG: P passed, F failed", and
 * returns the exit status (0 if every check passed, 1 otherwise). The
 * system tests read these lines.
 */
#ifndef ULIB_TAP_H
#define ULIB_TAP_H

void tap_check(int ok, const char *what);
int tap_done(const char *prog);

/* Files for the checks: make_file writes text to a new or emptied path (1 if it all went). */
int make_file(const char *path, const char *text);
/* The first 63 bytes of path as a string ("" if it cannot be read); a static buffer. */
const char *contents(const char *path);

#define CHECK(cond) tap_check(!!(cond), #cond)
/* A call that must fail with errno e. */
#define FAILS(call, e) tap_check((call) == -1 && errno == (e), #call " fails with " #e)

#endif
