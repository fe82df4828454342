/* getrusage(2) (syscall 77) and struct rusage, i386's layout. */
#ifndef ULIB_SYS_RESOURCE_H
#define ULIB_SYS_RESOURCE_H

#include <uapi/linux/resource.h> /* struct rusage, RUSAGE_* */

int getrusage(int who, struct rusage *usage);

#endif
