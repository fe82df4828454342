/* uname(2): Linux's struct new_utsname (syscall 122). */
#ifndef ULIB_SYS_UTSNAME_H
#define ULIB_SYS_UTSNAME_H

struct utsname {
	char sysname[65];
	char nodename[65];
	char release[65];
	char version[65];
	char machine[65];
	char domainname[65];
};

int uname(struct utsname *buf);

#endif
