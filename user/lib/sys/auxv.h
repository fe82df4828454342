/* The auxiliary vector Linux's execve puts after envp (linux/auxvec.h types). */
#ifndef ULIB_SYS_AUXV_H
#define ULIB_SYS_AUXV_H

#include <uapi/linux/auxvec.h>

/* The value of entry `type`, or 0 if the kernel did not supply it. */
unsigned long getauxval(unsigned long type);

#endif
